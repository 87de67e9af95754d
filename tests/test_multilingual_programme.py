"""Programme texts in every language: a string or a table of languages, validated, stored (schema
version 5), carried by a merge and listed by `roundtable check --lang` where they are missing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from roundtable.formats.programme import parse_programme
from roundtable.store import programme as programme_store, roster, schema
from roundtable.store.merge import MergeRefused, merge_database
from roundtable.workspace import open_forum

import earlier_schemas
from conftest import DEMO, REPO

MINIMAL = """
[forum]
id = "tiny"
title = { en = "Tiny forum", ru = "Малый форум" }
organisers = ["UN DESA", { en = "Agency", kk = "Агенттік" }]
languages = ["en", "ru", "kk"]
start = 2014-10-06
end = 2014-10-06

[[tracks]]
code = "T1"
title = { en = "Open data", ru = "Открытые данные", kk = "Ашық деректер" }

[[sessions]]
code = "S1"
title = "Opening"
kind = "plenary"
date = 2014-10-06
start = 09:00:00
end = 10:00:00
room = { en = "Hall A", ru = "Зал A" }
"""


def test_a_text_is_a_string_or_a_table_of_languages():
    programme = parse_programme(MINIMAL)
    forum = programme.forum
    assert forum.title == "Tiny forum" and forum.text("title", "ru") == "Малый форум"
    assert forum.text("title", "kk") == "Tiny forum"  # falls back to the first language
    assert forum.organisers == ["UN DESA", "Agency"] and forum.texts("organisers", "kk") == ["UN DESA", "Агенттік"]
    assert programme.tracks[0].text("title", "kk") == "Ашық деректер"
    assert programme.sessions[0].title == "Opening" and programme.sessions[0].text("room", "ru") == "Зал A"


def test_a_bad_table_of_languages_is_one_located_line(tmp_path, cli):
    for bad, message in (('{ de = "Titel", en = "Title" }', '"de" is not one of the forum\'s languages'),
                         ('{ ru = "Форум" }', "no text in en, the forum's first language"),
                         ('{ en = 3 }', "the en text is not a string")):
        path = tmp_path / "bad.toml"
        path.write_text(MINIMAL.replace('{ en = "Tiny forum", ru = "Малый форум" }', bad), encoding="utf-8")
        result = cli("check", path)
        assert result.code == 2 and result.err.count("\n") == 1, result
        assert "line 4: forum.title" in result.err and message in result.err, result.err


def test_check_lang_lists_every_missing_text_with_its_line(tmp_path, cli):
    path = tmp_path / "tiny.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    result = cli("check", path, "--lang", "kk")
    assert result.code == 0, result
    warnings = [line for line in result.err.splitlines() if "warning" in line]
    assert warnings == [
        f"roundtable: warning: {path}: line 4: forum.title: no text in kk",
        # organisers[1], "UN DESA", is not missing: the catalogue writes it "БҰҰ ЭӘМД"
        f"roundtable: warning: {path}: line 16: sessions[1].title: no text in kk",
        f"roundtable: warning: {path}: line 21: sessions[1].room: no text in kk",
    ]
    assert cli("check", path, "--lang", "en").err == ""


def test_the_demo_has_russian_and_kazakh_titles_for_the_forum_its_tracks_and_sessions(cli):
    programme = parse_programme(DEMO.read_text(encoding="utf-8"))
    for lang in ("ru", "kk"):
        missing = [field for record in [programme.forum, *programme.tracks, *programme.sessions]
                   for field in record.missing(lang) if field == "title"]
        assert missing == []
    assert programme.forum.text("title", "ru") == "Глобальный форум по электронному правительству 2014 года"


def test_translations_are_stored_and_merged_and_bad_ones_refused(tmp_path):
    folder = tmp_path / "programme"
    folder.mkdir()
    shutil.copy(REPO / "sessions" / "gegf-2014.toml", folder / "gegf-2014.toml")
    here = open_forum(folder / "gegf-2014.toml", db=tmp_path / "here.db").store
    there = open_forum(folder / "gegf-2014.toml", db=tmp_path / "there.db").store
    try:
        assert here.query_one("PRAGMA user_version")[0] == schema.CURRENT_VERSION
        assert programme_store.load_forum(here).text("title", "kk").startswith("Электрондық үкімет")
        session = programme_store.find_session(here, "D2-RT")
        assert session.text("title", "ru") == "Круглый стол министров: партнёрства в интересах умного управления"
        # A session only the other laptop knows (another programme version) comes with its languages.
        with there.transaction() as conn:
            conn.execute("UPDATE sessions SET code = 'D2-RT-B', id = 'other-rt' WHERE code = 'T4-4.2'")
            conn.execute("UPDATE participants SET attending = 0 WHERE name = 'Hannes Astok'")
            conn.execute("UPDATE participants SET updated_at = '2099-01-01T00:00:00+00:00' WHERE name = 'Hannes Astok'")
        merge_database(here, tmp_path / "there.db")
        merged = programme_store.find_session(here, "D2-RT-B")
        assert merged.text("title", "kk") == "Электрондық қатысу үшін ашық деректер және әлеуметтік желілер"
        astok = next(p for p in roster.load_participants(here) if p.name == "Hannes Astok")
        assert astok.attending is False and astok.publish is True
        with there.transaction() as conn:
            conn.execute("""UPDATE sessions SET code = 'X', id = 'x', translations = '{"ru": {"kind": "x"}}'
                            WHERE code = 'T4-4.1'""")
        before = here.query_one("SELECT count(*) FROM sessions")[0]
        try:
            merge_database(here, tmp_path / "there.db")
            raise AssertionError("a bad translations column was merged")
        except MergeRefused as refused:
            assert "sessions x: translations" in str(refused) and "nothing merged" in str(refused)
        assert here.query_one("SELECT count(*) FROM sessions")[0] == before
    finally:
        here.close()
        there.close()


def test_a_version_4_database_takes_the_new_columns_with_their_defaults(tmp_path):
    path = tmp_path / "v4.db"
    earlier_schemas.build(path, version=4)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO participants (id, name, created_at, updated_at) VALUES ('p', 'A', 'x', 'x')")
    conn.commit()
    conn.close()
    from roundtable.store import open_store

    with open_store(path) as store:
        row = store.query_one("SELECT attending, publish FROM participants")
        assert (row["attending"], row["publish"]) == (1, 1)
        assert store.query_one("SELECT count(*) FROM pragma_table_info('sessions') WHERE name = 'translations'")[0] == 1


def test_the_roster_takes_attending_and_publish(tmp_path, cli):
    path = tmp_path / "people.csv"
    path.write_text("name,attending,publish\nAda,no,\nBo,,No\nCy,yes,yes\n", encoding="utf-8")
    from roundtable.formats.registration_list import read_roster

    people = {p.name: (p.attending, p.publish) for p in read_roster(path).participants}
    assert people == {"Ada": (False, True), "Bo": (True, False), "Cy": (True, True)}
    path.write_text("name,attending\nAda,perhaps\n", encoding="utf-8")
    result = cli("check", path)
    assert result.code == 2 and 'line 2: attending: "perhaps" is not yes or no' in result.err
