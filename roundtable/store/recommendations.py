"""Recommendations by track (or for the forum as a whole), with the notes and interventions they
came from.

A recommendation merged into another keeps its row (`merged_into` names the survivor) and its
sources are copied to the survivor, so nothing the room said is lost by a merge.

What the board does to them (editing, a status, a move, a merge) is recorded in one undo log,
scope `SCOPE` (store/undo_log.py), so that `ctrl+z` and `ctrl+y` on the board undo and redo it.
`name` is how the board calls a recommendation in the log's labels ("2.3"; its first words when
not given): "merged 2.3 into 2.1", "marked 1.2 agreed".
"""

from __future__ import annotations

import datetime as dt

from roundtable.domain import ids
from roundtable.domain.access import Write
from roundtable.domain.models import Recommendation, RecommendationSource
from roundtable.domain.numbering import sort_key
from roundtable.domain.typed_text import storable, storable_or_none
from roundtable.domain.vocabulary import RECOMMENDATION_STATUSES, cycle
from roundtable.store import stamping, undo_log
from roundtable.store.connection import Store
from roundtable.store.notes import add_note, current_intervention_id
from roundtable.store.rows import recommendation_from_row

SCOPE = undo_log.BOARD_SCOPE  # the board's undo log: one for the forum (recommendations span sessions)


def _source_id(recommendation_id: str, session_id, note_id, intervention_id) -> str:
    return ids.stable_id(recommendation_id, str(session_id), str(note_id), str(intervention_id))


def add_recommendation(
    store: Store,
    track_code: str,
    text: str,
    now: dt.datetime,
    session_id: str | None = None,
    note_id: str | None = None,
    intervention_id: str | None = None,
    addressed_to: str | None = None,
    status: str = "proposed",
    row_id: str | None = None,
) -> Recommendation:
    """Append a recommendation at the end of its track, with its source. `row_id`: a given id
    (the demo sample's are stable, so that laptops merge it once); a new random one by default."""
    text, addressed_to = storable(text), storable_or_none(addressed_to)
    stamp = now.isoformat()
    with store.transaction(Write("recommendations", session_id=session_id, track=track_code)) as conn:
        last = conn.execute(
            "SELECT max(position) FROM recommendations WHERE track_code = ?", (track_code,)
        ).fetchone()[0]
        rec = Recommendation(
            id=row_id or ids.new_id(),
            track_code=track_code,
            session_id=session_id,
            text=text,
            addressed_to=addressed_to,
            status=status,
            position=(last or 0) + 1,
            created_at=now,
            updated_at=now,
            sources=[RecommendationSource(session_id=session_id, note_id=note_id, intervention_id=intervention_id)],
        )
        row = rec.model_dump(exclude={"sources"}) | {"created_at": stamp, "updated_at": stamp}
        store.insert("recommendations", row)
        store.insert(
            "recommendation_sources",
            {
                "id": _source_id(rec.id, session_id, note_id, intervention_id),
                "recommendation_id": rec.id,
                "session_id": session_id,
                "note_id": note_id,
                "intervention_id": intervention_id,
                "created_at": stamp,
            }
        )
    return rec


def recommend_from_session(
    store: Store, session_id: str, track_code: str, text: str, now: dt.datetime, key_point: bool = False
) -> Recommendation:
    """The rapporteur's `ctrl+r`: save the line as a note (linked to whoever has the floor) and as a
    recommendation of `track_code` whose source is that note and intervention; one transaction."""
    with store.transaction():
        intervention_id = current_intervention_id(store, session_id)
        note = add_note(store, session_id, text, now, intervention_id, key_point)
        return add_recommendation(
            store, track_code, text, now, session_id=session_id, note_id=note.id, intervention_id=intervention_id
        )


def _sources(store: Store) -> dict[str, list[RecommendationSource]]:
    sources: dict[str, list[RecommendationSource]] = {}
    for s in store.query("SELECT * FROM recommendation_sources ORDER BY created_at, rowid"):
        sources.setdefault(s["recommendation_id"], []).append(
            RecommendationSource(session_id=s["session_id"], note_id=s["note_id"], intervention_id=s["intervention_id"])
        )
    return sources


def load_recommendations(store: Store) -> list[Recommendation]:
    """All live recommendations (not deleted, not merged away) in track order, with their sources."""
    rows = store.query(
        "SELECT * FROM recommendations WHERE deleted_at IS NULL AND merged_into IS NULL"
        " ORDER BY track_code, position"
    )
    sources = _sources(store)
    return [recommendation_from_row(r, sources.get(r["id"])) for r in rows]


def get_recommendation(store: Store, rec_id: str) -> Recommendation | None:
    row = store.query_one("SELECT * FROM recommendations WHERE id = ?", (rec_id,))
    if row is None:
        return None
    return recommendation_from_row(row, _sources(store).get(rec_id))


def addressees_in_use(store: Store) -> list[str]:
    """Addressees already typed in this forum, most used first (offered as suggestions)."""
    rows = store.query(
        "SELECT addressed_to, count(*) AS n FROM recommendations"
        " WHERE addressed_to IS NOT NULL AND addressed_to != '' AND deleted_at IS NULL"
        " GROUP BY addressed_to ORDER BY n DESC, addressed_to"
    )
    return [r["addressed_to"] for r in rows]


def absorbed_texts(store: Store) -> dict[str, list[str]]:
    """The texts of the recommendations merged into each live one (survivor id -> texts, in the
    order they were filed): what the board shows under the one kept."""
    absorbed: dict[str, list[str]] = {}
    for row in store.query(
        "SELECT merged_into, text FROM recommendations WHERE merged_into IS NOT NULL AND deleted_at IS NULL"
        " ORDER BY created_at, rowid"
    ):
        absorbed.setdefault(row["merged_into"], []).append(row["text"])
    return absorbed


def _excerpt(text: str, words: int = 6) -> str:
    parts = text.split()
    return "\u201c" + " ".join(parts[:words]) + ("…" if len(parts) > words else "") + "\u201d"


def update_recommendation(
    store: Store, rec_id: str, text: str, addressed_to: str | None, now: dt.datetime, name: str | None = None
) -> None:
    with undo_log.recording(store, SCOPE, "edit", f"edited {name or _excerpt(text)}", now) as rec:
        _authorise(store, rec.conn, rec_id)
        rec.watch("recommendations", rec_id)
        stamping.update(rec.conn, "recommendations",
                        {"text": storable(text), "addressed_to": storable_or_none(addressed_to) or None}, now,
                        "id = ?", (rec_id,))


def _authorise(store: Store, conn, rec_id: str) -> None:
    """The recommendation's track decides who may write it (a missing one: nobody's but the
    secretariat's; the write then changes nothing anyway)."""
    row = conn.execute("SELECT track_code FROM recommendations WHERE id = ?", (rec_id,)).fetchone()
    store.authorise(Write("recommendations", track=row["track_code"] if row else None))


def cycle_status(store: Store, rec_id: str, now: dt.datetime, name: str | None = None) -> str:
    """proposed -> agreed -> dropped -> proposed; returns the new status."""
    with undo_log.recording(store, SCOPE, "status", "", now) as rec:
        row = rec.conn.execute("SELECT status, text, track_code FROM recommendations WHERE id = ?", (rec_id,)).fetchone()
        if row is None:
            raise KeyError(f"no recommendation {rec_id}")
        store.authorise(Write("recommendations", track=row["track_code"]))
        status = cycle(RECOMMENDATION_STATUSES, row["status"])
        rec.label = f"marked {name or _excerpt(row['text'])} {status}"
        rec.watch("recommendations", rec_id)
        stamping.update(rec.conn, "recommendations", {"status": status}, now, "id = ?", (rec_id,))
    return status


def move(store: Store, rec_id: str, offset: int, now: dt.datetime, name: str | None = None) -> bool:
    """Move a recommendation one place up (-1) or down (+1) among those of its track and status
    (agreed ones always come before proposed ones, see domain/numbering.py); False if it cannot."""
    with undo_log.recording(store, SCOPE, "move", "", now) as log:
        rec = get_recommendation(store, rec_id)
        if rec is None:
            return False
        store.authorise(Write("recommendations", track=rec.track_code))
        log.label = f"moved {name or _excerpt(rec.text)} {'up' if offset < 0 else 'down'}"
        siblings = sorted(
            (
                r
                for r in load_recommendations(store)
                if r.track_code == rec.track_code and r.status == rec.status
            ),
            key=sort_key,
        )
        order = [r.id for r in siblings]
        i = order.index(rec_id)
        j = i + offset
        if not 0 <= j < len(order):
            return False
        other = siblings[j]
        mine, theirs = rec.position, other.position
        if mine == theirs:  # equal positions (e.g. merged databases): separate them first
            theirs = mine + (1 if offset > 0 else -1)
        for moved, position in ((rec.id, theirs), (other.id, mine)):
            log.watch("recommendations", moved)
            stamping.update(log.conn, "recommendations", {"position": position}, now, "id = ?", (moved,))
    return True


def merge(store: Store, absorbed_id: str, survivor_id: str, now: dt.datetime,
          names: tuple[str | None, str | None] = (None, None)) -> None:
    """Merge `absorbed_id` into `survivor_id`: the survivor keeps its text and gains every source
    of the absorbed one (and its addressee if it had none); the absorbed one leaves the lists."""
    if absorbed_id == survivor_id:
        raise ValueError("a recommendation cannot be merged into itself")
    stamp = now.isoformat()
    with undo_log.recording(store, SCOPE, "merge", "", now) as log:
        conn = log.conn
        absorbed = conn.execute("SELECT * FROM recommendations WHERE id = ?", (absorbed_id,)).fetchone()
        survivor = conn.execute("SELECT * FROM recommendations WHERE id = ?", (survivor_id,)).fetchone()
        if absorbed is None or survivor is None:
            raise KeyError("no such recommendation")
        for merged in (absorbed, survivor):
            store.authorise(Write("recommendations", track=merged["track_code"]))
        log.label = f"merged {names[0] or _excerpt(absorbed['text'])} into {names[1] or _excerpt(survivor['text'])}"
        for source in conn.execute(
            "SELECT * FROM recommendation_sources WHERE recommendation_id = ?", (absorbed_id,)
        ).fetchall():
            source_id = _source_id(survivor_id, source["session_id"], source["note_id"], source["intervention_id"])
            log.watch("recommendation_sources", source_id)
            conn.execute(
                "INSERT OR IGNORE INTO recommendation_sources"
                " (id, recommendation_id, session_id, note_id, intervention_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (source_id, survivor_id, source["session_id"], source["note_id"], source["intervention_id"], stamp),
            )
        log.watch("recommendations", survivor_id)
        taken = {"addressed_to": absorbed["addressed_to"]} if not survivor["addressed_to"] and absorbed["addressed_to"] else {}
        stamping.update(conn, "recommendations", taken or {"addressed_to": survivor["addressed_to"]}, now, "id = ?",
                        (survivor_id,))
        # Those merged earlier into the absorbed one now point at the survivor too.
        followers = [absorbed_id] + [r["id"] for r in conn.execute(
            "SELECT id FROM recommendations WHERE merged_into = ?", (absorbed_id,)).fetchall()]
        for follower in followers:
            log.watch("recommendations", follower)
        stamping.update(conn, "recommendations", {"merged_into": survivor_id}, now, "id = ? OR merged_into = ?",
                        (absorbed_id, absorbed_id))


def undo(store: Store, now: dt.datetime, terminal: str | None = None) -> undo_log.LogEntry | None:
    """Undo the board's last action (that `terminal`'s, when given; None: nothing to undo); raises
    UndoRefused when its rows were changed since by something the log did not record (another
    laptop's, merged in)."""
    return undo_log.undo(store, SCOPE, now, terminal=terminal)


def redo(store: Store, now: dt.datetime, terminal: str | None = None) -> undo_log.LogEntry | None:
    return undo_log.redo(store, SCOPE, now, terminal=terminal)
