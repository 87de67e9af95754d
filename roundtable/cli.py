"""The `roundtable` command (docs/CONTRACT.md, section 4). Argument handling only: the work is done by
`workspace`, `formats`, `store` and `outcome`, which the TUI calls too.

Exit codes: 0 done; 1 unexpected failure; 2 bad input, reported on one line without a traceback.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from roundtable.formats.errors import InputError, one_line
from roundtable.store import DatabaseError

if TYPE_CHECKING:
    from roundtable import workspace

# The roles of issue 14; a venue key fixes one (roundtable/serve/keys.py adds the projector).
ROLES = ("chair", "moderator", "rapporteur")

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
        ctx.invoke(open_command, path=None, session=None, role="chair", track=None, venue_role=False,
                   delegates_url=None)


@cli.command("open")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--session", "session", metavar="CODE", help="Go straight to this session's screen.")
@click.option("--role", type=click.Choice(ROLES), default="chair", show_default=True,
              help="What this terminal may do: chair (everything), moderator or rapporteur.")
@click.option("--track", "track", metavar="CODE", help="Limit this terminal to one track's sessions.")
@click.option("--venue-role", "venue_role", is_flag=True, hidden=True,
              help="The role was given by a venue key: the palette may not switch it.")
@click.option("--delegates-url", "delegates_url", hidden=True,
              help="The venue server's URL, for the delegates' links that f2 shows.")
def open_command(path: Path | None, session: str | None, role: str = "chair", track: str | None = None,
                 venue_role: bool = False, delegates_url: str | None = None) -> None:
    """Open the TUI on a programme .toml or a forum .db."""
    from roundtable import workspace

    path = path or _demo()
    try:
        opened = workspace.open_forum(path)
    except (InputError, DatabaseError) as error:
        raise _fail(error) from None
    _session_checked(opened, session)
    _track_checked(opened, track, "--track")
    from roundtable.tui.app import RoundtableApp

    RoundtableApp(opened.store, session_code=session, role=role, track=track, role_locked=venue_role,
                  delegates_url=delegates_url).run()


def _session_checked(opened: workspace.OpenedForum, session: str | None) -> None:
    from roundtable.store.programme import find_session

    if session and find_session(opened.store, session) is None:
        opened.store.close()
        raise BadInput(f"--session: no session with code \"{one_line(session)}\" in forum {opened.forum.id}")


def _track_checked(opened: workspace.OpenedForum, track: str | None, option: str) -> None:
    from roundtable.store.programme import load_tracks

    codes = [t.code for t in load_tracks(opened.store)]
    if track is not None and track not in codes:
        opened.store.close()
        raise BadInput(f"{option}: no track with code \"{one_line(track)}\" in forum {opened.forum.id} "
                       f"(tracks: {', '.join(codes) or 'none'})")


def _room_checked(opened: workspace.OpenedForum, room: str | None) -> str | None:
    """The room as the programme spells it (matched ignoring case and surrounding spaces)."""
    from roundtable.store.programme import rooms

    if room is None:
        return None
    known = rooms(opened.store)
    for name in known:
        if name.strip().casefold() == room.strip().casefold():
            return name
    opened.store.close()
    raise BadInput(f"--room: no room \"{one_line(room)}\" in forum {opened.forum.id} (rooms: {', '.join(known) or 'none'})")


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--session", "session", metavar="CODE", help="Show this session (default: whichever has the floor).")
@click.option("--room", "room", metavar="NAME", help="Follow whichever session has the floor in this room.")
def projector(path: Path | None, session: str | None, room: str | None) -> None:
    """Show the read-only projector view in this terminal (what `serve` serves)."""
    from roundtable import workspace
    from roundtable.store import open_read_only
    from roundtable.store.programme import load_forum

    if session and room:
        raise BadInput("--session and --room: give one or the other")
    path = path or _demo()
    if path.suffix.lower() != ".db":  # a programme: read into its database first, as `open` does
        opened = _open_db(path)
        path = opened.store.path
        opened.store.close()
    # What the projector shows comes from a connection that cannot write: the database is opened
    # read-only and never migrated (what `serve` hands every browser).
    try:
        store = open_read_only(path)
        opened = workspace.OpenedForum(store, load_forum(store))
    except (InputError, DatabaseError) as error:
        raise _fail(error) from None
    _session_checked(opened, session)
    room = _room_checked(opened, room)
    from roundtable.tui.projector_app import ProjectorApp

    ProjectorApp(store, session_code=session, room=room).run()


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--venue", is_flag=True,
              help="Serve the whole application: one keyed URL per role (chair, moderator, rapporteur, projector).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address or network interface (e.g. wlan0) to listen on; 0.0.0.0: every interface.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--public-url", metavar="URL", help="The URL browsers are given (default: this machine's address on that interface).")
@click.option("--cert", type=click.Path(path_type=Path), help="TLS certificate (PEM): serve HTTPS; needs --key.")
@click.option("--key", "tls_key", type=click.Path(path_type=Path), help="The TLS private key (PEM) of --cert.")
@click.option("--max-clients", default=16, show_default=True, type=click.IntRange(1, 512),
              help="Browsers served at once (each runs one process).")
@click.option("--session", "session", metavar="CODE", help="Projector only: show this session (default: whichever has the floor).")
@click.option("--room", "room", metavar="NAME", help="Projector only: follow the session live in this room.")
@click.option("--rapporteur-track", "rapporteur_tracks", metavar="CODE", multiple=True,
              help="With --venue: also a rapporteur URL limited to this track (repeatable).")
@click.option("--revoke", metavar="KEY", help="Revoke a venue key of this forum (its browsers are disconnected) and exit.")
@click.option("--grace", default=20.0, hidden=True, type=click.FloatRange(0, 600),
              help="Seconds a process waits for its browser to come back after the network broke.")
def serve(path: Path | None, venue: bool, host: str, port: int, public_url: str | None, cert: Path | None,
          tls_key: Path | None, max_clients: int, session: str | None, room: str | None,
          rapporteur_tracks: tuple[str, ...], revoke: str | None, grace: float) -> None:
    """Serve the forum to browsers: the read-only projector, or with --venue every role (textual-serve)."""
    from roundtable import workspace
    from roundtable.serve import launch

    if revoke is None:
        from roundtable.serve.network import interface_address

        _check_can_listen(interface_address(host) or host, port)  # an interface name (wlan0) listens on its address

    opened = _open_db(path or _demo())
    if revoke is not None:
        with opened.store:
            try:
                click.echo(launch.revoke(opened.store.path.resolve(), revoke))
            except launch.ServeError as error:
                raise _fail(error) from None
        return
    if venue and (session or room):
        opened.store.close()
        raise BadInput("--venue serves every room: give each projector its room in its URL, not --session or --room")
    if session and room:
        opened.store.close()
        raise BadInput("--session and --room: give one or the other")
    if rapporteur_tracks and not venue:
        opened.store.close()
        raise BadInput("--rapporteur-track needs --venue")
    _session_checked(opened, session)
    room = _room_checked(opened, room)
    for track in rapporteur_tracks:
        _track_checked(opened, track, "--rapporteur-track")
    try:
        plan = launch.plan(opened, venue=venue, host=host, port=port, public_url=public_url, cert=cert,
                           tls_key=tls_key, max_clients=max_clients, session=session, room=room,
                           rapporteur_tracks=list(rapporteur_tracks), grace=grace)
    except launch.ServeError as error:
        raise _fail(error) from None
    finally:
        opened.store.close()
    for line in plan.warnings:
        click.echo(f"roundtable: warning: {line}", err=True)

    def listening() -> None:  # the URLs only once they answer
        click.echo(plan.banner, err=True)
        for line in plan.urls:
            click.echo(line)

    try:
        plan.serve(ready=listening)
    except launch.ServeError as error:
        raise _fail(error) from None


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


def _list_options(command):
    """The options that say how to read a registration list (`participants import`, `check`)."""
    command = click.option("--strict", is_flag=True,
                           help="Refuse the list when a country is not one roundtable knows (default: import the "
                                "person without it, marked to complete).")(command)
    command = click.option("--columns", "columns", metavar="FIELD=HEADER,…",
                           help="Which column holds what, when the headers are not recognised: "
                                "name=ФИО,organisation=Ведомство (also given_name, family_name, patronymic, "
                                "registration_state).")(command)
    command = click.option("--sheet", "sheet", metavar="NAME",
                           help="The sheet of a spreadsheet to read (default: the first with a header row).")(command)
    return command


def _read_list(path: Path, sheet: str | None, columns: str | None, strict: bool):
    from roundtable.formats.registration_list import read_roster
    from roundtable.formats.roster_columns import parse_overrides

    try:
        overrides = parse_overrides(columns)
    except ValueError as error:
        raise BadInput(f"--columns: {one_line(str(error))}") from None
    try:
        return read_roster(path, sheet=sheet, columns=overrides, strict=strict)
    except InputError as error:
        raise _fail(error) from None


@participants.command("import")
@click.argument("list_path", metavar="LIST", type=click.Path(path_type=Path))
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The forum database.")
@_list_options
def participants_import(list_path: Path, db: Path, sheet: str | None, columns: str | None, strict: bool) -> None:
    """Import a registration list (CSV, .xlsx, .xls, .ods); prints added / updated / skipped."""
    from roundtable.store import roster

    parsed = _read_list(list_path, sheet, columns, strict)
    for warning in parsed.warnings:
        click.echo(f"roundtable: warning: {warning}", err=True)
    opened = _open_db(db)
    _warn_known_duplicates(opened, parsed, list_path)
    total, done = len(parsed.participants), 0

    def progress(rows: int, _total: int) -> None:
        nonlocal done
        done = rows
        if total > roster.CHUNK_ROWS:  # a long import shows that it moves
            click.echo(f"roundtable: imported {rows:,} of {total:,} participants", err=True)

    with opened.store:
        try:
            counts = roster.import_participants(opened.store, opened.forum.id, parsed.participants, progress=progress,
                                                to_complete=parsed.to_complete)
        except BaseException:
            if 0 < done < total:
                click.echo(f"roundtable: the import stopped after {done:,} of {total:,} participants, which are saved; "
                           "run the same command again to finish it", err=True)
            raise
    line = f"added {counts.added}, updated {counts.updated}, skipped {counts.skipped}"
    if to_complete := parsed.people_to_complete():
        line += f"; {to_complete} to complete (country not known): the participants screen (f2) lists them"
    click.echo(line)


def _warn_known_duplicates(opened: workspace.OpenedForum, parsed, path: Path) -> None:
    """A warning for each person of the list likely to be someone already in the roster under
    another spelling (the list's own pairs are its reader's warnings)."""
    from roundtable.domain.person_duplicates import likely_duplicates_of
    from roundtable.formats.registration_list import MAX_LISTED
    from roundtable.store import roster

    known = roster.load_participants(opened.store)
    pairs = likely_duplicates_of(parsed.participants, known)
    for pair in pairs[:MAX_LISTED]:
        new, there = parsed.participants[pair.first], known[pair.second]
        message = pair.describe(f"{parsed.place(parsed.lines[pair.first])} '{new.name}'", f"'{there.name}' (in the roster)")
        click.echo(f"roundtable: warning: {one_line(message)}; imported: merge them in the participants "
                   "screen (f2, then d in the list) if so", err=True)
    if len(pairs) > MAX_LISTED:
        click.echo(f"roundtable: warning: {one_line(str(path))}: {len(pairs) - MAX_LISTED} more people of the list may "
                   "be someone already in the roster", err=True)


@participants.command("find")
@click.argument("query")
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The forum database.")
@click.option("--json", "as_json", is_flag=True, help="A JSON array of the people found, best match first.")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1), help="At most this many people.")
def participants_find(query: str, db: Path, as_json: bool, limit: int) -> None:
    """Find people as the speaker picker does: any script, best match first; one per line."""
    import json

    from roundtable.domain.countries import country_name
    from roundtable.domain.roster_search import RosterIndex, SearchResult, matched_on
    from roundtable.store import roster

    opened = _open_db(db, for_reading=True)
    with opened.store:
        people = roster.load_participants(opened.store)
    result: SearchResult = RosterIndex(people).search(query, limit)
    if as_json:
        rows = [{"id": p.id, "name": p.name, "honorific": p.honorific, "titled": p.titled,
                 "position": p.position, "organisation": p.organisation, "country": p.country,
                 "country_name": country_name(p.country) or None, "category": p.category, "rank": p.rank,
                 "matched_on": matched_on(ranks)}
                for p, ranks in zip(result.matches, result.ranks)]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for p in result.matches:
            click.echo(one_line(" · ".join(part for part in (p.titled, country_name(p.country), p.organisation)
                                           if part)))
    if result.total > len(result.matches):
        click.echo(f"roundtable: {len(result.matches)} of {result.total} matches shown (--limit)", err=True)
    elif not result.matches:
        click.echo(f"roundtable: nobody in the roster matches {one_line(query)!r}", err=True)


def _public_url(public_url: str | None) -> str:
    """The delegates' links' base: --public-url, else what `serve --venue --host 0.0.0.0` prints."""
    from roundtable.delegates import links

    try:
        if public_url is not None:
            return links.checked_public_url(public_url)
        url = links.default_public_url()
    except links.NetworkError as error:
        raise BadInput(str(error) if public_url is not None else "this machine has no network address to put in "
                       "the links; give --public-url (the venue server's URL as phones reach it)") from None
    click.echo(f"roundtable: the links point at {url} (this machine's address and serve's port); give "
               "--public-url for another address", err=True)
    return url


@participants.command("links")
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The forum database.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV (name, organisation, country, email, url) for a mail merge.")
@click.option("--public-url", metavar="URL", help="The venue server's URL as phones reach it "
              "(default: this machine's address, port 8000).")
def participants_links(db: Path, as_csv: bool, public_url: str | None) -> None:
    """Print each participant's personal link to the delegates' page (name, organisation, URL)."""
    from roundtable.delegates import links
    from roundtable.domain import clock

    base = _public_url(public_url)
    opened = _open_db(db)
    with opened.store:
        try:
            rows = links.link_rows(opened.store, base, clock.now())
        except DatabaseError as error:
            raise _fail(error) from None
    if as_csv:
        links.write_csv(rows, sys.stdout)
    else:
        for line in links.lines(rows):
            click.echo(line)
    elsewhere = sum(1 for row in rows if row.url is None)
    if elsewhere:
        click.echo(f"roundtable: warning: {elsewhere} link(s) were made on another laptop and cannot be shown here; "
                   "revoke them in f2 to make new ones", err=True)
    click.echo(f"roundtable: {len(rows)} links; {links.secret_note(opened.store.path)}", err=True)


@cli.command()
@click.option("--db", required=True, type=click.Path(path_type=Path), help="The forum database.")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="The PDF to write.")
@click.option("--public-url", metavar="URL", help="The venue server's URL as phones reach it "
              "(default: this machine's address, port 8000).")
def badges(db: Path, out: Path, public_url: str | None) -> None:
    """Write printable badges (PDF): name, organisation, country and the personal link as a QR code."""
    from roundtable.delegates import badges as badge_pdf, links
    from roundtable.domain import clock

    if out.is_dir():
        raise BadInput(f"--out: {out} is a folder; name the PDF to write")
    try:
        font = badge_pdf.find_font()  # before anything is written
    except badge_pdf.BadgeError as error:
        raise _fail(error) from None
    base = _public_url(public_url)
    opened = _open_db(db)
    with opened.store:
        try:
            rows = links.link_rows(opened.store, base, clock.now())
            written = badge_pdf.write_badges(rows, out, font, one_line(opened.forum.title), opened.forum.languages)
        except (DatabaseError, badge_pdf.BadgeError) as error:
            raise _fail(error) from None
        except OSError as error:
            raise BadInput(f"{out}: cannot write ({error.strerror or error})") from None
    click.echo(f"roundtable: {written} badges; {links.secret_note(opened.store.path)}", err=True)
    click.echo(str(out))


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
@click.option("--strict-lang", is_flag=True, help="Refuse (write nothing) if any text would stay in another language "
              "than --lang's.")
def export(db: Path | None, out: Path | None, lang: str | None, fmt: str | None, final: bool, drop_proposed: bool,
           paginate: bool, no_annex: bool, strict_lang: bool = False) -> None:
    """Write the outcome document (or its PDF, Markdown, CSV or JSON export); prints the path."""
    # A one-shot command that builds tens of thousands of short-lived objects (pydantic's models
    # at import, the document's records) and holds no reference cycles worth reclaiming before it
    # exits: the cyclic collector's passes were a tenth of the export's time (`make bench`).
    gc.disable()
    from roundtable.domain.catalogue import CatalogueError, available, catalogue
    from roundtable.outcome.assemble import Options, ProposedRemain
    from roundtable.outcome.export import FORMATS, UntranslatedTexts, export as write_export, format_for, summary
    from roundtable.outcome.libreoffice import LibreOfficeError

    if lang is not None and lang not in available():
        raise BadInput(f'--lang: "{lang}" is not one of {", ".join(available())}')
    if fmt is not None and fmt not in FORMATS:
        raise BadInput(f'--format: "{fmt}" is not one of {", ".join(FORMATS)}')
    if out is not None and out.is_dir():
        raise BadInput(f"--out: {out} is a folder; name the file to write")
    try:
        fmt = format_for(out, fmt)
    except ValueError as error:
        raise BadInput(f"--out: {error}") from None
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
        untranslated: list = []
        try:
            options = Options(final=final, drop_proposed=drop_proposed, annexes=not no_annex)
            written = write_export(store, target, fmt, lang, options=options, paginate=paginate,
                                   strict_lang=strict_lang, untranslated=untranslated)
        except OSError as error:
            raise BadInput(f"{target}: cannot write ({error.strerror or error})") from None
        except (CatalogueError, LibreOfficeError) as error:
            raise BadInput(str(error)) from None
        except ProposedRemain as error:
            raise BadInput(f"--final: {error}") from None
        except UntranslatedTexts as error:
            raise BadInput(f"--strict-lang: {one_line(str(error))}; roundtable check {store.path} "
                           f"--lang {error.lang} lists them") from None
        if untranslated:
            from roundtable.outcome.assemble import default_language
            from roundtable.store.programme import load_forum

            doc_lang = lang or default_language(load_forum(store).languages)
            n = len(untranslated)
            click.echo(f"roundtable: warning: {n} text{'s' if n != 1 else ''} of the {doc_lang} document "
                       f"stay{'s' if n == 1 else ''} in another language ({one_line(summary(untranslated))}); "
                       f"roundtable check {store.path} --lang {doc_lang} lists them all", err=True)
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
    from roundtable.store.session_reset import recorded, reset_with_backup

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
        done = reset_with_backup(store, found.id, now)
    click.echo(f"{found.code}: {done.counts.line()}")
    click.echo(f"backup: {done.backup} (to go back: quit roundtable and copy it over {db})")


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--lang", help="Also list every text (programme and roster) that a document in this language would "
              "write as given, not in it (a warning each).")
@_list_options
def check(path: Path, lang: str | None, sheet: str | None, columns: str | None, strict: bool) -> None:
    """Validate a programme (.toml) or a registration list (.csv, .xlsx, .xls, .ods) without writing
    anything; for a list, say how its columns are read; with --lang, also a forum database (.db)."""
    from roundtable.formats.programme import missing_texts, read_programme
    from roundtable.formats.registration_list import is_registration_list
    from roundtable.domain.models import LANGUAGE_CODE

    if lang is not None and not LANGUAGE_CODE.match(lang):
        raise BadInput(f'--lang: "{lang}" is not a language code such as "ru"')

    def warn(where: str, text: str = "", hint: str = "") -> None:
        said = "; ".join(part for part in (f'"{text}"' if text else "", hint) if part)
        click.echo(f"roundtable: warning: {one_line(where)}: no text in {lang}{f' ({one_line(said)})' if said else ''}",
                   err=True)

    if (sheet or columns or strict) and not is_registration_list(path):
        raise BadInput(f"{path}: --sheet, --columns and --strict are for a registration list")
    if is_registration_list(path):
        parsed = _read_list(path, sheet, columns, strict)
        if parsed.show_mapping:
            for line in parsed.mapping:
                click.echo(line)
        said = set(parsed.column_warnings) if parsed.show_mapping else set()  # the mapping said them
        for warning in parsed.warnings:
            if warning not in said:
                click.echo(f"roundtable: warning: {warning}", err=True)
        if lang is not None:
            for line, field, text in roster_missing(parsed, lang):
                warn(f"{parsed.place(line)}: {field}", text,
                     f"the {field}_{lang} column gives it" if field != "honorific" else "")
        rows = len(parsed.participants)
        people = f"{parsed.people} participant{'' if parsed.people == 1 else 's'}"
        done = f"{path}: OK, {people}" + (f" in {rows} rows" if rows != parsed.people else "")
        absent = sum(not person.attending for person in parsed.participants)
        if absent:
            done += f"; {absent} not attending"
        if to_complete := parsed.people_to_complete():
            done += f"; {to_complete} to complete (country not known)"
        click.echo(done)
        return
    try:
        if path.suffix.lower() == ".toml":
            programme = read_programme(path)
            if lang is not None:
                text = path.read_bytes().decode("utf-8-sig")
                for field, line in missing_texts(programme, lang, text):
                    warn(f"{path}: line {line}: {field}" if line else f"{path}: {field}")
            click.echo(
                f"{path}: OK, forum {programme.forum.id}: {len(programme.tracks)} tracks, "
                f"{len(programme.sessions)} sessions, {len(programme.participants)} participants"
            )
        elif path.suffix.lower() == ".db" and lang is not None:
            for item in database_missing(path, lang):
                warn(f"{path}: {item.where}", item.short_text)
            click.echo(f"{path}: OK")
        elif path.suffix.lower() == ".db":
            raise InputError(path, "a forum database is checked with --lang (which texts a document in that "
                                   "language would lack)")
        else:
            raise InputError(path, "not a programme (.toml) or a registration list (.csv, .xlsx, .xls, .ods)")
    except (InputError, DatabaseError) as error:
        raise _fail(error) from None


def roster_missing(parsed, lang: str) -> list[tuple[int, str, str]]:
    """(line, column, text) of every roster text a document in `lang` would write as given."""
    from roundtable.domain.catalogue import catalogue_or_bare
    from roundtable.domain.wording import untranslated_texts, wording_for

    lines: dict[str, int] = {}
    for person, line in zip(parsed.participants, parsed.lines):
        lines.setdefault(person.name, line)
    # A registration list says nothing of the forum's first language: every text is checked.
    w = wording_for(catalogue_or_bare(lang), "", people=parsed.participants)
    return [(lines[item.key], item.field, item.short_text) for item in untranslated_texts(w, people=parsed.participants)]


def database_missing(path: Path, lang: str) -> list:
    """Every programme and roster text of the forum database at `path` that a document in `lang`
    would write as given (read-only: nothing is migrated or written)."""
    from roundtable.domain.catalogue import catalogue_or_bare
    from roundtable.domain.wording import untranslated_texts, wording_for
    from roundtable.store import open_read_only
    from roundtable.store.programme import load_forum, load_sessions, load_tracks
    from roundtable.store.roster import load_participants

    with open_read_only(path) as store:
        forum, tracks = load_forum(store), load_tracks(store)
        sessions, people = load_sessions(store, include_dropped=False), load_participants(store)
    if lang == forum.languages[0]:
        return []
    w = wording_for(catalogue_or_bare(lang), forum.languages[0], [forum, *tracks, *sessions], people)
    named = [("forum", "", forum), *(("track", t.code, t) for t in tracks), *(("session", s.code, s) for s in sessions)]
    return untranslated_texts(w, named, people)


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
