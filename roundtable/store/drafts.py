"""Text being typed, kept on disk as it is typed so that killing the app loses none of it.

A draft is keyed by what it belongs to (the note line of a session: the session id). An empty
draft is removed rather than stored.
"""

from __future__ import annotations

import datetime as dt

from roundtable.domain.access import Write
from roundtable.domain.typed_text import storable
from roundtable.store.connection import Store


def load_draft(store: Store, key: str, legacy_key: str | None = None) -> str:
    """The draft kept under `key`; else one an older roundtable kept under `legacy_key` (drafts were
    once kept per session, not per terminal)."""
    row = store.query_one("SELECT text FROM drafts WHERE key = ?", (key,))
    if row is None and legacy_key is not None:
        row = store.query_one("SELECT text FROM drafts WHERE key = ?", (legacy_key,))
    return row["text"] if row else ""


def save_draft(store: Store, key: str, text: str, now: dt.datetime, session_id: str | None = None) -> None:
    """Keep `text` under `key`; a draft of a session's note line is written as its notes are
    (`session_id`: who may write them there may keep a draft)."""
    text = storable(text)
    with store.transaction(Write("notes", session_id=session_id)) as conn:
        if text:
            conn.execute(
                "INSERT INTO drafts (key, text, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at"
                " WHERE drafts.text != excluded.text",
                (key, text, now.isoformat()),
            )
        else:
            conn.execute("DELETE FROM drafts WHERE key = ?", (key,))
