"""`roundtable export` in every format, read back; and ctrl+e in the TUI."""

from __future__ import annotations

import csv
import json

from roundtable.domain.models import Participant
from roundtable.tui.app import RoundtableApp

from outcome_helpers import all_parts_text, headings, speak

CH_GUEST = Participant(name="Zebulon Quartermaine", position="Vice-Minister of Zephyr Affairs",
                       organisation="Ministry of Zephyrs", country="NZ", category="government", gender="f")
OFF_GUEST = Participant(name="Oswin Offrecord", organisation="Quiet Delegation", country="IS")
SECRETS = ("Zebulon", "Quartermaine", "Zephyr", "Oswin", "Offrecord", "Quiet Delegation", "New Zealand", "Iceland",
           "Hoda Baraka", "Pavel Tkach", "Government of Egypt", "Government of Belarus", "not for the record")


def _with_guests(forum):
    speak(forum.store, "gegf-2014", "D2-RT", CH_GUEST, 40, note="Chatham point.")
    speak(forum.store, "gegf-2014", "D1-HOD", OFF_GUEST, 20, note="Off-record point.")


def test_export_writes_the_word_file_in_exports_by_default(demo_forum, demo_dir, cli):
    result = cli("export", "--db", demo_dir / "gegf-2014.db")
    assert result.code == 0, result
    expected = demo_dir.parent / "exports" / "gegf-2014-outcome.docx"
    assert result.out.strip() == str(expected)
    assert headings(expected)[0] == "Background and objectives"


def test_export_in_russian_to_a_named_file(demo_forum, demo_dir, tmp_path, cli):
    out = tmp_path / "out" / "итог.docx"
    result = cli("export", "--db", demo_dir / "gegf-2014.db", "--out", out, "--lang", "ru")
    assert result.code == 0, result
    assert headings(out)[0] == "Общие сведения и цели"


def test_bad_language_or_format_is_one_line_and_exit_2(demo_forum, demo_dir, cli):
    db = demo_dir / "gegf-2014.db"
    for args, word in ((("--lang", "fr"), "--lang"), (("--format", "odt"), "--format")):
        result = cli("export", "--db", db, *args)
        assert result.code == 2
        assert result.err.count("\n") == 1 and word in result.err
    assert not (demo_dir.parent / "exports" / "gegf-2014-outcome.docx").exists()
    missing = cli("export", "--db", demo_dir / "missing.db")
    assert missing.code == 2 and missing.err.count("\n") == 1


def test_markdown_holds_the_same_sections_and_no_secrets(demo_forum, demo_dir, tmp_path, cli):
    _with_guests(demo_forum)
    out = tmp_path / "outcome.md"
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--format", "md", "--out", out).code == 0
    whole = out.read_text(encoding="utf-8")
    # Annex I lists every participant, the Chatham House guest too: being listed is not attribution.
    text = whole[:whole.index("## Annex I.")] + whole[whole.index("## Annex II."):]
    assert "Zebulon Quartermaine" in whole[whole.index("## Annex I."):whole.index("## Annex II.")]
    sections = [line[3:] for line in whole.splitlines() if line.startswith("## ")]
    assert sections == ["Background and objectives", "Programme overview", "Session summaries",
                        "Recommendations by track", "Participation statistics", "Annex I. List of participants",
                        "Annex II. List of speakers"]
    assert "**1.1** Member States should invest" in text and "**4.1**" in text
    assert "measured service standard" not in text
    for secret in SECRETS:
        assert secret not in text, secret
    assert "Heads of delegation: informal consultation" in text  # its programme line


def test_csv_has_one_row_per_intervention_with_attribution_applied(demo_forum, demo_dir, tmp_path, cli):
    _with_guests(demo_forum)
    out = tmp_path / "speakers.csv"
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--out", out).code == 0  # format from the suffix
    raw = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(raw.splitlines()))
    assert list(rows[0]) == ["session_code", "session_title", "start", "end", "duration_seconds", "speaker",
                             "country", "regional_group", "category", "gender", "speech_type", "language"]
    assert len(rows) == 9  # the sample's 9 interventions minus the off-record one, plus the Chatham House guest
    assert {r["session_code"] for r in rows} == {"D2-PLEN", "D2-RT", "T2-2.1", "T1-1.2"}
    mussin = next(r for r in rows if r["speaker"] == "H.E. Mr. Bagdat Mussin")
    assert mussin["duration_seconds"] == "400" and mussin["country"] == "Kazakhstan" and mussin["language"] == "ru"
    assert mussin["regional_group"] == "Asia-Pacific States" and mussin["gender"] == "m"
    assert mussin["start"] == "2014-10-07T09:40:00" and mussin["end"] == "2014-10-07T09:46:40"
    # No language recorded: the forum's first
    assert {r["language"] for r in rows} <= {"en", "ru", "kk"} and all(r["language"] for r in rows)
    assert all(r["speaker"] == "A participant" and not r["country"] and not r["regional_group"]
               for r in rows if r["session_code"] == "D2-RT")
    assert next(r for r in rows if r["session_code"] == "T2-2.1")["speaker"] == "The representative of Kazakhstan"
    for secret in SECRETS:
        assert secret not in raw, secret


def test_json_is_the_whole_assembled_document(demo_forum, demo_dir, tmp_path, cli):
    _with_guests(demo_forum)
    out = tmp_path / "outcome.json"
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--format", "json", "--out", out, "--lang", "kk").code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    listed = json.dumps(data.pop("participants"), ensure_ascii=False)  # Annex I: being listed is not attribution
    assert "Zebulon Quartermaine" in listed
    raw = json.dumps(data, ensure_ascii=False)
    assert data["lang"] == "kk" and data["headings"]["annex"] == "II қосымша. Сөз сөйлегендер тізімі"
    assert [t["number"] for t in data["recommendations"]] == [1, 2, 4]
    assert [s["code"] for s in data["summaries"]] == ["D2-PLEN", "D2-RT", "T2-2.1", "T1-1.2"]
    assert len(data["interventions"]) == 9
    for secret in SECRETS:
        assert secret not in raw, secret


async def test_ctrl_e_exports_from_the_programme_and_shows_the_path(demo_forum, demo_dir):
    app = RoundtableApp(demo_forum.store)
    expected = demo_dir.parent / "exports" / "gegf-2014-outcome.docx"
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert str(expected) in messages
    assert expected.exists()
    assert "Global E-Government Forum 2014" in all_parts_text(expected)


def test_csv_gives_international_staff_their_organisation_and_no_country(demo_forum, demo_dir, tmp_path, cli):
    staff = Participant(name="Vincenzo Aquaro", honorific="Mr.", position="Chief, E-Government Branch",
                        organisation="UN DESA / DPADM", country="IT", category="international-organisation")
    speak(demo_forum.store, "gegf-2014", "T2-2.1", staff, 50, note="Presented the 2014 Survey.")
    speak(demo_forum.store, "gegf-2014", "D2-PLEN", staff, 50, note="Presented the 2014 Survey.")
    out = tmp_path / "speakers.csv"
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--out", out).code == 0
    rows = [r for r in csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()) if "Aquaro" in r["speaker"]
            or r["speaker"] == "The representative of UN DESA / DPADM"]
    assert len(rows) == 2
    assert all(r["country"] == "" and r["regional_group"] == "" for r in rows), rows
    assert "Italy" not in out.read_text(encoding="utf-8-sig")
