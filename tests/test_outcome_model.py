"""The outcome model is the one place where text is made safe: whatever a field is given, every
renderer (Word, Markdown, CSV, JSON) writes a valid file from it without cleaning it again."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

from docx import Document

from roundtable.outcome import model
from roundtable.outcome.assemble import assemble
from roundtable.outcome.docx_render import render_docx
from roundtable.outcome.markdown import render_markdown
from roundtable.outcome.tabular import render_csv, render_json

HOSTILE = "=HYPERLINK(\"x\") \x00\x07\x1b\x7f\x85 \ud800\udfff \ufffe\uffff <b>&amp;</b> **bold** # [a](b) | `c` \\ _u_ \u202e end"
SAFE = "=HYPERLINK(\"x\")    <b>&amp;</b> **bold** # [a](b) | `c` \\ _u_ \u202e end"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _poison(node: object) -> int:
    """Set HOSTILE into every text field of the model tree, as assembly would set it; returns how many."""
    count = 0
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, str) or (value is None and "str" in str(f.type)):
            setattr(node, f.name, HOSTILE)
            count += 1
        elif str(f.type) == "list[str]":
            setattr(node, f.name, [HOSTILE, "\x00\x01"])
            count += 1
        elif isinstance(value, list):
            count += sum(_poison(item) for item in value if dataclasses.is_dataclass(item))
        elif dataclasses.is_dataclass(value):
            count += _poison(value)
    return count


def test_a_text_is_cleaned_when_it_is_set():
    point = model.Point("a\x00b\ud800c")
    assert point.text == "abc"
    point.text = "x\x1by"
    assert point.text == "xy"
    page = model.TitlePage("Outcome", "T\x07", None, "Astana", "7 October", ["UN DESA", "\x00", " "])
    assert page.title == "T" and page.theme is None and page.organisers == ["UN DESA"]


def test_every_text_field_with_hostile_text_renders_in_every_format(demo_forum, tmp_path):
    doc = assemble(demo_forum.store, "en")
    assert _poison(doc) > 100
    doc.properties.created = "2014-10-08T12:00:00+00:00"  # a date the Word renderer parses

    path = render_docx(doc, tmp_path / "hostile.docx")
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert SAFE in texts
    assert not any(FORBIDDEN.search(text) for text in texts)
    assert document.core_properties.title == SAFE

    markdown = render_markdown(doc)
    assert not FORBIDDEN.search(markdown)
    assert "\\<b\\>\\&amp;\\</b\\> \\*\\*bold\\*\\* \\# \\[a\\](b) \\| \\`c\\` \\\\ \\_u\\_" in markdown
    assert "<b>" not in markdown and "**bold**" not in markdown

    rows = list(csv.reader(io.StringIO(render_csv(doc))))
    assert len(rows) > 2
    for row in rows[1:]:
        assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)
        assert "'" + SAFE in row

    data = json.loads(render_json(doc))
    assert not FORBIDDEN.search(json.dumps(data, ensure_ascii=False))
    assert data["title_page"]["title"] == SAFE and data["title_page"]["organisers"] == [SAFE]
