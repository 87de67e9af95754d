"""Merging another laptop's database of the same forum into this one (`roundtable merge`).

Each parallel track's rapporteur records on their own laptop; the secretariat brings those
databases in. Rows are matched by id: programme and roster rows have name-based ids that every
laptop computes alike (domain/ids.py), rows a user created have random ids. People are also matched
by name + organisation, folded, in case two copies gave one person different ids.

What happens to a row held by both sides is decided by `domain.merge_policy`: identical rows are
skipped, a row changed on one side only takes that side's copy, a row changed on both sides (or
never merged before and different) is a conflict that the later edit wins. Soft deletes
(`deleted_at`) and recommendation merges (`merged_into`) are ordinary columns, so they travel.
Sessions and tracks come from the programme: the other side's are taken only when unknown here
(another programme version), never changed. Drafts are not merged: a draft belongs to the laptop
it was typed on. Every insert and update is plain SQL, so the FTS triggers keep the search indexes
in step.

The other file is read through a second, read-only connection rather than ATTACHed: it may have
been written by an older roundtable (its rows are read by column name and missing columns take
their defaults here), and nothing may be written to it, not even the `-wal`/`-shm` files a WAL
reader creates: a cleanly closed copy (no `-wal` beside it, the usual USB-stick case) is opened
`immutable=1`, which creates no file at all; one with a `-wal` is opened `mode=ro` so that its last
commits are read too. All of it is read in one read transaction, so a consistent snapshot.

The whole merge is one `BEGIN IMMEDIATE` transaction with foreign keys deferred to the commit: it
lands entirely or not at all. A database of another forum is refused before anything is written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from roundtable.domain import clock
from roundtable.domain.merge_policy import Mark, decide
from roundtable.domain.models import Multilingual, Session, Track
from roundtable.domain.text_match import fold
from roundtable.store.connection import DatabaseError, Store
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


# In foreign-key order (the keys are deferred anyway, but this keeps the reading natural).
TABLES = (
    _Table("tracks", "programme"),
    _Table("sessions", "programme"),
    _Table("participants", "record", ignore=frozenset({"created_at", "origin"}), label="name"),
    _Table("requests", "record", label="status"),
    _Table("notes", "record", label="text"),
    _Table("recommendations", "record", label="text"),
    _Table("recommendation_sources", "append"),
    _Table("session_state", "record", key="session_id", label="list_closed"),
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


@dataclass
class MergeReport:
    forum_id: str
    other: Path
    tables: dict[str, TableCounts] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

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
            out.append(
                f"conflict: {k.table} {k.row_id[:8]} \"{k.label}\": changed on both laptops; kept the later edit, {side}"
            )
        return out


@dataclass
class _Other:
    path: Path
    forum_id: str
    rows: dict[str, list[dict]]


def _open_read_only(path: Path) -> sqlite3.Connection:
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    conn = sqlite3.connect(f"{uri}?{mode}", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def read_other(path: Path) -> _Other:
    """Read every mergeable row of another forum database, refusing what cannot be merged."""
    if not path.exists():
        raise MergeRefused(f"{path}: no such database")
    if path.is_dir():
        raise MergeRefused(f"{path}: is a folder, not a database")
    try:
        conn = _open_read_only(path)
    except sqlite3.Error as error:
        raise MergeRefused(f"{path}: cannot be read ({error})") from None
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


def merge_database(store: Store, other_path: str | Path) -> MergeReport:
    """Merge the forum database at `other_path` into `store` in one transaction; see the module doc.

    Raises MergeRefused (nothing written) for a missing or unreadable file, a newer schema, another
    forum, or the very same database.
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
    report = MergeReport(row["id"], other_path)
    stamp = clock.now().isoformat()
    try:
        with store.transaction() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")  # self-references (merged_into) land in any order
            merger = _Merger(conn, report, stamp)
            for table in TABLES:
                merger.merge(table, other.rows[table.name])
    except sqlite3.IntegrityError as error:
        raise MergeRefused(f"{other_path}: its rows do not fit together ({error}); nothing merged") from None
    return report


_MULTILINGUAL: dict[str, type[Multilingual]] = {"tracks": Track, "sessions": Session}


def check_incoming(table: str, row: dict) -> str | None:
    """What is wrong with a row of the other database in the columns of schema version 5 (the
    programme's other languages, the list of participants' two fields); None when it is sound."""
    if table in _MULTILINGUAL and row.get("translations") is not None:
        try:
            value = json.loads(row["translations"])
            if not isinstance(value, dict) or not all(isinstance(texts, dict) for texts in value.values()):
                raise ValueError("not a table of languages")
            _MULTILINGUAL[table].check_translations(value)
        except (ValueError, TypeError) as error:
            return f"translations: {' '.join(str(error).split())[:120]}"
    if table == "participants":
        for column in ("attending", "publish"):
            if column in row and row[column] not in (0, 1):
                return f"{column}: {row[column]!r} is not 0 or 1"
    return None


class _Merger:
    def __init__(self, conn: sqlite3.Connection, report: MergeReport, stamp: str):
        self.conn = conn
        self.report = report
        self.stamp = stamp
        # Ids of the other side mapped to ours when the same thing has another id here.
        self.remap: dict[str, dict[str, str]] = {"participant_id": {}, "session_id": {}}
        self.marks = {
            (r["table_name"], r["row_id"]): Mark(r["here_updated_at"], r["there_updated_at"])
            for r in conn.execute("SELECT * FROM merge_marks")
        }

    def columns(self, table: str) -> list[str]:
        return [r["name"] for r in self.conn.execute(f"PRAGMA table_info({table})")]

    def merge(self, table: _Table, rows: list[dict]) -> None:
        counts = self.report.tables.setdefault(table.name, TableCounts())
        columns = self.columns(table.name)
        here = {r[table.key]: dict(r) for r in self.conn.execute(f"SELECT * FROM {table.name}")}
        by_other_key = self._secondary_keys(table.name, here)
        for theirs in rows:
            theirs = {c: theirs[c] for c in columns if c in theirs}
            problem = check_incoming(table.name, theirs)
            if problem is not None:
                raise MergeRefused(f"{self.report.other}: {table.name} {str(theirs.get(table.key))[:8]}: {problem}; nothing merged")
            for column, mapping in self.remap.items():
                if theirs.get(column) in mapping:
                    theirs[column] = mapping[theirs[column]]
            key = theirs[table.key]
            ours = here.get(key)
            if ours is None and by_other_key is not None:
                twin = by_other_key.get(self._secondary_key(table.name, theirs))
                if twin is not None:
                    self.remap.setdefault(f"{table.name[:-1]}_id", {})[key] = twin
                    key, theirs[table.key], ours = twin, twin, here[twin]
            if ours is None:
                self._insert(table.name, theirs)
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
            decision = decide(same, ours["updated_at"], theirs["updated_at"], old_mark)
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

    def _secondary_keys(self, table: str, here: dict[str, dict]) -> dict | None:
        if table not in ("participants", "sessions", "tracks"):
            return None
        return {self._secondary_key(table, row): key for key, row in here.items()}

    @staticmethod
    def _secondary_key(table: str, row: dict) -> tuple:
        if table == "participants":
            return (" ".join(fold(row.get("name") or "").split()), " ".join(fold(row.get("organisation") or "").split()))
        return (row.get("code"),)

    def _insert(self, table: str, row: dict) -> None:
        names = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(row.values()))

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
        self.conn.execute(
            """INSERT INTO merge_marks (table_name, row_id, here_updated_at, there_updated_at, updated_at)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (table_name, row_id) DO UPDATE SET here_updated_at = excluded.here_updated_at,
                   there_updated_at = excluded.there_updated_at, updated_at = excluded.updated_at""",
            (table, row_id, here, there, self.stamp),
        )
