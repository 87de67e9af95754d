"""A deterministic large forum: 3 days, 40 sessions over 4 tracks, 1,000 participants from 150
countries, 600 interventions, 3,000 notes, 400 recommendations, Cyrillic and Kazakh names mixed in.

Everything is written through roundtable's own store functions (no SQL here), in one transaction.
The same seed gives the same forum, ids included.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from contextlib import contextmanager
from pathlib import Path

from roundtable.domain import clock, ids
from roundtable.domain.catalogue import iso_codes
from roundtable.domain.models import Forum, Participant, Session, Track
from roundtable.domain.vocabulary import CATEGORIES
from roundtable.formats.programme import Programme, _with_ids
from roundtable.store import floor, notes, open_store, programme as programme_store, recommendations, roster

FORUM_ID = "large-forum"
SEED = 2014

LATIN_FIRST = ["Anna", "Maria", "John", "Ahmed", "Fatima", "Carlos", "Lucía", "Jean", "Amélie", "Kwame",
               "Amina", "Hiroshi", "Mei", "Priya", "Rahul", "Olga", "Lars", "Ingrid", "Omar", "Leila",
               "Tomás", "João", "Zoë", "Søren", "Émile", "Nnamdi", "Aisha", "Chen", "Yuki", "Ravi"]
LATIN_LAST = ["Smith", "García", "Dubois", "Okafor", "Tanaka", "Müller", "Rossi", "Silva", "Nguyen",
              "Kowalski", "Haddad", "Mensah", "Andersen", "Fernández", "Çelik", "Novák", "O'Neill",
              "Papadopoulos", "Kim", "Singh", "Mohammed", "Petrović", "Lindqvist", "Ali", "Costa"]
CYRILLIC_FIRST = ["Дмитрий", "Ольга", "Сергей", "Наталья", "Алексей", "Елена", "Иван", "Татьяна"]
CYRILLIC_LAST = ["Иванов", "Смирнова", "Кузнецов", "Попова", "Соколов", "Лебедева", "Новиков"]
KAZAKH_FIRST = ["Әсел", "Нұрлан", "Айгерім", "Ерлан", "Гүлнәр", "Қанат", "Ұлжан", "Бауыржан", "Мәди"]
KAZAKH_LAST = ["Сейітқали", "Нұрғалиев", "Жұмабаева", "Әбенов", "Құдайбергенов", "Үсенова", "Оспанов"]

TOPICS_EN = ["open data", "digital identity", "e-participation", "interoperability", "cybersecurity",
             "public-private partnerships", "mobile services", "broadband access", "smart cities",
             "capacity building", "e-procurement", "citizen feedback", "data protection", "cloud services"]
TOPICS_RU = ["открытые данные", "цифровая идентификация", "электронное участие", "совместимость систем",
             "кибербезопасность", "государственно-частное партнёрство", "мобильные услуги"]
TOPICS_KK = ["ашық деректер", "цифрлық сәйкестендіру", "электрондық қатысу", "киберқауіпсіздік",
             "мемлекеттік-жекешелік әріптестік", "мобильді қызметтер"]
ADDRESSEES = ["Member States", "UN DESA", "private sector", "civil society", "regional commissions", None]


@contextmanager
def _seeded_ids(rng: random.Random):
    """Random ids drawn from the seed, so two builds of the forum are identical."""
    original = ids.new_id
    ids.new_id = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))
    try:
        yield
    finally:
        ids.new_id = original


def _programme() -> Programme:
    forum = Forum(
        id=FORUM_ID,
        title="Large Forum on Digital Government",
        theme="Measuring roundtable at the size of a real forum",
        venue="Astana, Kazakhstan",
        start=dt.date(2014, 10, 6),
        end=dt.date(2014, 10, 8),
        organisers=["UN DESA / DPADM", "Benchmark Secretariat"],
        languages=["en", "ru", "kk"],
        background="A generated forum for benchmarks.",
        objectives=["To be large", "To be deterministic"],
    )
    tracks = [Track(code=f"T{i}", title=f"Track {i}: {TOPICS_EN[i].capitalize()}") for i in range(1, 5)]
    sessions: list[Session] = []
    attributions = ["attributed"] * 6 + ["by-country", "chatham-house"]
    policies = ["fifo", "protocol", "first-speech-first", "balanced"]
    slots = [dt.time(9, 30), dt.time(11, 30), dt.time(14, 0), dt.time(16, 0)]
    number = 0
    for day_index in range(3):
        date = forum.start + dt.timedelta(days=day_index)
        sessions.append(Session(
            code=f"D{day_index + 1}-PLEN", title=f"Plenary of day {day_index + 1}", kind="plenary",
            date=date, start=dt.time(8, 30), end=dt.time(9, 15), speaking_time="5m",
        ))
        for slot_index, start in enumerate(slots[: 3 if day_index < 2 else 3]):
            for track in range(1, 5):
                number += 1
                end = (dt.datetime.combine(date, start) + dt.timedelta(minutes=90)).time()
                sessions.append(Session(
                    code=f"T{track}-{day_index + 1}.{slot_index + 1}",
                    title=f"{TOPICS_EN[(number * 3) % len(TOPICS_EN)].capitalize()} ({number})",
                    kind="workshop" if number % 5 else "round-table",
                    date=date, start=start, end=end, track=f"T{track}",
                    attribution=attributions[number % len(attributions)],
                    queue_policy=policies[number % len(policies)], speaking_time="4m",
                ))
    sessions.append(Session(
        code="D3-OFF", title="Informal consultation", kind="round-table", date=forum.end,
        start=dt.time(17, 0), end=dt.time(18, 0), attribution="off-record",
    ))
    assert len(sessions) == 40, len(sessions)
    return _with_ids(Programme(forum=forum, tracks=tracks, sessions=sessions))


def _people(rng: random.Random) -> list[Participant]:
    codes = sorted(iso_codes())
    rng.shuffle(codes)
    countries = sorted(codes[:149] + ["KZ"]) if "KZ" not in codes[:150] else sorted(codes[:150])
    people = []
    for i in range(1000):
        country = countries[i % len(countries)]
        script = rng.random()
        if country == "KZ" or script < 0.08:
            first, last = rng.choice(KAZAKH_FIRST), rng.choice(KAZAKH_LAST)
        elif country in ("RU", "BY") or script < 0.18:
            first, last = rng.choice(CYRILLIC_FIRST), rng.choice(CYRILLIC_LAST)
        else:
            first, last = rng.choice(LATIN_FIRST), rng.choice(LATIN_LAST)
        rank = "minister" if i < 20 else rng.choice(["deputy-minister", "ambassador", "head-of-agency",
                                                     "senior-official", "expert", "expert", "other"])
        category = "government" if i < 20 else rng.choice(CATEGORIES)
        people.append(Participant(
            name=f"{first} {last} {i:04d}", honorific=rng.choice(["Mr.", "Ms.", "Dr.", "H.E."]),
            position=f"Director of {rng.choice(TOPICS_EN)}", organisation=f"Organisation {i % 300}",
            country=country, category=category, rank=rank, gender=rng.choice(["f", "m", "f", "m", "x", None]),
        ))
    return people


def _sentence(rng: random.Random) -> str:
    language = rng.random()
    if language < 0.15:
        return f"Необходимо развивать {rng.choice(TOPICS_RU)} и {rng.choice(TOPICS_RU)} в регионе."
    if language < 0.25:
        return f"{rng.choice(TOPICS_KK).capitalize()} және {rng.choice(TOPICS_KK)} дамыту қажет."
    return (f"Countries should invest in {rng.choice(TOPICS_EN)} and {rng.choice(TOPICS_EN)}, "
            f"building on experience with {rng.choice(TOPICS_EN)}.")


GROWN_SESSION = "T1-2.1"  # the session `session_scale` grows (the one the Pilot figures run on)


def build(path: Path, seed: int = SEED, session_scale: int = 1) -> Path:
    """Write the large forum to `path` (replacing it) and return the path.

    `session_scale` > 1 gives session T1-2.1 that many times its interventions and notes (16: 240
    interventions and 1,200 notes), with the same generator, so `make bench` can show that a key's
    cost does not grow with the session."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    programme = _programme()
    with open_store(path) as store, _seeded_ids(rng):
        with store.transaction():
            programme_store.save_programme(store, programme)
            roster.import_participants(store, FORUM_ID, _people(rng))
            people = roster.load_participants(store)
            sessions = programme_store.load_sessions(store)
            spoken = [s for s in sessions]
            interventions = []
            for i in range(600):
                session = spoken[i % len(spoken)]
                slot = i // len(spoken)
                start = clock.at_venue(session.date, session.start) + dt.timedelta(minutes=5 * slot)
                seconds = rng.randint(60, 330)
                person = people[rng.randrange(len(people))]
                request = floor.record_intervention(
                    store, session, person.id, start, start + dt.timedelta(seconds=seconds),
                    speech_type=rng.choice(["statement"] * 6 + ["reply", "question"]),
                    language=rng.choice(["en", "en", "ru", "kk"]),
                )
                interventions.append((session, request))
            for i in range(3000):
                session, request = interventions[i % len(interventions)]
                moment = request.started_at + dt.timedelta(seconds=10 + i % 60)
                notes.add_note(store, session.id, _sentence(rng), moment, intervention_id=request.id,
                               key_point=rng.random() < 0.2)
            grown = next(s for s in sessions if s.code == GROWN_SESSION)
            mine = [(s, r) for s, r in interventions if s.code == GROWN_SESSION]
            for copy in range(1, session_scale):
                for n, (session, original) in enumerate(mine):
                    start = original.started_at + dt.timedelta(minutes=2 * copy, seconds=n)
                    seconds = rng.randint(60, 330)
                    person = people[rng.randrange(len(people))]
                    request = floor.record_intervention(
                        store, grown, person.id, start, start + dt.timedelta(seconds=seconds),
                        speech_type=rng.choice(["statement"] * 6 + ["reply", "question"]),
                        language=rng.choice(["en", "en", "ru", "kk"]),
                    )
                    for k in range(5):  # as many notes per intervention as the rest of the forum
                        notes.add_note(store, grown.id, _sentence(rng), start + dt.timedelta(seconds=10 + k),
                                       intervention_id=request.id, key_point=rng.random() < 0.2)
            tracked = [s for s in sessions if s.track]
            for i in range(400):
                session = tracked[i % len(tracked)]
                recommendations.add_recommendation(
                    store, session.track, _sentence(rng), clock.at_venue(session.date, session.end),
                    session_id=session.id, addressed_to=rng.choice(ADDRESSEES),
                    status=rng.choice(["proposed", "agreed", "agreed", "dropped"]),
                )
    return path


if __name__ == "__main__":
    import sys
    import time

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/large-forum.db")
    began = time.perf_counter()
    build(target)
    print(f"{target}: built in {time.perf_counter() - began:.1f} s")
