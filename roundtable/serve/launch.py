"""From `roundtable serve`'s options to a running server: keys, address, TLS, what to print.

The CLI checks the forum-level arguments (session, room, tracks) and hands the rest here.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

from roundtable.formats.errors import InputError, one_line
from roundtable.serve.commands import projector_command, venue_command
from roundtable.serve.keys import KeyFile, VenueKey, keys_path
from roundtable.serve.network import NetworkError, listening


class ServeError(Exception):
    """An option or file that stops the server from starting; one line for the user."""


@dataclass
class Plan:
    server: object
    banner: str
    urls: list[str]
    warnings: list[str] = field(default_factory=list)

    def serve(self, ready: Callable[[], None] | None = None) -> None:
        """Run until SIGTERM or SIGINT; `ready` is called once the server listens."""
        from roundtable.serve.server import BindError

        try:
            asyncio.run(self.server.run(ready=ready))
        except BindError as error:
            raise ServeError(str(error)) from None


def revoke(db: Path, key: str) -> str:
    try:
        revoked = KeyFile(keys_path(db)).revoke(key.strip())
    except InputError as error:
        raise ServeError(str(error)) from None
    except OSError as error:
        raise ServeError(f"{keys_path(db)}: cannot rewrite the venue keys ({error.strerror or error})") from None
    if revoked is None:
        raise ServeError(f"--revoke: no such key for {db.name}")
    return f"revoked the {revoked.label} key of {db.name}; a server running on it disconnects its browsers"


def _ssl_context(cert: Path | None, tls_key: Path | None) -> ssl.SSLContext | None:
    if cert is None and tls_key is None:
        return None
    if cert is None or tls_key is None:
        raise ServeError("--cert and --key go together: the certificate and its private key (PEM files)")
    for option, path in (("--cert", cert), ("--key", tls_key)):
        if not path.is_file():
            raise ServeError(f"{option}: {path}: no such file")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, tls_key)
    except (ssl.SSLError, OSError) as error:
        raise ServeError(f"{cert}, {tls_key}: not a certificate and its private key in PEM ({error.strerror or error})") from None
    return context


def plan(opened, *, venue: bool, host: str, port: int, public_url: str | None, cert: Path | None,
         tls_key: Path | None, max_clients: int, session: str | None, room: str | None,
         rapporteur_tracks: list[str], grace: float) -> Plan:
    from roundtable.serve.delegate_app import DelegatePages
    from roundtable.serve.origin import allowed_origins
    from roundtable.serve.server import VenueServer
    from roundtable.store.connection import DatabaseError
    from roundtable.store.programme import load_sessions, rooms

    db = opened.store.path.resolve()
    title = one_line(opened.forum.title)
    context = _ssl_context(cert, tls_key)
    try:
        where = listening(host, port, https=context is not None, public_url=public_url)
    except NetworkError as error:
        raise ServeError(str(error)) from None
    if public_url is not None and public_url.startswith("https:") != (context is not None):
        raise ServeError("--public-url: its scheme must match the server's (https with --cert and --key, else http)")
    warnings = []
    if not where.loopback_only:
        who = "anyone who has a key's URL uses the forum in that key's role" if venue else \
            "anyone who can reach it sees the projector view"
        warnings.append(f"serving on {host} ({where.public_url}): {who}"
                        + ("" if context else "; the traffic is not encrypted (see --cert)"))
    if venue:
        key_file = KeyFile(keys_path(db))
        try:
            keys = key_file.ensure(rapporteur_tracks)
        except InputError as error:
            raise ServeError(str(error)) from None
        except OSError as error:
            raise ServeError(f"{key_file.path}: cannot write the venue keys beside the database "
                             f"({error.strerror or error})") from None
        room_names = rooms(opened.store)
        codes = [s.code for s in load_sessions(opened.store)]
        try:
            delegates = DelegatePages(db, allowed_origins(where, port), secure=context is not None)
        except DatabaseError as error:
            raise ServeError(str(error)) from None
        server = VenueServer(partial(_venue_argv, db, where.public_url), where, port, title, keys=key_file, rooms=room_names,
                             sessions=codes, max_clients=max_clients, grace=grace, ssl_context=context,
                             delegates=delegates)
        urls = _venue_urls(where.public_url, keys, room_names)
        banner = (f"venue: {title} ({db.name}) at {where.public_url}, up to {max_clients} browsers; "
                  f"give each person the URL of their role (keys kept in {key_file.path.name}; "
                  f"revoke one with `roundtable serve {db.name} --revoke KEY`; add &session=CODE to open "
                  f"straight on a session; delegates open the personal links of `roundtable participants links`):")
    else:
        argv = projector_command(db, session=session, room=room)
        server = VenueServer(lambda key, page_room, page_session: argv, where, port, title, max_clients=max_clients,
                             grace=grace, ssl_context=context)
        urls = [where.public_url + "/"]
        shown = f"session {session}" if session else f"room {room}" if room else "whichever session has the floor"
        banner = f"projector view of {db.name} (read-only, {shown}), up to {max_clients} browsers, at:"
    return Plan(server, banner, urls, warnings)


def _venue_argv(db: Path, public_url: str, key: VenueKey | None, room: str | None, session: str | None) -> list[str]:
    assert key is not None  # the server refuses every request without a key in venue mode
    return venue_command(db, key, room, session, public_url)


def _venue_urls(base: str, keys: list[VenueKey], room_names: list[str]) -> list[str]:
    from roundtable.serve.delegate_app import entry_urls

    width = max(max(len(k.label) for k in keys), len("delegates")) + len(", ") + max(
        (len(r) for r in room_names), default=0)
    lines = []
    for key in keys:
        lines.append(f"  {key.label:<{width}}  {base}/?{urlencode({'key': key.key})}")
        if key.role == "projector":
            for name in room_names:
                label = f"{key.label}, {one_line(name)}"
                lines.append(f"  {label:<{width}}  {base}/?{urlencode({'key': key.key, 'room': name})}")
    # The delegates' entry (no key in it: each delegate's own link is on their badge,
    # `roundtable participants links`), and each room's, for a poster at its door.
    lines += [f"  {one_line(label):<{width}}  {url}" for label, url in entry_urls(base, room_names)]
    return lines
