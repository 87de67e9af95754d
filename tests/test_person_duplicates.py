"""The same person spelled twice (issue 26): the import warns naming both lines, f2 lists the pair and
merges it in two keys; invisible and direction-control characters leave names, with a warning;
`participants find` and `/` find people by the same model as the picker."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from roundtable.domain.models import Participant
from roundtable.domain.name_text import invisible_characters, without_invisible
from roundtable.domain.person_duplicates import likely_duplicates
from roundtable.formats.registration_list import parse_roster
from roundtable.store import open_store, roster
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.participants import ParticipantsScreen, PeopleTable
from roundtable.tui.screens.search import SearchScreen

from floor_helpers import SIZE, keys, notices

HEADER = "name,organisation,country\n"


def pairs(people):
    return [(people[d.first].name, people[d.second].name, d.why, d.shared) for d in likely_duplicates(people)]


def test_one_person_in_both_scripts_with_the_same_country_or_organisation():
    people = [
        Participant(name="Bagdat Mussin", organisation="Government of Kazakhstan", country="KZ"),
        Participant(name="Бағдат Мусин", organisation="Правительство Республики Казахстан", country="KZ"),
        Participant(name="Olga Golodets", organisation="Government of Russia", country="RU"),
        Participant(name="Голодец Ольга", organisation="Government of Russia"),
        Participant(name="Sauat Mynbayev"),
        Participant(name="Мынбаев Сауат", country="KZ"),
        Participant(name="Olga Ivanova", country="RU"),
        Participant(name="Ольга Иванова", country="UA"),  # two countries: two people
        Participant(name="Serik Akhmetov", country="KZ"),
        Participant(name="Ахметов Даниал", country="KZ"),  # another first name
    ]
    assert pairs(people) == [
        ("Bagdat Mussin", "Бағдат Мусин", "the same name in Latin and Cyrillic", "the same country, Kazakhstan"),
        ("Olga Golodets", "Голодец Ольга", "the same name in Latin and Cyrillic", "the same organisation"),
        ("Sauat Mynbayev", "Мынбаев Сауат", "the same name in Latin and Cyrillic",
         "no organisation or country to tell them apart"),
    ]


def test_a_latin_name_with_one_cyrillic_letter_is_the_same_person():
    people = [Participant(name="Julia Glidden", organisation="21c Consultancy", country="GB"),
              Participant(name="Julia Glіdden", organisation="21c", country="GB")]  # a Cyrillic і
    (pair,) = pairs(people)
    assert pair[2] == "'Julia Glіdden' has a Cyrillic і among Latin letters"
    # Two spellings in one script meet too: Mussin, Musin
    assert pairs([Participant(name="Bagdat Mussin", country="KZ"), Participant(name="Bagdat Musin", country="KZ")])[0][2] \
        == "the same name spelled two ways"


def test_the_import_names_both_lines_and_removes_invisible_characters():
    text = (HEADER + "Bagdat Mussin,Government of Kazakhstan,KZ\n"
            "Julia Glidden,21c Consultancy,GB\n"
            "Бағдат Мусин,Правительство,KZ\n"
            "Julia Gl\u0456dden,21c Consultancy,GB\n"
            "Taavi\u200b Kotka,Government CIO,EE\n"
            "\u202eTaavi Kotka\u202c,Government CIO,EE\n"
            "Hannes Astok,e-Governance\u2066 Academy\u2069,EE\n")
    parsed = parse_roster(text, "list.csv")
    warnings = "\n".join(parsed.warnings)
    assert ("list.csv: line 2 'Bagdat Mussin' and line 4 'Бағдат Мусин' may be one person: the same name in Latin "
            "and Cyrillic, the same country, Kazakhstan") in warnings
    assert "line 3 'Julia Glidden' and line 5 'Julia Glіdden' may be one person: 'Julia Glіdden' has a Cyrillic і" \
        in warnings
    assert "list.csv: line 6: name: 1 invisible character (U+200B ZERO WIDTH SPACE) removed" in warnings
    assert ("line 7: name: 2 invisible characters (U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP DIRECTIONAL "
            "FORMATTING) removed") in warnings
    assert "line 8: organisation: 2 invisible characters (U+2066 LEFT-TO-RIGHT ISOLATE, U+2069 POP DIRECTIONAL" \
        in warnings
    names = [p.name for p in parsed.participants]
    assert names[4:6] == ["Taavi Kotka", "Taavi Kotka"]  # one person, no longer two identical-looking ones
    assert "line 7: 'Taavi Kotka' (Government CIO) is the same person as on line 6" in warnings
    assert parsed.participants[6].organisation == "e-Governance Academy"
    assert parsed.people == 6


def test_a_spreadsheet_warns_as_a_csv_does_naming_its_sheet_and_rows(cli, forum, tmp_path):
    """Every reader of a registration list gives the same warnings: an Indico-style .xlsx with
    First/Last name columns and a Russian name column."""
    import xlsxwriter

    path = tmp_path / "registrants.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Registrants")
    sheet.write_row(0, 0, ["First Name", "Last Name", "Affiliation", "Country", "name_ru"])
    sheet.write_row(1, 0, ["Sauat", "Mynbayev", "Ministry of Oil and Gas", "Kazakhstan", ""])
    sheet.write_row(2, 0, ["Taavi\u200b", "Kotka", "Government CIO", "Estonia", ""])
    sheet.write_row(3, 0, ["Сауат", "Мынбаев", "", "Казахстан", ""])
    sheet.write_row(4, 0, ["Aset", "Issekeshev", "Ministry of Industry", "KZ", "Асет\u2066 Исекешев\u2069"])
    book.close()
    done = cli("participants", "import", path, "--db", forum.store.path)
    assert done.code == 0 and done.out.startswith("added 4,")
    assert (f'{path}: sheet "Registrants": row 2 \'Sauat Mynbayev\' and row 4 \'Сауат Мынбаев\' may be one person: '
            "the same name in Latin and Cyrillic, the same country, Kazakhstan") in done.err
    assert (f'{path}: sheet "Registrants": row 3: name (columns A, B \'First Name\', \'Last Name\'): 1 invisible '
            "character (U+200B ZERO WIDTH SPACE) removed") in done.err
    assert f'row 5: name_ru: 2 invisible characters (U+2066 LEFT-TO-RIGHT ISOLATE, U+2069' in done.err
    people = {p.name: p for p in roster.load_participants(forum.store)}
    assert "Taavi Kotka" in people
    assert people["Aset Issekeshev"].translations == {"ru": {"name": "Асет Исекешев"}}
    # `check` reads the list through the same reader, so it says the same
    assert "may be one person" in cli("check", path).err


def test_a_name_given_in_another_language_is_compared_too():
    people = [Participant(name="Bagdat Mussin", country="KZ", translations={"ru": {"name": "Багдат Мусин"}}),
              Participant(name="Багдат Мусин", organisation="Правительство", country="KZ")]
    assert pairs(people) == [("Bagdat Mussin", "Багдат Мусин", "the same name in Latin and Cyrillic",
                              "the same country, Kazakhstan")]
    # A registered Kazakh spelling nobody's transliteration reaches still meets the same spelling
    people = [Participant(name="Nurlan Kapparov", country="KZ", translations={"kk": {"name": "Нұрлан Қаппаров"}}),
              Participant(name="Қаппаров Нұрлан", country="KZ")]
    assert len(pairs(people)) == 1


def test_a_name_of_invisible_characters_only_is_refused_at_its_line():
    from roundtable.formats.errors import InputError

    with pytest.raises(InputError, match=r"line 2.*name"):
        parse_roster(HEADER + "\u200b\u200d,Org,KZ\n", "list.csv")


def test_a_persian_name_keeps_its_non_joiner():
    name = "\u0645\u062d\u0645\u062f\u200c\u0631\u0636\u0627"  # Mohammad‌reza, with its ZWNJ
    assert Participant(name=name).name == name
    assert invisible_characters(name) == []
    assert without_invisible("Bagdat\u200c Mussin") == "Bagdat Mussin"


@given(st.text(alphabet=st.sampled_from("ab ДЖ\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                        "\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad"), max_size=20))
def test_invisible_characters_never_survive_between_latin_or_cyrillic_letters(text):
    cleaned = without_invisible(text)
    assert not invisible_characters(cleaned)
    assert all(ch in "ab ДЖ" for ch in cleaned)
    assert without_invisible(cleaned) == cleaned


# -- the participants screen ----------------------------------------------------------------------


async def open_participants(pilot) -> None:
    await pilot.press("f2")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_f2_lists_the_likely_duplicates_and_merges_a_pair_in_two_keys(forum, clock):
    with open_store(forum.store.path) as store:
        # Added on the spot from the picker, as the moderator heard it, and a list's lookalike
        roster.add_participant(store, forum.forum.id, Participant(name="Бағдат Мусин"))
        roster.add_participant(store, forum.forum.id, Participant(name="Julia Glіdden", country="GB"))
    app = RoundtableApp(open_store(forum.store.path), now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_participants(pilot)
        screen = app.screen
        assert isinstance(screen, ParticipantsScreen)
        count = str(screen.query_one("#people-count").render())
        assert "2 likely duplicates: d lists them" in count
        await pilot.press("tab", "d")
        await pilot.pause()
        table = screen.query_one(PeopleTable)
        assert table.column("name") == [
            "≈ the same name in Latin and Cyrillic, no organisation or country to tell them apart",
            "H.E. Mr. Bagdat Mussin", "Бағдат Мусин",
            "≈ 'Julia Glіdden' has a Cyrillic і among Latin letters, the same country, United Kingdom",
            "Dr. Julia Glidden", "Julia Glіdden",
        ]
        assert table.selected_key == table.keys[1]  # the first record: the cursor passes the headings
        await pilot.press("down", "down")
        assert table.selected_key == table.keys[4]  # Dr. Julia Glidden, over the second group's reason
        await pilot.press("up")
        assert table.selected_key == table.keys[2]
        # The record to drop, then m m: the cursor moves to the other of the pair, m merges
        await pilot.press("m")
        await pilot.pause()
        assert table.selected_key == table.keys[1]  # Bagdat Mussin
        await pilot.press("m")
        await pilot.pause()
        assert "Бағдат Мусин merged into Bagdat Mussin" in " ".join(notices(app))
        assert table.column("name")[1:] == ["Dr. Julia Glidden", "Julia Glіdden"]
        await pilot.press("escape")  # back to everyone
        await pilot.pause()
        assert "1 likely duplicate: d lists them" in str(screen.query_one("#people-count").render())
    with open_store(forum.store.path) as store:
        names = [p.name for p in roster.load_participants(store)]
    assert "Бағдат Мусин" not in names and "Bagdat Mussin" in names


async def test_slash_finds_a_person_by_a_spelling_in_the_other_script_and_opens_them_in_f2(forum, clock):
    app = RoundtableApp(forum.store, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await app.workers.wait_for_complete()
        await pilot.press(*keys("Глидден"))
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        (first, *_rest) = app.screen.hits
        assert isinstance(first, Participant) and first.name == "Julia Glidden"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ParticipantsScreen)
        assert app.screen.query_one(PeopleTable).selected_key == first.id


# -- the command line -------------------------------------------------------------------------------


def test_participants_find_prints_the_best_match_first(forum, cli):
    db = forum.store.path
    done = cli("participants", "find", "Мусин", "--db", db)
    assert done.code == 0
    assert done.out.splitlines()[0] == "H.E. Mr. Bagdat Mussin · Kazakhstan · Government of Kazakhstan"
    done = cli("participants", "find", "dobro", "--db", db, "--json")
    (found,) = json.loads(done.out)
    assert {k: found[k] for k in ("name", "honorific", "country", "matched_on")} == {
        "name": "Елена Добролюбова", "honorific": "Ms.", "country": "RU", "matched_on": "name"}
    assert {"id", "organisation"} <= found.keys()
    done = cli("participants", "find", "rus", "--db", db, "--json", "--limit", "2")
    assert [p["matched_on"] for p in json.loads(done.out)] == ["country", "country"]
    assert "2 of 3 matches shown" in done.err


def test_participants_find_with_nobody_matching_exits_0(forum, cli):
    done = cli("participants", "find", "zzzz", "--db", forum.store.path, "--json")
    assert (done.code, json.loads(done.out)) == (0, [])
    done = cli("participants", "find", "zzzz", "--db", forum.store.path)
    assert (done.code, done.out) == (0, "")
    assert "nobody in the roster matches 'zzzz'" in done.err
    done = cli("participants", "find", "x", "--db", forum.store.path, "--limit", "0")
    assert done.code == 2


def test_the_import_names_someone_already_in_the_roster_under_another_spelling(forum, cli, tmp_path):
    listed = tmp_path / "late-registrations.csv"
    listed.write_text(HEADER + "Aset Issekeshev,Ministry of Industry,KZ\nБағдат Мусин,,KZ\n", encoding="utf-8")
    done = cli("participants", "import", listed, "--db", forum.store.path)
    assert done.code == 0 and done.out.strip() == "added 2, updated 0, skipped 0"
    assert (f"{listed}: line 3 'Бағдат Мусин' and 'Bagdat Mussin' (in the roster) may be one person: the same name "
            "in Latin and Cyrillic, the same country, Kazakhstan") in done.err
    again = cli("participants", "import", listed, "--db", forum.store.path)
    # Imported again: the same warning about Bagdat Mussin, none about the list's own people
    assert again.err.count("may be one person") == 1
