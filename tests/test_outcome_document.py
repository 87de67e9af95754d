"""The secretariat exports the outcome document in Word and reads it back as a reader would."""

from __future__ import annotations

import datetime as dt
import re

from docx import Document

from roundtable.domain import clock
from roundtable.domain.models import Participant
from roundtable.outcome.export import export
from roundtable.domain.catalogue import catalogue
from roundtable.store import programme as programme_store, recommendations

from outcome_helpers import all_parts_text, headings, paragraphs, speak, without_list_of_participants

SECTIONS = ["background", "programme", "summaries", "recommendations", "statistics", "annex_participants", "annex"]


def _export(forum, tmp_path, lang="en", name="outcome.docx"):
    return export(forum.store, tmp_path / "exports" / name, "docx", lang)


def test_sections_come_in_the_contract_order_with_a_title_page_and_contents(demo_forum, tmp_path):
    path = _export(demo_forum, tmp_path)
    document = Document(str(path))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.index("Title") < styles.index("TOC Heading") < styles.index("Heading 1")
    assert document.paragraphs[styles.index("Title")].text == "Global E-Government Forum 2014"
    assert headings(path) == [catalogue().label(key) for key in SECTIONS]
    xml = all_parts_text(path)
    assert 'TOC \\o "1-2"' in xml
    assert '<w:updateFields w:val="true"/>' in xml
    assert "Table Grid" in xml or 'w:tblStyle w:val="TableGrid"' in xml


def test_footer_numbers_pages_and_properties_name_the_organisers(demo_forum, tmp_path):
    path = _export(demo_forum, tmp_path)
    document = Document(str(path))
    footer = document.sections[0].footer
    assert footer.paragraphs[0].text.startswith("Page")
    assert "PAGE" in footer._element.xml
    core = document.core_properties
    assert core.title == "Global E-Government Forum 2014: Outcome document"
    assert core.author == "UN DESA / DPADM; Agency for Communications and Information of the Republic of Kazakhstan"
    assert core.language == "en-GB"
    assert core.created.year >= 2024 and core.modified == core.created
    assert "python-docx" not in all_parts_text(path)
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in document.tables:
        grid = table._tbl.tblGrid
        assert sum(col.w for col in grid.gridCol_lst) <= text_width


def test_recommendations_are_numbered_per_track_agreed_first_and_dropped_ones_left_out(demo_forum, tmp_path):
    store = demo_forum.store
    rt = programme_store.find_session(store, "D2-RT")
    recommendations.add_recommendation(store, "T1", "Agreed late: publish open data by default.", clock.now(),
                                       session_id=rt.id, status="agreed")
    path = _export(demo_forum, tmp_path)
    numbered = [p.split("\t", 1) for p in paragraphs(path) if re.match(r"^\d+\.\d+\t", p)]
    assert [n for n, _ in numbered] == ["1.1", "1.2", "1.3", "1.4", "2.1", "4.1"]
    texts = dict(numbered)
    assert texts["1.3"] == "Agreed late: publish open data by default."
    assert texts["1.4"].startswith("Treat government as an open innovation platform")  # proposed, after agreed
    assert "measured service standard" not in all_parts_text(path)  # dropped
    assert headings(path, 2).count("Track 1. Capacity development workshop on Smart Governance for "
                                   "Sustainable Development (EGB/DPADM)") == 1


def test_nothing_identifies_a_speaker_of_a_chatham_house_session(demo_forum, tmp_path):
    store = demo_forum.store
    guest = Participant(name="Zebulon Quartermaine", honorific="H.E. Ms.", position="Vice-Minister of Zephyr Affairs",
                        organisation="Ministry of Zephyrs", country="NZ", category="government", rank="minister")
    speak(store, "gegf-2014", "D2-RT", guest, 40, note="A frank view on shared platforms.", key_point=True)
    for lang in ("en", "ru"):
        path = _export(demo_forum, tmp_path, lang, f"ch-{lang}.docx")
        xml = without_list_of_participants(path) if lang == "en" else all_parts_text(path)
        if lang == "ru":  # the Russian document's Annex I, headed in Russian
            start = xml.rfind("<w:p>", 0, xml.rindex("Приложение I. Список участников</w:t>"))
            xml = xml[:start] + xml[xml.rfind("<w:p>", 0, xml.rindex("Приложение II. Список выступающих</w:t>")):]
        for secret in ("Zebulon", "Quartermaine", "Vice-Minister of Zephyr Affairs", "Ministry of Zephyrs",
                       "Hoda Baraka", "Government of Egypt", "Pavel Tkach", "Government of Belarus",
                       "Ministry of Communications and Information Technology", "Communications and Informatization"):
            assert secret not in xml, (lang, secret)
        text = "\n".join(paragraphs(path))
        assert "A frank view on shared platforms." in text  # the point is kept, unattributed
        assert catalogue(lang).label("a_participant") in text
        assert catalogue(lang).label("speakers_counted", n=3) in text


def test_an_off_record_session_leaves_only_its_programme_line(demo_forum, tmp_path):
    store = demo_forum.store
    hod = programme_store.find_session(store, "D1-HOD")
    insider = Participant(name="Oswin Offrecord", position="Sherpa", organisation="Quiet Delegation", country="IS",
                          category="government", gender="f")
    speak(store, "gegf-2014", "D1-HOD", insider, 20, note="Backroom marker sentence.")
    recommendations.add_recommendation(store, "T2", "Hush-hush recommendation.", clock.now(), session_id=hod.id,
                                       status="agreed")
    path = _export(demo_forum, tmp_path)
    xml = without_list_of_participants(path)  # Oswin attended: Annex I lists him, nothing else does
    assert "Oswin Offrecord" in all_parts_text(path)
    for secret in ("Oswin", "Offrecord", "Quiet Delegation", "Sherpa", "Backroom marker", "Hush-hush",
                   "not for the record", "Iceland"):
        assert secret not in xml, secret
    document = Document(str(path))
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    hod_rows = [r for r in rows if any("D1-HOD" in c for c in r)]
    assert len(hod_rows) == 1
    time, session, kind, chair = hod_rows[0]
    assert time == "16:00–17:00" and hod.title in session and "Off the record" in session
    assert kind == chair == ""
    assert xml.count("D1-HOD") == 1
    # Its speakers and speaking time are not in the statistics: 8 interventions in the sample, one of them off record.
    figures = {r[0]: r[1] for r in rows if len(r) == 2}
    assert figures["Interventions"] == "8" and figures["Speakers"] == "8"


def test_by_country_sessions_name_the_country_in_the_documents_language(demo_forum, tmp_path):
    # The sample's intervention there was given in Kazakh, not the forum's first language (English).
    for lang, phrase in (("en", "The representative of Kazakhstan (in Kazakh)"),
                         ("ru", "Представитель Казахстана (на казахском языке)"),
                         ("kk", "Қазақстан өкілі (қазақ тілінде)")):
        document = Document(str(_export(demo_forum, tmp_path, lang, f"bc-{lang}.docx")))
        texts = [p.text for p in document.paragraphs]
        start = next(i for i, p in enumerate(document.paragraphs)
                     if p.style.name == "Heading 2" and p.text.startswith("T2-2.1."))
        # heading, date and chair, then the speaker line
        assert texts[start + 2] == phrase
        assert texts[start + 3].startswith("Ministers' blogs")


def test_key_points_are_emphasised(demo_forum, tmp_path):
    document = Document(str(_export(demo_forum, tmp_path)))
    bold = {r.text for p in document.paragraphs if p.style.name == "List Bullet" for r in p.runs if r.bold}
    assert any(t.startswith("Digital technologies must serve the citizen first") for t in bold)
    assert not any(t.startswith("Welcomed the Forum to Astana") for t in bold)


def test_russian_and_kazakh_labels(demo_forum, tmp_path):
    for lang in ("ru", "kk"):
        path = _export(demo_forum, tmp_path, lang, f"labels-{lang}.docx")
        document = Document(str(path))
        assert headings(path) == [catalogue(lang).label(key) for key in SECTIONS]
        assert document.sections[0].footer.paragraphs[0].text.startswith(catalogue(lang).label("page"))
        assert document.core_properties.language == {"ru": "ru-RU", "kk": "kk-KZ"}[lang]
        text = "\n".join(paragraphs(path))
        assert {"ru": "6–8 октября 2014 г.", "kk": "2014 жылғы 6–8 қазан"}[lang] in text
        cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
        assert {"ru": "Пленарное заседание", "kk": "Пленарлық отырыс"}[lang] in cells
        assert {"ru": "Правительство", "kk": "Үкімет"}[lang] in cells


HOSTILE = {
    "controls": "Bell\x07 and\x0b vertical\x1b escape\x7f kept: tab\tand line\nbreak",
    "nul": "before\x00after",
    "rtl": "قال ممثل مصر إن الشراكة ضرورية",
    "kazakh": "Әкімдік ғимараты қағаз ұсынымы, өңір, үкімет, һәм іс",
    "emoji": "Great session 🎉👍🏽 — ✓",
}


def test_hostile_texts_export_without_error_or_loss_of_printable_characters(demo_forum, tmp_path):
    store = demo_forum.store
    long_note = ("Қазақстан " + "x" * 990) * 50  # 50,000 characters
    person = Participant(name="Nul\x00 Byte \u202eNames", country="EG", organisation="\x01Org")
    session, request = speak(store, "gegf-2014", "T1-1.2", person, 30)
    from roundtable.store import notes

    for i, text in enumerate([*HOSTILE.values(), long_note]):
        notes.add_note(store, session.id, text, request.started_at + dt.timedelta(seconds=20 + i),
                       intervention_id=request.id)
    path = _export(demo_forum, tmp_path)
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Bell and vertical escape kept: tab\tand line\nbreak" in text
    assert "beforeafter" in text
    assert HOSTILE["rtl"] in text and HOSTILE["kazakh"] in text and HOSTILE["emoji"] in text
    assert long_note in text and len(long_note) == 50_000
    assert "Nul Byte Names" in text  # the override is no part of a name (domain/name_text.py)
    rtl = next(p for p in document.paragraphs if p.text == HOSTILE["rtl"])
    assert rtl._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi") is not None


def test_a_lone_surrogate_reaching_the_renderer_is_dropped(demo_forum, tmp_path):
    from roundtable.outcome.assemble import assemble
    from roundtable.outcome.docx_render import render_docx

    doc = assemble(demo_forum.store, "en")
    doc.summaries[0].items[0].points[0].text = "broken \ud800 pair and \ufffe end"
    path = render_docx(doc, tmp_path / "surrogate.docx")
    assert "broken  pair and  end" in "\n".join(paragraphs(path))


def test_a_session_summarys_date_line_stays_with_its_first_speaker(demo_forum, tmp_path):
    document = Document(str(_export(demo_forum, tmp_path)))
    paragraphs = document.paragraphs
    summaries = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text == "Session summaries")
    recommendations = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and i > summaries)
    headings = [i for i in range(summaries, recommendations) if paragraphs[i].style.name == "Heading 2"]
    assert headings
    for i in headings:
        assert paragraphs[i + 1].paragraph_format.keep_with_next, paragraphs[i].text
