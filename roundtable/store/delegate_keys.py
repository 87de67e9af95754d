"""Delegates' link keys: the secret they are made from, beside the database, and their hashes in it.

`<db>.delegate-secret` (mode 0600, made on first need) is the only thing a key can be made again
from (domain/delegate_keys.py); it is never inside the database, so neither a merge, an offline
copy nor an export carries it. The database's `delegate_keys` holds each key's hash, its person
and generation, and when it was revoked. Revoking a person's key issues the next generation: the
old link answers 403 from then on, on every laptop a merge reaches (a revocation is a tombstone).

Issuing and revoking write the roster (`Write("roster")`): the secretariat's command line, and a
chair's or moderator's f2.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from roundtable.domain.access import Write
from roundtable.domain.delegate_keys import derive_key, key_hash, looks_like_key
from roundtable.domain.models import Participant
from roundtable.store import stamping
from roundtable.store.connection import DatabaseError, Store
from roundtable.store.rows import PARTICIPANT_COLUMNS, participant_from_row

SECRET_BYTES = 32


def secret_path(db: Path) -> Path:
    return db.with_name(f"{db.name}.delegate-secret")


def load_secret(db: Path, create: bool = True) -> bytes:
    """The secret delegates' keys are made from; made (mode 0600) when missing and `create`.

    Raises DatabaseError, naming the file, when it cannot be read or made, or is damaged.
    """
    path = secret_path(Path(db).resolve())
    try:
        return _read_secret(path)
    except FileNotFoundError:
        if not create:
            raise DatabaseError(f"{path}: no delegates' secret beside the database (make the links first: "
                                "roundtable participants links)") from None
    try:
        _make_secret(path)
        return _read_secret(path)
    except OSError as error:
        raise DatabaseError(f"{path}: cannot write the delegates' secret beside the database "
                            f"({error.strerror or error})") from None


def _read_secret(path: Path) -> bytes:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as error:
        raise DatabaseError(f"{path}: cannot read the delegates' secret ({getattr(error, 'strerror', None) or error})") from None
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != SECRET_BYTES:
        raise DatabaseError(f"{path}: not a delegates' secret (64 hexadecimal digits expected); "
                            "restore it from a backup, or delete it to make new links (the old ones then stop working)")
    return secret


def _make_secret(path: Path) -> None:
    """Write a new secret to a temporary file, then link it into place: two processes making it
    at once end up with the same one (the second's link fails and it reads the first's)."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(SECRET_BYTES) + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        Path(temporary).unlink(missing_ok=True)


@dataclass(frozen=True)
class Link:
    """A person's current link. `key` is None when its key was made with another laptop's secret:
    it cannot be shown here (revoking it here makes one that can)."""

    participant: Participant
    key: str | None
    generation: int
    issued_at: dt.datetime


@dataclass(frozen=True)
class Identity:
    """Whom a key names: the person (a record merged into another: the one kept) and the key's hash."""

    participant_id: str
    key_hash: str


def _current(conn: sqlite3.Connection, participant_ids: list[str] | None) -> dict[str, sqlite3.Row]:
    """Each person's newest key that is not revoked."""
    where = ""
    params: tuple = ()
    if participant_ids is not None:
        where = f" AND participant_id IN ({', '.join('?' for _ in participant_ids)})"
        params = tuple(participant_ids)
    rows = conn.execute(
        f"SELECT * FROM delegate_keys WHERE revoked_at IS NULL{where} ORDER BY participant_id, generation", params
    ).fetchall()
    return {row["participant_id"]: row for row in rows}  # the last generation wins


def _next_generation(conn: sqlite3.Connection, participant_id: str) -> int:
    row = conn.execute("SELECT max(generation) FROM delegate_keys WHERE participant_id = ?", (participant_id,)).fetchone()
    return (row[0] or 0) + 1


def _issue(conn: sqlite3.Connection, secret: bytes, participant_id: str, generation: int, now: dt.datetime) -> str:
    key = derive_key(secret, participant_id, generation)
    stamp = now.isoformat()
    conn.execute(
        "INSERT INTO delegate_keys (key_hash, participant_id, generation, issued_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        (key_hash(key), participant_id, generation, stamp, stamp),
    )
    return key


def links(store: Store, secret: bytes, now: dt.datetime, participant_ids: Iterable[str] | None = None) -> list[Link]:
    """Every person's link (those of `participant_ids`, when given), by name; a key is issued, in
    one transaction, to each who has none yet. Records merged into another have none."""
    wanted = list(participant_ids) if participant_ids is not None else None
    with store.transaction(Write("roster")) as conn:
        where = "merged_into IS NULL"
        params: tuple = ()
        if wanted is not None:
            where += f" AND id IN ({', '.join('?' for _ in wanted)})"
            params = tuple(wanted)
        people = [participant_from_row(r) for r in conn.execute(
            f"SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE {where} ORDER BY name, organisation", params)]
        current = _current(conn, [p.id for p in people] if wanted is not None else None)
        out = []
        for person in people:
            row = current.get(person.id)
            if row is None:
                generation = _next_generation(conn, person.id)
                key = _issue(conn, secret, person.id, generation, now)
                out.append(Link(person, key, generation, now))
                continue
            key = derive_key(secret, person.id, row["generation"])
            out.append(Link(person, key if key_hash(key) == row["key_hash"] else None, row["generation"],
                            dt.datetime.fromisoformat(row["issued_at"])))
    return out


def current_link(store: Store, secret: bytes, participant_id: str) -> Link | None:
    """One person's link as it is, None when they have none yet (reads only)."""
    person = store.query_one(f"SELECT {PARTICIPANT_COLUMNS} FROM participants WHERE id = ? AND merged_into IS NULL",
                             (participant_id,))
    row = _current(store.conn, [participant_id]).get(participant_id) if person else None
    if row is None:
        return None
    key = derive_key(secret, participant_id, row["generation"])
    return Link(participant_from_row(person), key if key_hash(key) == row["key_hash"] else None, row["generation"],
                dt.datetime.fromisoformat(row["issued_at"]))


def link_of(store: Store, secret: bytes, participant_id: str, now: dt.datetime) -> Link:
    """One person's link (issued if they have none). Raises KeyError for no such person."""
    existing = current_link(store, secret, participant_id)
    if existing is not None:
        return existing
    found = links(store, secret, now, [participant_id])
    if not found:
        raise KeyError(f"no participant {participant_id}")
    return found[0]


def revoke(store: Store, secret: bytes, participant_id: str, now: dt.datetime) -> Link:
    """End this person's current key (their link answers 403 from now on) and issue the next;
    returns the new link. Raises KeyError for no such person."""
    with store.transaction(Write("roster")) as conn:
        if conn.execute("SELECT 1 FROM participants WHERE id = ? AND merged_into IS NULL",
                        (participant_id,)).fetchone() is None:
            raise KeyError(f"no participant {participant_id}")
        stamp = now.isoformat()
        stamping.update(conn, "delegate_keys", {"revoked_at": stamp}, now, "participant_id = ? AND revoked_at IS NULL",
                        (participant_id,))
        _issue(conn, secret, participant_id, _next_generation(conn, participant_id), now)
    return link_of(store, secret, participant_id, now)


def identify(store: Store, key: str | None) -> Identity | None:
    """Whom `key` names, or None for no key, a malformed one, an unknown or a revoked one. The key
    is looked up by its hash only; a person merged into another is the one kept."""
    if not looks_like_key(key):
        return None
    hashed = key_hash(key)
    row = store.query_one(
        "SELECT k.participant_id, p.merged_into FROM delegate_keys k JOIN participants p ON p.id = k.participant_id"
        " WHERE k.key_hash = ? AND k.revoked_at IS NULL",
        (hashed,),
    )
    if row is None:
        return None
    person = row["merged_into"] or row["participant_id"]
    for _ in range(8):  # a chain of merges (a into b, b into c) ends at the record kept
        kept = store.query_one("SELECT merged_into FROM participants WHERE id = ?", (person,))
        if kept is None or kept["merged_into"] is None:
            break
        person = kept["merged_into"]
    return Identity(person, hashed)


def still_valid(store: Store, hashes: Iterable[str]) -> set[str]:
    """Those of `hashes` that name a key not revoked (the server's open pages, checked after a
    roster change)."""
    wanted = list(hashes)
    if not wanted:
        return set()
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        found |= {r["key_hash"] for r in store.query(
            f"SELECT key_hash FROM delegate_keys WHERE revoked_at IS NULL AND key_hash IN ({', '.join('?' for _ in chunk)})",
            tuple(chunk))}
    return found
