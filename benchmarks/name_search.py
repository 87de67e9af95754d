"""Each letter typed in the speaker picker, timed in the roster search alone (domain/roster_search.py),
on rosters of 1,000 and 10,000 people: Kazakh, Russian and international names in both scripts,
organisations in three languages, 150 countries. Target: p95 <= 5 ms per letter (issue 26).

The queries are names of the roster typed one letter at a time, in the script they are registered
in and in the other (Мынбаев typed "M", "My", "Myn"...; Tulegen typed "Т", "Тө"...), and an
organisation's and a country's first letters.

`python -m benchmarks.name_search` prints the figures on their own.
"""

from __future__ import annotations

import random
import time

from benchmarks.figure import Figure
from benchmarks.stats import percentile

SEED = 26
TARGET_MS = 5.0

KAZAKH_FIRST = ["Әсел", "Нұрлан", "Айгерім", "Ерлан", "Гүлнәр", "Қанат", "Ұлжан", "Бауыржан", "Мәди", "Төлеген",
                "Серік", "Жанар", "Асқар", "Бақытжан", "Дәурен", "Айгүл", "Ғалым", "Нұрсұлтан", "Әділбек", "Өмірзақ"]
KAZAKH_ROOTS = ["Мынба", "Жақсыбек", "Үмбет", "Тоқа", "Назарба", "Сағынта", "Жұмағали", "Әбдіқалық", "Дүйсен",
                "Бишімба", "Қасымбек", "Сейітқали", "Нұрғали", "Оспан", "Құдайберген", "Үсен", "Ахмет", "Ыдырыс",
                "Шөке", "Атамқұл", "Келімбет", "Исекеш", "Сапарба", "Орынба", "Есім", "Тасмағамбет", "Мамин"]
RUSSIAN_FIRST = ["Дмитрий", "Ольга", "Сергей", "Наталья", "Алексей", "Елена", "Иван", "Татьяна", "Юлия", "Пётр",
                 "Игорь", "Михаил", "Валентина", "Юрий", "Аркадий"]
RUSSIAN_ROOTS = ["Иван", "Смирн", "Кузнец", "Поп", "Сокол", "Лебед", "Новик", "Голодец", "Щёгол", "Мишустин",
                 "Чиханчин", "Матвиенк", "Прокопь", "Никифор", "Дворкович", "Шувал", "Массух", "Тимак"]
LATIN_FIRST = ["Anna", "Maria", "John", "Ahmed", "Fatima", "Carlos", "Lucía", "Jean", "Amélie", "Kwame", "Amina",
               "Hiroshi", "Mei", "Priya", "Rahul", "Olga", "Lars", "Ingrid", "Omar", "Leila", "Tomás", "João",
               "Zoë", "Søren", "Émile", "Nnamdi", "Aisha", "Chen", "Yuki", "Ravi", "Julia", "Hannes"]
LATIN_LAST = ["Smith", "García", "Dubois", "Okafor", "Tanaka", "Müller", "Rossi", "Silva", "Nguyen", "Kowalski",
              "Haddad", "Mensah", "Andersen", "Fernández", "Çelik", "Novák", "O'Neill", "Papadopoulos", "Kim",
              "Singh", "Mohammed", "Petrović", "Lindqvist", "Ali", "Costa", "Glidden", "Kerby", "Bonapace"]
ORGANISATIONS = ["Ministry of Investment and Development", "Government of Kazakhstan", "UN DESA",
                 "Министерство связи и массовых коммуникаций", "Қазақстан Республикасының Үкіметі",
                 "Nazarbayev University", "Kazakhtelecom", "World Bank", "ITU", "UNDP", "OECD",
                 "Agency for Communications and Information", "Zerde National Infocommunication Holding",
                 "Ministry of Foreign Affairs", "European Commission", "Estonian e-Governance Academy",
                 "École nationale d'administration", "Embassy of France in Kazakhstan", "Microsoft", "Cisco"]
ENDINGS_KZ = ["ев", "ов", "ева", "ова", "ұлы", "қызы", "бек", "ин", "ина"]
ENDINGS_RU = ["ов", "ова", "ев", "ева", "ин", "ина", "ский", "ская", ""]


def _latin(cyrillic: str) -> str:
    import iuliia

    plain = cyrillic.translate(str.maketrans("әғқңөұүһі", "агкноуухи"))
    return random.choice([iuliia.ICAO_DOC_9303, iuliia.BGN_PCGN]).translate(plain)


def roster(size: int):
    """`size` people, the same for the same size."""
    from roundtable.domain.catalogue import iso_codes
    from roundtable.domain.models import Participant

    rng = random.Random(SEED + size)
    random.seed(SEED + size)  # _latin's choice of system
    codes = sorted(iso_codes())[:150]
    people = []
    for i in range(size):
        roll = rng.random()
        if roll < 0.35:
            name = f"{rng.choice(KAZAKH_FIRST)} {rng.choice(KAZAKH_ROOTS)}{rng.choice(ENDINGS_KZ)}"
            country = "KZ"
        elif roll < 0.5:
            name = f"{rng.choice(RUSSIAN_FIRST)} {rng.choice(RUSSIAN_ROOTS)}{rng.choice(ENDINGS_RU)}"
            country = "RU"
        else:
            name = f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)}"
            country = rng.choice(codes)
        if roll < 0.5 and rng.random() < 0.4:
            name = _latin(name)  # registered as the passport writes it
        # a surname of its own for many, as in a real list: a syllable more
        if rng.random() < 0.5:
            first, last = name.rsplit(" ", 1)
            name = f"{first} {last}{rng.choice(['ski', 'bek', 'ova', 'ин', 'ев', 'ian', 'son', 'ұлы', 'ko'])}"
        people.append(Participant(id=f"p{i}", name=name, country=country,
                                  organisation=rng.choice(ORGANISATIONS) if rng.random() < 0.8 else None))
    return people


def _queries(people, rng: random.Random, count: int = 120) -> list[str]:
    """Names typed letter by letter (the surname, in its own script and in the other), and a few
    organisation and country starts."""
    from roundtable.domain.transliteration import KAZAKH_LATIN_2021

    typed: list[str] = []
    for person in rng.sample(people, count):
        surname = person.name.split()[-1]
        other = _latin(surname) if not surname.isascii() else None
        for word in filter(None, (surname, other, person.name.lower().translate(KAZAKH_LATIN_2021).split()[-1])):
            typed += [word[:n] for n in range(1, min(len(word), 9) + 1)]
    typed += ["M", "Mi", "Min", "Minis", "Ministry", "К", "Ка", "Каз", "Қазақ", "Rus", "Ger", "kz", "un"]
    return typed


def measure_one(size: int) -> Figure:
    from roundtable.domain.roster_search import RosterIndex

    people = roster(size)
    began = time.perf_counter()
    index = RosterIndex(people)
    built = time.perf_counter() - began
    queries = _queries(people, random.Random(SEED))
    for query in queries[:50]:  # caches warm, as after the picker's first few keys
        index.search(query)
    ms = []
    for query in queries:
        began = time.perf_counter()
        index.search(query)
        ms.append((time.perf_counter() - began) * 1000)
    slowest = sorted(zip(ms, queries), reverse=True)[:3]
    return Figure(f"picker search, a letter typed, {size:,} people: p95 (p50 {percentile(ms, 50):.2f} ms)",
                  percentile(ms, 95), "ms", TARGET_MS,
                  f"{len(ms)} letters, p99 {percentile(ms, 99):.2f} ms; index built in {built:.2f} s (off the "
                  "event loop); slowest " + ", ".join(f"{q!r} {t:.1f} ms" for t, q in slowest))


def measure() -> list[Figure]:
    return [measure_one(size) for size in (1000, 10000)]


if __name__ == "__main__":
    for figure in measure():
        print(f"{figure.name}: {figure.shown()} ({figure.verdict}) {figure.note}")
