"""A person's name, position and organisation per language (issue 27): registration columns
`name_ru`, `position_kk`, ..., a programme's tables of languages, the participants screen, schema
version 8, merged and validated like any row; the document in that language writes them, and where
the roster has none the text stays as written."""

from __future__ import annotations

import datetime as dt
import sqlite3

from roundtable.domain.catalogue import catalogue
from roundtable.domain.models import Participant
from roundtable.domain.wording import wording_for
from roundtable.formats.programme import parse_programme
from roundtable.formats.registration_list import parse_roster
from roundtable.store import open_store, roster, schema
from roundtable.store.merge import MergeRefused, merge_database
from roundtable.tui.app import RoundtableApp
from roundtable.tui.screens.participant_form import ParticipantForm

import earlier_schemas
from floor_helpers import SIZE, keys
from test_participants_screen import fill

LIST = """name,honorific,position,organisation,country,gender,name_ru,name_kk,position_ru,organisation_ru
Bagdat Mussin,H.E. Mr.,Minister,Government of Kazakhstan,KZ,m,Багдат Мусин,Бағдат Мусин,,
Jane Roe,Ms.,Chief Officer,Acme Ltd,GB,f,,,Главный сотрудник,ООО «Акме»
"""


def test_a_registration_list_gives_texts_per_language_and_the_document_writes_them(tmp_path):
    people = parse_roster(LIST).participants
    mussin, roe = people
    assert mussin.translations == {"ru": {"name": "Багдат Мусин"}, "kk": {"name": "Бағдат Мусин"}}
    assert roe.translations == {"ru": {"position": "Главный сотрудник", "organisation": "ООО «Акме»"}}
    ru, kk, en = (wording_for(catalogue(lang), "en", people=people) for lang in ("ru", "kk", "en"))
    assert ru.titled_name(mussin) == "Его Превосходительство г-н Багдат Мусин"
    assert kk.titled_name(mussin) == "Жоғары Мәртебелі Бағдат Мусин мырза"
    assert en.titled_name(mussin) == "H.E. Mr. Bagdat Mussin"
    assert (ru.position(roe), ru.organisation(roe)) == ("Главный сотрудник", "ООО «Акме»")
    # No Kazakh version: as written, never transliterated or translated, and listed as such
    assert (kk.name(roe), kk.position(roe), kk.organisation(roe)) == ("Jane Roe", "Chief Officer", "Acme Ltd")
    assert [u.where for u in kk.untranslated.values()] == [
        "participant Jane Roe: name", "participant Jane Roe: position", "participant Jane Roe: organisation"]


def test_an_organisation_one_record_translates_is_translated_for_everyone_of_it():
    people = parse_roster("name,organisation,organisation_ru\nA,Acme Ltd,ООО «Акме»\nB,Acme Ltd,\n").participants
    assert wording_for(catalogue("ru"), "en", people=people).organisation(people[1]) == "ООО «Акме»"


def test_the_columns_are_stored_and_a_sparser_list_keeps_what_a_fuller_one_gave(demo_forum):
    store = demo_forum.store
    roster.import_participants(store, "gegf-2014", parse_roster(LIST).participants)
    roster.import_participants(store, "gegf-2014", parse_roster(
        "name,organisation,position_kk\nBagdat Mussin,Government of Kazakhstan,Министр\n").participants)
    mussin = next(p for p in roster.load_participants(store) if p.name == "Bagdat Mussin")
    assert mussin.translations == {"ru": {"name": "Багдат Мусин"}, "kk": {"name": "Бағдат Мусин", "position": "Министр"}}


def test_a_programme_gives_a_participants_texts_as_tables_of_languages():
    programme = parse_programme("""
[forum]
id = "tiny"
title = "Tiny"
languages = ["en", "ru", "kk"]
start = 2014-10-06
end = 2014-10-06

[[participants]]
name = { en = "Asset Turyssov", ru = "Асет Турысов", kk = "Әсет Тұрысов" }
organisation = { en = "National Information Technologies JSC", ru = "АО «Национальные информационные технологии»" }
""")
    [person] = programme.participants
    assert person.name == "Asset Turyssov" and person.text("name", "kk") == "Әсет Тұрысов"
    assert person.translations["ru"] == {"name": "Асет Турысов",
                                         "organisation": "АО «Национальные информационные технологии»"}


def test_a_version_7_database_takes_the_translations_column(tmp_path):
    path = tmp_path / "v7.db"
    earlier_schemas.build(path, version=7)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO participants (id, name, created_at, updated_at) VALUES ('p', 'A', 'x', 'x')")
    conn.commit()
    conn.close()
    with open_store(path) as store:
        assert store.query_one("PRAGMA user_version")[0] == schema.CURRENT_VERSION  # 8, and 9 since issue 25
        assert store.query_one("SELECT translations FROM participants")[0] == "{}"
        assert roster.load_participants(store)[0].translations == {}
    assert (tmp_path / "v7.db.v7.bak").exists()


def test_a_merge_carries_a_persons_texts_and_refuses_bad_ones(laptops, tmp_path):
    here, there = laptops
    astok = next(p for p in roster.load_participants(there) if p.name == "Hannes Astok")
    roster.update_participant(there, astok.model_copy(update={"translations": {"ru": {"name": "Ханнес Асток"}}}),
                              dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1))  # the later edit
    merge_database(here, tmp_path / "track2.db")
    merged = next(p for p in roster.load_participants(here) if p.name == "Hannes Astok")
    assert merged.translations == {"ru": {"name": "Ханнес Асток"}}
    with there.transaction() as conn:
        conn.execute("""UPDATE participants SET translations = '{"ru": {"email": "x@y"}}', updated_at = '2099-01-01T00:00:00+00:00'
                        WHERE name = 'Julia Glidden'""")
    try:
        merge_database(here, tmp_path / "track2.db")
        raise AssertionError("a bad translations column was merged")
    except MergeRefused as refused:
        assert "participants" in str(refused) and "translations" in str(refused) and "nothing merged" in str(refused)


async def test_the_participants_screen_corrects_a_persons_name_in_russian_and_kazakh(forum, clock, tmp_path):
    app = RoundtableApp(forum.store, now=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", *keys("baimenov"), "tab", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ParticipantForm)
        await fill(pilot, "name_ru", "Алихан Байменов")
        await fill(pilot, "name_kk", "Әлихан Байменов")
        await fill(pilot, "organisation_kk", "Астана мемлекеттік қызмет хабы")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ParticipantForm)
        await pilot.press("enter")  # opened again: the form shows what was saved
        await pilot.pause()
        assert app.screen.query_one("#field-name_kk").value == "Әлихан Байменов"
    with open_store(forum.store.path) as store:
        person = next(p for p in roster.load_participants(store) if p.name == "Alikhan Baimenov")
    assert person.translations == {"ru": {"name": "Алихан Байменов"},
                                   "kk": {"name": "Әлихан Байменов", "organisation": "Астана мемлекеттік қызмет хабы"}}
    assert Participant.model_validate(person.model_dump()).translations == person.translations
