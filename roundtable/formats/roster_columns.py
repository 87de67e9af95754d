"""Which column of a registration list holds what: headers recognised by their usual names in
English, French, Russian and Kazakh, case, punctuation and spaces ignored, or named by the user
(`--columns name=ФИО,organisation=Ведомство`); and which row is the header (the first of the first
rows with a name column, so title rows and blank rows above it are passed over).

A column's meaning is a `Target`: a roster field, a part of the name (given name, patronymic,
family name: joined in that order, "John Carter", "Имя Отчество Фамилия"), or the registration
state (withdrawn, cancelled, rejected: not attending). A target may carry a language, for columns
such as `name_ru` (`<field>_<lang>`): PER_LANGUAGE_FIELDS lists the fields that have them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from roundtable.domain.text_match import fold
from roundtable.formats.errors import did_you_mean

# The roster's own columns, as roundtable writes them (the participants CSV of the contract).
COLUMNS = ("name", "honorific", "position", "organisation", "country", "category", "rank", "gender", "email",
           "attending", "publish")  # the last two: yes/no, blank = yes (the list of participants)
NAME_PARTS = ("given_name", "patronymic", "family_name")  # in the order they are joined
REGISTRATION_STATE = "registration_state"
TARGETS = (*COLUMNS, *NAME_PARTS, REGISTRATION_STATE)

# Fields a list may give in several languages as `<field>_<lang>` columns (name_ru, position_kk,
# organisation_ru: the person's texts the document in that language writes; issue 27).
PER_LANGUAGE_FIELDS: frozenset[str] = frozenset({"name", "position", "organisation"})

# How registration lists name each column: Indico, Google Forms, Cvent and Eventbrite exports,
# ministries' sheets. Compared by `header_key`, so "E-mail", "EMAIL" and "e mail" are one name.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "honorific": ("Title", "Salutation", "Honorific", "Prefix", "Civilité", "Titre", "Обращение", "Қаратпа сөз"),
    "name": (
        "Name", "Full name", "Participant", "Participant name", "Name of participant", "Delegate", "Delegate name",
        "Nom complet", "Nom et prénom", "Prénom et nom", "Nom prénom", "Prénom nom",
        "ФИО", "Фамилия, имя, отчество", "Фамилия имя отчество", "Полное имя", "Имя и фамилия", "Фамилия и имя",
        "Фамилия, имя", "Аты-жөні", "Толық аты-жөні", "Тегі, аты, әкесінің аты", "Т.А.Ә.",
    ),
    "given_name": ("First name", "Given name", "Forename", "First", "Prénom", "Имя", "Аты"),
    "patronymic": ("Middle name", "Patronymic", "Отчество", "Әкесінің аты"),
    "family_name": ("Last name", "Family name", "Surname", "Last", "Nom", "Nom de famille", "Фамилия", "Тегі"),
    "organisation": (
        "Organisation", "Organization", "Affiliation", "Institution", "Company", "Employer", "Agency",
        "Organisme", "Établissement", "Société", "Организация", "Ведомство", "Учреждение", "Место работы",
        "Ұйым", "Ұйымы", "Мекеме", "Жұмыс орны",
    ),
    "position": ("Position", "Job title", "Function", "Designation", "Fonction", "Poste", "Titre du poste",
                 "Должность", "Лауазымы", "Лауазым"),
    "country": ("Country", "Nationality", "Country of residence", "Country/Region", "Pays", "Nationalité",
                "Страна", "Гражданство", "Ел", "Елі", "Мемлекет", "Азаматтығы"),
    "email": ("Email", "E-mail", "Email address", "E-mail address", "Mail", "Courriel", "Adresse électronique",
              "Adresse e-mail", "Эл. почта", "Электронная почта", "Адрес электронной почты", "Эл. пошта",
              "Электрондық пошта"),
    "gender": ("Gender", "Sex", "Genre", "Sexe", "Пол", "Жынысы"),
    "category": ("Category", "Catégorie", "Категория", "Санат"),
    "rank": ("Rank",),
    "attending": ("Attending",),
    "publish": ("Publish",),
    REGISTRATION_STATE: ("Registration state", "Registration status", "Status", "State", "Attendee status",
                         "Statut", "Statut de l'inscription", "Статус", "Статус регистрации", "Мәртебе", "Мәртебесі",
                         "Тіркеу мәртебесі"),
}

# `--columns` accepts these other spellings of a target.
_TARGET_SYNONYMS = {"first_name": "given_name", "last_name": "family_name", "surname": "family_name",
                    "middle_name": "patronymic", "state": REGISTRATION_STATE, "status": REGISTRATION_STATE,
                    "organization": "organisation", "title": "honorific"}

HEADER_ROWS = 30  # rows (with anything in them) looked at for the header


def header_key(text: str) -> str:
    """What is compared: letters and digits only, case and accents ignored ("E-mail" = "email")."""
    return re.sub(r"[\W_]+", "", fold(text))


_BY_KEY: dict[str, str] = {header_key(name): target for target, names in HEADER_NAMES.items() for name in names}
# "name_ru", "Position-KK", "ФИО_kk": a field, then "_" or "-" and a language code (not a space: "Company
# no" is no Norwegian).
_LANGUAGE_SUFFIX = re.compile(r"^(?P<field>.+?)[_-](?P<lang>[a-z]{2,3})$", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    """One column of the header row and what is read from it (`target` None: nothing)."""

    index: int
    header: str  # as written, surrounding blanks removed
    target: str | None = None
    lang: str | None = None
    by: str = ""  # "own name" | "usual name" | "--columns"
    unused: str = ""  # why nothing is read: "unknown" | "repeated" | "name part" | "replaced"
    instead: int | None = None  # the column read instead (repeated, name part, replaced)

    @property
    def is_interpreted(self) -> bool:
        """Read under a meaning its header does not spell as roundtable's own column name."""
        return self.target is not None and self.by != "own name"

    @property
    def key(self) -> str:
        """The roster column it gives, as participant_from_values takes it: "position", "name_ru"."""
        return f"{self.target}_{self.lang}" if self.lang else str(self.target)


@dataclass
class ColumnMap:
    columns: list[Column] = field(default_factory=list)

    def index(self, target: str, lang: str | None = None) -> int | None:
        return next((c.index for c in self.columns if c.target == target and c.lang == lang), None)

    def read(self) -> list[Column]:
        return [c for c in self.columns if c.target is not None]

    @property
    def name_columns(self) -> list[int]:
        """The columns the name is read from, in the order they are joined."""
        whole = self.index("name")
        if whole is not None:
            return [whole]
        return [i for part in NAME_PARTS if (i := self.index(part)) is not None]

    @property
    def has_name(self) -> bool:
        return bool(self.name_columns)

    @property
    def is_interpreted(self) -> bool:
        return any(c.is_interpreted for c in self.columns)


def parse_overrides(text: str | None) -> dict[str, str]:
    """`name=ФИО,organisation=Ведомство` -> {"name": "ФИО", "organisation": "Ведомство"}. A comma
    splits only before another `target=`, so a header may hold commas ("name=Фамилия, имя").
    Raises ValueError with a message for a person."""
    if text is None or not text.strip():
        return {}
    overrides: dict[str, str] = {}
    for part in re.split(r",(?=\s*[\w -]+=)", text):
        target, sep, header = part.partition("=")
        if not sep or not header.strip():
            raise ValueError(f'"{part.strip()}" is not target=header (as in name=ФИО)')
        key = re.sub(r"[\s-]+", "_", target.strip().lower())
        key = _TARGET_SYNONYMS.get(key, key)
        if key not in TARGETS:
            raise ValueError(f'"{target.strip()}" is not a roster column (one of {", ".join(TARGETS)})'
                             f"{did_you_mean(key, TARGETS)}")
        if key in overrides:
            raise ValueError(f'"{key}" is given twice')
        overrides[key] = header.strip()
    return overrides


def _meaning(header: str) -> tuple[str | None, str | None, str]:
    """(target, language, by) that a header's own words give."""
    key = header_key(header)
    if not key:
        return None, None, ""
    own = next((c for c in COLUMNS if header_key(c) == key), None)
    if own is not None:
        return own, None, "own name"
    if key in _BY_KEY:
        return _BY_KEY[key], None, "usual name"
    suffixed = _LANGUAGE_SUFFIX.match(header.strip())
    if suffixed:  # name_ru, position-kk: a field in one language
        target, _, by = _meaning(suffixed["field"])
        if target in PER_LANGUAGE_FIELDS:
            lang = suffixed["lang"].lower()
            own = by == "own name" and header.strip().lower() == f"{target}_{lang}"  # roundtable's name_ru
            return target, lang, "own name" if own else "usual name"
    return None, None, ""


def map_header(cells: list[str], overrides: dict[str, str] | None = None) -> ColumnMap:
    """What each cell of a header row means. Raises ValueError when a header `overrides` names is
    not in the row."""
    overrides = overrides or {}
    by_override = {header_key(header): target for target, header in overrides.items()}
    found = {header_key(c) for c in cells}
    missing = [f'{target}="{header}"' for target, header in overrides.items() if header_key(header) not in found]
    if missing:
        raise ValueError(f"--columns: no column {', '.join(missing)} in the header row")
    columns: list[Column] = []
    taken: dict[tuple[str, str | None], int] = {}
    for index, raw in enumerate(cells):
        header = raw.strip()
        if not header:
            continue
        key = header_key(header)
        if key in by_override:
            target, lang, by = by_override[key], None, "--columns"
        else:
            target, lang, by = _meaning(header)
            if target in overrides:  # the user named another column for it
                columns.append(Column(index, header, unused="replaced"))
                continue
        if target is None:
            columns.append(Column(index, header, unused="unknown"))
        elif (target, lang) in taken:
            columns.append(Column(index, header, unused="repeated", instead=taken[(target, lang)]))
        else:
            taken[(target, lang)] = index
            columns.append(Column(index, header, target, lang, by))
    whole = taken.get(("name", None))
    if whole is not None:  # a full name wins over its parts
        columns = [Column(c.index, c.header, unused="name part", instead=whole) if c.target in NAME_PARTS else c
                   for c in columns]
    return ColumnMap(columns)


def find_header(rows: list[tuple[int, list[str]]], overrides: dict[str, str] | None = None) -> int | None:
    """The position in `rows` of the header row: the first of the first HEADER_ROWS rows with
    anything in them whose cells name a name column (whole or in parts); None if none does."""
    looked = 0
    for position, (_, cells) in enumerate(rows):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            if map_header(cells, overrides).has_name:
                return position
        except ValueError:  # not this row: it lacks a column --columns names
            pass
        looked += 1
        if looked >= HEADER_ROWS:
            break
    return None


def describe(column: Column, table_column) -> str:
    """What is read from `column`, for `check`: 'name (given name)', 'not read: …'. `table_column`
    names another column the way the file does (a letter, a number)."""
    if column.target is None:
        if column.unused == "repeated":
            return f"not read: column {table_column(column.instead)} gives it"
        if column.unused == "name part":
            return f"not read: the name is read whole from column {table_column(column.instead)}"
        if column.unused == "replaced":
            return "not read: --columns names another column for it"
        return "not read: not a column roundtable knows"
    what = {"given_name": "name (given name)", "patronymic": "name (patronymic)",
            "family_name": "name (family name)",
            REGISTRATION_STATE: "attending (registration state: withdrawn, cancelled or rejected = not attending)"}
    text = what.get(column.target, column.target)
    if column.lang:
        text += f" in {column.lang}"
    return text + (" (--columns)" if column.by == "--columns" else "")
