"""Every fixed label of the outcome document in English, Russian and Kazakh, and dates per language.

The wording follows ../shared/spec/labels.md (the register of UN documents).
"""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("en", "ru", "kk")

LABELS: dict[str, tuple[str, str, str]] = {
    "outcome_document": ("Outcome document", "Итоговый документ", "Қорытынды құжат"),
    "contents": ("Contents", "Содержание", "Мазмұны"),
    "background": ("Background and objectives", "Общие сведения и цели", "Негізгі мәліметтер және мақсаттар"),
    "programme": ("Programme overview", "Обзор программы", "Бағдарламаға шолу"),
    "summaries": ("Session summaries", "Краткие итоги заседаний", "Отырыстардың қысқаша қорытындысы"),
    "recommendations": ("Recommendations by track", "Рекомендации по направлениям", "Бағыттар бойынша ұсынымдар"),
    "statistics": ("Participation statistics", "Статистика участия", "Қатысу статистикасы"),
    "annex": ("Annex: list of speakers", "Приложение: список выступающих", "Қосымша: сөз сөйлегендер тізімі"),
    "session": ("Session", "Заседание", "Отырыс"),
    "track": ("Track", "Направление", "Бағыт"),
    "chair": ("Chair", "Председатель", "Төраға"),
    "rapporteur": ("Rapporteur", "Докладчик", "Баяндамашы"),
    "speaker": ("Speaker", "Выступающий", "Сөз сөйлеуші"),
    "position": ("Position", "Должность", "Лауазымы"),
    "organisation": ("Organisation", "Организация", "Ұйым"),
    "country": ("Country", "Страна", "Ел"),
    "addressed_to": ("Addressed to", "Адресат", "Кімге арналған"),
    "source": ("Source", "Источник", "Дереккөз"),
    "page": ("Page", "Страница", "Бет"),
    "chatham_house": (
        "Held under the Chatham House Rule",
        "Проводилось по правилу Chatham House",
        "Chatham House ережесі бойынша өтті",
    ),
    "off_record": ("Off the record", "Без протокола", "Хаттамаға енгізілмейді"),
    "participants": ("Participants", "Участники", "Қатысушылар"),
    "countries": ("Countries", "Страны", "Елдер"),
    "ministerial": (
        "Ministerial-level participants",
        "Участники на уровне министров",
        "Министрлер деңгейіндегі қатысушылар",
    ),
    "interventions": ("Interventions", "Выступления", "Сөз сөйлеулер"),
    "total_time": ("Total speaking time", "Общее время выступлений", "Сөз сөйлеудің жалпы уақыты"),
    "average_time": ("Average speaking time", "Среднее время выступления", "Сөз сөйлеудің орташа уақыты"),
    "time_by_category": (
        "Speaking time by category",
        "Время выступлений по категориям",
        "Санаттар бойынша сөз сөйлеу уақыты",
    ),
    "time_by_gender": ("Speaking time by gender", "Время выступлений по полу", "Жынысы бойынша сөз сөйлеу уақыты"),
}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    # Russian dates take the genitive: "7 октября 2014 г."
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
           "қазан", "қараша", "желтоқсан"),
}


def label(key: str, lang: str = "en") -> str:
    return LABELS[key][LANGUAGES.index(lang) if lang in LANGUAGES else 0]


def format_date(day: dt.date, lang: str = "en") -> str:
    """en "7 October 2014", ru "7 октября 2014 г.", kk "2014 жылғы 7 қазан"."""
    month = _MONTHS.get(lang, _MONTHS["en"])[day.month - 1]
    if lang == "ru":
        return f"{day.day} {month} {day.year} г."
    if lang == "kk":
        return f"{day.year} жылғы {day.day} {month}"
    return f"{day.day} {month} {day.year}"


def format_date_range(start: dt.date, end: dt.date, lang: str = "en") -> str:
    """"6–8 October 2014" (en), "6–8 октября 2014 г." (ru), "2014 жылғы 6–8 қазан" (kk); the full
    dates on both sides when the months or years differ."""
    if start == end:
        return format_date(start, lang)
    if (start.year, start.month) != (end.year, end.month):
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    month = _MONTHS.get(lang, _MONTHS["en"])[start.month - 1]
    days = f"{start.day}–{end.day}"
    if lang == "ru":
        return f"{days} {month} {start.year} г."
    if lang == "kk":
        return f"{start.year} жылғы {days} {month}"
    return f"{days} {month} {start.year}"
