"""Merging another laptop's database of the same forum into this one (`roundtable merge`).

Each parallel track's rapporteur records on their own laptop; the secretariat brings those
databases in. Rows are matched by id: programme and roster rows have name-based ids that every
laptop computes alike (domain/ids.py), rows a user created have random ids. A row with an id unknown
here may still be one of ours by its table's `twin_key` (people by `ids.person_key`, sessions and
tracks by code): it then takes our id, and the rows that refer to it follow.

What happens to a row held by both sides is decided by `domain.merge_policy`: identical rows are
skipped, a row changed on one side only takes that side's copy, a row changed on both sides (or
never merged before and different) is a conflict that the later edit wins. Soft deletes
(`deleted_at`) and recommendation merges (`merged_into`) are ordinary columns, so they travel.
Sessions and tracks come from the programme: the other side's are taken only when unknown here
(another programme version), never changed. Drafts are not merged: a draft belongs to the laptop
it was typed on; nor are the undo log and `changes` (which screens to wake, store/changes.py), this
laptop's bookkeeping: the rows a merge writes bump `changes` here through its triggers. The rows
taken are written a table at a time with sqlite-utils' `insert_all` (a statement per hundred rows),
the rows updated with plain UPDATEs: both fire the triggers that keep the search indexes in step.

The other file is read through a second, read-only connection rather than ATTACHed: it may have
been written by an older roundtable (its rows are read by column name and missing columns take
their defaults here), and nothing may be written to it, not even the `-wal`/`-shm` files a WAL
reader creates: a cleanly closed copy (no `-wal` beside it, the usual USB-stick case) is opened
`immutable=1`, which creates no file at all; one with a `-wal` is opened `mode=ro` so that its last
commits are read too (connection.connect_read_only). All of it is read in one read transaction, so a consistent snapshot.

The whole merge is one `BEGIN IMMEDIATE` transaction with foreign keys deferred to the commit: it
lands entirely or not at all. A database of another forum is refused before anything is written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from roundtable.domain import clock, floor_moves, ids
from roundtable.domain.merge_policy import Mark, decide
from roundtable.formats.errors import one_line
from roundtable.store import stamping
from roundtable.store.backup_copy import backup_beside
from roundtable.store.connection import DatabaseError, Store, connect_read_only
from roundtable.store.row_validation import RowProblem, validate_row
from roundtable.store.rows import REQUEST_FIELDS, request_from_row, request_to_row
from roundtable.store.schema import APPLICATION_ID, CURRENT_VERSION


class MergeRefused(DatabaseError):
    """The other database cannot be merged here; nothing was written."""


@dataclass(frozen=True)
class _Table:
    name: str
    kind: str  # "programme": taken when unknown | "record": merged row by row | "append": never edited
    key: str = "id"
    ignore: frozenset[str] = frozenset()  # columns that may differ between laptops without meaning anything
    label: str | None = None  # column that tells a person which row a conflict is about
    references: tuple[tuple[str, str], ...] = ()  # (column, table) of its foreign keys
    # The columns whose value ends the row for good (any of them): it wins over any edit.
    tombstone: tuple[str, ...] = ("deleted_at",)
    reset: str | None = None  # the column stamping a reset, which wins over the other side's earlier edits
    # What else says that a row of the other side is one of ours when the ids differ (one person
    # registered under two ids, a session of a programme opened with another forum id). A row
    # matched by it takes our id, and the rows that refer to it (`references`) follow.
    twin_key: Callable[[dict], Hashable] | None = None


def _by_code(row: dict) -> Hashable:
    return row.get("code")


def _same_person(row: dict) -> Hashable:
    return ids.person_key(row.get("name"), row.get("organisation"))


_SESSION = ("session_id", "sessions")
_INTERVENTION = ("intervention_id", "requests")


# In foreign-key order (the keys are deferred anyway, but this keeps the reading natural).
TABLES = (
    _Table("tracks", "programme", twin_key=_by_code),
    _Table("sessions", "programme", twin_key=_by_code),
    _Table("participants", "record", ignore=frozenset({"created_at", "origin"}), label="name", twin_key=_same_person,
           tombstone=("merged_into",)),
    _Table("requests", "record", label="status", references=(_SESSION, ("participant_id", "participants"))),
    _Table("notes", "record", label="text", references=(_SESSION, _INTERVENTION)),
    _Table("recommendations", "record", label="text", references=(_SESSION, ("merged_into", "recommendations")),
           tombstone=("deleted_at", "merged_into")),
    _Table("recommendation_sources", "append", references=(
        ("recommendation_id", "recommendations"), _SESSION, ("note_id", "notes"), _INTERVENTION,
    )),
    _Table("session_state", "record", key="session_id", label="list_closed", references=(_SESSION,), reset="reset_at"),
    # Issue 28. A request from a phone travels like the queue entry it became; a link's key by its
    # hash only, and a revoked key stays revoked whatever the other laptop did with it.
    _Table("floor_requests", "record", label="status", references=(
        _SESSION, ("participant_id", "participants"), ("request_id", "requests"))),
    _Table("delegate_keys", "record", key="key_hash", label="generation",
           references=(("participant_id", "participants"),), tombstone=("revoked_at",)),
)


@dataclass
class TableCounts:
    taken: int = 0  # new here
    updated: int = 0  # the other copy replaced ours
    identical: int = 0  # skipped: same content
    older: int = 0  # skipped: ours kept (the newer copy, or the programme's session or track here)

    @property
    def skipped(self) -> int:
        return self.identical + self.older


@dataclass
class Conflict:
    table: str
    row_id: str
    label: str
    winner: str  # "here" | "there"
    here_updated_at: str
    there_updated_at: str


class InvalidRows(MergeRefused):
    """Rows of the other database that the domain models refuse; nothing was written."""

    def __init__(self, other: Path, problems: list[RowProblem]):
        self.problems = problems
        rows = len({(p.table, p.row_id) for p in problems})
        lines = [
            f"{other}: {rows} row{'s' if rows != 1 else ''} not valid, nothing merged "
            "(--skip-invalid merges the other rows):",
            *(f"  {problem}" for problem in problems),
        ]
        super().__init__("\n".join(lines))


@dataclass
class MergeReport:
    forum_id: str
    other: Path
    tables: dict[str, TableCounts] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    invalid: list[RowProblem] = field(default_factory=list)  # rows left out (--skip-invalid)
    backup: Path | None = None  # the database as it was before the merge
    database: Path | None = None

    def total(self, what: str) -> int:
        return sum(getattr(c, what) for c in self.tables.values())

    def lines(self) -> list[str]:
        """The report as a person reads it, one line per table with anything in it, then conflicts."""
        out = []
        for name, c in self.tables.items():
            if c.taken or c.updated or c.skipped:
                out.append(
                    f"{name}: {c.taken} taken, {c.updated} updated, {c.skipped} skipped "
                    f"({c.identical} identical, {c.older} kept here)"
                )
        out.append(
            f"total: {self.total('taken')} taken, {self.total('updated')} updated, "
            f"{self.total('skipped')} skipped, {len(self.conflicts)} in conflict"
        )
        for k in self.conflicts:
            side = f"{self.other.name} ({k.there_updated_at})" if k.winner == "there" else f"here ({k.here_updated_at})"
            out.append(one_line(
                f"conflict: {k.table} {k.row_id[:8]} \"{k.label}\": changed on both laptops; kept the later edit, {side}"
            ))
        if self.invalid:
            rows = len({(p.table, p.row_id) for p in self.invalid})
            out.append(f"skipped as not valid: {rows} row{'s' if rows != 1 else ''} of {self.other.name}")
            out.extend(f"skipped: {problem}" for problem in self.invalid)
        if self.backup is not None:
            db = self.database
            out.append(f"backup of {db} before this merge: {self.backup}")
            out.append(
                f"to go back: close roundtable on this forum everywhere, copy {self.backup} over {db}, "
                f"and delete {db}-wal and {db}-shm if they are there"
            )
        return out


@dataclass
class _Other:
    path: Path
    forum_id: str
    rows: dict[str, list[dict]]


def read_other(path: Path) -> _Other:
    """Read every mergeable row of another forum database, refusing what cannot be merged."""
    if not path.exists():
        raise MergeRefused(f"{path}: no such database")
    if path.is_dir():
        raise MergeRefused(f"{path}: is a folder, not a database")
    try:
        conn = connect_read_only(path)
    except DatabaseError as error:
        raise MergeRefused(str(error)) from None
    try:
        conn.execute("BEGIN")  # one read transaction: a consistent snapshot
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise MergeRefused(f"{path}: not a roundtable forum database")
        if version > CURRENT_VERSION:
            raise MergeRefused(
                f"{path}: written by a newer roundtable (schema version {version}; this one knows up to "
                f"{CURRENT_VERSION}); update roundtable to merge it"
            )
        forum = conn.execute("SELECT id FROM forum").fetchone()
        if forum is None:
            raise MergeRefused(f"{path}: holds no forum")
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        rows = {
            t.name: [dict(r) for r in conn.execute(f"SELECT * FROM {t.name}")] if t.name in present else []
            for t in TABLES
        }
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        raise MergeRefused(f"{path}: not a forum database ({error})") from None
    finally:
        conn.close()
    return _Other(path, forum["id"], rows)


def merge_database(store: Store, other_path: str | Path, skip_invalid: bool = False) -> MergeReport:
    """Merge the forum database at `other_path` into `store` in one transaction; see the module doc.

    Every incoming row is checked first (store/row_validation.py, and its references must lead to a
    row here or there): with any invalid row the merge raises InvalidRows, unless `skip_invalid`,
    which leaves those rows (and the rows that refer to them) out and lists them in the report.
    Before writing, the database is copied to `<db>.before-merge-<time>` (report.backup).

    Raises MergeRefused (nothing written) for a missing or unreadable file, a newer schema, another
    forum, the very same database, or invalid rows.
    """
    other_path = Path(other_path)
    if other_path.exists() and other_path.resolve() == store.path.resolve():
        raise MergeRefused(f"{other_path}: is the database being merged into")
    other = read_other(other_path)
    row = store.query_one("SELECT id FROM forum")
    if row is None:
        raise MergeRefused(f"{store.path}: holds no forum yet; open the programme first")
    if other.forum_id != row["id"]:
        raise MergeRefused(
            f"{other_path}: holds forum \"{other.forum_id}\", not \"{row['id']}\"; nothing merged"
        )
    problems = _leave_out_invalid(store, other)
    if problems and not skip_invalid:
        raise InvalidRows(other_path, problems)
    report = MergeReport(row["id"], other_path, invalid=problems, database=store.path)
    now = clock.now()
    stamp = now.isoformat()
    try:
        with store.transaction() as conn:
            # Taken while this transaction holds the write lock: the copy is exactly the last commit.
            report.backup = _backup_before_merge(store, now)
            conn.execute("PRAGMA defer_foreign_keys = ON")  # self-references (merged_into) land in any order
            merger = _Merger(store, report, stamp, str(other_path.resolve()))
            for table in TABLES:
                merger.merge(table, other.rows[table.name])
            _settle_the_floor(conn, now)
    except BaseException as error:
        if report.backup is not None:  # nothing changed: the copy would only mislead
            report.backup.unlink(missing_ok=True)
        if isinstance(error, sqlite3.IntegrityError):
            raise MergeRefused(f"{other_path}: its rows do not fit together ({error}); nothing merged") from None
        raise
    return report


def _content_key(row: dict, columns: list[str]) -> tuple:
    """A row's contents as something both laptops order alike (None first, then by type and text)."""
    return tuple((row.get(c) is not None, type(row.get(c)).__name__, str(row.get(c))) for c in columns)


def _settle_the_floor(conn: sqlite3.Connection, now) -> None:
    """One speaker per session after a merge (domain.floor_moves.one_speaker): two laptops that
    each gave the floor before merging would otherwise both show someone speaking."""
    rows = conn.execute(
        f"SELECT {', '.join(REQUEST_FIELDS)} FROM requests WHERE status = 'speaking' AND deleted_at IS NULL"
        " AND session_id IN (SELECT session_id FROM requests WHERE status = 'speaking' AND deleted_at IS NULL"
        " GROUP BY session_id HAVING count(*) > 1)").fetchall()
    by_session: dict[str, list] = {}
    for row in rows:
        by_session.setdefault(row["session_id"], []).append(request_from_row(row))
    for speaking in by_session.values():
        for request in floor_moves.one_speaker(speaking):
            stamping.upsert(conn, "requests", "id", request_to_row(request), now)


def _backup_before_merge(store: Store, now) -> Path:
    stem = f"before-merge-{clock.local(now):%Y%m%d-%H%M%S}"
    try:
        return backup_beside(store.path, stem)
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or error
        raise MergeRefused(f"{store.path.name}.{stem}: cannot write the backup taken before a merge ({reason}); "
                           "nothing merged") from None


def _leave_out_invalid(store: Store, other: _Other) -> list[RowProblem]:
    """Check every incoming row and drop the invalid ones from `other`; returns their problems.

    A row is invalid when its model refuses it, or when it refers to a row that is neither here
    nor among the valid incoming ones (merging it would break a foreign key, or leave a note of a
    speaker nobody can show).
    """
    problems: list[RowProblem] = []
    invalid: dict[str, set[str]] = {t.name: set() for t in TABLES}
    for table in TABLES:
        columns = set(_columns(store, table.name))
        for theirs in other.rows[table.name]:
            found = validate_row(table.name, {c: v for c, v in theirs.items() if c in columns})
            if found:
                problems.extend(found)
                invalid[table.name].add(theirs[table.key])
    referenced = {target for t in TABLES for _, target in t.references}
    known = {
        name: {r[0] for r in store.query(f"SELECT id FROM {name}")} | {r["id"] for r in other.rows[name]}
        for name in referenced
    }
    changed = True
    while changed:  # a row left out may leave out the rows that refer to it, and so on
        changed = False
        for table in TABLES:
            for theirs in other.rows[table.name]:
                key = theirs[table.key]
                if key in invalid[table.name]:
                    continue
                for column, target in table.references:
                    ref = theirs.get(column)
                    if ref is None or (ref in known[target] and ref not in invalid[target]):
                        continue
                    why = "is left out as not valid" if ref in known[target] else "is in neither database"
                    problems.append(RowProblem(table.name, str(key), column, f"the {target} row {ref!r} it refers to {why}"))
                    invalid[table.name].add(key)
                    changed = True
                    break
    for table in TABLES:
        if invalid[table.name]:
            other.rows[table.name] = [r for r in other.rows[table.name] if r[table.key] not in invalid[table.name]]
    return problems


def _columns(store: Store, table: str) -> list[str]:
    return [r["name"] for r in store.query(f"PRAGMA table_info({table})")]


class _Merger:
    def __init__(self, store: Store, report: MergeReport, stamp: str, peer: str):
        self.conn = store.conn
        self.db = store.db
        self.report = report
        self.stamp = stamp
        self.peer = peer  # the other database, whose marks these are
        # Per table, ids of the other side mapped to ours when the same thing has another id here.
        self.remap: dict[str, dict[str, str]] = {t.name: {} for t in TABLES}
        self.marks = {
            (r["table_name"], r["row_id"]): Mark(r["here_updated_at"], r["there_updated_at"])
            for r in self.conn.execute("SELECT * FROM merge_marks WHERE peer = ?", (peer,))
        }
        self.marks_changed: dict[tuple[str, str], dict] = {}  # written once the table is done

    def columns(self, table: str) -> list[str]:
        return [r["name"] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def merge(self, table: _Table, rows: list[dict]) -> None:
        counts = self.report.tables.setdefault(table.name, TableCounts())
        columns = self.columns(table.name)
        here = {r[table.key]: dict(r) for r in self.conn.execute(f"SELECT * FROM {table.name}")}
        twins = {table.twin_key(row): key for key, row in here.items()} if table.twin_key else {}
        taken: list[dict] = []  # inserted together once the table is done
        for theirs in rows:
            theirs = {c: theirs[c] for c in columns if c in theirs}
            for column, target in table.references:
                mapping = self.remap[target]
                if theirs.get(column) in mapping:
                    theirs[column] = mapping[theirs[column]]
            key = theirs[table.key]
            ours = here.get(key)
            if ours is None and table.twin_key is not None:
                twin = twins.get(table.twin_key(theirs))
                if twin is not None:
                    self.remap[table.name][key] = twin
                    key, theirs[table.key], ours = twin, twin, here[twin]
            if ours is None:
                taken.append(theirs)
                here[key] = theirs
                counts.taken += 1
                if table.kind == "record":
                    self._set_mark(table.name, key, theirs["updated_at"], theirs["updated_at"])
                continue
            compared = [c for c in theirs if c not in table.ignore and c not in (table.key, "updated_at")]
            same = all(ours.get(c) == theirs[c] for c in compared)
            if table.kind in ("programme", "append"):  # the programme opened here decides; sources never change
                if same:
                    counts.identical += 1
                else:
                    counts.older += 1
                continue
            old_mark = self.marks.get((table.name, key))
            decision = decide(same, ours["updated_at"], theirs["updated_at"], old_mark,
                              deleted_here=any(ours.get(c) for c in table.tombstone),
                              deleted_there=any(theirs.get(c) for c in table.tombstone),
                              reset_here=ours.get(table.reset) if table.reset else None,
                              reset_there=theirs.get(table.reset) if table.reset else None,
                              there_wins_a_tie=_content_key(theirs, compared) > _content_key(ours, compared))
            if decision.action == "take":
                self._update(table.name, table.key, key, {c: theirs[c] for c in [*compared, "updated_at"]})
                counts.updated += 1
            elif decision.action == "identical":
                counts.identical += 1
            else:
                counts.older += 1
            if decision.conflict:
                label = str(ours.get(table.label, "") if table.label else "")
                self.report.conflicts.append(
                    Conflict(
                        table.name, key, " ".join(label.split())[:40], decision.winner,
                        ours["updated_at"], theirs["updated_at"],
                    )
                )
            agreed = decision.action in ("take", "identical")
            # The mark keeps the last stamp both sides agreed on; when ours was kept, ours still
            # differs from what the other laptop has, so its "here" half stays as it was.
            here_mark = (theirs if decision.action == "take" else ours)["updated_at"] if agreed else (
                old_mark.here if old_mark else ""
            )
            self._set_mark(table.name, key, here_mark, theirs["updated_at"])
        if taken:
            self.db[table.name].insert_all(taken)
        if self.marks_changed:
            self.db["merge_marks"].upsert_all(self.marks_changed.values(), pk=("peer", "table_name", "row_id"))
            self.marks_changed.clear()

    def _update(self, table: str, key_column: str, key: str, values: dict) -> None:
        sets = ", ".join(f'"{c}" = ?' for c in values)
        self.conn.execute(
            f'UPDATE {table} SET {sets} WHERE "{key_column}" = ?', (*values.values(), key)
        )

    def _set_mark(self, table: str, row_id: str, here: str, there: str) -> None:
        mark = Mark(here, there)
        if self.marks.get((table, row_id)) == mark:
            return
        self.marks[(table, row_id)] = mark
        self.marks_changed[(table, row_id)] = {"peer": self.peer, "table_name": table, "row_id": row_id,
                                               "here_updated_at": here,
                                               "there_updated_at": there, "updated_at": self.stamp}
