"""Registration lists as secretariats have them (issue 25): an Indico export, a secretariat's Excel
workbook, a ministry's sheet with title rows and Russian headers, a Kazakh .xls, a French .ods, a
Google Forms CSV with countries nobody knows. Each is imported through the CLI and read back from
the database; `check` says how it read the columns; a malformed file is refused on one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roundtable.formats import roster_sheet
from roundtable.formats.registration_list import parse_roster, read_roster
from roundtable.formats.roster_csv import read_csv
from roundtable.store import open_store, roster

from conftest import DEMO, REPO

DATA = REPO / "tests" / "data"


@pytest.fixture
def db(cli, tmp_path) -> Path:
    result = cli("init", DEMO, "--db", tmp_path / "f.db")
    assert result.code == 0, result
    return tmp_path / "f.db"


def people(db: Path) -> dict[str, roster.Participant]:
    with open_store(db) as store:
        return {p.name: p for p in roster.load_participants(store)}


def to_complete(db: Path) -> dict[str, dict[str, str]]:
    with open_store(db) as store:
        marks = roster.incomplete(store)
        return {p.name: marks[p.id] for p in roster.load_participants(store) if p.id in marks}


def refused(result, *fragments: str) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1, result.err
    for fragment in fragments:
        assert fragment in result.err, (fragment, result.err)


def test_an_indico_export_imports_in_full(cli, db):
    result = cli("participants", "import", DATA / "indico-registrants.xlsx", "--db", db)
    assert result.code == 0, result
    assert result.out.strip() == "added 14, updated 0, skipped 0"
    stored = people(db)
    carter = stored["John Carter"]  # First Name + Last Name, joined as written
    assert (carter.honorific, carter.organisation, carter.position, carter.country, carter.email) == (
        "Mr", "U.S. Department of State", "Senior Advisor for Digital Government", "US", "j.carter@state.example")
    countries = {name: stored[name].country for name in (
        "Thị Lan Nguyễn", "Seo-yeon Park", "Mohammad Reza Hosseini", "Ana María Quispe Mamani", "Kouassi Yao",
        "Ahmed Al Mansoori", "Emre Yılmaz", "Ingrid van der Berg", "Jean-Pierre Mukendi", "Dmitry Volkov",
        "Sarah O'Neill")}
    assert countries == {"Thị Lan Nguyễn": "VN", "Seo-yeon Park": "KR", "Mohammad Reza Hosseini": "IR",
                         "Ana María Quispe Mamani": "BO", "Kouassi Yao": "CI", "Ahmed Al Mansoori": "AE",
                         "Emre Yılmaz": "TR", "Ingrid van der Berg": "NL", "Jean-Pierre Mukendi": "CD",
                         "Dmitry Volkov": "RU", "Sarah O'Neill": "GB"}
    # Registration state: withdrawn and rejected are not attending; pending and complete are.
    assert {n for n, p in stored.items() if not p.attending} == {"Ahmed Al Mansoori", "Kwame Mensah"}
    assert stored["Mohammad Reza Hosseini"].attending
    assert to_complete(db) == {}
    again = cli("participants", "import", DATA / "indico-registrants.xlsx", "--db", db)
    assert again.out.strip() == "added 0, updated 0, skipped 14"


def test_check_says_how_it_reads_each_column(cli, db):
    result = cli("check", DATA / "indico-registrants.xlsx")
    assert result.code == 0, result
    path = DATA / "indico-registrants.xlsx"
    assert result.out.splitlines() == [
        f'{path}: sheet "Registrants": row 1: the header row',
        '  column A "ID": not read: not a column roundtable knows',
        '  column B "Registration date": not read: not a column roundtable knows',
        '  column C "Registration state": attending (registration state: withdrawn, cancelled or rejected = not attending)',
        '  column D "Title": honorific',
        '  column E "First Name": name (given name)',
        '  column F "Last Name": name (family name)',
        '  column G "Email Address": email',
        '  column H "Affiliation": organisation',
        '  column I "Position": position',
        '  column J "Country": country',
        '  column K "Phone": not read: not a column roundtable knows',
        f"{path}: OK, 14 participants; 2 not attending",
    ]
    assert result.err == ""  # each column said once, in the mapping, not again as a warning
    imported = cli("participants", "import", path, "--db", db)
    assert [line for line in imported.err.splitlines() if "column" in line] == [  # no mapping there: warnings
        f'roundtable: warning: {path}: sheet "Registrants": row 1: column \'{header}\' (column {letter}) is not one '
        "roundtable knows and is ignored"
        for header, letter in (("ID", "A"), ("Registration date", "B"), ("Phone", "K"))
    ]


def test_a_ministry_sheet_with_title_rows_and_russian_headers(cli, db):
    checked = cli("check", DATA / "ministry-participants.xlsx")
    assert checked.code == 0, checked
    assert checked.out.splitlines()[0].endswith('sheet "Лист1": row 4: the header row')  # below two titles and a blank row
    assert cli("participants", "import", DATA / "ministry-participants.xlsx", "--db", db).code == 0
    stored = people(db)
    zhumabaeva = stored["Жумабаева Айгерим Сериковна"]  # one ФИО column, kept as written
    assert (zhumabaeva.position, zhumabaeva.organisation, zhumabaeva.country) == (
        "Руководитель управления электронного правительства", "Министерство по инвестициям и развитию", "KZ")
    assert {stored[n].country for n in ("Петров Сергей Иванович", "Смирнова Елена Викторовна")} == {"RU"}
    assert [stored[n].country for n in ("Асанов Бакыт Токтогулович", "Назарова Гульнора Рахимовна",
                                        "Уильямс Джеймс", "Ким Мин Чжун", "Мюллер Ханс")] == ["KG", "UZ", "US", "KR", "DE"]
    assert stored["Смирнова Елена Викторовна"].email is None  # an empty cell gives nothing


def test_a_kazakh_xls_joins_the_name_from_its_three_columns(cli, db):
    assert cli("participants", "import", DATA / "ministry-participants-kk.xls", "--db", db).code == 0
    stored = people(db)
    # Аты + Әкесінің аты + Тегі, in that order, whatever order the columns stand in.
    assert stored["Ерлан Маратұлы Сейітқали"].country == "KZ"
    assert stored["Әсел Нұрғалиқызы"].position == "Ғылыми қызметкер"  # no patronymic given
    assert [stored[n].country for n in ("Сергей Петрович Иванов", "Джон Смит", "Бакыт Токтогулович Асанов",
                                        "Эмре Йылмаз")] == ["RU", "US", "KG", "TR"]


def test_a_libreoffice_ods_in_french(cli, db):
    result = cli("participants", "import", DATA / "inscriptions.ods", "--db", db)
    assert result.code == 0 and result.out.strip() == "added 9, updated 0, skipped 0", result
    stored = people(db)
    assert (stored["Marie-Claire Dubois"].honorific, stored["Marie-Claire Dubois"].country) == ("Mme", "FR")
    assert [stored[n].country for n in ("Moussa Ndiaye", "Youssef El Amrani", "Sophie Lambert", "Lukas Meier",
                                        "Aminata Koné", "Jean Tremblay", "Hye-jin Choi", "Carlos Pereira")] == [
        "SN", "MA", "BE", "CH", "CI", "CA", "KR", "DE"]


def test_a_secretariat_workbook_is_read_from_its_participants_sheet_as_excel_shows_it():
    with roster_sheet.Workbook(DATA / "secretariat-workbook.xlsx") as book:
        assert book.names == ["Summary", "Participants", "Lists"] and book.visible == ["Summary", "Participants"]
        summary = dict((cells[0], cells[1]) for _, cells in book.sheet("Summary").rows if cells[0])
        table = book.sheet("Participants")
    assert summary["Participants"] == "4" and summary["Nights booked"] == "10"  # formulas: their values
    header, first = table.rows[0][1], table.rows[1][1]
    assert dict(zip(header, first)) == {
        "First name": "Bagdat", "Last name": "Mussin", "Full name": "Bagdat Mussin",  # a formula's value
        "Organisation": "Government of Kazakhstan", "Country": "KZ", "Arrival": "2014-10-06", "Nights": "3",
        "Badge no.": "1002", "Fee paid": "TRUE"}
    parsed = read_roster(DATA / "secretariat-workbook.xlsx")  # the first sheet with a header: Participants
    assert [(p.name, p.country) for p in parsed.participants] == [
        ("Bagdat Mussin", "KZ"), ("Hoda Baraka", "EG"), ("Pavel Tkach", "BY"), ("Amina Diallo", "SN")]
    assert any("column 'First name' (column A) is a part of the name, which is read whole from column 'Full name' "
               "(column C)" in w for w in parsed.warnings)


def test_the_demo_forums_people_are_recognised_in_a_workbook(cli, db):
    result = cli("participants", "import", DATA / "secretariat-workbook.xlsx", "--db", db)
    assert result.code == 0, result
    assert result.out.strip() == "added 1, updated 0, skipped 3"  # Mussin, Baraka, Tkach are the programme's


def test_unknown_countries_are_people_to_complete_not_a_refused_list(cli, db):
    path = DATA / "google-forms-unknown-country.csv"
    result = cli("participants", "import", path, "--db", db)
    assert result.code == 0, result
    assert result.out.strip() == ("added 7, updated 0, skipped 0; 2 to complete (country not known): the participants "
                                  "screen (f2) lists them")
    for line, text in ((3, "Kazahstan"), (5, "Somaliland")):
        assert (f'roundtable: warning: {path}: line {line}: country "{text}" is not one roundtable knows: imported '
                "without a country, to complete in the participants screen (f2)") in result.err.splitlines()
    stored = people(db)
    assert stored["Timur Akhmetov"].country is None and stored["Aliya Bekova"].country == "KZ"
    assert [stored[n].country for n in ("Olga Kuznetsova", "Emily Chen", "Mart Tamm", "Minh Anh Tran")] == [
        "RU", "US", "EE", "VN"]
    assert to_complete(db) == {"Timur Akhmetov": {"country": "Kazahstan"}, "Abdirahman Yusuf": {"country": "Somaliland"}}
    # The next list spells it right: the mark goes; the same unknown text again changes nothing.
    fixed = path.read_text(encoding="utf-8").replace("Kazahstan", "Kazakhstan")
    corrected = db.parent / "corrected.csv"
    corrected.write_text(fixed, encoding="utf-8")
    again = cli("participants", "import", corrected, "--db", db)
    assert again.out.strip().startswith("added 0, updated 1, skipped 6"), again
    assert to_complete(db) == {"Abdirahman Yusuf": {"country": "Somaliland"}}
    assert people(db)["Timur Akhmetov"].country == "KZ"


def test_a_person_named_twice_in_one_list_is_to_complete_as_their_later_row_leaves_them(db):
    """A chunk's new people are inserted together at its end: a person's second row is folded into
    the row still to be written, what is left to complete with it."""
    text = ("name,organisation,country\nAli Khan,UN,Narnia\nali  KHAN,un,KZ\nBo Li,WHO,KZ\nbo li,who,Narnia\n"
            "Cy Ek,OECD,Narnia\ncy ek,oecd,\n")
    parsed = parse_roster(text, "twice.csv")
    with open_store(db) as store:
        counts = roster.import_participants(store, "gegf-2014", parsed.participants, to_complete=parsed.to_complete)
        assert (counts.added, counts.updated, counts.skipped) == (3, 0, 0)
        stored = {p.name: p for p in roster.load_participants(store)}
        marks = roster.incomplete(store)
        assert stored["ali  KHAN"].country == "KZ" and stored["ali  KHAN"].id not in marks  # given later: complete
        assert stored["bo li"].country == "KZ" and stored["bo li"].id not in marks  # a country it has stands
        assert stored["cy ek"].country is None and marks[stored["cy ek"].id] == {"country": "Narnia"}
    assert parsed.people_to_complete() == 1  # Cy Ek, once, not the three rows that named Narnia


def test_the_count_to_complete_is_of_people_not_rows(cli, db, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text("name,organisation,country\nAli Khan,UN,Narnia\nali  KHAN,un,Narnia\nBo Li,WHO,KZ\n"
                    "bo li,who,Narnia\nCy Ek,OECD,Atlantis\n", encoding="utf-8")
    checked = cli("check", path)
    assert checked.code == 0, checked
    assert checked.out.strip().endswith("OK, 3 participants in 5 rows; 2 to complete (country not known)")
    imported = cli("participants", "import", path, "--db", db)
    assert imported.out.strip().endswith("; 2 to complete (country not known): the participants screen (f2) lists them")


def test_strict_refuses_a_list_with_an_unknown_country_and_writes_nothing(cli, db):
    before = people(db)
    for args in (("check",), ("participants", "import")):
        extra = ("--db", db) if args[0] == "participants" else ()
        result = cli(*args, DATA / "google-forms-unknown-country.csv", *extra, "--strict")
        refused(result, 'google-forms-unknown-country.csv: line 3: country: "Kazahstan" is not a country roundtable '
                        "knows (--strict)")
    assert people(db) == before


def test_columns_names_what_the_headers_do_not_say(cli, db, tmp_path):
    path = tmp_path / "ministry.csv"
    path.write_text("Участник;Ведомство;Организация;Страна\nИванов Иван;Минцифры;ООО Ромашка;Россия\n", encoding="utf-8")
    refused(cli("check", path), "line 1: no 'name' column in the header row (found: Участник, Ведомство, Организация, "
                                "Страна)")
    result = cli("check", path, "--columns", "name=участник,organisation=Ведомство")
    assert result.code == 0, result
    assert result.out.splitlines()[1:5] == [
        '  column 1 "Участник": name (--columns)',
        '  column 2 "Ведомство": organisation (--columns)',
        '  column 3 "Организация": not read: --columns names another column for it',
        '  column 4 "Страна": country',
    ]
    assert "Организация" not in result.err  # the mapping said it
    assert cli("participants", "import", path, "--db", db, "--columns", "name=участник,organisation=Ведомство").code == 0
    assert people(db)["Иванов Иван"].organisation == "Минцифры"
    refused(cli("check", path, "--columns", "nmae=Участник"), "--columns", '"nmae" is not a roster column',
            "did you mean 'name'?")
    refused(cli("check", path, "--columns", "name=ФИО"), "--columns", 'name="ФИО"')


def test_the_sheet_is_chosen_by_name_or_as_the_first_with_a_header(cli):
    book = DATA / "secretariat-workbook.xlsx"
    refused(cli("check", book, "--sheet", "Summary"), 'sheet "Summary": row 1: no \'name\' column in the header row')
    refused(cli("check", book, "--sheet", "Budget"), '--sheet: no sheet "Budget" (sheets: "Summary", "Participants", '
                                                     '"Lists")')
    assert cli("check", book, "--sheet", "Participants").code == 0
    refused(cli("check", DATA / "google-forms-unknown-country.csv", "--sheet", "x"), "a CSV file has no sheets")


def test_a_bad_value_in_a_sheet_names_the_sheet_the_row_and_the_column(cli, db, tmp_path):
    import xlsxwriter

    path = tmp_path / "people.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Delegates")
    sheet.write_row(0, 0, ["Full name", "Пол", "Rank"])
    sheet.write_row(1, 0, ["Ali Khan", "м", "minister"])
    sheet.write_row(2, 0, ["Zoe Park", "perhaps", "expert"])
    book.close()
    before = people(db)
    refused(cli("participants", "import", path, "--db", db),
            f'{path}: sheet "Delegates": row 3: gender (column B \'Пол\'): "perhaps" is not one of')
    assert people(db) == before
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    refused(cli("participants", "import", path, "--db", db), f"{path}: not a readable .xlsx file")
    refused(cli("check", path.with_suffix(".ods")), "no such file")


def test_the_committed_lists_are_what_the_script_writes(tmp_path):
    """tests/data/make_registration_lists.py rebuilds the files (LibreOffice's .ods and .xls
    aside, which need LibreOffice Calc): their cells are the committed files' cells."""
    import sys

    sys.path.insert(0, str(DATA))
    try:
        import make_registration_lists
    finally:
        sys.path.remove(str(DATA))
    for made in make_registration_lists.build(tmp_path, with_libreoffice=False):
        committed = DATA / made.name
        if made.suffix == ".csv":
            assert made.read_bytes() == committed.read_bytes(), made.name
            continue
        with roster_sheet.Workbook(made) as fresh, roster_sheet.Workbook(committed) as kept:
            assert fresh.names == kept.names
            for name in fresh.names:
                assert fresh.sheet(name).rows == kept.sheet(name).rows, (made.name, name)


def test_a_csv_and_a_spreadsheet_are_read_to_the_same_people(tmp_path):
    import xlsxwriter

    path = tmp_path / "list.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    rows = [r for _, r in read_csv(DATA / "google-forms-unknown-country.csv").rows]
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    from_csv, from_sheet = read_roster(DATA / "google-forms-unknown-country.csv"), read_roster(path)
    assert from_csv.participants == from_sheet.participants
    assert from_csv.to_complete == from_sheet.to_complete == {1: {"country": "Kazahstan"}, 3: {"country": "Somaliland"}}


def test_what_is_left_to_complete_travels_in_a_merge_and_is_checked(laptops):
    from roundtable.store.merge import merge_database
    from roundtable.store.row_validation import validate_row

    here, there = laptops
    parsed = read_roster(DATA / "google-forms-unknown-country.csv")
    roster.import_participants(there, "gegf-2014", parsed.participants, to_complete=parsed.to_complete)
    merge_database(here, there.path)
    marks = roster.incomplete(here)
    assert sorted(marks.values(), key=str) == [{"country": "Kazahstan"}, {"country": "Somaliland"}]
    row = dict(here.query_one("SELECT * FROM participants WHERE to_complete IS NOT NULL"))
    assert validate_row("participants", row) == []
    assert [p.field for p in validate_row("participants", row | {"to_complete": "Narnia"})] == ["to_complete"]
    assert [p.field for p in validate_row("participants", row | {"to_complete": json.dumps([1])})] == ["to_complete"]


def test_correcting_a_person_in_the_application_completes_them(db, clock):
    parsed = read_roster(DATA / "google-forms-unknown-country.csv")
    with open_store(db) as store:
        roster.import_participants(store, "gegf-2014", parsed.participants, to_complete=parsed.to_complete)
        timur = next(p for p in roster.load_participants(store) if p.name == "Timur Akhmetov")
        roster.update_participant(store, timur.model_copy(update={"country": "KZ"}), clock())
        assert timur.id not in roster.incomplete(store)


async def test_the_participants_screen_lists_those_to_complete_and_completes_them(demo_forum, clock):
    from textual.widgets import Input, Static

    from roundtable.tui.app import RoundtableApp
    from roundtable.tui.screens.participant_form import ParticipantForm
    from roundtable.tui.screens.participants import ParticipantsScreen, PeopleTable

    store = demo_forum.store
    parsed = read_roster(DATA / "google-forms-unknown-country.csv")
    roster.import_participants(store, demo_forum.forum.id, parsed.participants, to_complete=parsed.to_complete)
    app = RoundtableApp(store, now=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
        count = str(app.screen.query_one("#people-count", Static).render())
        assert "2 to complete (2 from a registration list)" in count
        await pilot.press(*"akhmetov")
        await pilot.pause()
        table = app.screen.query_one(PeopleTable)
        assert table.column("mark") == ["to complete: country"] and table.column("country") == [""]
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantForm)
        country = app.screen.query_one("#field-country", Input)
        assert country.value == "Kazahstan" and country.has_focus  # the text as the list wrote it, to correct
        assert '"Kazahstan" is not a country roundtable knows' in str(app.screen.query_one("#country-hint").render())
        await pilot.press("ctrl+a", "ctrl+k", *"Kazakhstan", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
        assert table.column("mark") == [""] and table.column("country") == ["Kazakhstan"]
        assert "1 to complete (1 from a registration list)" in str(app.screen.query_one("#people-count").render())
    with open_store(store.path) as after:  # the app closed its connection on the way out
        timur = next(p for p in roster.load_participants(after) if p.name == "Timur Akhmetov")
        assert timur.country == "KZ" and timur.id not in roster.incomplete(after)
