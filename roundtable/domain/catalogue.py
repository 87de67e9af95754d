"""A language of the outcome document: its words (labels, vocabulary, groups, names) and its numbers
and dates, resolved once into a `Catalogue` that assembly carries instead of a bare language code.

Each language is one data file, `roundtable/catalogues/<code>.toml` (or in a folder named by the
`ROUNDTABLE_CATALOGUES` environment variable, searched first): adding a language is adding a file.
Why TOML files rather than gettext: they are read with the standard library's `tomllib` at run
time, so a clean clone needs no compile step, and a translator edits one plain file per language.

Babel (CLDR) gives numbers, percentages, dates and the names of languages and countries in every
locale it knows; a catalogue overrides them only where UN usage differs (Kazakh dates
"2014 жылғы 7 қазан", "Российская Федерация"). Whatever a catalogue lacks falls back to English,
marked "[en] " so that a translator can see it in the document (`Catalogue.missing` lists the keys).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from roundtable.domain import durations

FALLBACK_MARK = "[en] "
BASE = "en"
_CODE = re.compile(r"^[a-z]{2,3}$")
# Upper bounds of the Gini coefficient for each verdict (gini_verdict_1..4).
_GINI_BOUNDS = (0.15, 0.35, 0.55, 1.01)


class CatalogueError(ValueError):
    """A catalogue file cannot be read; the message names the file."""


# Package data, beside the code (importlib.resources would cost a short command ~8 ms to import).
PACKAGED = Path(__file__).resolve().parent.parent / "catalogues"


def _folders() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("ROUNDTABLE_CATALOGUES", "").split(os.pathsep) if p]
    return [*extra, PACKAGED]


def available() -> list[str]:
    """The language codes a document can be written in: one per catalogue file found."""
    return _available(tuple(_folders()))


@cache
def _available(folders: tuple[Path, ...]) -> list[str]:
    codes = {p.stem for folder in folders if folder.is_dir() for p in folder.glob("*.toml") if _CODE.match(p.stem)}
    return sorted(codes)


def _path(code: str) -> Path | None:
    return next((folder / f"{code}.toml" for folder in _folders() if (folder / f"{code}.toml").is_file()), None)


def _read(code: str) -> dict:
    path = _path(code)
    if path is None:
        raise CatalogueError(f'"{code}" has no catalogue (languages: {", ".join(available())})')
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise CatalogueError(f"{path}: {error}") from None


@cache
def _locale(name: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


@dataclass
class Catalogue:
    """Everything the document says in one language. Build it with `catalogue(code)`."""

    code: str
    data: dict
    base: dict
    missing: list[str] = field(default_factory=list)  # "labels.contents", ...: English used, marked
    _countries: dict[str, str] = field(default_factory=dict, repr=False)  # names looked up so far

    # -- words -------------------------------------------------------------------------------

    def _lookup(self, table: str, key: str):
        value = self.data.get(table, {}).get(key)
        if value is not None:
            return value
        english = self.base.get(table, {}).get(key)
        if english is None:
            return None
        if self.code != BASE:
            if f"{table}.{key}" not in self.missing:
                self.missing.append(f"{table}.{key}")
            if isinstance(english, dict):
                return {form: FALLBACK_MARK + text for form, text in english.items()}
            return FALLBACK_MARK + english
        return english

    def label(self, key: str, **values: object) -> str:
        """A fixed label; `values` fill its {placeholders}. A label given as a table of CLDR plural
        forms (`{ one = "...", other = "..." }`) takes the form Babel's rules give for `n`."""
        text = self._lookup("labels", key)
        if text is None:
            raise KeyError(f"no label {key!r}")
        if isinstance(text, dict):
            form = self.locale.plural_form(values["n"]) if "n" in values else "other"
            text = text.get(form) or text.get("other") or next(iter(text.values()))
        return text.format(**values) if values else text

    def log_label(self, key: str, **values: object) -> str:
        """What a session's log (the audit trail, "Undone: …") says of a floor command
        (`[floor_log]`); `values` fill its {placeholders}."""
        text = self._lookup("floor_log", key)
        if text is None:
            raise KeyError(f"no floor_log label {key!r}")
        return text.format(**values) if values else text

    def term(self, value: str | None) -> str:
        """A vocabulary value (kind, category, gender, speech type); None is "not stated"."""
        text = self._lookup("terms", value or "unstated")
        return text if text is not None else (value or "")

    def region(self, group: str | None) -> str:
        """A UN regional group's name; "" for None, the key itself when unknown."""
        if group is None:
            return ""
        text = self._lookup("regions", group)
        return text if text is not None else group

    def honorific_and_name(self, honorific: str | None, name: str, gender: str | None = None,
                           start: bool = True) -> str:
        """"H.E. Mr. Bagdat Mussin" as this language writes it, the form chosen by `gender`
        ("Её Превосходительство д-р ...", "Жоғары Мәртебелі ... мырза"; domain/honorifics.py);
        capitalised when it `start`s a line, a cell or a list item, else as it runs in a sentence
        ("Также выступили: г-н ..."). An honorific this language cannot write (a word the
        spellings do not know, or a catalogue without forms, such as English) is kept as written."""
        from roundtable.domain.honorifics import titled

        if not (honorific or "").strip():
            return name  # a name is written as its owner writes it, capitals and all
        text = titled(self.data.get("honorifics", {}), honorific, name, gender)
        if text is None:
            return f"{honorific.strip()} {name}"
        return _capitalised(text) if start else text

    def writes_honorific(self, honorific: str | None) -> bool:
        """Whether this language writes `honorific` in its own forms (not as registered)."""
        from roundtable.domain.honorifics import titled

        return not (honorific or "").strip() or titled(self.data.get("honorifics", {}), honorific, "", None) is not None

    def in_script(self, text: str) -> bool:
        """Whether every letter of `text` is in this language's script ([locale] script, such as
        "Cyrillic"): a name or a position a reader of the language reads as their own."""
        script = self.data.get("locale", {}).get("script")
        if not script:
            return False  # a language that does not say: nothing is taken as written in it
        return _in_script(text, script.upper())

    def position(self, text: str | None) -> str:
        """A position or title, translated when the catalogue knows it, else as written."""
        text = text or ""
        return self.data.get("positions", {}).get(text, text)

    def known_position(self, text: str) -> str | None:
        """The position's translation when the catalogue knows it (the English as given in English)."""
        if self.code == BASE:
            return text if text in self.data.get("positions", {}) or text in _english_positions() else None
        return self.data.get("positions", {}).get(text)

    def organisation(self, text: str | None) -> str:
        """An organisation's name, translated when the catalogue knows it, else as written."""
        text = text or ""
        return self.known_organisation(text) or text

    def known_organisation(self, text: str) -> str | None:
        """The organisation's name when the catalogue knows it; None when it does not."""
        known = self.data.get("organisations", {}).get(text)
        if isinstance(known, dict):
            return known.get("name") or (text if self.code == BASE else None)
        if known:
            return known
        if self.code == BASE and text in _english_organisations():
            return text
        return None

    def addressee(self, text: str) -> str | None:
        """A recommendation's addressee from the vocabulary ("Member States", "civil society", in
        any catalogue's language) as this language writes it; None for any other text."""
        key = _addressee_keys().get(" ".join(text.casefold().split()))
        if key is None:
            return None
        return self.data.get("addressees", {}).get(key) or self._lookup("addressees", key)

    def organisation_in_phrase(self, text: str) -> str:
        """The organisation as it follows "representative_of" (its acronym; the genitive in Russian)."""
        known = self.data.get("organisations", {}).get(text)
        if isinstance(known, dict):
            return known.get("of", known.get("name", text))
        if known:
            return known
        template = self._lookup("labels", "unknown_organisation")
        return template.format(organisation=text) if template else text

    # -- languages and countries -------------------------------------------------------------

    @property
    def locale(self):
        return _locale(self.data.get("locale", {}).get("babel", self.code))

    @property
    def word_tag(self) -> str:
        """Word's language tag, such as "ru-RU"."""
        return self.data.get("locale", {}).get("word") or self.code

    def language(self, code: str) -> str:
        """The name of the language `code` in this language (nominative, lower case where the
        language writes it so); the code when unknown."""
        known = self.data.get("languages", {}).get(code)
        if known:
            return known
        return self.locale.languages.get(code) or code

    def spoken_in(self, code: str) -> str:
        """"in Russian" / "на русском языке" / "орыс тілінде"."""
        phrase = self.data.get("spoken_in", {}).get(code)
        return phrase or self.label("spoken_in", language=self.language(code))

    def country(self, code: str | None) -> str:
        """The country's short name; "" for None, the code itself when unknown."""
        if not code:
            return ""
        known = self._countries.get(code)
        if known is None:
            known = self._countries[code] = self._country(code.upper())
        return known

    def _country(self, code: str) -> str:
        # Codes were checked when they entered (domain/countries.py); a code CLDR names that is not
        # a country ("EU", "001") is written as the code, without loading CLDR's code tables here.
        if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES or code.startswith("X"):
            return code
        known = self.data.get("countries", {}).get(code)
        if known:
            return known
        name = self.locale.territories.get(code)
        if name:
            return name
        return country_names(BASE).get(code, code)

    @property
    def country_form(self) -> str:
        """How a country follows "representative_of": "in-text" (English articles), "genitive"
        (Russian) or "nominative"."""
        return self.data.get("locale", {}).get("country_form", "nominative")

    def country_in_phrase(self, code: str) -> str | None:
        """A country as written after "representative_of", when the catalogue spells it out."""
        return self.data.get("countries_in_phrase", {}).get(code.upper())

    # -- numbers, dates, durations -----------------------------------------------------------

    def number(self, value: float, decimals: int = 2) -> str:
        """0.25 -> "0.25" / "0,25"."""
        from babel.numbers import format_decimal

        return format_decimal(value, "0." + "0" * decimals if decimals else "0", locale=self.locale)

    def percent(self, fraction: float) -> str:
        """0.25 -> "25%" / "25 %" (a whole percent)."""
        from babel.numbers import format_percent

        return format_percent(fraction, locale=self.locale)

    def _date_pattern(self) -> str:
        pattern = self.data.get("locale", {}).get("date")
        if pattern:
            return pattern
        from babel.dates import get_date_format

        return get_date_format("long", locale=self.locale).pattern

    def date(self, day: dt.date) -> str:
        """en "7 October 2014", ru "7 октября 2014 г.", kk "2014 жылғы 7 қазан"."""
        from babel.dates import format_date

        return format_date(day, self._date_pattern(), locale=self.locale)

    def date_range(self, start: dt.date, end: dt.date) -> str:
        """"6–8 October 2014"; the full dates on both sides when the months or years differ."""
        if start == end:
            return self.date(start)
        if (start.year, start.month) != (end.year, end.month):
            return f"{self.date(start)} – {self.date(end)}"
        from babel.dates import format_date

        # The long date's pattern with its day field replaced by the span of days.
        pattern = _with_days(self._date_pattern(), f"{start.day}\u2013{end.day}")
        return format_date(end, pattern, locale=self.locale)

    def date_time(self, moment: dt.datetime) -> str:
        """"7 October 2014, 15:42"."""
        return f"{self.date(moment.date())}, {moment:%H:%M}"

    def duration(self, seconds: float) -> str:
        """A speaking time: "45 s", "4 min 30 s", "1 h 05 min" (ru "1 ч 05 мин")."""
        units = self.data.get("locale", {}).get("units") or self.base.get("locale", {}).get("units", {})
        return durations.format_duration(
            seconds, (units.get("hour", "h"), units.get("minute", "min"), units.get("second", "s"))
        )

    def gini_sentence(self, g: float) -> str:
        """One sentence saying what the Gini coefficient `g` of speaking time means."""
        verdict = next(n for n, bound in enumerate(_GINI_BOUNDS, start=1) if g < bound or n == len(_GINI_BOUNDS))
        return self.label(
            "gini_meaning", zero=self.number(0), one=self.number(1), g=self.number(g),
            verdict=self.label(f"gini_verdict_{verdict}"),
        )

    # -- order -------------------------------------------------------------------------------

    def sort_key(self, text: str) -> str:
        """A key that sorts `text` in this language's alphabetical order (Kazakh letters in Kazakh
        order); spaces, digits and signs come first, letters outside the alphabet after it."""
        return text.casefold().translate(_alphabet(self.data.get("locale", {}).get("alphabet", "")))


def _with_days(pattern: str, days: str) -> str:
    """`pattern` with its day field (`d`, outside quoted literals) replaced by the literal `days`."""
    parts = re.split(r"('[^']*')", pattern)
    for i, part in enumerate(parts):
        if not part.startswith("'"):
            replaced = re.sub(r"(?<!d)d(?!d)", f"'{days}'", part, count=1)
            if replaced != part:
                parts[i] = replaced
                break
    return "".join(parts)


class _Order(dict):
    """A `str.translate` table: the alphabet's letters to private-use characters in their order,
    other letters above them (each looked up once, then at C speed), the rest unchanged."""

    def __missing__(self, char: int) -> int:
        value = 0x10000 + char if chr(char).isalpha() and char < 0xF0000 else char
        self[char] = value
        return value


@cache
def _alphabet(letters: str) -> _Order:
    return _Order({ord(ch): 0xE000 + i for i, ch in enumerate(letters.casefold())})


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


@cache
def _in_script(text: str, script: str) -> bool:
    import unicodedata

    return all(unicodedata.name(ch, "").startswith(script) for ch in text if ch.isalpha())


@cache
def _english_positions() -> frozenset[str]:
    """Positions some catalogue translates: in an English document they are written as given."""
    return frozenset(key for code in available() for key in _safe_read(code).get("positions", {}))


@cache
def _english_organisations() -> frozenset[str]:
    return frozenset(key for code in available() for key in _safe_read(code).get("organisations", {}))


@cache
def _addressee_keys() -> dict[str, str]:
    """Every catalogue's addressee wordings, folded -> the vocabulary's key."""
    keys: dict[str, str] = {}
    for code in [BASE, *available()]:
        for key, text in _safe_read(code).get("addressees", {}).items():
            keys.setdefault(" ".join(text.casefold().split()), key)
    return keys


def _safe_read(code: str) -> dict:
    try:
        return _read(code)
    except CatalogueError:
        return {}  # a broken catalogue is reported where a document uses it


def catalogue(code: str | None = None) -> Catalogue:
    """The catalogue of language `code` (English when None). Raises CatalogueError when there is
    no such catalogue or its file cannot be read."""
    return _catalogue(code or BASE, tuple(_folders()))


def catalogue_or_bare(code: str) -> Catalogue:
    """The catalogue of `code`, or, for a language without one, a catalogue that knows none of its
    words (to ask which texts a document in that language would lack)."""
    try:
        return catalogue(code)
    except CatalogueError:
        return Catalogue(code, {}, _read(BASE))


@cache
def _catalogue(code: str, folders: tuple[Path, ...]) -> Catalogue:
    if not _CODE.match(code):
        raise CatalogueError(f'"{code}" is not a language code such as "ru"')
    base = _read(BASE)
    return Catalogue(code, base if code == BASE else _read(code), base)


# -- countries: the ISO codes and their names -----------------------------------------------------

# Codes CLDR maps from alpha-3 that ISO 3166-1 does not assign to a country: the user-assigned
# ranges (AA, QM-QZ, XA-XZ, ZZ) and the exceptionally reserved codes.
_NOT_COUNTRIES = frozenset({"AA", "ZZ", "EU", "AC", "CP", "DG", "TA"})


@cache
def _alpha3() -> dict[str, str]:
    from babel.core import get_global

    return {
        old: new[0]
        for old, new in get_global("territory_aliases").items()
        if len(old) == 3 and old.isalpha() and len(new) == 1 and len(new[0]) == 2
        and new[0] not in _NOT_COUNTRIES and not new[0].startswith("X") and not ("QM" <= new[0] <= "QZ")
    }


@cache
def iso_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes of countries and territories (from CLDR's code mappings)."""
    return frozenset(_alpha3().values())


def country_names(code: str) -> dict[str, str]:
    """Every country's name in language `code`, by ISO code."""
    cat = catalogue(code)
    return {iso: cat.country(iso) for iso in iso_codes()}


def alpha3() -> dict[str, str]:
    """ISO alpha-3 code -> alpha-2 code."""
    return _alpha3()


@dataclass(frozen=True)
class CountryName:
    """A name of a country as a source writes it, the country's ISO alpha-2 code, and the source."""

    name: str
    code: str
    source: str


def country_aliases() -> list[CountryName]:
    """Other names of countries a registration list may use, each with where it comes from
    (catalogues/country-aliases.toml). Raises CatalogueError for an entry without a code."""
    path = PACKAGED / "country-aliases.toml"
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("aliases", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        raise CatalogueError(f"{path}: {error}") from None
    aliases = []
    for name, entry in table.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
            raise CatalogueError(f'{path}: alias "{name}" needs {{ code = "XX", source = "..." }}')
        aliases.append(CountryName(name, entry["code"].upper(), str(entry.get("source", ""))))
    return aliases
