"""What merging another laptop's copy of a row does, decided from the two copies' stamps.

Two databases of one forum hold the same row (same id) in one of these states:

- **identical**: same content (bookkeeping columns aside): nothing to do.
- **take**: the other laptop changed the row since the last merge and this one did not: the other
  copy replaces ours ("updated").
- **keep**: this laptop changed the row since the last merge and the other did not, so ours is
  newer ("skipped, older there").
- **conflict**: both laptops changed the row since the last merge that saw it, or the row has never
  been merged and the copies differ. The copy with the later `updated_at` wins (ties: ours, so that
  merging twice changes nothing); the merge reports every conflict and which side won.

A deletion (a row marked `deleted_at`: a note, a recommendation, an intervention given by mistake;
a person or a recommendation merged into another, `merged_into`) wins over any edit on the other
side, whatever the stamps say: a merge never brings back what one laptop deleted. (The session's
undo, which restores a row, stays on its laptop.) A reset (`session_state.reset_at`) wins over
every change the other side made before it: the rehearsal it cleared does not come back.

"Since the last merge" is judged against the marks the last merge left on the row (the stamps both
copies had then), not against clocks, so a laptop whose clock is wrong cannot win a row it never
touched. Stamps are ISO 8601 texts; they are compared as instants when they parse.
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
           reset_here: str | None = None, reset_there: str | None = None) -> Decision:
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
    if not changed_there:
        return Decision("keep")
    if not changed_here:
        return Decision("take")
    return Decision("take" if later(there_stamp, here_stamp) else "keep", conflict=True)
