"""How the document writes the forum's own texts in its language: people, positions, organisations,
the programme's texts and the recommendations' addressees, and which of them stay as written.

A text comes, in this order, from:

1. the record's own version in that language (a programme text's translation; a person's name,
   position or organisation given per language in the roster: `name_ru`, `position_kk`, ...);
2. the forum itself: the same text translated elsewhere in the programme or the roster (the
   organisers "UN DESA / DPADM" as a session's chair gives them in Russian, "ДЭСВ ООН / ОГУУР"; an
   organisation one person's record translates, for everyone of that organisation);
3. the catalogue: positions and organisations it knows, "Government of <country>", the addressee
   vocabulary, honorifics by gender (domain/honorifics.py);
4. else the text as written: never a machine transliteration or translation. Such a text is
   recorded in `Wording.untranslated` with where it comes from (unless it is written in the
   language's script already, as a Kazakh name is in a Russian document), so that `export` can say
   how many stay in another language and `check --lang` can list them.

A position of several parts ("First Deputy Minister, Ministry of ...") is translated part by part
where the whole is not known: the parts the catalogue knows, the others as written.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field

from roundtable.domain.catalogue import Catalogue
from roundtable.domain.honorifics import parse as parse_honorific
from roundtable.domain.models import Multilingual, Participant
from roundtable.domain.text_match import fold

PERSON_TEXTS = ("name", "position", "organisation")  # a person's texts the roster gives per language
_GOVERNMENT = re.compile(r"^(?:the\s+)?government\s+of\s+(?:the\s+)?(?P<country>.+)$", re.IGNORECASE)


Where = tuple[str, str, str]  # ("session", "D2-PLEN", "chair"), ("participant", "Vincenzo Aquaro", "name")


@dataclass(frozen=True)
class Untranslated:
    """A text written as given, not in the document's language: the record (`kind` "forum",
    "track", "session" or "participant", and its code or name as `key`), its `field`
    ("objectives[2]" for a list's entry) and the text."""

    kind: str
    key: str
    field: str
    text: str

    @property
    def where(self) -> str:
        """"session D2-PLEN: chair", "forum: background", "participant Vincenzo Aquaro: name"."""
        return f"{self.kind}{' ' + self.key if self.key else ''}: {self.field}"

    @property
    def short_text(self) -> str:
        return textwrap.shorten(self.text, 70, placeholder=" …")

    def __str__(self) -> str:
        return f"{self.where}: {self.short_text}"


def person_text(person: Participant, name: str, lang: str) -> str | None:
    """The person's own version of field `name` in `lang` (the roster's `<field>_<lang>`), or None."""
    given = (getattr(person, "translations", None) or {}).get(lang, {}).get(name)
    return given if isinstance(given, str) and given.strip() else None


def _key(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Wording:
    """The document's language (`cat`) with what the forum itself says in it. Build it with
    `wording_for`; it records, as it writes, the texts left in another language."""

    cat: Catalogue
    first_language: str
    glossary: dict[str, str] = field(default_factory=dict)  # a forum text -> in this language
    people: dict[str, Participant] = field(default_factory=dict)  # folded name -> person, any language
    untranslated: dict[Where, Untranslated] = field(default_factory=dict)  # in the order found

    @property
    def code(self) -> str:
        return self.cat.code

    @property
    def translating(self) -> bool:
        """False for a document in the forum's first language: its texts are as written."""
        return self.code != self.first_language

    def _left(self, where: Where | None, text: str) -> None:
        if where and self.translating and text.strip() and not self.cat.in_script(text):
            self.untranslated.setdefault(where, Untranslated(*where, text))

    # -- programme texts ---------------------------------------------------------------------

    def text(self, record: Multilingual, name: str, where: Where | None = None) -> str | None:
        """A programme text in this language: its translation, else the forum's or the catalogue's
        version of the same words, else as written (recorded)."""
        given = record.translations.get(self.code, {}).get(name)
        if isinstance(given, str) and given.strip():
            return given
        first = getattr(record, name)
        if not first or not self.translating:
            return first
        found = self.glossary.get(_key(first))
        if found:
            return found
        if name in ("chair", "rapporteur"):
            return self.named(first, where)
        if name == "organisers":
            return self.organisation_text(first, where)
        self._left(where, first)
        return first

    def texts(self, record: Multilingual, name: str, where: Where | None = None) -> list[str]:
        """A list of programme texts in this language, entry by entry (organisers, objectives)."""
        given = record.translations.get(self.code, {}).get(name) or []
        out = []
        for i, first in enumerate(getattr(record, name)):
            if i < len(given) and given[i] and given[i].strip():
                out.append(given[i])
            elif not self.translating:
                out.append(first)
            elif _key(first) in self.glossary:
                out.append(self.glossary[_key(first)])
            elif name == "organisers":
                out.append(self.organisation_text(first, _entry(where, i)))
            else:
                self._left(_entry(where, i), first)
                out.append(first)
        return out

    # -- people ------------------------------------------------------------------------------

    def name(self, person: Participant) -> str:
        """The person's name in this language where the roster has it, else as registered."""
        own = person_text(person, "name", self.code)
        if own:
            return own
        self._left(("participant", person.name, "name"), person.name)
        return person.name

    def titled_name(self, person: Participant, start: bool = True, honorific: str | None = None) -> str:
        """Honorific and name as this language writes them, by the person's gender and rank;
        `start`: at the start of a line or a cell (capitalised), else in a sentence."""
        honorific = person.honorific if honorific is None else honorific
        if self.translating and not self.cat.writes_honorific(honorific):
            self._left(("participant", person.name, "honorific"), honorific or "")
        return self.cat.honorific_and_name(honorific, self.name(person), person.gender, start=start)

    def position(self, person: Participant, after_name: bool = False) -> str:
        own = person_text(person, "position", self.code)
        if own:
            return self._after_name(own) if after_name else own
        text = self.position_text(person.position, ("participant", person.name, "position"))
        return self._after_name(text) if after_name else text

    def organisation(self, person: Participant) -> str:
        own = person_text(person, "organisation", self.code)
        if own:
            return own
        return self.organisation_text(person.organisation, ("participant", person.name, "organisation"))

    def organisation_in_phrase(self, person: Participant) -> str:
        """The person's organisation as it follows "representative_of" ("ДЭСВ ООН", "организации
        «...»")."""
        text = person.organisation or ""
        known = self.cat.data.get("organisations", {}).get(text)
        if isinstance(known, dict) and known.get("of"):
            return known["of"]
        government = self._government(text, in_phrase=True)
        if government:
            return government
        return self.cat.label("unknown_organisation", organisation=self.organisation(person))

    def _after_name(self, text: str) -> str:
        """A position after a name runs on in lower case where the language writes it so."""
        if self.cat.data.get("locale", {}).get("position_after_name") == "lower" and text[1:2].islower():
            return text[:1].lower() + text[1:]
        return text

    # -- free texts --------------------------------------------------------------------------

    def position_text(self, text: str | None, where: Where | None = None) -> str:
        """A position (or a title) in this language: whole, else part by part."""
        text = text or ""
        if not text or not self.translating:
            return text
        whole = self._known(text)
        if whole is not None:
            return whole
        return self._parts(text, where)

    def organisation_text(self, text: str | None, where: Where | None = None) -> str:
        text = text or ""
        if not text or not self.translating:
            return text
        known = self.glossary.get(_key(text)) or self.cat.known_organisation(text) or self._government(text)
        if known:
            return known
        self._left(where, text)
        return text

    def addressee(self, text: str | None) -> str:
        """A recommendation's addressee: each part ("Member States; civil society") from the
        vocabulary or the organisations known, in this language; the others as typed."""
        if not text:
            return ""
        out = []
        for part in text.split(";"):
            typed = part.strip()
            if not typed:
                continue
            known = self.cat.addressee(typed)
            if known is None and self.translating:
                known = self.glossary.get(_key(typed)) or self.cat.known_organisation(typed) or self._government(typed)
            if known is None:
                out.append(typed)
                continue
            if typed[:1].islower() and known[1:2].islower():  # "civil society" runs on in lower case
                known = known[:1].lower() + known[1:]
            out.append(known)
        return "; ".join(out)

    def named(self, text: str, where: Where | None = None) -> str:
        """A chair's or a rapporteur's text from the programme, "Mr. Vincenzo Aquaro, Chief,
        E-Government Branch, UN DESA": the honorific and the name as the document names that
        person (the roster's name in this language, the form by their gender), then each part
        translated as a position or an organisation. A text naming no one is taken as an
        organisation or a position ("UN DESA / DPADM")."""
        head, *rest = [part.strip() for part in text.split(",")]
        honorific, name = _honorific_prefix(head)
        person = self.people.get(_fold_name(name))
        if honorific is None and person is None:
            whole = self._known(text)
            if whole is not None:
                return whole
            self._left(where, text)
            return text
        if person is not None:
            titled = self.titled_name(person, honorific=honorific if honorific is not None else person.honorific)
        else:
            if not self.cat.writes_honorific(honorific):
                self._left(where, text)
            self._left(where, name)
            implied = parse_honorific(honorific).implied
            titled = self.cat.honorific_and_name(honorific, name, implied)
        if not rest:
            return titled
        return f"{titled}, {self._after_name(self._parts(', '.join(rest), where))}"

    # -- how a text is found -----------------------------------------------------------------

    def _known(self, text: str) -> str | None:
        """`text` whole, as the forum or the catalogue gives it in this language; None if neither."""
        return (self.glossary.get(_key(text)) or self.cat.known_position(text)
                or self.cat.known_organisation(text) or self._government(text))

    def _parts(self, text: str, where: Where | None) -> str:
        """`text` split at its commas, the longest known run of parts translated at each step."""
        parts = [part.strip() for part in text.split(",") if part.strip()]
        out, i = [], 0
        while i < len(parts):
            for j in range(len(parts), i, -1):
                known = self._known(", ".join(parts[i:j]))
                if known is not None:
                    out.append(known)
                    i = j
                    break
            else:
                self._left(where, text)  # the whole text, so that a reader sees what is missing
                out.append(parts[i])
                i += 1
        return ", ".join(out)

    def _government(self, text: str, in_phrase: bool = False) -> str | None:
        """"Government of Egypt" in this language ("Правительство Египта"), when the country is one."""
        from roundtable.domain.countries import normalise_country
        from roundtable.domain.country_phrases import country_in_phrase

        matched = _GOVERNMENT.match(text.strip())
        if not matched:
            return None
        try:
            code = normalise_country(matched["country"])
        except ValueError:
            return None
        if code is None:
            return None
        label = "government_of_in_phrase" if in_phrase else "government_of"
        return self.cat.label(label, country=country_in_phrase(code, self.cat))


def _entry(where: Where | None, i: int) -> Where | None:
    return (where[0], where[1], f"{where[2]}[{i + 1}]") if where else None


def _fold_name(name: str) -> str:
    return " ".join(fold(name).split())


def _honorific_prefix(head: str) -> tuple[str | None, str]:
    """("Mr.", "Vincenzo Aquaro") from "Mr. Vincenzo Aquaro"; (None, head) without an honorific."""
    words = head.split()
    for n in range(min(len(words) - 1, 4), 0, -1):  # the longest honorific that leaves a name
        candidate = " ".join(words[:n])
        if parse_honorific(candidate).understood:
            return candidate, " ".join(words[n:])
    return None, head


def wording_for(cat: Catalogue, first_language: str, records: Iterable[Multilingual] = (),
                people: Iterable[Participant] = ()) -> Wording:
    """The document's wording in `cat`'s language, with the forum's own translations: every
    programme record's texts (`records`: forum, tracks, sessions) and the people's."""
    people = list(people)
    glossary: dict[str, str] = {}
    lang = cat.code
    for record in records:
        given = record.translations.get(lang, {})
        for name in record.TEXTS:
            first, there = getattr(record, name), given.get(name)
            if first and isinstance(there, str) and there.strip():
                glossary.setdefault(_key(first), there)
        for name in record.TEXT_LISTS:
            for first, there in zip(getattr(record, name), given.get(name) or []):
                if first and there and there.strip():
                    glossary.setdefault(_key(first), there)
    for person in people:
        for name in ("position", "organisation"):
            first, there = getattr(person, name), person_text(person, name, lang)
            if first and there:
                glossary.setdefault(_key(first), there)
    by_name: dict[str, Participant] = {}
    for person in people:
        names = [person.name, *((texts.get("name") for texts in (getattr(person, "translations", None) or {}).values()))]
        for name in names:
            if name:
                by_name.setdefault(_fold_name(name), person)
    return Wording(cat, first_language, glossary, by_name)


def untranslated_texts(w: Wording, records: Iterable[tuple[str, str, Multilingual]] = (),
                       people: Iterable[Participant] = ()) -> list[Untranslated]:
    """Every text of `records` (("session", code, session), ...) and of `people` that `w` would
    write as given rather than in its language: what `check --lang` lists, the whole programme and
    roster, whether or not a document prints them."""
    for kind, key, record in records:
        for name in record.TEXTS:
            w.text(record, name, (kind, key, name))
        for name in record.TEXT_LISTS:
            w.texts(record, name, (kind, key, name))
    for person in people:
        w.titled_name(person)
        w.position(person)
        w.organisation(person)
    return list(w.untranslated.values())
