"""The `roundtable` command (CONTRACT.md section 4). Argument handling only: the work is done by
`workspace`, `formats`, `store` and `outcome`, which the TUI calls too.

Exit codes: 0 done; 1 unexpected failure; 2 bad input, reported on one line without a traceback.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roundtable.formats.errors import InputError
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


def _demo() -> Path:
    """The demo programme; the first time outside a checkout, copied to the user's data folder
    (workspace.demo_programme), which one line on stderr names."""
    from roundtable import workspace

    def copied(folder: Path) -> None:
        click.echo(f"roundtable: the demo forum is in {folder} (copied there on first use)", err=True)

    try:
        return workspace.demo_programme(copied)
    except InputError as error:
        raise _fail(error) from None


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
        ctx.invoke(open_command, path=None, session=None, role="chair", track=None, role_locked=False)


@cli.command("open")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--session", "session", metavar="CODE", help="Go straight to this session's screen.")
@click.option("--role", type=click.Choice(["chair", "moderator", "rapporteur"]), default="chair", show_default=True,
              help="What this terminal may do: chair = everything, moderator = the floor, rapporteur = notes.")
@click.option("--track", "track", metavar="CODE", help="Only this track's sessions (a track's rapporteur).")
@click.option("--venue-role", "role_locked", is_flag=True, hidden=True)
def open_command(path: Path | None, session: str | None, role: str = "chair", track: str | None = None,
                 role_locked: bool = False) -> None:
    """Open the TUI on a programme .toml or a forum .db."""
    from roundtable import workspace

    path = path or _demo()
    try:
        opened = workspace.open_forum(path)
    except (InputError, DatabaseError) as error:
        raise _fail(error) from None
    _session_checked(opened, session)
    from roundtable.tui.app import RoundtableApp

    RoundtableApp(opened.store, session_code=session, role=role, track=track, role_locked=role_locked).run()


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
    opened = _open_db(path or _demo(), for_reading=True)
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
    opened = _open_db(path or _demo(), for_reading=True)
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
    opened = _open_db(db)
    with opened.store:
        counts = roster.import_participants(opened.store, opened.forum.id, parsed.participants)
    for warning in parsed.warnings:
        click.echo(f"roundtable: warning: {warning}", err=True)
    click.echo(f"added {counts.added}, updated {counts.updated}, skipped {counts.skipped}")


@cli.command()
@click.option("--db", type=click.Path(path_type=Path), help="The forum database (default: the demo forum's).")
@click.option("--out", type=click.Path(path_type=Path), help="File to write (default: exports/<forum.id>-outcome.<format>).")
@click.option("--lang", help="Language of the document: en, ru, kk or any other with a catalogue (default: the forum's first).")
@click.option("--format", "fmt", help="docx (default), pdf (through LibreOffice), md, csv (speakers and speaking times) "
              "or json (everything).")
@click.option("--final", is_flag=True, help="The final text: agreed recommendations only, no status, no DRAFT mark.")
@click.option("--drop-proposed", is_flag=True, help="With --final: leave proposed recommendations out instead of refusing.")
@click.option("--paginate", is_flag=True, help="Word: write the contents' page numbers in (through LibreOffice).")
@click.option("--no-annex", is_flag=True, help="Leave out the annexes (list of participants, list of speakers).")
def export(db: Path | None, out: Path | None, lang: str | None, fmt: str | None, final: bool, drop_proposed: bool,
           paginate: bool, no_annex: bool) -> None:
    """Write the outcome document (or its PDF, Markdown, CSV or JSON export); prints the path."""
    from roundtable.domain.catalogue import CatalogueError, available, catalogue
    from roundtable.outcome.assemble import Options, ProposedRemain
    from roundtable.outcome.export import FORMATS, export as write_export, format_for
    from roundtable.outcome.libreoffice import LibreOfficeError

    if lang is not None and lang not in available():
        raise BadInput(f'--lang: "{lang}" is not one of {", ".join(available())}')
    if fmt is not None and fmt not in FORMATS:
        raise BadInput(f'--format: "{fmt}" is not one of {", ".join(FORMATS)}')
    if out is not None and out.is_dir():
        raise BadInput(f"--out: {out} is a folder; name the file to write")
    fmt = format_for(out, fmt)
    if paginate and fmt != "docx":
        raise BadInput(f"--paginate: only for the Word file (a {fmt} export has no contents to number)")
    if drop_proposed and not final:
        raise BadInput("--drop-proposed: only with --final")
    from roundtable import workspace
    from roundtable.store.programme import forum_id

    db = db or _demo()
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
            options = Options(final=final, drop_proposed=drop_proposed, annexes=not no_annex)
            written = write_export(store, target, fmt, lang, options=options, paginate=paginate)
        except OSError as error:
            raise BadInput(f"{target}: cannot write ({error.strerror or error})") from None
        except (CatalogueError, LibreOfficeError) as error:
            raise BadInput(str(error)) from None
        except ProposedRemain as error:
            raise BadInput(f"--final: {error}") from None
    if lang is not None and catalogue(lang).missing:
        missing = catalogue(lang).missing
        click.echo(f"roundtable: warning: the {lang} catalogue lacks {len(missing)} texts ({', '.join(missing[:5])}"
                   f"{', ...' if len(missing) > 5 else ''}); English used, marked [en]", err=True)
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
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The forum database.")
@click.option("--session", "session", required=True, metavar="CODE", help="The session to clear.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def reset(db: Path, session: str, yes: bool) -> None:
    """Clear a session's record after a rehearsal (a backup copy is written first)."""
    from roundtable.domain import clock
    from roundtable.store.programme import find_session
    from roundtable.store.session_reset import backup_before_reset, recorded, reset_session

    opened = _open_db(db)
    with opened.store as store:
        found = find_session(store, session)
        if found is None:
            raise BadInput(f"--session: no session with code \"{session}\" in forum {opened.forum.id}")
        counts = recorded(store, found.id)
        what = f"{counts.interventions} requests and interventions, {counts.notes} notes, {counts.recommendations} recommendations"
        if not yes:
            if not sys.stdin.isatty():
                raise BadInput(f"reset cancelled: {found.code} holds {what}; add --yes to clear it (nothing was changed)")
            try:
                confirmed = click.confirm(f"Clear the record of {found.code} ({what})?", err=True)
            except click.Abort:
                confirmed = False
            if not confirmed:
                raise BadInput("reset cancelled; nothing was changed")
        now = clock.now()
        backup = backup_before_reset(store, now)
        cleared = reset_session(store, found.id, now)
    click.echo(f"{found.code}: {cleared.line()}")
    click.echo(f"backup: {backup} (to go back: quit roundtable and copy it over {db})")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--lang", help="Also list the programme's texts missing in this language (a warning each).")
def check(path: Path, lang: str | None) -> None:
    """Validate a programme (.toml) or a participants list (.csv) without writing anything."""
    from roundtable.formats.programme import missing_texts, read_programme
    from roundtable.formats.roster_csv import read_roster
    from roundtable.domain.models import LANGUAGE_CODE

    if lang is not None and not LANGUAGE_CODE.match(lang):
        raise BadInput(f'--lang: "{lang}" is not a language code such as "ru"')

    try:
        if path.suffix.lower() == ".csv":
            parsed = read_roster(path)
            for warning in parsed.warnings:
                click.echo(f"roundtable: warning: {warning}", err=True)
            click.echo(f"{path}: OK, {len(parsed.participants)} participants")
        elif path.suffix.lower() == ".toml":
            programme = read_programme(path)
            if lang is not None:
                text = path.read_bytes().decode("utf-8-sig")
                for field, line in missing_texts(programme, lang, text):
                    where = f"{path}: line {line}: {field}" if line else f"{path}: {field}"
                    click.echo(f"roundtable: warning: {where}: no text in {lang}", err=True)
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
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except KeyboardInterrupt:
        sys.exit(1)
    except Exception as error:  # an unexpected failure: one line, exit 1
        click.echo(f"roundtable: unexpected failure: {type(error).__name__}: {error}", err=True)
        click.echo("roundtable: please report this with the command you ran", err=True)
        sys.exit(1)
