"""Every fixed label of the outcome document in English, Russian and Kazakh, and dates per language.

The wording follows ../shared/spec/labels.md (the register of UN documents).
"""

from __future__ import annotations

import datetime as dt

from roundtable.domain import durations

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
    "time_by_region": ("Speaking time by regional group", "Время выступлений по региональным группам",
                       "Өңірлік топтар бойынша сөз сөйлеу уақыты"),
    "regional_group": ("Regional group", "Региональная группа", "Өңірлік топ"),
    "no_group": ("No regional group", "Вне региональных групп", "Өңірлік топтан тыс"),
    "gini": ("Gini coefficient of speaking time across delegations",
             "Коэффициент Джини времени выступлений по делегациям",
             "Делегациялар бойынша сөз сөйлеу уақытының Джини коэффициенті"),
    "by_speech_type": ("Interventions by type", "Выступления по видам", "Сөз сөйлеу түрлері бойынша"),
    "speech_type": ("Type", "Вид", "Түрі"),
    "by_language": ("Interventions by language", "Выступления по языкам", "Тілдер бойынша сөз сөйлеу"),
    "language": ("Language", "Язык", "Тіл"),
    "spoken_in": ("in {language}", "на {language} языке", "{language} тілінде"),
    "time_by_gender": ("Speaking time by gender", "Время выступлений по полу", "Жынысы бойынша сөз сөйлеу уақыты"),
    # Beyond labels.md: the wording of the same register for the rest of the document.
    "objectives": ("The objectives of the Forum were:", "Цели Форума:", "Форумның мақсаттары:"),
    "time": ("Time", "Время", "Уақыты"),
    "kind": ("Format", "Формат", "Форматы"),
    "general_observations": ("General observations", "Общие замечания", "Жалпы ескертпелер"),
    "a_participant": ("A participant", "Участник", "Қатысушы"),
    "speakers": ("Speakers", "Выступающие", "Сөз сөйлегендер"),
    "speakers_counted": (  # a format: {n} is the number of speakers
        "Speakers: {n} (not named, under the Chatham House Rule).",
        "Выступающих: {n} (по правилу Chatham House их имена не называются).",
        "Сөз сөйлегендер саны: {n} (Chatham House ережесі бойынша аттары аталмайды).",
    ),
    "speaking_time": ("Speaking time", "Время выступлений", "Сөз сөйлеу уақыты"),
    "share": ("Share", "Доля", "Үлесі"),
    "status": ("Status", "Статус", "Мәртебесі"),
    "agreed": ("agreed", "согласовано", "келісілді"),
    "proposed": ("proposed", "предложено", "ұсынылды"),
    "category": ("Category", "Категория", "Санаты"),
    "gender": ("Gender", "Пол", "Жынысы"),
    "name": ("Name", "Имя", "Аты-жөні"),
    "no_speakers": ("No interventions were recorded.", "Выступления не зарегистрированы.", "Сөз сөйлеулер тіркелмеді."),
    "no_recommendations": (
        "No recommendations were recorded.",
        "Рекомендации не зарегистрированы.",
        "Ұсынымдар тіркелмеді.",
    ),
}

# Names of the closed vocabularies (domain/vocabulary.py) as the document prints them.
VOCABULARY: dict[str, tuple[str, str, str]] = {
    # session kinds
    "plenary": ("Plenary", "Пленарное заседание", "Пленарлық отырыс"),
    "round-table": ("Round table", "Круглый стол", "Дөңгелек үстел"),
    "workshop": ("Workshop", "Семинар", "Семинар"),
    "panel": ("Panel discussion", "Панельная дискуссия", "Панельдік талқылау"),
    "ceremony": ("Ceremony", "Церемония", "Салтанатты рәсім"),
    "showcase": ("Showcase", "Выставка-презентация", "Көрме-таныстырылым"),
    "brainstorming": ("Brainstorming", "Мозговой штурм", "Ми шабуылы"),
    # participant categories
    "government": ("Government", "Правительство", "Үкімет"),
    "international-organisation": ("International organisation", "Международная организация", "Халықаралық ұйым"),
    "private-sector": ("Private sector", "Частный сектор", "Жеке сектор"),
    "civil-society": ("Civil society", "Гражданское общество", "Азаматтық қоғам"),
    "academia": ("Academia", "Научное сообщество", "Ғылыми қауымдастық"),
    "other": ("Other", "Другое", "Басқа"),
    # genders (None: not stated)
    "f": ("Women", "Женщины", "Әйелдер"),
    "m": ("Men", "Мужчины", "Ерлер"),
    "x": ("Other", "Другое", "Басқа"),
    "unstated": ("Not stated", "Не указано", "Көрсетілмеген"),
    # speech types
    "statement": ("statement", "заявление", "мәлімдеме"),
    "reply": ("reply", "ответ", "жауап"),
    "question": ("question", "вопрос", "сұрақ"),
    "point-of-order": ("point of order", "по порядку ведения заседания", "регламент бойынша"),
}

# Names of the languages interventions are given in: (en, ru, kk) nominative, for tables, and
# the Russian prepositional that "на ... языке" takes.
LANGUAGE_NAMES: dict[str, tuple[str, str, str]] = {
    "en": ("English", "английский", "ағылшын"),
    "ru": ("Russian", "русский", "орыс"),
    "kk": ("Kazakh", "казахский", "қазақ"),
    "fr": ("French", "французский", "француз"),
    "es": ("Spanish", "испанский", "испан"),
    "ar": ("Arabic", "арабский", "араб"),
    "zh": ("Chinese", "китайский", "қытай"),
}
_RU_PREPOSITIONAL = {"en": "английском", "ru": "русском", "kk": "казахском", "fr": "французском",
                     "es": "испанском", "ar": "арабском", "zh": "китайском"}


def language_name(code: str, lang: str = "en") -> str:
    """The name of the language `code` as the document in `lang` writes it; the code if unknown."""
    names = LANGUAGE_NAMES.get(code)
    return names[_index(lang)] if names else code


def spoken_in(code: str, lang: str = "en") -> str:
    """"in Russian" / "на русском языке" / "орыс тілінде"."""
    if lang == "ru":
        return label("spoken_in", lang).format(language=_RU_PREPOSITIONAL.get(code, code))
    name = language_name(code, lang)
    return label("spoken_in", lang).format(language=name)


# Word's language tags for the document (core properties, proofing).
LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "kk": "kk-KZ"}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    # Russian dates take the genitive: "7 октября 2014 г."
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"),
    "kk": ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
           "қазан", "қараша", "желтоқсан"),
}


def _index(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else 0


def label(key: str, lang: str = "en") -> str:
    return LABELS[key][_index(lang)]


def term(value: str | None, lang: str = "en") -> str:
    """A vocabulary value (kind, category, gender, speech type) in `lang`; None is "not stated"."""
    names = VOCABULARY.get(value or "unstated")
    return names[_index(lang)] if names else (value or "")


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


_UNITS = {"en": ("h", "min", "s"), "ru": ("ч", "мин", "с"), "kk": ("сағ", "мин", "с")}


def format_duration(seconds: float, lang: str = "en") -> str:
    """A speaking time: "45 s", "4 min 30 s", "1 h 05 min" (ru "1 ч 05 мин", kk "1 сағ 05 мин")."""
    return durations.format_duration(seconds, _UNITS.get(lang, _UNITS["en"]))


# What the Gini coefficient of speaking time means, said in a sentence under the figure.
_GINI_MEANING = {
    "en": "{zero} means every delegation spoke equally long; {one} that one delegation spoke alone. Here: {g} — {verdict}",
    "ru": "{zero} означает, что все делегации выступали одинаково долго; {one} — что выступала только одна "
          "делегация. Здесь: {g} — {verdict}",
    "kk": "{zero} барлық делегация бірдей уақыт сөйлегенін, {one} тек бір делегация сөйлегенін білдіреді. "
          "Мұнда: {g} — {verdict}",
}
# Upper bounds of each verdict, then the verdict per language.
_VERDICTS: list[tuple[float, dict[str, str]]] = [
    (0.15, {"en": "speaking time was shared almost equally.",
            "ru": "время выступлений распределилось почти поровну.",
            "kk": "сөз уақыты шамамен тең бөлінді."}),
    (0.35, {"en": "speaking time was shared fairly evenly.",
            "ru": "время выступлений распределилось довольно равномерно.",
            "kk": "сөз уақыты едәуір біркелкі бөлінді."}),
    (0.55, {"en": "speaking time was shared moderately unevenly.",
            "ru": "время выступлений распределилось умеренно неравномерно.",
            "kk": "сөз уақыты біршама біркелкі бөлінбеді."}),
    (1.01, {"en": "speaking time was concentrated in a few delegations.",
            "ru": "время выступлений пришлось в основном на немногие делегации.",
            "kk": "сөз уақыты негізінен бірнеше делегацияға тиесілі болды."}),
]


def _number(value: float, lang: str) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang in ("ru", "kk") else text  # decimal comma in ru and kk


def gini_sentence(g: float, lang: str = "en") -> str:
    """One sentence saying what the coefficient `g` means, in en, ru or kk."""
    lang = lang if lang in _GINI_MEANING else "en"
    verdict = next(words[lang] for bound, words in _VERDICTS if g < bound)
    return _GINI_MEANING[lang].format(
        zero=_number(0, lang), one=_number(1, lang), g=_number(g, lang), verdict=verdict
    )
