"""Recommendations by track, with the notes and interventions they came from."""

from __future__ import annotations

import datetime as dt

from roundtable.domain import ids
from roundtable.domain.models import Recommendation, RecommendationSource
from roundtable.store.connection import Store
from roundtable.store.rows import recommendation_from_row


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
) -> Recommendation:
    """Append a recommendation at the end of its track, with its source."""
    stamp = now.isoformat()
    with store.transaction() as conn:
        last = conn.execute(
            "SELECT max(position) FROM recommendations WHERE track_code = ?", (track_code,)
        ).fetchone()[0]
        rec = Recommendation(
            id=ids.new_id(),
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
        store.db["recommendations"].insert(row)
        source = rec.sources[0]
        store.db["recommendation_sources"].insert(
            {
                "id": ids.stable_id(rec.id, str(session_id), str(note_id), str(intervention_id)),
                "recommendation_id": rec.id,
                "session_id": session_id,
                "note_id": note_id,
                "intervention_id": intervention_id,
                "created_at": stamp,
            }
        )
    return rec


def load_recommendations(store: Store) -> list[Recommendation]:
    """All live recommendations (not deleted, not merged away) in track order, with their sources."""
    rows = store.query(
        "SELECT * FROM recommendations WHERE deleted_at IS NULL AND merged_into IS NULL"
        " ORDER BY track_code, position"
    )
    sources: dict[str, list[RecommendationSource]] = {}
    for s in store.query("SELECT * FROM recommendation_sources ORDER BY created_at"):
        sources.setdefault(s["recommendation_id"], []).append(
            RecommendationSource(session_id=s["session_id"], note_id=s["note_id"], intervention_id=s["intervention_id"])
        )
    return [recommendation_from_row(r, sources.get(r["id"])) for r in rows]
