"""The CSV and JSON exports of an assembled `OutcomeDocument`.

CSV: one row per intervention (speakers and speaking times), with the attribution its session
allows (see assemble.py): UTF-8 with a byte-order mark so that spreadsheet programs read Cyrillic
and Kazakh letters right, and every text cell guarded against being read as a formula
(formula_guard.py). JSON: the whole assembled document.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields

from roundtable.outcome.formula_guard import neutralise_formula
from roundtable.outcome.model import InterventionRecord, OutcomeDocument

CSV_COLUMNS = [f.name for f in fields(InterventionRecord)]
def render_csv(doc: OutcomeDocument) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in doc.interventions:
        writer.writerow([neutralise_formula(getattr(record, column)) for column in CSV_COLUMNS])
    return buffer.getvalue()


def render_json(doc: OutcomeDocument) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n"
