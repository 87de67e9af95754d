"""Participants CSV: clean errors for bad files, all-or-nothing imports, no duplicates on re-import."""

from __future__ import annotations

from pathlib import Path

from roundtable.store import open_store, roster


def _db_snapshot(db: Path) -> list[tuple]:
    with open_store(db) as store:
        return [tuple(p.model_dump().values()) for p in roster.load_participants(store)]


def _init(cli, demo_dir: Path) -> Path:
    result = cli("init", demo_dir / "gegf-2014.toml")
    assert result.code == 0, result
    return Path(result.out.strip())


def _refused(result, *fragments):
    assert result.code == 2, result
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    for fragment in fragments:
        assert fragment in result.err, (fragment, result.err)


def test_import_counts_and_reimport_adds_nobody(cli, demo_dir):
    db = _init(cli, demo_dir)
    csv_path = demo_dir / "gegf-2014-participants.csv"
    first = cli("participants", "import", csv_path, "--db", db)
    assert first.code == 0, first
    assert first.out.strip() == "added 36, updated 0, skipped 0"
    again = cli("participants", "import", csv_path, "--db", db)
    assert again.out.strip() == "added 0, updated 0, skipped 36"
    with open_store(db) as store:
        assert roster.count_participants(store) == 21 + 36


def test_same_name_and_organisation_is_the_same_person(cli, demo_dir, tmp_path):
    db = _init(cli, demo_dir)
    csv_path = tmp_path / "update.csv"
    csv_path.write_text(
        "name,organisation,position\nbagdat  MUSSIN,Government of Kazakhstan,Minister (acting)\n", encoding="utf-8"
    )
    result = cli("participants", "import", csv_path, "--db", db)
    assert result.out.strip() == "added 0, updated 1, skipped 0"
    with open_store(db) as store:
        people = [p for p in roster.load_participants(store) if "mussin" in p.name.lower()]
    assert len(people) == 1
    assert people[0].position == "Minister (acting)"
    assert people[0].rank == "minister"  # a sparse list does not blank what the programme gave


def test_a_person_twice_in_one_list_is_added_once_with_the_later_row(cli, demo_dir, tmp_path):
    """Rows of one chunk are inserted together: the later row of a new person still wins."""
    db = _init(cli, demo_dir)
    csv_path = tmp_path / "twice.csv"
    csv_path.write_text("name,organisation,position\nAli Khan,UN,Adviser\nali  KHAN,un,Senior Adviser\n",
                        encoding="utf-8")
    result = cli("participants", "import", csv_path, "--db", db)
    assert result.code == 0 and result.out.strip() == "added 1, updated 0, skipped 0", result
    with open_store(db) as store:
        (ali,) = [p for p in roster.load_participants(store) if p.name.casefold().split() == ["ali", "khan"]]
        assert ali.position == "Senior Adviser" and ali.name == "ali  KHAN"


def test_csv_with_bom_and_extra_columns_warns(cli, demo_dir, tmp_path):
    db = _init(cli, demo_dir)
    csv_path = tmp_path / "bom.csv"
    csv_path.write_bytes("\ufeffname,country,badge colour\nАйдар Қасымов,Kazakhstan,blue\n".encode("utf-8"))
    result = cli("participants", "import", csv_path, "--db", db)
    assert result.code == 0, result
    assert "column 'badge colour'" in result.err and "ignored" in result.err
    with open_store(db) as store:
        person = next(p for p in roster.load_participants(store) if p.name == "Айдар Қасымов")
    assert person.country == "KZ"


def test_csv_not_utf8(cli, demo_dir, tmp_path):
    db = _init(cli, demo_dir)
    before = _db_snapshot(db)
    csv_path = tmp_path / "latin1.csv"
    csv_path.write_bytes("name,country\nJosé Müller,DE\n".encode("latin-1"))
    result = cli("participants", "import", csv_path, "--db", db)
    _refused(result, "latin1.csv", "line 2", "not UTF-8")
    assert _db_snapshot(db) == before


def test_csv_without_name_column(cli, demo_dir, tmp_path):
    # "full name" was refused here before issue 25; it is now one of the usual names of the column.
    db = _init(cli, demo_dir)
    csv_path = tmp_path / "noname.csv"
    csv_path.write_text("badge number,country\n17,KZ\n", encoding="utf-8")
    result = cli("participants", "import", csv_path, "--db", db)
    _refused(result, "noname.csv", "line 1", "no 'name' column", "badge number")


def test_empty_csv(cli, demo_dir, tmp_path):
    db = _init(cli, demo_dir)
    csv_path = tmp_path / "empty.csv"
    csv_path.write_text("", encoding="utf-8")
    _refused(cli("participants", "import", csv_path, "--db", db), "empty.csv", "the file is empty")


def test_header_only_csv(cli, demo_dir, tmp_path):
    db = _init(cli, demo_dir)
    csv_path = tmp_path / "header.csv"
    csv_path.write_text("name,country\n", encoding="utf-8")
    _refused(cli("participants", "import", csv_path, "--db", db), "no participants")


def test_bad_row_rejects_the_whole_file(cli, demo_dir, tmp_path):
    db = _init(cli, demo_dir)
    before = _db_snapshot(db)
    csv_path = tmp_path / "bad.csv"
    csv_path.write_text(
        "name,category,rank\nGood Person,government,minister\nBad Person,government,emperor\n", encoding="utf-8"
    )
    result = cli("participants", "import", csv_path, "--db", db)
    _refused(result, "bad.csv", "line 3", "rank", '"emperor" is not one of')
    assert _db_snapshot(db) == before


def test_csv_that_does_not_exist(cli, demo_dir, tmp_path):
    db = _init(cli, demo_dir)
    _refused(cli("participants", "import", tmp_path / "missing.csv", "--db", db), "missing.csv", "no such file")


def test_import_into_missing_database(cli, tmp_path):
    csv_path = tmp_path / "p.csv"
    csv_path.write_text("name\nA\n", encoding="utf-8")
    result = cli("participants", "import", csv_path, "--db", tmp_path / "none.db")
    _refused(result, "none.db", "no such database")
    assert not (tmp_path / "none.db").exists()


def test_check_csv(cli, tmp_path):
    csv_path = tmp_path / "p.csv"
    csv_path.write_text("name;country\nA;KZ\nB;FR\n", encoding="utf-8")
    result = cli("check", csv_path)
    assert result.code == 0 and "OK, 2 participants" in result.out
