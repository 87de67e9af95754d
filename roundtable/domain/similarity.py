"""Likely duplicate recommendations, found by the words they share.

Two texts are compared as sets of word stems: words are folded (case and accents, see
`text_match.fold`), words shorter than three letters and common function words (en/ru/kk) are
left out, and each word is cut to its first `STEM_LENGTH` letters so that "service"/"services" or
"цифровых"/"цифровые" count as the same word. The score is the Jaccard index of the two sets
(shared stems / all stems), 0.0 to 1.0.

`DUPLICATE_THRESHOLD` = 0.5: two recommendations that share at least half of all their stems are
shown as likely duplicates. Rewordings of one idea usually score 0.5-0.8; different recommendations
of the same track, which share the topic words ("digital", "government", "services"), stay below
0.35 (see tests/test_similarity.py). The list only proposes: a person decides to merge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from roundtable.domain.models import Recommendation
from roundtable.domain.text_match import fold

DUPLICATE_THRESHOLD = 0.5
STEM_LENGTH = 6

_WORD = re.compile(r"\w+")
_STOPWORDS = frozenset(
    """
    the and for with from that this these those their there which what into onto upon
    should shall must could would will can may are was were been being has have had its
    all any each other such more most also not but than then them they our out own
    about between through over under within without across per via toward towards
    и в во на с со по для от до из к о об что как это эти его её их при не но или а
    также должны должен следует которые который
    және мен үшін бен пен мен да де бұл осы сол
    """.split()
)


def stems(text: str) -> frozenset[str]:
    """The comparable words of `text` (folded, no function words, cut to STEM_LENGTH)."""
    words = _WORD.findall(fold(text))
    return frozenset(
        w[:STEM_LENGTH] for w in words if len(w) >= 3 and w not in _STOPWORDS and not w.isdigit()
    )


def similarity(a: str, b: str) -> float:
    """Jaccard index of the stems of `a` and `b`; 0.0 when either has none."""
    sa, sb = stems(a), stems(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


@dataclass(frozen=True)
class DuplicatePair:
    first: Recommendation
    second: Recommendation
    score: float


def likely_duplicates(
    recommendations: Sequence[Recommendation], threshold: float = DUPLICATE_THRESHOLD
) -> list[DuplicatePair]:
    """Every pair scoring at least `threshold`, best first; `first` is the older of the two.

    Quadratic in the number of recommendations, which stays in the hundreds for a forum.
    """
    prepared = [(rec, stems(rec.text)) for rec in sorted(recommendations, key=lambda r: (r.created_at, r.id))]
    pairs = []
    for i, (a, sa) in enumerate(prepared):
        if not sa:
            continue
        for b, sb in prepared[i + 1 :]:
            if not sb:
                continue
            score = len(sa & sb) / len(sa | sb)
            if score >= threshold:
                pairs.append(DuplicatePair(a, b, score))
    pairs.sort(key=lambda p: -p.score)
    return pairs
