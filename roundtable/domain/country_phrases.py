"""How the outcome document names a delegation: "The representative of Kazakhstan", "... of UN DESA".

The phrase is the catalogue's `representative_of` label; the country in it takes the form the
catalogue's `country_form` names. English takes the article where UN usage does ("the Russian
Federation", "the Netherlands"); Russian puts the country in the genitive ("Представитель
Казахстана"); Kazakh keeps the name in the nominative before "өкілі" ("Қазақстан өкілі"). A language
without such rules writes the nominative, or spells a country out in its `[countries_in_phrase]`.

The Russian genitive comes from rules for the common endings, corrected by `GENITIVE_EXCEPTIONS`
where the rules are wrong; tests pin every Member State.
"""

from __future__ import annotations

import re

from roundtable.domain.catalogue import Catalogue, catalogue, iso_codes

# UN usage: these names take "the" in running English text.
_ARTICLE_NAMES = frozenset(
    {"Bahamas", "Comoros", "Congo", "Gambia", "Maldives", "Netherlands", "Niger", "Philippines", "Sudan",
     "Holy See", "State of Palestine", "Czech Republic"}
)
_ARTICLE_WORDS = re.compile(r"\b(Republic|Kingdom|Federation|States|Islands|Emirates|Union)\b")
_INVERTED = re.compile(r"^(?P<short>.+) \((?P<formal>.+) of\)$")  # "Iran (Islamic Republic of)"


_ENGLISH_IN_TEXT = {
    "GS": "South Georgia and the South Sandwich Islands",
    "VG": "the British Virgin Islands",
    "VI": "the United States Virgin Islands",
    "MF": "Saint Martin (French part)",
    "SX": "Sint Maarten (Dutch part)",
}


def english_name_in_text(code: str) -> str:
    """The country's English name as it stands inside a sentence ("the Republic of Korea")."""
    if code.upper() in _ENGLISH_IN_TEXT:
        return _ENGLISH_IN_TEXT[code.upper()]
    name = catalogue("en").country(code)
    inverted = _INVERTED.match(name)
    if inverted:  # "Bolivia (Plurinational State of)" -> "the Plurinational State of Bolivia"
        return f"the {inverted['formal']} of {inverted['short']}"
    if name in _ARTICLE_NAMES or (_ARTICLE_WORDS.search(name) and name != "South Sudan"):
        return f"the {name}"
    return name


# --- Russian genitive -------------------------------------------------------------------------

# Whole names the rules decline wrongly (or that are easier to state than to derive).
GENITIVE_EXCEPTIONS: dict[str, str] = {
    "Египет": "Египта",
    "Беларусь": "Беларуси",
    "Бангладеш": "Бангладеш",
    "Гвинея-Бисау": "Гвинеи-Бисау",
    "Кот-д'Ивуар": "Кот-д'Ивуар",
    "Сент-Винсент и Гренадины": "Сент-Винсента и Гренадин",
    "Острова Туркс и Каикос": "Островов Тёркс и Кайкос",
    "Теркс и Кайкос": "Тёркс и Кайкос",
    "Сен-Пьер и Микелон": "Сен-Пьера и Микелона",
    "Шпицберген и Ян-Майен": "Шпицбергена и Ян-Майена",
    "Уоллес и Футана": "Уоллиса и Футуны",
    "Бонайре, Синт-Эстатиус и Саба": "Бонайре, Синт-Эстатиуса и Сабы",
    "Остров Святой Елены, Остров Вознесения и Тристан-да-Кунья":
        "Острова Святой Елены, Острова Вознесения и Тристан-да-Куньи",
    "Остров Херд и острова МакДональд": "Острова Херд и островов Макдональд",
    "Южная Джорджия и Южные Сандвичевы острова": "Южной Георгии и Южных Сандвичевых островов",
    "Сен-Мартен (Франция)": "Сен-Мартена (Франция)",
    "Синт-Мартен (голландская часть)": "Синт-Мартена (нидерландская часть)",
    "Британская территория Индийского океана": "Британской территории в Индийском океане",
    "Китайская провинция Тайвань": "китайской провинции Тайвань",
    "Папуа — Новая Гвинея": "Папуа — Новой Гвинеи",
    "Бруней-Даруссалам": "Брунея-Даруссалама",
    "Фолклендские (Мальвинские) острова": "Фолклендских (Мальвинских) островов",
    "Виргинские острова (Британия)": "Виргинских островов (Британия)",
    "Виргинские острова (США)": "Виргинских островов (США)",
    "Французские южные территории": "Французских южных территорий",
}

# Plural nouns: their genitive plural.
_PLURALS = {
    "Нидерланды": "Нидерландов", "Филиппины": "Филиппин", "Гренадины": "Гренадин",
    "Острова": "Островов", "острова": "островов", "Эмираты": "Эмиратов", "Штаты": "Штатов",
    "Бермуды": "Бермудских островов", "Багамы": "Багам",
}
# Neuter nouns in -о that do decline (foreign names in -о do not: "Того", "Монако").
_NEUTER = {"Государство": "Государства", "Королевство": "Королевства"}
# Words a multi-word name keeps in the nominative after its head noun ("Республики Корея").
_INDECLINABLE_ENDINGS = ("о", "е", "и", "у", "ю", "э", "ё")
_VOWELS = "аеёиоуыэюя"


def _adjective(word: str) -> str | None:
    """The genitive of an adjective, or None when `word` is not one."""
    if "-" in word:  # "Народно-Демократическая": only the last part declines
        head, _, last = word.rpartition("-")
        declined = _adjective(last)
        return f"{head}-{declined}" if declined else None
    for ending, genitive in (("ая", "ой"), ("яя", "ей"), ("ые", "ых"), ("ие", "их"), ("ое", "ого"),
                             ("ый", "ого"), ("ой", "ого")):
        if word.endswith(ending) and len(word) > 4:
            return word[: -len(ending)] + genitive
    if word.endswith("ий") and len(word) > 4:  # "Святейший" -> "Святейшего", "Синий" -> "Синего"
        return word[:-2] + ("его" if word[-3] in "шщжчн" else "ого")
    for ending in ("ов", "ев", "ин"):  # possessives: "Маршалловы", "Соломоновы"
        if word.endswith(ending + "ы"):
            return word[:-1] + "ых"
    return None


def _noun(word: str) -> str:
    """The genitive singular of a country-name noun (plural nouns from `_PLURALS`)."""
    if word in _PLURALS:
        return _PLURALS[word]
    if word in _NEUTER:
        return _NEUTER[word]
    if "-" in word:  # "Коста-Рика" -> "Коста-Рики"; "Буркина-Фасо" stays
        head, _, last = word.rpartition("-")
        return f"{head}-{_noun(last)}"
    lower = word.lower()
    if lower.endswith(_INDECLINABLE_ENDINGS):
        return word
    if lower.endswith("а"):
        if len(lower) > 1 and lower[-2] in _VOWELS:  # "Никарагуа", "Антигуа"
            return word
        return word[:-1] + ("и" if lower[-2] in "гкхжчшщ" else "ы")
    if lower.endswith("я"):
        return word[:-1] + "и"
    if lower.endswith("й"):
        return word[:-1] + "я"
    if lower.endswith("ь"):
        return word[:-1] + "я"
    if lower.endswith("ы"):
        return word
    return word + "а"


def _phrase(text: str) -> str:
    """Genitive of a name phrase: leading adjectives and the head noun decline, the rest stays
    ("Соединённые Штаты Америки" -> "Соединённых Штатов Америки", "Республика Корея" ->
    "Республики Корея")."""
    words = text.split(" ")
    out = []
    for i, word in enumerate(words):
        adjective = _adjective(word) if i < len(words) - 1 else None
        if adjective is not None:
            out.append(adjective)
            continue
        out.append(_noun(word))
        out.extend(words[i + 1:])
        break
    return " ".join(out)


def russian_genitive(name: str) -> str:
    """"Казахстан" -> "Казахстана", "Российская Федерация" -> "Российской Федерации"."""
    if name in GENITIVE_EXCEPTIONS:
        return GENITIVE_EXCEPTIONS[name]
    bracket = re.match(r"^(?P<main>[^(]+?) \((?P<inner>[^)]+)\)$", name)
    if bracket:  # "Иран (Исламская Республика)" -> "Ирана (Исламской Республики)"
        return f"{russian_genitive(bracket['main'])} ({_phrase(bracket['inner'])})"
    if " и " in name:  # "Босния и Герцеговина" -> "Боснии и Герцеговины"
        return " и ".join(_phrase(part) for part in name.split(" и "))
    return _phrase(name)


# --- The phrase -------------------------------------------------------------------------------


def country_in_phrase(code: str, cat: Catalogue) -> str:
    """The country as it follows "representative_of" in `cat`'s language."""
    spelt = cat.country_in_phrase(code)
    if spelt:
        return spelt
    if cat.country_form == "in-text":
        return english_name_in_text(code) if cat.code == "en" else cat.country(code)
    if cat.country_form == "genitive":
        return russian_genitive(cat.country(code))
    return cat.country(code)


def representative_of(code: str, cat: Catalogue) -> str:
    """"The representative of Kazakhstan" / "Представитель Казахстана" / "Қазақстан өкілі".

    An unknown code is written as given, undeclined (the roster validates codes, so this is rare).
    """
    if code.upper() not in iso_codes():
        return cat.label("representative_of", delegation=code)
    return cat.label("representative_of", delegation=country_in_phrase(code, cat))


def representative_of_organisation(organisation: str, cat: Catalogue) -> str:
    """"The representative of UN DESA" / "Представитель ДЭСВ ООН": the organisation's short form
    from the catalogue, else its name as registered (Russian: "организации «...»")."""
    return cat.label("representative_of", delegation=cat.organisation_in_phrase(organisation))
