"""A person's honorific as the document's language writes it, by their gender and rank.

A roster records the honorific as registered ("H.E. Dr.", "Ms.", "г-н"); it is read into parts
(`catalogues/honorific-spellings.toml`): an excellency (the rank a minister or an ambassador is
addressed by), an address (Mr., Ms.), a doctor's or a professor's title. Each language's catalogue
gives the form of each part (`[honorifics]`, "{name}" placing the name), and the person's recorded
gender chooses between the female and the male form:

- ru: "Её Превосходительство д-р Hoda Baraka", "Его Превосходительство г-н Бағдат Мусин";
- kk: "Жоғары Мәртебелі Бағдат Мусин мырза", "Adriana Alberti ханым";
- en (no forms): the honorific as registered, "H.E. Dr. Hoda Baraka".

Where the roster records no gender, the spelling's own gender decides ("Ms." is a woman's); where
neither says, the form the catalogue gives as neutral (`excellency`, `address`), never a slash.
An honorific with a word the spellings do not know ("Sheikh") is kept whole, as written.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SPELLINGS = Path(__file__).resolve().parent.parent / "catalogues" / "honorific-spellings.toml"
GENDERED = ("f", "m")


@dataclass(frozen=True)
class Honorific:
    """An honorific read into parts, outermost first ("excellency", "doctor"); `implied` is the
    gender its spelling says ("f", "m"), or None. `parts` is empty for one not understood."""

    written: str
    parts: tuple[str, ...]
    implied: str | None = None

    @property
    def understood(self) -> bool:
        return bool(self.parts)


@cache
def _spellings() -> tuple[tuple[str, str], ...]:
    """(spelling, part) pairs, the longest spelling first so that "his excellency" beats "he"."""
    table = tomllib.loads(SPELLINGS.read_text(encoding="utf-8"))["spellings"]
    return tuple(sorted(((" ".join(k.casefold().split()), v) for k, v in table.items()),
                        key=lambda pair: -len(pair[0])))


@cache
def parse(written: str) -> Honorific:
    """`written` read into its parts; an honorific with any word not understood has no parts."""
    rest = " ".join(written.casefold().replace("\u00a0", " ").split())
    parts: list[str] = []
    implied: str | None = None
    while rest:
        for spelling, part in _spellings():
            if rest.startswith(spelling) and (len(rest) == len(spelling) or rest[len(spelling)] in " ."):
                rest = rest[len(spelling):].lstrip(" ")
                base, _, gender = part.partition("_")
                if gender:
                    implied = implied or gender
                if base not in parts:
                    parts.append(base)
                break
        else:
            return Honorific(written, ())
    # Outermost first, whatever order the list wrote them in ("Dr. H.E." is "H.E. Dr.").
    order = ("excellency", "address", "doctor", "professor")
    parts.sort(key=order.index)
    if ("doctor" in parts or "professor" in parts) and "address" in parts:
        parts.remove("address")  # "Ms. Dr." reads as "Dr.": a title replaces the address
    return Honorific(written, tuple(parts), implied)


def form_gender(recorded: str | None, honorific: Honorific) -> str | None:
    """The gender whose forms the document uses: the roster's, else the honorific's own; None:
    the neutral form (not recorded and not implied, or recorded as other)."""
    if recorded in GENDERED:
        return recorded
    if recorded is None:
        return honorific.implied
    return None


def titled(forms: dict[str, str], written: str | None, name: str, gender: str | None) -> str | None:
    """`name` with the honorific `written` in the language whose `[honorifics]` forms are `forms`;
    None when that language cannot write it (no forms, or a part without one): the caller then
    writes the honorific as registered. A name without an honorific is the name alone."""
    if not written or not written.strip():
        return name
    honorific = parse(written)
    if not honorific.understood or not forms:
        return None
    chosen = form_gender(gender, honorific)
    text = name
    for part in reversed(honorific.parts):  # the innermost part wraps the name first
        form = forms.get(f"{part}_{chosen}") if chosen else None
        form = form or forms.get(part)
        if form is None:
            return None
        text = form.format(name=text) if "{name}" in form else f"{form} {text}"
    return text
