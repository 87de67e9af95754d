"""Issue 24 item 11: convergence, as a property.

Two or three laptops start from one forum (copies of one database) and run random programs: the
floor's actions (add, next, point of order, withdraw, move, close, type, language, pause, suspend),
undo and redo, the given list's corrections, resets, notes and their re-links, recommendations with
their statuses and merges, participants corrected and merged; between them, `roundtable merge` in
random directions. Once every laptop has merged every other's, in any order, they must hold:

- the same record, table by table (bookkeeping stamps aside), except what is per laptop by design
  (the undo logs, drafts, the merge marks, the screens' change counters);
- nothing deleted or reset back: a row one laptop tombstoned is tombstoned on all;
- no session with two speakers on the floor (checked after every step, on every laptop);
- no duration below zero;
- an undo log that refuses to undo what a merge changed.

`make test` runs a few seconds of it (the "default" profile); `make soak` runs the deep profile
(ROUNDTABLE_HYPOTHESIS=soak: at least 2,000 programs). The README says what it proved.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from roundtable.domain.floor_outcomes import FloorRefused
from roundtable.store import floor, list_closing, notes, open_store, programme as programme_store, recommendations, \
    roster, undo_log
from roundtable.store.merge import merge_database
from roundtable.store.session_reset import reset_session
from roundtable.workspace import open_forum

from conftest import REPO

settings.register_profile("default", max_examples=8, stateful_step_count=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
settings.register_profile("soak", max_examples=2000, stateful_step_count=30, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
PROFILE = os.environ.get("ROUNDTABLE_HYPOTHESIS", "default")

CODES = ("T2-2.1", "D2-RT")  # a by-country session and a protocol-ordered one
PEOPLE = ("Hoda Baraka", "Julia Glidden", "Hannes Astok", "Bagdat Mussin", "Vincenzo Aquaro")
# The record every laptop must agree on, and the tables that are per laptop by design.
SHARED = ("participants", "requests", "notes", "recommendations", "recommendation_sources", "session_state",
          "floor_requests", "sessions", "tracks")
BOOKKEEPING = {"updated_at"}
TOMBSTONES = {"requests": "deleted_at", "notes": "deleted_at", "recommendations": "deleted_at",
              "floor_requests": "deleted_at", "participants": "merged_into"}
T0 = dt.datetime(2014, 10, 7, 12, 0, tzinfo=dt.timezone.utc)
# The laptops' files in memory where the machine has it: a program writes hundreds of commits and
# backups, and the property is about what they hold, not about the disk.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None

_TEMPLATE: dict[str, Path] = {}


def template() -> Path:
    """The demo programme opened once per test run (its sample recorded), the copy every program
    starts from."""
    if "db" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="convergence-", dir=SCRATCH))
        shutil.copy(REPO / "sessions" / "gegf-2014.toml", folder / "gegf-2014.toml")
        opened = open_forum(folder / "gegf-2014.toml", db=folder / "template.db")
        opened.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        opened.store.close()
        _TEMPLATE["db"] = folder / "template.db"
    return _TEMPLATE["db"]


def rows_of(store, table: str) -> list[tuple]:
    columns = [r["name"] for r in store.query(f"PRAGMA table_info({table})") if r["name"] not in BOOKKEEPING]
    return sorted(tuple(r) for r in store.query(f"SELECT {', '.join(columns)} FROM {table}"))


class Laptops(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="laptops-", dir=SCRATCH))
        self.stores = []
        self.moment = T0

    def teardown(self):
        for store in self.stores:
            store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize(count=st.integers(2, 3))
    def open_laptops(self, count):
        for n in range(count):
            path = self.folder / f"laptop{n}.db"
            shutil.copy(template(), path)
            store = open_store(path)
            store.conn.execute("PRAGMA synchronous=OFF")  # a test's files: no power cut to survive
            self.stores.append(store)
        first = self.stores[0]
        self.sessions = [programme_store.find_session(first, code) for code in CODES]
        everyone = {p.name: p for p in roster.load_participants(first)}
        self.people = [everyone[name] for name in PEOPLE]

    # -- helpers --------------------------------------------------------------------------------

    def now(self, seconds: int = 7) -> dt.datetime:
        # One clock for every laptop, always moving: no two writes share a stamp (a tie, which
        # the merge settles for the side it runs on, is not what this property is about).
        self.moment += dt.timedelta(seconds=seconds, microseconds=1)
        return self.moment

    def requests(self, store, session, statuses) -> list[str]:
        marks = ", ".join("?" for _ in statuses)
        return [r[0] for r in store.query(
            f"SELECT id FROM requests WHERE session_id = ? AND status IN ({marks}) AND deleted_at IS NULL ORDER BY id",
            (session.id, *statuses))]

    def live(self, store, table: str, where: str = "", params: tuple = ()) -> list[str]:
        tomb = TOMBSTONES.get(table, "deleted_at")
        extra = " AND merged_into IS NULL" if table == "recommendations" else ""
        return [r[0] for r in store.query(f"SELECT id FROM {table} WHERE {tomb} IS NULL{extra}{where} ORDER BY id", params)]

    # -- the floor ------------------------------------------------------------------------------
    # A command the floor refuses (nobody speaking, the entry gone meanwhile...) writes nothing:
    # the program goes on.

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1), person=st.integers(0, 4),
          kind=st.sampled_from(["statement", "reply", "question", "point-of-order"]))
    def add(self, laptop, session, person, kind):
        store = self.stores[laptop % len(self.stores)]
        try:
            floor.request_floor(store, self.sessions[session], self.people[person].id, self.now(), speech_type=kind)
        except (FloorRefused, KeyError):
            pass

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1))
    def next(self, laptop, session):
        try:
            floor.next_speaker(self.stores[laptop % len(self.stores)], self.sessions[session].id, self.now(40))
        except FloorRefused:
            pass

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1), person=st.integers(0, 4))
    def point_of_order(self, laptop, session, person):
        try:
            floor.raise_point_of_order(self.stores[laptop % len(self.stores)], self.sessions[session],
                                       self.people[person].id, self.now())
        except FloorRefused:
            pass

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1), pick=st.integers(0, 5),
          how=st.sampled_from(["withdraw", "up", "down", "type", "language"]))
    def queue_entry(self, laptop, session, pick, how):
        try:
            store = self.stores[laptop % len(self.stores)]
            queued = self.requests(store, self.sessions[session], ("queued",))
            if not queued:
                return
            rid = queued[pick % len(queued)]
            if how == "withdraw":
                floor.withdraw(store, rid, self.now())
            elif how in ("up", "down"):
                floor.move(store, rid, -1 if how == "up" else 1, self.now())
            elif how == "type":
                floor.set_speech_type(store, rid, ["statement", "reply", "question", "point-of-order"][pick % 4], self.now())
            else:
                floor.set_language(store, rid, ["en", "ru", "kk"][pick % 3], self.now())
        except FloorRefused:
            pass

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1),
          how=st.sampled_from(["close", "pause", "suspend", "resume", "language"]))
    def the_session(self, laptop, session, how):
        try:
            store = self.stores[laptop % len(self.stores)]
            s = self.sessions[session]
            if how == "close":
                list_closing.toggle_list_closed(store, s, self.now())
            elif how == "suspend":
                floor.suspend_session(store, s.id, self.now())
            elif how == "resume":
                floor.resume_session(store, s.id, self.now())
            else:
                for rid in self.requests(store, s, ("speaking",)):
                    if how == "pause":
                        floor.toggle_pause(store, rid, self.now())
                    else:
                        floor.set_language(store, rid, "kk", self.now())
        except FloorRefused:
            pass

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1), redo=st.booleans())
    def undo_or_redo(self, laptop, session, redo):
        store = self.stores[laptop % len(self.stores)]
        try:
            (undo_log.redo if redo else undo_log.undo)(store, self.sessions[session].id, self.now())
        except undo_log.UndoRefused:
            pass

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1), pick=st.integers(0, 9),
          how=st.sampled_from(["duration", "delete", "keep", "speaker", "type"]))
    def correct(self, laptop, session, pick, how):
        try:
            store = self.stores[laptop % len(self.stores)]
            spoken = self.requests(store, self.sessions[session], ("spoken",))
            if not spoken:
                return
            rid = spoken[pick % len(spoken)]
            if how == "duration":
                floor.correct_duration(store, rid, 30 * (pick + 1), self.now())
            elif how == "delete":
                floor.delete_intervention(store, rid, self.now())
            elif how == "keep":
                floor.toggle_kept(store, rid, self.now())
            elif how == "speaker":
                floor.correct_speaker(store, rid, self.people[pick % len(self.people)].id, self.now())
            else:
                floor.correct_speech_type(store, rid, "reply", self.now())
        except FloorRefused:
            pass

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1))
    def reset(self, laptop, session):
        reset_session(self.stores[laptop % len(self.stores)], self.sessions[session].id, self.now())

    # -- the rapporteur -------------------------------------------------------------------------

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1), behind=st.booleans(), key=st.booleans())
    def note(self, laptop, session, behind, key):
        notes.take_note(self.stores[laptop % len(self.stores)], self.sessions[session].id, "A point was made",
                        self.now(), key_point=key, previous=behind)

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1), pick=st.integers(0, 9),
          how=st.sampled_from(["speaker", "chair", "session", "delete", "edit", "key"]))
    def rework_note(self, laptop, session, pick, how):
        store = self.stores[laptop % len(self.stores)]
        s = self.sessions[session]
        taken = self.live(store, "notes", " AND session_id = ?", (s.id,))
        if not taken:
            return
        nid = taken[pick % len(taken)]
        now = self.now()
        if how == "delete":
            notes.delete_note(store, nid, now)
        elif how == "edit":
            notes.update_note(store, nid, f"Edited {pick}", bool(pick % 2), now)
        elif how == "key":
            notes.toggle_key_point(store, nid, now)
        elif how == "speaker":
            given = self.requests(store, s, ("spoken", "speaking", "interrupted"))
            if given:
                notes.relink(store, nid, "speaker", given[pick % len(given)], now, "re-linked")
        else:
            notes.relink(store, nid, how, None, now, "re-linked")

    @rule(laptop=st.integers(0, 2), session=st.integers(0, 1), pick=st.integers(0, 9),
          how=st.sampled_from(["add", "status", "merge", "edit"]))
    def recommendation(self, laptop, session, pick, how):
        store = self.stores[laptop % len(self.stores)]
        s = self.sessions[session]
        now = self.now()
        if how == "add":
            recommendations.add_recommendation(store, s.track or "", f"Recommendation {pick}", now, session_id=s.id)
            return
        live = self.live(store, "recommendations")
        if not live:
            return
        rid = live[pick % len(live)]
        if how == "status":
            recommendations.cycle_status(store, rid, now)
        elif how == "edit":
            recommendations.update_recommendation(store, rid, f"Reworded {pick}", None, now)
        elif len(live) > 1:
            recommendations.merge(store, rid, live[(pick + 1) % len(live)], now)

    @rule(laptop=st.integers(0, 2), person=st.integers(0, 4), other=st.integers(0, 4), merge=st.booleans())
    def participant(self, laptop, person, other, merge):
        store = self.stores[laptop % len(self.stores)]
        now = self.now()
        if merge:
            if person != other and 1 < person and 1 < other:  # the first two stay, so the floor has people
                try:
                    roster.merge_participants(store, self.people[other].id, self.people[person].id, now)
                except KeyError:
                    pass  # one of them merged away already
            return
        current = roster.load_participant(store, self.people[person].id)
        if current is not None:
            roster.update_participant(store, current.model_copy(update={"position": f"Position {other}"}), now)

    # -- laptops --------------------------------------------------------------------------------

    @rule(into=st.integers(0, 2), other=st.integers(0, 2))
    def merge(self, into, other):
        a, b = self.stores[into % len(self.stores)], self.stores[other % len(self.stores)]
        if a is not b:
            merge_database(a, b.path)

    # -- properties -----------------------------------------------------------------------------

    @invariant()
    def one_speaker_per_session_and_no_negative_duration(self):
        for store in self.stores:
            two = store.query("SELECT session_id FROM requests WHERE status = 'speaking' AND deleted_at IS NULL"
                              " GROUP BY session_id HAVING count(*) > 1")
            assert not two, f"{store.path.name}: two speakers on the floor"
            negative = store.query(
                "SELECT id FROM requests WHERE deleted_at IS NULL AND ((ended_at IS NOT NULL AND started_at IS NOT NULL"
                " AND julianday(ended_at) < julianday(started_at)) OR paused_seconds < 0 OR corrected_seconds < 0)")
            assert not negative, f"{store.path.name}: a duration below zero"

    def teardown_checks(self):
        tombstoned = {table: set() for table in TOMBSTONES}
        for store in self.stores:
            for table, column in TOMBSTONES.items():
                tombstoned[table] |= {r[0] for r in store.query(f"SELECT id FROM {table} WHERE {column} IS NOT NULL")}
        self.merge_everything()
        first = self.stores[0]
        for store in self.stores[1:]:
            for table in SHARED:
                assert rows_of(store, table) == rows_of(first, table), f"{table}: {store.path.name} != {first.path.name}"
        for store in self.stores:
            for table, column in TOMBSTONES.items():
                back = {r[0] for r in store.query(f"SELECT id FROM {table} WHERE {column} IS NULL")} & tombstoned[table]
                assert not back, f"{store.path.name}: {table} came back after a merge: {sorted(back)[:3]}"
            self.one_speaker_per_session_and_no_negative_duration()
        for store in self.stores:
            for session in self.sessions:
                self.undo_refuses_what_a_merge_changed(store, session.id)

    def merge_everything(self) -> None:
        """Every laptop merges every other's, twice round: the second round carries to each what
        the first brought to the others."""
        for _ in range(2):
            for a in self.stores:
                for b in self.stores:
                    if a is not b:
                        merge_database(a, b.path)

    def undo_refuses_what_a_merge_changed(self, store, scope: str) -> None:
        """The last action's rows, if a merge changed any since, are not overwritten by its undo."""
        entry = undo_log.last_undoable(store, scope)
        if entry is None:
            return
        row = store.query_one("SELECT changes FROM undo_log WHERE id = ?", (entry.id,))
        images = json.loads(row["changes"])
        stale = any(not undo_log._same(undo_log._row(store.conn, c["table"], c["key"]), c["current"]) for c in images)
        if stale:
            with pytest.raises(undo_log.UndoRefused):
                undo_log.undo(store, scope, self.now())
        else:  # its rows are as it left them: it undoes, unless that would put two on the floor
            try:
                undo_log.undo(store, scope, self.now())
            except undo_log.UndoRefused as refused:
                assert "someone else has the floor" in str(refused)


def test_laptops_converge_whatever_they_do_and_however_they_merge():
    class Checked(Laptops):
        def teardown(self):
            try:
                if self.stores:
                    self.teardown_checks()
            finally:
                super().teardown()

    Checked.TestCase.settings = settings.get_profile(PROFILE)
    Checked.TestCase().runTest()
