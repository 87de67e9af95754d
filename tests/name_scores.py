"""How many of a list of name pairs the roster search finds, right person first, by class and
direction: the full name, the surname, and the surname's first four letters, typed in one script
for a person registered in the other, among the demo forum's own people.

`python tests/name_scores.py` prints the score of the held-out pairs (tests/name_pairs.py).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from roundtable.domain.models import Participant
from roundtable.domain.roster_search import RosterIndex

REPO = Path(__file__).resolve().parent.parent
DIRECTIONS = ("Cyrillic typed, Latin registered", "Latin typed, Cyrillic registered")


def demo_people() -> list[Participant]:
    from roundtable.formats.programme import read_programme
    from roundtable.formats.registration_list import read_roster

    programme = read_programme(REPO / "sessions" / "gegf-2014.toml")
    listed = read_roster(REPO / "sessions" / "gegf-2014-participants.csv").participants
    return [*programme.participants, *listed]


def queries(name: str) -> list[tuple[str, str]]:
    surname = name.split()[-1]
    return [("full name", name), ("surname", surname), ("first four letters", surname[:4])]


def score(pairs, others: list[Participant] | None = None):
    """{(class, direction): (found, total)} and the misses, as (class, direction, query, expected, got).

    Found: the right person is first, or tied first (same rank) with someone whose name starts the
    same way, which no order can tell apart ("Zhum" for Zhumagaliyev and Жумабаева); such ties are
    listed among the misses too, marked "tied"."""
    others = demo_people() if others is None else others
    found: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for direction in DIRECTIONS:
        latin_registered = direction.startswith("Cyrillic typed")
        people = [Participant(id=f"pair-{i}", name=latin if latin_registered else cyrillic)
                  for i, (_class, latin, cyrillic) in enumerate(pairs)]
        index = RosterIndex([*others, *people])
        for i, (kind, latin, cyrillic) in enumerate(pairs):
            typed = cyrillic if latin_registered else latin
            for what, query in queries(typed):
                result = index.search(query)
                counts = found[(kind, direction)]
                counts[1] += 1
                ids = [p.id for p in result.matches]
                first = ids[0] if ids else None
                tied = [p.id for p, rank in zip(result.matches, result.ranks) if rank == result.ranks[0]]
                if first == f"pair-{i}":
                    counts[0] += 1
                elif f"pair-{i}" in tied:
                    counts[0] += 1
                    misses.append((kind, direction, f"{what}: {query}", people[i].name,
                                   f"tied first with {result.matches[0].name}"))
                else:
                    got = result.matches[0].name if result.matches else "nobody"
                    misses.append((kind, direction, f"{what}: {query}", people[i].name, got))
    return {k: tuple(v) for k, v in found.items()}, misses


def report(pairs) -> str:
    scores, misses = score(pairs)
    lines = []
    total = [0, 0]
    for (kind, direction), (hit, of) in sorted(scores.items()):
        lines.append(f"{kind:<16} {direction:<34} {hit:>3}/{of}")
        total[0] += hit
        total[1] += of
    lines.append(f"{'all':<16} {'':<34} {total[0]:>3}/{total[1]}")
    for miss in misses:
        lines.append("miss: " + " | ".join(miss))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from name_pairs import HELD_OUT, TUNED

    print(report(TUNED if "--tuned" in sys.argv else HELD_OUT))
