"""The spellings of a name word in every script people write it in: "Мынбаев" is also Mynbayev,
Mynbaev and Mynbaiev; "Төлеген" is also Тулеген and Tulegen; "Ольга" is Olga and Ol'ga.

A word is read through the romanisation systems in use for Russian and Kazakh names (iuliia's
implementations, not tables of our own):

- ICAO Doc 9303 (the machine-readable passport: Mynbaev, Zhaksybekov, Iuliia),
- BGN/PCGN and English press practice (iuliia's Wikipedia schema: Mynbayev, Tokayev, Yerlan),
- GOST 7.79 (system A, with diacritics: Žaksybekov, Ûliâ),
- the Kazakh Latin alphabet of 2021 (our own table below: Toqaev, Jaqsybekov, Şynğys),
- and anyascii for every other script (Arabic, Greek, Chinese, Korean...).

The Kazakh letters Ә Ғ Қ Ң Ө Ұ Ү Һ І have no place in the Russian systems, so a Kazakh word is
first written as the Russian press writes it (Ә а, Ғ г, Қ к, Ң н, Ө о or у, Ұ у, Ү у, Һ х, І и:
Төлеген -> Толеген and Тулеген, Үмбетов -> Умбетов), and each such form is romanised.

Each rendering (a *literal*, lower case, without accents, soft and hard signs dropped) is then
folded into a *key*, where the usual variants meet: shch/sch/shh -> sh, tch -> ch, zh/dzh/dj -> j,
kh -> h, ts/tz/cz -> c, ck -> k, c before a, o, u or a consonant -> k, x -> ks, q -> k, ph -> f,
th -> t, gh -> g, w -> v, y -> i, ie -> e (so -yev, -iev and -ev meet, and Ye/E), and doubled letters
single (Mussin, Musin). These folds are also how a Latin spelling is read as Cyrillic (c is к or ц,
x is кс, w is в); a Latin "j" is read both as ж (Jaksybekov) and as й (Julija), so a word with one
has two keys. A Cyrillic query is romanised the same way, so both directions meet in the same keys.

`word_spellings` is what the roster index (domain/roster_search.py) and the duplicate check
(domain/person_duplicates.py) store for every word of a name, and what a query word is matched by:
a query literal against the candidates' literals (so "Z" and "Akh" find Zhaksybekov and Akhmetov
while the digraph is half typed), a query key against their keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

import iuliia
from anyascii import anyascii

from roundtable.domain.name_text import homoglyph_readings, scripts
from roundtable.domain.text_match import fold

SYSTEMS = (iuliia.ICAO_DOC_9303, iuliia.BGN_PCGN, iuliia.GOST_779, iuliia.WIKIPEDIA)

# The Kazakh Latin alphabet of 2021 (lower case; the word is folded first). Ц, Щ, Ъ, Ь, Э, Ю, Я,
# Ё occur in Russian loans only: written as the alphabet's own letters would sound them.
KAZAKH_LATIN_2021 = str.maketrans({
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ñ", "о": "o",
    "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h",
    "һ": "h", "ц": "ts", "ч": "ç", "ш": "ş", "щ": "şç", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
})

# How the Russian press writes each Kazakh letter: Төлеген is Тулеген, Өтеген is Утеген, but
# Көшербаев is Кошербаев; Ң is н, sometimes нг. A Kazakh word's first Ж was long written Дж
# (Жақсыбеков: Джаксыбеков, Adilbek Dzhaksybekov).
KAZAKH_IN_RUSSIAN = {"ә": ("а",), "ғ": ("г",), "қ": ("к",), "ң": ("н", "нг"), "ө": ("о", "у"), "ұ": ("у",),
                     "ү": ("у",), "һ": ("х",), "і": ("и",)}
_KAZAKH = frozenset(KAZAKH_IN_RUSSIAN)
MAX_FORMS = 4  # Russian forms of one Kazakh word (Ө and Ң each double them)

# Letters of the romanisations (GOST's diacritics, the Kazakh alphabet's) as plain Latin digraphs,
# before the accents go; primes and apostrophes (ь, ъ) dropped.
_LETTERS = str.maketrans({
    "ŝ": "shch", "ž": "zh", "č": "ch", "š": "sh", "ş": "sh", "ç": "ch", "û": "yu", "â": "ya", "ë": "yo",
    "ğ": "g", "ñ": "n", "ı": "i", "ә": "a", "ʹ": "", "ʺ": "", "’": "", "'": "", "`": "", "ʼ": "", "”": "",
    "´": "", "‘": "", "·": "",
})
_CYRILLIC_SIGNS = str.maketrans({"ь": "", "ъ": ""})
# The same letters as a person types them in a Latin name ("Žaksybekov", "Şynğys"), kept as
# digraphs before the accents are folded away; ç stays c (François).
_TYPED = str.maketrans({"ž": "zh", "Ž": "Zh", "š": "sh", "Š": "Sh", "č": "ch", "Č": "Ch", "ŝ": "shch",
                        "Ŝ": "Shch", "ş": "sh", "Ş": "Sh", "û": "yu", "Û": "Yu", "â": "ya", "Â": "Ya",
                        "ë": "yo", "Ë": "Yo", "·": ""})

_FOLDS = (
    (re.compile(r"shch|shh|sch"), "sh"),
    (re.compile(r"tch"), "ch"),
    (re.compile(r"dzh|dj|zh"), "J"),  # ж (upper case: kept apart from a Latin j until it is read)
    (re.compile(r"kh"), "h"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"cz"), "c"),
    (re.compile(r"c(?![eihy]|$)"), "k"),  # Carlos = Карлос; ce, ci stay (Cecilia)
    (re.compile(r"c$"), "k"),
    (re.compile(r"ts|tz"), "c"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"q"), "k"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"gh"), "g"),
    (re.compile(r"w"), "v"),
    (re.compile(r"y"), "i"),
    (re.compile(r"([a-zJ])\1+"), r"\1"),  # doubled letters: Mussin, Musin; Nurgaliiev
    (re.compile(r"ie"), "e"),  # -yev, -iev, -ev; Yerlan, Ierlan, Erlan
)
_APOSTROPHES = str.maketrans(dict.fromkeys("'’ʼʹʺ`´‘”", ""))
_KEEP = str.maketrans({"ё": "\ue0e1", "Ё": "\ue0e1", "й": "\ue0e2", "Й": "\ue0e2"})
_RESTORE = str.maketrans({"\ue0e1": "ё", "\ue0e2": "й"})
_DOUBLED = re.compile(r"([a-z])\1+")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Spellings:
    """A word as written (folded) and in Latin renderings (`literals`), and their folded `keys`."""

    literals: frozenset[str]
    keys: frozenset[str]


def name_words(text: str, joined: bool = True) -> list[str]:
    """The words of a name, folded: "Jean-Luc O'Neill" -> ["jean", "luc", "jeanluc", "o", "neill",
    "oneill"]: the parts of a hyphenated or apostrophised word, and (`joined`) the word written
    together, so that "oneill" finds O'Neill too. A query (`joined=False`) is split at hyphens
    without them (each part must match), and its apostrophes are dropped ("o'neill", "prokop'yev")."""
    # ё and й keep their marks (fold would make them е and и): Пётр is Pyotr as well as Petr.
    folded = fold(unicodedata.normalize("NFC", text).translate(_TYPED).translate(_KEEP)).translate(_RESTORE)
    if not joined:  # a query: "Prokop'yev" is one word, as BGN/PCGN writes Прокопьев
        folded = folded.translate(_APOSTROPHES)
    words: list[str] = []
    for chunk in folded.split():
        parts = _WORD.findall(chunk)
        words += parts
        if joined and len(parts) > 1:
            words.append("".join(parts))
    return words


def key_of(latin: str, j_reads: str = "both") -> frozenset[str]:
    """The keys of a Latin spelling (lower case, plain letters). A "j" in it is read as ж and as й
    (`j_reads="both"`), or as ж only (a rendering from Cyrillic, where j is never й)."""
    key = latin
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    if "j" not in key or j_reads != "both":
        return frozenset({key.replace("J", "j")})
    as_zh = key.replace("J", "j")
    as_i = _DOUBLED.sub(r"\1", key.replace("j", "i")).replace("ie", "e").replace("J", "j")
    return frozenset({as_zh, as_i})


def plain_latin(text: str) -> str:
    """A rendering in plain lower-case Latin: digraphs for GOST's and the Kazakh alphabet's letters,
    accents and primes dropped."""
    text = unicodedata.normalize("NFC", text).lower().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def russian_forms(word: str) -> list[str]:
    """A Kazakh word as the Russian press writes it (at most MAX_FORMS forms); the word itself when
    it holds no Kazakh letter."""
    if not _KAZAKH.intersection(word):
        return [word]
    choices = [KAZAKH_IN_RUSSIAN.get(ch, (ch,)) for ch in word]
    if word.startswith("ж"):
        choices[0] = ("ж", "дж")
    forms = []
    for letters in product(*choices):
        forms.append("".join(letters))
        if len(forms) == MAX_FORMS:
            break
    return forms


@lru_cache(maxsize=1 << 16)
def word_spellings(word: str) -> Spellings:
    """Every spelling of one folded word (see the module's docstring). Cached: first names and
    organisations' words repeat across a roster."""
    literals = {word, word.replace("ё", "е")}
    latin: dict[str, str] = {}  # rendering -> how its j reads
    sources = [word, *homoglyph_readings(word)]
    for source in sources:
        found = scripts(source)
        if "cyrillic" in found:
            for form in russian_forms(source):
                plain = form.translate(_CYRILLIC_SIGNS)
                for system in SYSTEMS:
                    latin.setdefault(plain_latin(system.translate(plain)), "zh")
                latin.setdefault(plain_latin(anyascii(plain)), "zh")
            latin.setdefault(plain_latin(source.translate(KAZAKH_LATIN_2021)), "zh")
        elif found == {"latin"} or not found:
            latin[plain_latin(source)] = "both"
        else:
            latin.setdefault(plain_latin(anyascii(source)), "both")
    keys: set[str] = set()
    for rendering, j_reads in latin.items():
        if rendering.isascii() and rendering.isalnum():
            literals.add(rendering)
            keys |= key_of(rendering, j_reads)
    return Spellings(frozenset(literals), frozenset(keys))


def spelling_key(text: str) -> str:
    """One key per word of `text`, joined by spaces (the first of each word's keys in sort order):
    for messages and tests; matching uses every spelling (`word_spellings`)."""
    return " ".join(min(word_spellings(w).keys, default=w) for w in name_words(text))
