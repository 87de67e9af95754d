"""Issue 15: the outcome document a secretariat sends as it is, read back as a reader would: in the
document's language, draft or final, no empty heading, delegations by organisation, every source,
the list of participants, pages that flow; PDF and page numbers through LibreOffice where installed."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import pytest
from docx import Document

from roundtable.domain import clock
from roundtable.domain.models import Participant
from roundtable.outcome.export import export
from roundtable.outcome.libreoffice import has_uno
from roundtable.store import programme as programme_store, recommendations, roster

from outcome_helpers import all_parts_text, headings, paragraphs, speak

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOW = dt.datetime(2014, 10, 8, 11, 42, tzinfo=dt.timezone.utc)


def _docx(forum, tmp_path, name="o.docx", lang="en", **options):
    from roundtable.outcome.assemble import Options

    return export(forum.store, tmp_path / name, "docx", lang, NOW, Options(**options))


def test_the_russian_document_has_the_russian_titles(demo_forum, tmp_path):
    document = Document(str(_docx(demo_forum, tmp_path, lang="ru")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.paragraphs[[p.style.name for p in document.paragraphs].index("Title")].text == \
        "Глобальный форум по электронному правительству 2014 года"
    assert "Астана, Казахстан, 6–8 октября 2014 г." in text
    assert "D2-RT. Круглый стол министров: партнёрства в интересах умного управления" in headings(
        tmp_path / "o.docx", 2)
    assert "Ministerial Round-Table" not in text and "Astana, Kazakhstan" not in text
    assert "Зал пленарных заседаний" in text  # rooms too
    assert "Его Превосходительство г-н Багдат Мусин" in text  # honorifics the catalogue knows, the roster's Cyrillic name


def test_a_draft_says_so_with_the_time_of_export_and_the_final_text_does_not(demo_forum, tmp_path):
    draft = _docx(demo_forum, tmp_path, "draft.docx")
    document = Document(str(draft))
    assert document.paragraphs[0].text == "DRAFT"
    assert "Draft exported on 8 October 2014, " in document.paragraphs[1].text
    assert document.sections[0].header.paragraphs[0].text.endswith("— DRAFT")
    assert "Status: proposed" in "\n".join(paragraphs(draft)).replace("\n", " ") or "proposed" in all_parts_text(draft)

    store = demo_forum.store
    refused = None
    try:
        _docx(demo_forum, tmp_path, "final.docx", final=True)
    except ValueError as error:
        refused = str(error)
    assert refused == "2 recommendations are still proposed (tracks T1, T4); agree or drop them, or add --drop-proposed"
    final = _docx(demo_forum, tmp_path, "final.docx", final=True, drop_proposed=True)
    text = all_parts_text(final)
    assert "proposed" not in text and "DRAFT" not in text and "Status" not in text
    numbered = [p.split("\t", 1)[0] for p in paragraphs(final) if re.match(r"^\d+\.\d+\t", p)]
    assert numbered == ["1.1", "1.2", "2.1"]  # agreed only, without gaps (track 4 had only proposed ones)
    del store


def test_final_is_refused_by_the_cli_in_one_line_and_writes_nothing(demo_forum, demo_dir, tmp_path, cli):
    out = tmp_path / "final.docx"
    result = cli("export", "--db", demo_dir / "gegf-2014.db", "--final", "--out", out)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "--final: 2 recommendations are still proposed" in result.err and not out.exists()
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--final", "--drop-proposed", "--out", out).code == 0
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--drop-proposed").code == 2


def test_no_speaker_heading_without_points_but_one_sentence_naming_them(demo_forum, tmp_path):
    store = demo_forum.store
    for code, person, minute in (
        ("T2-2.1", Participant(name="Mona Hassan", country="EG", category="government"), 40),
        ("T2-2.1", Participant(name="Ivan Petrov", country="RU", category="government"), 45),
        ("T2-2.1", Participant(name="Olga Ivanova", country="RU", category="government"), 50),
        ("D2-RT", Participant(name="Anna Quiet", country="SE", category="government"), 60),
        ("D2-RT", Participant(name="Bo Silent", country="NO", category="government"), 62),
    ):
        speak(store, "gegf-2014", code, person, minute)
    for lang, by_country, counted in (
        ("en", "Also taking the floor: Egypt, the Russian Federation.", "Also taking the floor: 2 participants."),
        ("ru", "Также выступили: Египет, Российская Федерация.", "Также выступили участники: 2."),
        ("kk", "Сондай-ақ сөз алғандар: Мысыр, Ресей Федерациясы.", "Сондай-ақ сөз алған қатысушылар: 2."),
    ):
        path = _docx(demo_forum, tmp_path, f"{lang}.docx", lang)
        document = Document(str(path))
        texts = [p.text for p in document.paragraphs]
        assert by_country in texts and counted in texts, lang
        paragraphs_ = document.paragraphs
        start = max(i for i, p in enumerate(paragraphs_) if p.style.name == "Heading 1" and i < len(paragraphs_) - 1
                    and paragraphs_[i + 1].style.name == "Heading 2" and "D2-PLEN" in paragraphs_[i + 1].text)
        end = next(i for i, p in enumerate(paragraphs_) if p.style.name == "Heading 1" and i > start)
        bold_alone = [p for i, p in enumerate(paragraphs_[start:end], start)
                      if p.runs and p.runs[0].bold and p.style.name == "Normal"
                      and paragraphs_[i + 1].style.name != "List Bullet"]
        assert bold_alone == [], [p.text for p in bold_alone]


def test_a_speaker_without_a_country_is_the_representative_of_the_organisation(demo_forum, tmp_path):
    store = demo_forum.store
    desa = Participant(name="Deniz Desa", organisation="UN DESA", category="international-organisation")
    speak(store, "gegf-2014", "T2-2.1", desa, 40, note="Shared the Survey's method.")
    staff = Participant(name="Vincenzo Aquaro", honorific="Mr.", position="Chief, E-Government Branch",
                        organisation="UN DESA / DPADM", country="IT", category="international-organisation")
    speak(store, "gegf-2014", "T2-2.1", staff, 50, note="Presented the 2014 Survey.")
    speak(store, "gegf-2014", "T1-1.2", staff, 50, note="Chaired the discussion.")
    for lang, phrases in (("en", ["The representative of UN DESA"]),
                          ("ru", ["Представитель ДЭСВ ООН"]),
                          ("kk", ["БҰҰ ЭӘМД өкілі"])):
        path = _docx(demo_forum, tmp_path, f"org-{lang}.docx", lang)
        texts = [p.text for p in Document(str(path)).paragraphs]
        for phrase in phrases:
            assert texts.count(phrase) == 2, (lang, phrase)  # UN DESA and UN DESA / DPADM
        assert not any("Aquaro" in t and ("Italy" in t or "Италия" in t) for t in texts)
    texts = paragraphs(tmp_path / "org-en.docx")
    assert "Mr. Vincenzo Aquaro, Chief, E-Government Branch, UN DESA / DPADM" in texts  # attributed: by organisation
    annex = [[c.text for c in row.cells] for row in Document(str(tmp_path / "org-en.docx")).tables[-1].rows]
    assert ["Mr. Vincenzo Aquaro", "Chief, E-Government Branch", "UN DESA / DPADM", ""] in annex


def test_a_merged_recommendation_cites_every_source(demo_forum, tmp_path):
    store = demo_forum.store
    win = programme_store.find_session(store, "D2-WIN")
    plen = programme_store.find_session(store, "D2-PLEN")
    one = recommendations.add_recommendation(store, "T1", "Publish service standards.", clock.now(),
                                             session_id=plen.id, status="agreed")
    two = recommendations.add_recommendation(store, "T1", "Service standards should be public.", clock.now(),
                                             session_id=win.id, status="agreed")
    recommendations.merge(store, two.id, one.id, clock.now())
    path = _docx(demo_forum, tmp_path)
    text = "\n".join(paragraphs(path))
    assert ("Sources: D2-PLEN Opening plenary: Smart Governance for Sustainable Development; "
            "D2-WIN Selected presentations from the winners of the 2014 UN E-Government Survey") in text
    out = export(store, tmp_path / "o.json", "json", "ru", NOW)
    data = json.loads(out.read_text(encoding="utf-8"))
    rec = next(r for t in data["recommendations"] for r in t["items"] if r["text"] == "Publish service standards.")
    assert rec["sources"] == ["D2-PLEN Пленарное заседание открытия: умное управление в интересах устойчивого развития",
                              "D2-WIN Избранные выступления победителей Обзора ООН по электронному правительству 2014 года"]


def _annex_one(path) -> list[tuple[str, str]]:
    document = Document(str(path))
    out, inside = [], False
    for p in document.paragraphs:
        if p.style.name == "Heading 1":
            inside = p.text.startswith(("Annex I.", "Приложение I.", "I қосымша"))
            continue
        if inside and p.text.strip():
            out.append((p.style.name, p.text))
    return out


def test_annex_one_lists_every_participant_grouped_as_un_lists_are(demo_forum, demo_dir, tmp_path, cli):
    store = demo_forum.store
    assert cli("participants", "import", demo_dir / "gegf-2014-participants.csv", "--db",
               demo_dir / "gegf-2014.db").code == 0
    roster.add_participant(store, "gegf-2014", Participant(name="Walk In", organisation="Astana IT University",
                                                           category="academia", email="walk@example.org"))
    roster.import_participants(store, "gegf-2014", [
        Participant(name="Stay Home", country="FR", category="government", attending=False),
        Participant(name="No Publish", country="FR", category="government", publish=False),
    ])
    people = roster.load_participants(store)
    listed = [p for p in people if p.attending and p.publish]
    lines = _annex_one(_docx(demo_forum, tmp_path))
    text = "\n".join(t for _, t in lines)
    for person in listed:
        assert person.name in text, person.name
    assert "Stay Home" not in text and "No Publish" not in text and "@" not in text
    sections = [t for style, t in lines if style == "Heading 2"]
    assert sections[:2] == ["Member States", "International organisations"]
    assert sections[2:] == ["Private sector", "Civil society", "Academia"]
    countries = [t for style, t in lines if style == "Heading 3"]
    member_states = countries[:countries.index("Astana Civil Service Hub")]
    assert member_states == sorted(member_states) and "Kazakhstan" in member_states
    italy = lines[lines.index(("Heading 3", "Italy")) + 1][1]
    assert "Notarmuzi" in italy and "Aquaro" not in text[:text.index("Astana Civil Service Hub")]  # UN staff: by organisation
    # Kazakh: Member States in the Kazakh alphabet (Ә after А, Қ after К, Ө after О, Ұ Ү after У)
    kk = [t for style, t in _annex_one(_docx(demo_forum, tmp_path, "kk.docx", "kk")) if style == "Heading 3"]
    kk = kk[:kk.index("Астана мемлекеттік қызмет хабы")]  # the catalogue's Kazakh name of the Hub
    alphabet = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
    assert kk == sorted(kk, key=lambda name: [alphabet.index(c) if c in alphabet else 100 + ord(c) for c in name.upper()])
    assert kk.index("Әзірбайжан") < kk.index("Бразилия") and kk.index("Қазақстан") > kk.index("Кения")


def test_no_annex_leaves_both_annexes_out(demo_forum, demo_dir, tmp_path, cli):
    out = tmp_path / "short.docx"
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--no-annex", "--out", out).code == 0
    assert headings(out)[-1] == "Participation statistics"
    assert "Annex" not in all_parts_text(out)


def test_only_the_title_page_and_the_contents_stand_alone_and_tables_hold_together(demo_forum, tmp_path):
    document = Document(str(_docx(demo_forum, tmp_path)))
    breaks = [p.text for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(f"{W}pageBreakBefore") is not None]
    assert breaks == ["Contents", "Background and objectives", "Annex I. List of participants", "Annex II. List of speakers"]
    for p in document.paragraphs:
        if p.style.name.startswith("Heading"):
            assert p.paragraph_format.keep_with_next, p.text
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in rows)
        kept = [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in rows]
        assert not kept[-1]
        if len(rows) <= 9:
            assert all(kept[:-1])  # a short table is never split
        else:
            assert kept[0] and kept[1] and kept[-2]  # never a single row alone on a page
        if table._tbl.tr_lst[0].find(f"{W}trPr/{W}tblHeader") is not None:
            assert len(rows) > 1


LIBREOFFICE = shutil.which("soffice") is not None
needs_libreoffice = pytest.mark.skipif(not LIBREOFFICE, reason="LibreOffice is not installed (make deps)")


def test_pdf_without_libreoffice_is_one_line_with_the_install_command(demo_forum, demo_dir, tmp_path, cli, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "o.pdf"
    result = cli("export", "--db", demo_dir / "gegf-2014.db", "--out", out)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "apt-get install libreoffice-writer-nogui python3-uno" in result.err and not out.exists()


@needs_libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed (poppler-utils)")
def test_out_pdf_writes_a_pdf_whose_contents_have_page_numbers(demo_forum, demo_dir, tmp_path, cli):
    out = tmp_path / "итог.pdf"
    result = cli("export", "--db", demo_dir / "gegf-2014.db", "--out", out, "--lang", "ru")
    assert result.code == 0, result
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    contents = text[text.index("Содержание"):text.index("Общие сведения и цели", text.index("Содержание") + 20)]
    entries = [line for line in contents.splitlines() if "...." in line]
    assert len(entries) > 10 and all(re.search(r"\.\s*\d+$", line) for line in entries), entries
    assert "Глобальный форум по электронному правительству 2014 года" in text


@needs_libreoffice
@pytest.mark.skipif(not has_uno(), reason="python3-uno is not installed (make deps)")
def test_paginate_writes_the_page_numbers_into_our_own_contents(demo_forum, demo_dir, tmp_path, cli):
    out = tmp_path / "paged.docx"
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--paginate", "--out", out).code == 0
    document = Document(str(out))
    entries = [p.text for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert len(entries) > 10 and all(re.search(r"\t\d+$", entry) for entry in entries), entries
    pages = [int(entry.rsplit("\t", 1)[1]) for entry in entries]
    assert pages[0] == 3 and pages == sorted(pages)
    assert "updateFields" not in all_parts_text(out)
    assert "roundtable" in all_parts_text(out) and "LibreOffice" not in all_parts_text(out)  # ours, not its re-save


def test_a_speaker_with_an_item_is_not_also_listed_as_taking_the_floor(demo_forum):
    """Issue 24 item 4: Mussin spoke with notes, then again for 0:05 without any: his item, and not
    "Also taking the floor: … Mussin" too. The same in a by-country session (Kazakhstan has an item
    when one of its delegates has) and under the Chatham House Rule (a person counted once)."""
    from roundtable.outcome.assemble import assemble

    store = demo_forum.store
    mussin = Participant(name="Bagdat Mussin", honorific="H.E. Mr.", organisation="Government of Kazakhstan",
                         country="KZ", category="government")
    other_kz = Participant(name="Aliya Kazakh", organisation="Government of Kazakhstan", country="KZ",
                           category="government")
    quiet = Participant(name="Mona Hassan", country="EG", category="government")
    def counted(summary) -> int:  # "Also taking the floor: 3 participants."
        return int(summary.also_speaking.split()[-2]) if summary.also_speaking else 0

    before = next(s for s in assemble(store, "en", NOW).summaries if s.code == "D2-RT")
    for code in ("D2-PLEN", "T2-2.1", "D2-RT"):
        speak(store, "gegf-2014", code, mussin, 70, note="Announced the e-government strategy.")
        speak(store, "gegf-2014", code, mussin, 80, seconds=5)
        speak(store, "gegf-2014", code, other_kz, 85, seconds=30)
        speak(store, "gegf-2014", code, quiet, 90, seconds=30)
    summaries = {s.code: s for s in assemble(store, "en", NOW).summaries}
    assert "Mussin" not in summaries["D2-PLEN"].also_speaking
    assert "Aliya Kazakh" in summaries["D2-PLEN"].also_speaking
    assert "Kazakhstan" not in summaries["T2-2.1"].also_speaking and "Egypt" in summaries["T2-2.1"].also_speaking
    assert counted(summaries["D2-RT"]) == counted(before) + 2  # Aliya Kazakh and Mona Hassan, not Mussin
