"""Exit codes and messages when the input or the machine says no: a programme nested 500 deep, a
full disk, a read-only folder, a port in use, a host that does not resolve, a mistyped command,
a file name whose suffix roundtable cannot write. One line each, exit 2, nothing left half-written;
and exports are never writable by everyone, whatever the umask."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
from pathlib import Path

import pytest

from roundtable.store import programme as programme_store

from conftest import REPO
from unprivileged import run

DEMO_TEXT = (REPO / "sessions" / "gegf-2014.toml").read_text(encoding="utf-8")

# Every file an export writes under its temporary name goes to /dev/full: "No space left on device".
FULL_DISK = """
import builtins, io, os
_open, _os_open = builtins.open, os.open
def _full(path):
    return isinstance(path, (str, os.PathLike)) and os.fspath(path).endswith(".part")
def _patched_open(file, *args, **kwargs):
    return _open("/dev/full", *args, **kwargs) if _full(file) else _open(file, *args, **kwargs)
def _patched_os_open(path, flags, mode=0o777, *args, **kwargs):
    return _os_open("/dev/full", os.O_WRONLY) if _full(path) else _os_open(path, flags, mode, *args, **kwargs)
builtins.open = io.open = _patched_open
os.open = _patched_os_open
"""


def one_line_refusal(result, *fragments) -> None:
    code = getattr(result, "code", getattr(result, "returncode", None))
    err = result.err if hasattr(result, "err") else result.stderr
    assert code == 2, result
    assert err.count("\n") == 1 and err.startswith("roundtable: ") and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


@pytest.mark.parametrize("nested", ["objectives = " + "[" * 500 + "]" * 500, "x = " + "{a = " * 500 + "1" + "}" * 500])
def test_a_programme_nested_500_deep_is_refused_by_name(cli, tmp_path, nested):
    path = tmp_path / "deep.toml"
    venue = next(line for line in DEMO_TEXT.splitlines() if line.startswith("venue = "))
    path.write_text(DEMO_TEXT.replace(venue, nested, 1), encoding="utf-8")
    for args in (("check", path), ("init", path, "--db", tmp_path / "f.db")):
        one_line_refusal(cli(*args), f"{path}: ", "nested too deeply")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep.toml"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full to simulate a full disk")
@pytest.mark.parametrize("fmt", ["docx", "md", "csv"])
def test_a_full_disk_during_an_export_is_one_line_and_keeps_the_last_good_file(demo_forum, demo_dir, tmp_path, fmt):
    out = tmp_path / f"outcome.{fmt}"
    out.write_bytes(b"the last good export")
    result = run("export", "--db", demo_dir / "gegf-2014.db", "--out", out, code=FULL_DISK)
    one_line_refusal(result, f"{out}: cannot write (No space left on device)")
    assert out.read_bytes() == b"the last good export"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["exports", "sessions", out.name])


def test_init_on_a_full_disk_leaves_no_stub_database(cli, tmp_path, monkeypatch):
    def disk_full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(programme_store, "save_programme", disk_full)
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "gegf-2014.toml").write_text(DEMO_TEXT, encoding="utf-8")
    result = cli("init", folder / "gegf-2014.toml")
    one_line_refusal(result, f"{folder / 'gegf-2014.db'}: cannot create it (database or disk is full); nothing was written")
    assert [p.name for p in folder.iterdir()] == ["gegf-2014.toml"]


def test_init_into_a_read_only_folder_is_bad_input(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "gegf-2014.toml").write_text(DEMO_TEXT, encoding="utf-8")
    folder.chmod(0o555)
    try:
        result = run("init", folder / "gegf-2014.toml")
    finally:
        folder.chmod(0o755)
    one_line_refusal(result, f"{folder / 'gegf-2014.db'}: cannot create it: its folder {folder} is read-only")
    assert [p.name for p in folder.iterdir()] == ["gegf-2014.toml"]


def test_serving_on_a_port_in_use_or_a_host_that_does_not_resolve_is_bad_input(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        one_line_refusal(cli("serve", "--port", port), f"--port: cannot listen on 127.0.0.1:{port}")
    one_line_refusal(cli("serve", "--host", "no-such-host.invalid"), "--host: no-such-host.invalid: ")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("init",), "Missing argument 'PROGRAMME'. (see roundtable init --help)"),
        (("export", "--db"), "Option '--db' requires an argument. (see roundtable export --help)"),
        (("frobnicate",), "No such command 'frobnicate'. (see roundtable --help)"),
        (("serve", "--port", "http"), "(see roundtable serve --help)"),
    ],
)
def test_a_mistyped_command_is_one_line(cli, args, fragment):
    one_line_refusal(cli(*args), fragment)


def test_an_out_file_roundtable_cannot_write_is_refused(demo_forum, demo_dir, tmp_path, cli):
    db = demo_dir / "gegf-2014.db"
    one_line_refusal(cli("export", "--db", db, "--out", tmp_path / "outcome.odt"),
                     "--out: outcome.odt: roundtable cannot write .odt files")
    one_line_refusal(cli("export", "--db", db, "--out", tmp_path / "outcome.md", "--format", "csv"),
                     "--out: outcome.md ends in .md but the format asked for is csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports", "sessions"]
    assert cli("export", "--db", db, "--out", tmp_path / "outcome", "--format", "md").code == 0


def test_exports_are_never_writable_by_everyone_even_under_umask_000(demo_forum, demo_dir, tmp_path, cli):
    previous = os.umask(0)
    try:
        folder = tmp_path / "new" / "exports"
        for fmt in ("docx", "md", "csv", "json"):
            assert cli("export", "--db", demo_dir / "gegf-2014.db", "--out", folder / f"o.{fmt}").code == 0
    finally:
        os.umask(previous)
    for path in [folder.parent, folder, *folder.iterdir()]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert not mode & stat.S_IWOTH, f"{path.name} is writable by everyone ({mode:o})"
    assert len(list(folder.iterdir())) == 4
