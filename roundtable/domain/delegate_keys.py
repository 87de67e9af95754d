"""A delegate's personal link: the key it carries, and the only form in which the forum keeps it.

A key is made from a secret kept beside the database (never in it, store/delegate_keys.py), the
person's id and the key's generation: `participants links`, the badges and f2 make the same key
again whenever they need it, and revoking a key moves its person to the next generation. The
database holds only the key's SHA-256 hash, which is what a merge carries, an export could show,
and the venue server looks a key up by; a key has 192 random-looking bits, so its hash cannot be
turned back into it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac

from pydantic import BaseModel, ConfigDict, Field

KEY_BYTES = 24  # 192 bits, 32 characters of base64url
DELEGATE_PATH = "/d/"  # where the venue server serves the delegates' page (serve/delegate_app.py)
HASH_PATTERN = r"^[0-9a-f]{64}$"


class DelegateKey(BaseModel):
    """One key of one person, as stored: its hash, never the key."""

    model_config = ConfigDict(extra="forbid")

    key_hash: str = Field(pattern=HASH_PATTERN)
    participant_id: str
    generation: int = Field(default=1, ge=1)
    issued_at: dt.datetime
    revoked_at: dt.datetime | None = None


def derive_key(secret: bytes, participant_id: str, generation: int) -> str:
    """The key of `participant_id`'s link of that generation, made from the forum's secret."""
    digest = hmac.new(secret, f"delegate-link:{participant_id}:{generation}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:KEY_BYTES]).decode("ascii")


def key_hash(key: str) -> str:
    """The stored form of a key. A key that is not text a URL can carry hashes like any other
    (it then matches nothing)."""
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def looks_like_key(key: str | None) -> bool:
    """A key as links carry it: 32 characters of base64url. Anything else is refused unread."""
    if key is None or len(key) != KEY_BYTES * 4 // 3:
        return False
    return all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
