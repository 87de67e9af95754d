"""Each participant's personal link to the delegates' page, as the secretariat mails it
(`roundtable participants links`) and the badges print it.

A link is `<public URL>/d/?k=<key>`, the key made from the secret beside the database
(store/delegate_keys.py): listing the links again prints the same links, and issues one to whoever
has none yet.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from roundtable.domain.countries import country_name
from roundtable.domain.delegate_keys import DELEGATE_PATH
from roundtable.outcome.formula_guard import neutralise_formula
from roundtable.serve.network import NetworkError, listening
from roundtable.store import delegate_keys
from roundtable.store.connection import Store

DEFAULT_PORT = 8000  # `roundtable serve`'s


@dataclass(frozen=True)
class LinkRow:
    participant_id: str
    name: str  # as registered, with the honorific
    organisation: str
    country: str  # its English short name
    email: str
    url: str | None  # None: its key was made on another laptop (revoke it here to make a new one)


def link_url(public_url: str, key: str) -> str:
    return f"{public_url.rstrip('/')}{DELEGATE_PATH}?k={key}"


def default_public_url() -> str:
    """The URL `roundtable serve --venue --host 0.0.0.0` prints: this machine's address, port 8000.
    Raises NetworkError when the machine has no network address."""
    return listening("0.0.0.0", DEFAULT_PORT, https=False).public_url


def checked_public_url(url: str) -> str:
    """`url` as http(s)://HOST[:PORT]; raises NetworkError otherwise."""
    return listening("127.0.0.1", DEFAULT_PORT, https=url.startswith("https:"), public_url=url).public_url


def link_rows(store: Store, public_url: str, now: dt.datetime, participant_ids: list[str] | None = None) -> list[LinkRow]:
    """Everyone's link (or those of `participant_ids`), by name. Issues the keys missing."""
    secret = delegate_keys.load_secret(store.path)
    rows = []
    for link in delegate_keys.links(store, secret, now, participant_ids):
        person = link.participant
        rows.append(LinkRow(person.id, person.titled, person.organisation or "",
                            country_name(person.country) if person.country else "", person.email or "",
                            link_url(public_url, link.key) if link.key else None))
    return rows


def write_csv(rows: list[LinkRow], out: TextIO) -> None:
    """name, organisation, country, email, url: for a mail merge (cells a spreadsheet would run as
    formulas are neutralised)."""
    writer = csv.writer(out)
    writer.writerow(["name", "organisation", "country", "email", "url"])
    for row in rows:
        writer.writerow([neutralise_formula(v) for v in (row.name, row.organisation, row.country, row.email,
                                                         row.url or "")])


def lines(rows: list[LinkRow]) -> list[str]:
    """One line per person: name, organisation and URL, separated by tabs."""
    return ["\t".join((row.name, row.organisation or "-", row.url or "(made on another laptop: revoke it in f2 here)"))
            for row in rows]


def secret_note(db: Path) -> str:
    return (f"the links are made from {delegate_keys.secret_path(Path(db).resolve()).name} beside the database: "
            "keep it with the database and never share it; a person's link is revoked in f2 (participants)")


__all__ = ["LinkRow", "NetworkError", "checked_public_url", "default_public_url", "link_rows", "link_url", "lines",
           "secret_note", "write_csv"]
