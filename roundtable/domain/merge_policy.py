"""What merging another laptop's copy of a row does, decided from the two copies' stamps.

Two databases of one forum hold the same row (same id) in one of these states:

- **identical**: same content (bookkeeping columns aside): nothing to do.
- **take**: the other copy is the later (its `updated_at`): it replaces ours ("updated").
- **keep**: ours is the later ("skipped, older there"). Equal stamps on different contents are
  settled by the contents, alike on both sides.
- **conflict**: as above, reported: both laptops changed the row since the last merge with that
  laptop, or the row has never been merged and the copies differ.

The later copy wins on both sides alike, so laptops that merge in any order converge
(tests/test_convergence.py); an edit is stamped after the version it edits, even by a laptop whose
clock is behind (store/stamping.py), so a slow clock does not lose an edit.

A deletion (a row marked `deleted_at`: a note, a recommendation, an intervention given by mistake;
a person or a recommendation merged into another, `merged_into`) wins over any edit on the other
side, whatever the stamps say: a merge never brings back what one laptop deleted. (The session's
undo, which restores a row, stays on its laptop.) A reset (`session_state.reset_at`) wins over
every change the other side made before it: the rehearsal it cleared does not come back.

"Since the last merge" is judged against the marks the last merge with that laptop left on the row
(the stamps both copies had then). Stamps are ISO 8601 texts; they are compared as instants when
they parse.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Action = Literal["identical", "take", "keep"]


@dataclass(frozen=True)
class Mark:
    """The stamps a row had on each side when it was last merged."""

    here: str
    there: str


@dataclass(frozen=True)
class Decision:
    action: Action
    conflict: bool = False

    @property
    def winner(self) -> Literal["here", "there"]:
        return "there" if self.action == "take" else "here"


def later(a: str, b: str) -> bool:
    """True when stamp `a` is strictly later than stamp `b`."""
    try:
        return dt.datetime.fromisoformat(a) > dt.datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return str(a) > str(b)


def decide(same_content: bool, here_stamp: str, there_stamp: str, mark: Mark | None,
           deleted_here: bool = False, deleted_there: bool = False,
           reset_here: str | None = None, reset_there: str | None = None,
           there_wins_a_tie: bool = False) -> Decision:
    """`there_wins_a_tie`: which copy wins when the stamps are equal (two laptops each edited the
    same version with a clock behind it, store/stamping.py): a rule on the contents that both sides
    answer alike (store/merge.py), so that they converge even then."""
    if same_content:
        return Decision("identical")
    if deleted_here != deleted_there:
        return Decision("keep" if deleted_here else "take")
    if reset_here != reset_there:
        if reset_here and not later(there_stamp, reset_here) and (not reset_there or later(reset_here, reset_there)):
            return Decision("keep")
        if reset_there and not later(here_stamp, reset_there) and (not reset_here or later(reset_there, reset_here)):
            return Decision("take")
    changed_there = mark is None or there_stamp != mark.there
    changed_here = mark is None or here_stamp != mark.here
    # One rule on both laptops, whatever either has merged from a third: the later stamp wins.
    # (The marks, which only the merging side keeps, said "keep" here where the other side's first
    # merge said "take": three laptops diverged. An edit is stamped after what it edits, whatever
    # the clock: store/stamping.py.) The marks only tell a conflict from a one-sided edit.
    if later(there_stamp, here_stamp) or (there_wins_a_tie and not later(here_stamp, there_stamp)):
        action: Action = "take"
    else:
        action = "keep"
    return Decision(action, conflict=changed_there and changed_here)
