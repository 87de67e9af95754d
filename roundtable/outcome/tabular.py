"""The CSV and JSON exports of an assembled `OutcomeDocument`.

CSV: one row per intervention (speakers and speaking times), with the attribution its session
allows (see assemble.py): UTF-8 with a byte-order mark so that spreadsheet programs read Cyrillic
and Kazakh letters right, and no cell a spreadsheet would run as a formula. JSON: the whole
assembled document. Texts arrive clean (model.Clean); only the spreadsheet's reading is guarded here.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields

from roundtable.outcome.model import InterventionRecord, OutcomeDocument

CSV_COLUMNS = [f.name for f in fields(InterventionRecord)]
# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: object) -> object:
    """A text cell that would start a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def render_csv(doc: OutcomeDocument) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in doc.interventions:
        writer.writerow([neutralised(getattr(record, column)) for column in CSV_COLUMNS])
    return buffer.getvalue()


def render_json(doc: OutcomeDocument) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n"
