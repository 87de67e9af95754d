"""The document's statistics: speaking time by regional group, the Gini coefficient with its
meaning, interventions by speech type and by language, read back from the Word file."""

from __future__ import annotations

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from roundtable.domain import clock, statistics
from roundtable.outcome.export import export
from roundtable.store import programme as programme_store
from roundtable.store.outcome_reader import read_outcome


def _tables_after(document, heading: str) -> list[list[str]]:
    """The rows of the first table after the Heading 2 `heading` (not its line in the contents)."""
    seen = False
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            seen = seen or (block.style.name == "Heading 2" and block.text == heading)
        elif seen and isinstance(block, Table):
            return [[cell.text for cell in row.cells] for row in block.rows]
    raise AssertionError(f"no table after {heading!r}")


def _paragraph_after(document, heading: str) -> str:
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 2" and p.text == heading)
    return paragraphs[at + 1].text


def test_statistics_have_regions_gini_speech_types_and_languages(demo_forum, tmp_path):
    store = demo_forum.store
    path = export(store, tmp_path / "out.docx", "docx", "en")
    document = Document(str(path))
    h2 = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    for heading in ("Speaking time by category", "Speaking time by gender", "Speaking time by regional group",
                    "Gini coefficient of speaking time across delegations", "Interventions by type",
                    "Interventions by language"):
        assert heading in h2, heading

    regions = {row[0]: row for row in _tables_after(document, "Speaking time by regional group")[1:]}
    # The sample's speakers are from Kazakhstan, Italy, France...: Asia-Pacific and WEOG at least.
    assert "Asia-Pacific States" in regions and "Western European and other States" in regions
    assert all(row[3].endswith("%") for row in regions.values())

    # The Gini paragraph: the coefficient the domain computes from what the store recorded (on the
    # record only), then its meaning.
    sessions = {s.id: s for s in programme_store.load_sessions(store)}
    on_record = [sid for sid, s in sessions.items() if s.attribution != "off-record"]
    given = statistics.counted(
        [i for i in read_outcome(store).interventions if i.request.session_id in on_record], clock.now()
    )
    times = given
    expected = f"{statistics.totals(given).gini:.2f}"
    gini_paragraph = _paragraph_after(document, "Gini coefficient of speaking time across delegations")
    assert gini_paragraph.startswith("0.00 means every delegation spoke equally long")
    assert f"Here: {expected} — " in gini_paragraph

    types = {row[0]: row[1] for row in _tables_after(document, "Interventions by type")[1:]}
    assert sum(int(n) for n in types.values()) == len(times)
    languages = {row[0]: row[1] for row in _tables_after(document, "Interventions by language")[1:]}
    assert set(languages) <= {"English", "Russian", "Kazakh"} and "Russian" in languages
    assert sum(int(n) for n in languages.values()) == len(times)


def test_russian_statistics_use_russian_group_names_and_a_decimal_comma(demo_forum, tmp_path):
    document = Document(str(export(demo_forum.store, tmp_path / "ru.docx", "docx", "ru")))
    sentence = _paragraph_after(document, "Коэффициент Джини времени выступлений по делегациям")
    value = sentence.split("Здесь: ")[1].split(" ")[0]
    assert "," in value and value.replace(",", "").isdigit()
    regions = {row[0] for row in _tables_after(document, "Время выступлений по региональным группам")[1:]}
    assert "Азиатско-тихоокеанские государства" in regions
    languages = {row[0] for row in _tables_after(document, "Выступления по языкам")[1:]}
    assert "Русский" in languages
