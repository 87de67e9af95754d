"""Everything the outcome document is made of, read in a handful of queries inside one snapshot.

No rule is applied here (attribution, off-record, numbering): `outcome/assemble.py` does that.
The queries never run per row: nine statements whatever the size of the forum.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from roundtable.domain.models import Forum, Note, Participant, Recommendation, Session, Track
from roundtable.domain.statistics import Intervention
from roundtable.domain.vocabulary import MINISTERIAL_RANKS
from roundtable.store.connection import Store
from roundtable.store.floor_reads import NOTED
from roundtable.store.programme import load_forum, load_tracks
from roundtable.store.recommendations import load_recommendations
from roundtable.store.roster import load_participants, merged_records
from roundtable.store.rows import REQUEST_FIELDS, note_from_row, request_from_row, session_from_row


@dataclass
class RosterFigures:
    participants: int = 0
    countries: int = 0
    ministerial: int = 0


@dataclass
class OutcomeRecord:
    forum: Forum
    tracks: list[Track]
    sessions: list[Session]  # in time order, only those still in the programme
    dropped_sessions: list[Session]  # left the programme but hold recorded content
    interventions: list[Intervention]  # given (spoken, speaking, interrupted; not deleted), by start
    notes: list[Note]  # live notes, by time
    recommendations: list[Recommendation]  # live ones, by track and position, with sources
    roster: RosterFigures = field(default_factory=RosterFigures)
    participants: list[Participant] = field(default_factory=list)  # the whole roster (Annex I)
    read_at: dt.datetime | None = None


def read_outcome(store: Store, now: dt.datetime | None = None) -> OutcomeRecord:
    with store.snapshot():
        forum = load_forum(store)
        tracks = load_tracks(store)
        sessions, dropped = [], []
        for row in store.query("SELECT * FROM sessions ORDER BY date, start, track, code"):
            (sessions if row["in_programme"] else dropped).append(session_from_row(row))
        participants = load_participants(store)
        # Each speaker is the roster's object, built once (the roster is read whole for Annex I); a
        # record merged into another (two records of one person) speaks as the one kept.
        people = {person.id: person for person in participants}
        people |= {absorbed: people[kept] for absorbed, kept in merged_records(store).items() if kept in people}
        interventions = [
            Intervention(request_from_row(row), people[row["participant_id"]], bool(row["noted"]))
            for row in store.query(
                f"SELECT {', '.join(f'r.{f}' for f in REQUEST_FIELDS)}, {NOTED} AS noted FROM requests r"
                " WHERE r.status IN ('spoken', 'speaking', 'interrupted') AND r.deleted_at IS NULL"
                " ORDER BY r.started_at, r.position"
            )
        ]
        notes = [
            note_from_row(row)
            for row in store.query("SELECT * FROM notes WHERE deleted_at IS NULL ORDER BY created_at, rowid")
        ]
        recommendations = load_recommendations(store)
        ranks = ", ".join(f"'{rank}'" for rank in sorted(MINISTERIAL_RANKS))
        figures = store.query_one(
            f"""SELECT count(*) AS participants,
                       count(DISTINCT nullif(trim(country), '')) AS countries,
                       sum(rank IN ({ranks})) AS ministerial
                FROM participants WHERE attending = 1 AND merged_into IS NULL"""
        )
    return OutcomeRecord(
        forum=forum,
        tracks=tracks,
        sessions=sessions,
        dropped_sessions=dropped,
        interventions=interventions,
        notes=notes,
        recommendations=recommendations,
        roster=RosterFigures(figures["participants"], figures["countries"], figures["ministerial"] or 0),
        participants=participants,
        read_at=now,
    )
