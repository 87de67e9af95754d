"""The `roundtable` command (CONTRACT.md section 4). Argument handling only: the work is done by
`workspace`, `formats`, `store` and `outcome`, which the TUI calls too.

Exit codes: 0 done; 1 unexpected failure; 2 bad input, reported on one line without a traceback.
"""

from __future__ import annotations

import shlex
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from roundtable.formats.errors import InputError, one_line
from roundtable.store import DatabaseError

if TYPE_CHECKING:
    from roundtable import workspace

# Each command imports what it needs when it runs: `roundtable export` should not pay for the TUI,
# the programme reader or the domain models it never uses (start-up is most of a short command).


class BadInput(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"roundtable: {self.message}", err=True)


def _fail(error: Exception) -> BadInput:
    return BadInput(str(error))


def _open_db(db: Path, for_reading: bool = False) -> workspace.OpenedForum:
    from roundtable import workspace

    try:
        return workspace.open_forum(db, for_reading=for_reading)
    except (InputError, DatabaseError) as error:
        raise _fail(error) from None


@click.group(invoke_without_command=True)
@click.version_option(package_name="roundtable")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Run the working sessions of an international forum from the terminal.

    Without a command, opens the demo forum (Global E-Government Forum 2014, Astana).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(open_command, path=None, session=None)


@cli.command("open")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--session", "session", metavar="CODE", help="Go straight to this session's screen.")
def open_command(path: Path | None, session: str | None) -> None:
    """Open the TUI on a programme .toml or a forum .db."""
    from roundtable import workspace

    try:
        opened = workspace.open_forum(path or workspace.demo_programme())
    except (InputError, DatabaseError) as error:
        raise _fail(error) from None
    from roundtable.store.programme import find_session

    if session and find_session(opened.store, session) is None:
        opened.store.close()
        raise BadInput(f"--session: no session with code \"{session}\" in forum {opened.forum.id}")
    from roundtable.tui.app import RoundtableApp

    RoundtableApp(opened.store, session_code=session).run()


def _session_checked(opened: workspace.OpenedForum, session: str | None) -> None:
    from roundtable.store.programme import find_session

    if session and find_session(opened.store, session) is None:
        opened.store.close()
        raise BadInput(f"--session: no session with code \"{session}\" in forum {opened.forum.id}")


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--session", "session", metavar="CODE", help="Show this session (default: whichever has the floor).")
def projector(path: Path | None, session: str | None) -> None:
    """Show the read-only projector view in this terminal (what `serve` serves)."""
    from roundtable import workspace

    opened = _open_db(path or workspace.demo_programme(), for_reading=True)
    _session_checked(opened, session)
    from roundtable.tui.projector_app import ProjectorApp

    ProjectorApp(opened.store, session_code=session).run()


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 opens it to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--session", "session", metavar="CODE", help="Show this session (default: whichever has the floor).")
def serve(path: Path | None, host: str, port: int, session: str | None) -> None:
    """Serve the read-only projector view to a browser (textual-serve)."""
    from roundtable import workspace

    _check_can_listen(host, port)

    opened = _open_db(path or workspace.demo_programme(), for_reading=True)
    _session_checked(opened, session)
    # Each browser connection starts its own projector process on the database (not the .toml,
    # which would rewrite the programme every time someone opens the page).
    db = opened.store.path.resolve()
    title = opened.forum.title
    opened.store.close()
    command = [sys.executable, "-m", "roundtable", "projector", str(db)]
    if session:
        command += ["--session", session]
    from textual_serve.server import Server

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"roundtable: warning: serving on {host}: anyone who can reach it sees the projector view", err=True)
    click.echo(f"projector view of {db.name} (read-only) at http://{host}:{port}", err=True)
    Server(shlex.join(command), host=host, port=port, title=title).serve()


def _check_can_listen(host: str, port: int) -> None:
    """Refuse, as bad input, a host that does not resolve or a port already taken, before serving."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as error:
        raise BadInput(f"--host: {host}: not an address of this machine ({getattr(error, 'strerror', None) or error})") from None
    probe = socket.socket(family, kind, proto)
    try:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server will
        probe.bind(address)
    except OSError as error:
        raise BadInput(f"--port: cannot listen on {host}:{port} ({error.strerror or error}); "
                       "is another server using it? pick another --port") from None
    finally:
        probe.close()


@cli.command()
@click.argument("programme", type=click.Path(path_type=Path))
@click.option("--db", type=click.Path(path_type=Path), help="Database to write (default: sessions/<forum.id>.db beside the programme).")
def init(programme: Path, db: Path | None) -> None:
    """Create or update the forum database from a programme, without opening the TUI."""
    from roundtable import workspace

    if programme.suffix.lower() != ".toml":
        raise BadInput(f"{programme}: not a programme file (.toml)")
    try:
        opened = workspace.open_forum(programme, db=db)
    except (InputError, DatabaseError) as error:
        raise _fail(error) from None
    with opened.store:
        c = opened.changes
        if c is not None:
            click.echo(
                f"sessions: {c.sessions_added} added, {c.sessions_updated} updated, "
                f"{c.sessions_removed} removed, {c.sessions_kept} kept (recorded content); "
                f"tracks: {c.tracks_added} added, {c.tracks_updated} updated",
                err=True,
            )
        click.echo(str(opened.store.path))


@cli.group()
def participants() -> None:
    """Manage the forum's roster."""


@participants.command("import")
@click.argument("csv_path", metavar="CSV", type=click.Path(path_type=Path))
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The forum database.")
def participants_import(csv_path: Path, db: Path) -> None:
    """Import a registration list (CSV); prints added / updated / skipped."""
    from roundtable.formats.roster_csv import read_roster
    from roundtable.store import roster

    try:
        parsed = read_roster(csv_path)
    except InputError as error:
        raise _fail(error) from None
    for warning in parsed.warnings:
        click.echo(f"roundtable: warning: {warning}", err=True)
    opened = _open_db(db)
    total, done = len(parsed.participants), 0

    def progress(rows: int, _total: int) -> None:
        nonlocal done
        done = rows
        if total > roster.CHUNK_ROWS:  # a long import shows that it moves
            click.echo(f"roundtable: imported {rows:,} of {total:,} participants", err=True)

    with opened.store:
        try:
            counts = roster.import_participants(opened.store, opened.forum.id, parsed.participants, progress=progress)
        except BaseException:
            if 0 < done < total:
                click.echo(f"roundtable: the import stopped after {done:,} of {total:,} participants, which are saved; "
                           "run the same command again to finish it", err=True)
            raise
    click.echo(f"added {counts.added}, updated {counts.updated}, skipped {counts.skipped}")


@cli.command()
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The forum database.")
@click.option("--out", type=click.Path(path_type=Path), help="File to write (default: exports/<forum.id>-outcome.<format>).")
@click.option("--lang", help="Language of the document's fixed labels: en, ru or kk (default: the forum's first).")
@click.option("--format", "fmt", help="docx (default), md, csv (speakers and speaking times) or json (everything).")
def export(db: Path, out: Path | None, lang: str | None, fmt: str | None) -> None:
    """Write the outcome document (or its Markdown, CSV or JSON export); prints the path."""
    from roundtable.outcome.export import FORMATS, export as write_export, format_for
    from roundtable.outcome.labels import LANGUAGES

    if lang is not None and lang not in LANGUAGES:
        raise BadInput(f'--lang: "{lang}" is not one of {", ".join(LANGUAGES)}')
    if fmt is not None and fmt not in FORMATS:
        raise BadInput(f'--format: "{fmt}" is not one of {", ".join(FORMATS)}')
    if out is not None and out.is_dir():
        raise BadInput(f"--out: {out} is a folder; name the file to write")
    try:
        fmt = format_for(out, fmt)
    except ValueError as error:
        raise BadInput(f"--out: {error}") from None
    from roundtable import workspace
    from roundtable.store.programme import forum_id

    if db.suffix.lower() != ".db":
        store = _open_db(db).store  # a programme: open_forum creates or updates its database
    else:
        try:
            store = workspace.open_database(db, for_reading=True)
        except (InputError, DatabaseError) as error:
            raise _fail(error) from None
    with store:
        forum = forum_id(store)
        if forum is None:
            raise BadInput(f"{db}: holds no forum yet; open a programme .toml first")
        target = out or workspace.export_path(store, forum, fmt)
        try:
            written = write_export(store, target, fmt, lang)
        except OSError as error:
            raise BadInput(f"{target}: cannot write ({error.strerror or error})") from None
    click.echo(str(written))


@cli.command()
@click.argument("other", metavar="OTHER.db", type=click.Path(path_type=Path))
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The forum database to merge into.")
@click.option("--skip-invalid", is_flag=True, help="Merge the valid rows and list the invalid ones it left out "
              "(without it, any invalid row refuses the whole merge).")
def merge(other: Path, db: Path, skip_invalid: bool) -> None:
    """Merge another laptop's database of the same forum; prints what it took, skipped, found in conflict,
    and where it kept a copy of DB from before the merge."""
    from roundtable.store.merge import merge_database

    opened = _open_db(db)
    with opened.store:
        try:
            report = merge_database(opened.store, other, skip_invalid=skip_invalid)
        except DatabaseError as error:
            raise _fail(error) from None
    click.echo(f"merged {other} into {db} (forum {report.forum_id})")
    for line in report.lines():
        click.echo(line)


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Validate a programme (.toml) or a participants list (.csv) without writing anything."""
    from roundtable.formats.programme import read_programme
    from roundtable.formats.roster_csv import read_roster

    try:
        if path.suffix.lower() == ".csv":
            parsed = read_roster(path)
            for warning in parsed.warnings:
                click.echo(f"roundtable: warning: {warning}", err=True)
            rows = len(parsed.participants)
            people = f"{parsed.people} participant{'' if parsed.people == 1 else 's'}"
            click.echo(f"{path}: OK, {people}" + (f" in {rows} rows" if rows != parsed.people else ""))
        elif path.suffix.lower() == ".toml":
            programme = read_programme(path)
            click.echo(
                f"{path}: OK, forum {programme.forum.id}: {len(programme.tracks)} tracks, "
                f"{len(programme.sessions)} sessions, {len(programme.participants)} participants"
            )
        else:
            raise InputError(path, "not a programme (.toml) or a participants list (.csv)")
    except InputError as error:
        raise _fail(error) from None


def main() -> None:
    try:
        cli.main(prog_name="roundtable", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("roundtable: interrupted", err=True)
        sys.exit(1)
    except click.UsageError as error:  # one line, like every other bad input
        command = error.ctx.command_path if error.ctx else "roundtable"
        if error.ctx is None and len(sys.argv) > 1 and sys.argv[1] in cli.commands:  # an option's own error
            command = f"roundtable {sys.argv[1]}"
        click.echo(f"roundtable: {one_line(error.format_message())} (see {command} --help)", err=True)
        sys.exit(2)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except OSError as error:  # the machine refused: a full disk, a folder one may not write
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"roundtable: {one_line(where)}{error.strerror or error}", err=True)
        sys.exit(2)
    except sqlite3.OperationalError as error:
        if "full" not in str(error) and "I/O" not in str(error):
            _unexpected_failure(error)
        click.echo(f"roundtable: the database could not be written ({error}); its last change was not saved", err=True)
        sys.exit(2)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except KeyboardInterrupt:
        sys.exit(1)
    except Exception as error:  # an unexpected failure: one line, exit 1
        _unexpected_failure(error)


def _unexpected_failure(error: Exception) -> NoReturn:
    click.echo(f"roundtable: unexpected failure: {type(error).__name__}: {one_line(str(error))}", err=True)
    click.echo("roundtable: please report this with the command you ran", err=True)
    sys.exit(1)
