"""Venue keys: one random key per role, kept beside the database (never in it), revocable.

`<db>.venue-keys.json`, mode 0600, written atomically. A key survives a restart of the server, so
the projector laptops and the moderators' browsers need not be given new URLs after one; a key
that leaked is revoked with `roundtable serve DB --revoke KEY` (the running server sees the file
change at the next request).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from roundtable.formats.errors import InputError

ROLES = ("chair", "moderator", "rapporteur", "projector")
KEY_BYTES = 24  # 192 bits, 32 characters of base64url


@dataclass(frozen=True)
class VenueKey:
    key: str
    role: str
    track: str | None = None
    """A rapporteur's key may be limited to one track (`--rapporteur-track T1`)."""

    @property
    def label(self) -> str:
        return f"{self.role} {self.track}" if self.track else self.role


def keys_path(db: Path) -> Path:
    return db.with_name(f"{db.name}.venue-keys.json")


class KeyFile:
    """The keys of one forum database. `find` re-reads the file when it changed on disk."""

    def __init__(self, path: Path):
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._keys: list[VenueKey] = []

    def load(self) -> list[VenueKey]:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            self._stamp, self._keys = None, []
            return []
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            self._keys = _read(self.path)
            self._stamp = stamp
        return list(self._keys)

    def find(self, key: str | None) -> VenueKey | None:
        """The venue key matching `key`, compared in constant time; None for no key or a wrong one."""
        if not key:
            return None
        try:
            offered = key.encode()
        except UnicodeEncodeError:  # bytes that were not UTF-8, which aiohttp hands over surrogate-escaped
            return None
        found = None
        for venue_key in self.load():
            if secrets.compare_digest(venue_key.key.encode(), offered):
                found = venue_key
        return found

    def ensure(self, tracks: list[str] = ()) -> list[VenueKey]:
        """Every role's key, and a rapporteur key for each of `tracks`, creating those missing."""
        keys = self.load()
        wanted = [(role, None) for role in ROLES if role != "projector"]
        wanted += [("rapporteur", track) for track in tracks] + [("projector", None)]
        have = {(k.role, k.track) for k in keys}
        missing = [VenueKey(secrets.token_urlsafe(KEY_BYTES), role, track) for role, track in wanted
                   if (role, track) not in have]
        if missing:
            keys += missing
            self._write(keys)
        order = {pair: i for i, pair in enumerate(wanted)}
        return sorted((k for k in keys if (k.role, k.track) in order), key=lambda k: order[(k.role, k.track)])

    def revoke(self, key: str) -> VenueKey | None:
        """Remove `key`; returns what it was, None when no such key exists."""
        found = self.find(key)
        if found is not None:
            self._write([k for k in self.load() if k != found])
        return found

    def _write(self, keys: list[VenueKey]) -> None:
        document = {
            "about": "roundtable venue keys: whoever holds one may use the forum in that role. Never share this file.",
            "updated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "keys": [asdict(k) for k in keys],
        }
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(document, out, indent=2)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._stamp = None


def _read(path: Path) -> list[VenueKey]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(path, "not a venue key file (not UTF-8 text)") from None
    except json.JSONDecodeError as error:
        raise InputError(path, f"not a venue key file ({error.msg})", line=error.lineno) from None
    except OSError as error:
        raise InputError(path, f"cannot read it ({error.strerror or error})") from None
    entries = document.get("keys") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise InputError(path, "not a venue key file (no list of keys)")
    keys = []
    for i, entry in enumerate(entries, start=1):
        if (not isinstance(entry, dict) or not isinstance(entry.get("key"), str) or len(entry["key"]) < 16
                or entry.get("role") not in ROLES or not isinstance(entry.get("track"), (str, type(None)))):
            raise InputError(path, "not a valid venue key", field=f"keys[{i}]")
        keys.append(VenueKey(entry["key"], entry["role"], entry.get("track")))
    return keys
