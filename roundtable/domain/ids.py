"""Identifiers that stay the same on every laptop.

Rows that come from the programme or the roster get name-based UUIDs (uuid5), so that two laptops
that opened the same programme agree on them and their databases merge without duplicates. Rows a
user creates (requests, notes, recommendations, people added on the spot) get random UUIDs.
"""

import uuid

from roundtable.domain.text_match import fold

_NAMESPACE = uuid.UUID("6f1d3a52-7e0b-4c38-9a51-0b7a1d2e3c44")


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(parts)))


def track_id(forum_id: str, code: str) -> str:
    return stable_id(forum_id, "track", code)


def session_id(forum_id: str, code: str) -> str:
    return stable_id(forum_id, "session", code)


def person_key(name: str | None, organisation: str | None) -> tuple[str, str]:
    """What makes two records one person: the same name + organisation, whatever the case,
    accents or spacing. The one statement of that rule: the import, the merge and the ids ask it."""
    return " ".join(fold(name or "").split()), " ".join(fold(organisation or "").split())


def participant_id(forum_id: str, name: str, organisation: str | None) -> str:
    """A person's id on every laptop, derived from `person_key`."""
    return stable_id(forum_id, "participant", *person_key(name, organisation))


def new_id() -> str:
    return str(uuid.uuid4())
