"""Columns by meaning (issue 25): any usual name of a column, in English, French, Russian or
Kazakh, in any case, spacing and punctuation, is read as what it means; the parts of a name are
joined as written (given, patronymic, family) whatever order the columns stand in; a header row
is found below title and blank rows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from roundtable.formats.registration_list import parse_roster
from roundtable.formats.roster_columns import (HEADER_NAMES, NAME_PARTS, PER_LANGUAGE_FIELDS, find_header, map_header,
                                               parse_overrides)

LISTED = sorted((name, target) for target, names in HEADER_NAMES.items() for name in names)
# The names issue 25 lists, each with what it means.
ISSUE_HEADERS = {
    "Title": "honorific", "Salutation": "honorific", "Civilité": "honorific", "Обращение": "honorific",
    "Name": "name", "Full name": "name", "ФИО": "name", "Аты-жөні": "name",
    "First name": "given_name", "Given name": "given_name", "Last name": "family_name", "Family name": "family_name",
    "Surname": "family_name", "Prénom": "given_name", "Nom": "family_name", "Имя": "given_name",
    "Фамилия": "family_name", "Отчество": "patronymic",
    "Affiliation": "organisation", "Organization": "organisation", "Institution": "organisation",
    "Организация": "organisation", "Ведомство": "organisation", "Ұйым": "organisation",
    "Position": "position", "Job title": "position", "Function": "position", "Должность": "position",
    "Лауазымы": "position", "Country": "country", "Nationality": "country", "Страна": "country", "Ел": "country",
    "Email": "email", "E-mail": "email", "Email Address": "email", "Эл. почта": "email",
    "Registration state": "registration_state",
}


def test_every_header_the_issue_lists_means_what_it_says():
    assert {name: map_header([name]).columns[0].target for name in ISSUE_HEADERS} == ISSUE_HEADERS


@st.composite
def _typed(draw, pairs):
    """A listed header as another system writes it: any case, spaces and punctuation moved."""
    name, target = draw(st.sampled_from(pairs))
    chars = [ch.upper() if draw(st.booleans()) else ch.lower() for ch in name]
    text = "".join(chars).replace(" ", draw(st.sampled_from([" ", "", "_", "  ", "-"])))
    return draw(st.sampled_from(["", " "])) + text + draw(st.sampled_from(["", " ", ":", "*"])), target


@settings(max_examples=500, deadline=None)
@given(_typed(LISTED + sorted(ISSUE_HEADERS.items())))
def test_any_listed_header_in_any_case_and_spacing_means_what_it_says(typed):
    header, target = typed
    [column] = map_header([header]).columns
    assert column.target == target, header


@settings(max_examples=200, deadline=None)
@given(st.permutations(["Фамилия", "Имя", "Отчество", "Должность"]), st.sampled_from(["ru", "en", "kk"]))
def test_the_name_is_joined_as_written_whatever_the_order_of_its_columns(order, words):
    headers = {"ru": {"Фамилия": "Фамилия", "Имя": "Имя", "Отчество": "Отчество"},
               "en": {"Фамилия": "Last Name", "Имя": "First Name", "Отчество": "Middle Name"},
               "kk": {"Фамилия": "Тегі", "Имя": "Аты", "Отчество": "Әкесінің аты"}}[words]
    cells = {"Фамилия": "Иванова", "Имя": "Мария", "Отчество": "Петровна", "Должность": "Советник"}
    header = [headers.get(column, column) for column in order]
    row = [cells[column] for column in order]
    parsed = parse_roster(";".join(header) + "\n" + ";".join(row) + "\n", "p.csv")
    assert [(p.name, p.position) for p in parsed.participants] == [("Мария Петровна Иванова", "Советник")]


def test_first_and_last_name_give_john_carter_and_a_full_name_wins_over_its_parts():
    assert parse_roster("Last Name,First Name\nCarter,John\n").participants[0].name == "John Carter"
    both = parse_roster("First Name,Name,Last Name\nJohn,\"Carter, John (Dr)\",Carter\n")
    assert both.participants[0].name == "Carter, John (Dr)"
    assert sum("is a part of the name, which is read whole from column 'Name'" in w for w in both.warnings) == 2


def test_the_header_is_found_below_title_and_blank_rows():
    text = "Список участников;;\n;;\nГлобальный форум, 2014;;\n№;ФИО;Страна\n1;Иванов Иван;Россия\n"
    parsed = parse_roster(text, "p.csv")
    assert [(p.name, p.country) for p in parsed.participants] == [("Иванов Иван", "RU")]
    assert parsed.lines == [5] and parsed.mapping[0] == "p.csv: line 4: the header row" and parsed.show_mapping


def test_rows_with_nothing_read_are_skipped_with_a_warning():
    parsed = parse_roster("№;ФИО;Страна\n1;Иванов Иван;Россия\n2;;\n3;;\n", "p.csv")
    assert [p.name for p in parsed.participants] == ["Иванов Иван"]
    assert "p.csv: lines 3, 4: nothing in the columns roundtable reads; skipped" in parsed.warnings


def test_a_list_in_roundtables_own_columns_needs_no_explaining():
    assert not parse_roster("name,country\nA,KZ\n").show_mapping
    assert parse_roster("Name,Country,Organization\nA,KZ,UN\n").show_mapping


@pytest.mark.parametrize(("state", "attending"), [("Complete", True), ("Pending", True), ("Withdrawn", False),
                                                  ("cancelled", False), ("Canceled", False), ("Rejected", False),
                                                  ("Отменена", False), ("Annulée", False), ("", True)])
def test_a_registration_state_says_who_is_not_attending(state, attending):
    parsed = parse_roster(f"Name,Registration state\nA,{state}\n")
    assert parsed.participants[0].attending is attending


def test_an_attending_column_wins_over_the_registration_state():
    assert parse_roster("Name,Status,attending\nA,Withdrawn,yes\n").participants[0].attending is True


def test_overrides_are_read_with_commas_inside_headers():
    assert parse_overrides("name=Фамилия, имя, отчество,organisation=Ведомство") == {
        "name": "Фамилия, имя, отчество", "organisation": "Ведомство"}
    assert parse_overrides("first name=Имя, last_name=Фамилия") == {"given_name": "Имя", "family_name": "Фамилия"}
    for bad in ("name", "name=", "nmae=X", "name=A,name=B"):
        with pytest.raises(ValueError):
            parse_overrides(bad)


def test_a_persons_texts_in_other_languages_are_read_from_field_lang_columns():
    """Issue 27's `name_ru`, `position_kk`, `organisation_ru`, and the usual names with a language:
    `ФИО_kk`, `Position-RU`; a space before two letters is not a language ("Company no")."""
    header = ["Name", "name_ru", "Position", "Position-KK", "ФИО_kk", "Company no"]
    mapped = map_header(header)
    assert [(c.target, c.lang) for c in mapped.columns] == [
        ("name", None), ("name", "ru"), ("position", None), ("position", "kk"), ("name", "kk"), (None, None)]
    assert mapped.index("name", "ru") == 1 and mapped.name_columns == [0]
    assert [c.is_interpreted for c in mapped.columns[:5]] == [False, False, False, True, True]
    parsed = parse_roster("Name;name_ru;Position-KK\nBagdat Mussin;Багдат Мусин;Министр\n", "p.csv")
    assert parsed.participants[0].translations == {"ru": {"name": "Багдат Мусин"}, "kk": {"position": "Министр"}}
    assert PER_LANGUAGE_FIELDS == {"name", "position", "organisation"}


def test_find_header_looks_at_the_first_rows_only():
    rows = [(n, [f"title {n}"]) for n in range(1, 40)] + [(40, ["Name"])]
    assert find_header(rows) is None
    assert find_header(rows[-5:]) == 4
    assert set(NAME_PARTS) == {"given_name", "patronymic", "family_name"}
