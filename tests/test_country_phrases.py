"""The document names a delegation in its own language: "The representative of Kazakhstan"."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest

from roundtable.domain.catalogue import catalogue, iso_codes
from roundtable.domain.country_phrases import representative_of as _representative_of, russian_genitive
from roundtable.domain.countries import country_name

from tests.test_regions import MEMBER_CODES

SESSIONS = Path(__file__).resolve().parent.parent / "sessions"

# Checked by hand against UN Russian usage ("Представитель ..." in UN meeting records).
RUSSIAN = {
    "KZ": "Казахстана", "RU": "Российской Федерации", "US": "Соединённых Штатов Америки",
    "GB": "Соединённого Королевства", "KR": "Республики Корея", "MD": "Республики Молдова",
    "EG": "Египта", "BY": "Беларуси", "UZ": "Узбекистана", "KG": "Кыргызстана", "IL": "Израиля",
    "AZ": "Азербайджана", "IT": "Италии", "CA": "Канады", "AM": "Армении", "EE": "Эстонии",
    "GR": "Греции", "FR": "Франции", "KE": "Кении", "AE": "Объединённых Арабских Эмиратов",
    "MX": "Мексики", "UY": "Уругвая", "IN": "Индии", "VN": "Вьетнама", "NG": "Нигерии",
    "RW": "Руанды", "BE": "Бельгии", "DE": "Германии", "JP": "Японии", "BR": "Бразилии",
    "TR": "Турции", "JO": "Иордании", "PL": "Польши", "DK": "Дании", "CN": "Китая",
    "PE": "Перу", "TG": "Того", "CL": "Чили", "CI": "Кот-д'Ивуар", "NL": "Нидерландов",
    "PH": "Филиппин", "BA": "Боснии и Герцеговины", "GW": "Гвинеи-Бисау", "CR": "Коста-Рики",
    "LK": "Шри-Ланки", "IR": "Ирана (Исламской Республики)", "VE": "Венесуэлы (Боливарианской Республики)",
    "BO": "Боливии (Многонационального Государства)", "TZ": "Объединённой Республики Танзания",
    "KP": "Корейской Народно-Демократической Республики", "LA": "Лаосской Народно-Демократической Республики",
    "CD": "Демократической Республики Конго", "CG": "Конго", "CF": "Центральноафриканской Республики",
    "ZA": "Южной Африки", "SA": "Саудовской Аравии", "NZ": "Новой Зеландии", "SS": "Южного Судана",
    "SY": "Сирийской Арабской Республики", "MH": "Маршалловых Островов", "SB": "Соломоновых Островов",
    "BS": "Багамских Островов", "MV": "Мальдивских Островов", "KM": "Коморских Островов",
    "VA": "Святейшего Престола", "PS": "Государства Палестина", "NI": "Никарагуа",
    "AG": "Антигуа и Барбуды", "TT": "Тринидада и Тобаго", "VC": "Сент-Винсента и Гренадин",
    "PG": "Папуа — Новой Гвинеи", "BD": "Бангладеш", "BN": "Брунея-Даруссалама", "MU": "Маврикия",
    "UA": "Украины", "ES": "Испании", "AU": "Австралии", "ID": "Индонезии", "PK": "Пакистана",
    "AR": "Аргентины", "CO": "Колумбии", "TH": "Таиланда", "MY": "Малайзии", "SG": "Сингапура",
    "DZ": "Алжира", "MA": "Марокко", "TN": "Туниса", "ET": "Эфиопии", "GH": "Ганы",
    "CH": "Швейцарии", "SE": "Швеции", "NO": "Норвегии", "FI": "Финляндии", "AT": "Австрии",
    "CZ": "Чехии", "HU": "Венгрии", "RO": "Румынии", "BG": "Болгарии", "RS": "Сербии",
    "HR": "Хорватии", "PT": "Португалии", "IE": "Ирландии", "CU": "Кубы", "QA": "Катара",
    "KW": "Кувейта", "IQ": "Ирака", "AF": "Афганистана", "MN": "Монголии", "TJ": "Таджикистана",
    "TM": "Туркменистана", "GE": "Грузии", "LT": "Литвы", "LV": "Латвии", "JM": "Ямайки",
    "KH": "Камбоджи", "MM": "Мьянмы", "ER": "Эритреи", "GN": "Гвинеи", "SO": "Сомали",
    "LS": "Лесото", "TL": "Тимор-Лешти", "BF": "Буркина-Фасо", "SL": "Сьерра-Леоне",
}

ENGLISH = {
    "KZ": "The representative of Kazakhstan",
    "US": "The representative of the United States of America",
    "RU": "The representative of the Russian Federation",
    "KR": "The representative of the Republic of Korea",
    "NL": "The representative of the Netherlands",
    "GB": "The representative of the United Kingdom",
    "IR": "The representative of the Islamic Republic of Iran",
    "CD": "The representative of the Democratic Republic of the Congo",
    "GM": "The representative of the Gambia",
    "SS": "The representative of South Sudan",
    "CZ": "The representative of Czechia",
    "SC": "The representative of Seychelles",
    "VA": "The representative of the Holy See",
}


def representative_of(code: str, lang: str) -> str:
    return _representative_of(code, catalogue(lang))


@pytest.mark.parametrize("code", sorted(RUSSIAN))
def test_russian_names_the_country_in_the_genitive(code):
    assert representative_of(code, "ru") == f"Представитель {RUSSIAN[code]}"


@pytest.mark.parametrize("code", sorted(ENGLISH))
def test_english_takes_the_article_where_un_usage_does(code):
    assert representative_of(code, "en") == ENGLISH[code]


def test_kazakh_keeps_the_nominative_before_okili():
    assert representative_of("KZ", "kk") == "Қазақстан өкілі"
    assert representative_of("RU", "kk") == "Ресей Федерациясы өкілі"


def test_every_member_state_has_names_in_three_languages_and_a_genitive():
    for code in MEMBER_CODES:
        assert code in iso_codes(), code
        for lang in ("en", "ru", "kk"):
            assert representative_of(code, lang).strip(), (code, lang)
        genitive = russian_genitive(country_name(code, "ru"))
        assert genitive and not genitive.endswith(("аа", "яа", "йа", "ьа")), (code, genitive)


def _demo_countries() -> set[str]:
    codes = set()
    for path in SESSIONS.glob("gegf-2014*.toml"):
        for person in tomllib.loads(path.read_text(encoding="utf-8")).get("participants", []):
            if person.get("country"):
                codes.add(person["country"])
    with (SESSIONS / "gegf-2014-participants.csv").open(encoding="utf-8-sig") as handle:
        codes |= {row["country"] for row in csv.DictReader(handle) if row.get("country")}
    return codes


def test_every_country_of_the_demo_forum_is_checked_by_hand():
    assert _demo_countries() <= set(RUSSIAN)


def test_un_russian_names_override_babels():
    assert country_name("US", "ru") == "Соединённые Штаты Америки"
    assert country_name("KG", "ru") == "Кыргызстан"
    assert country_name("CF", "ru") == "Центральноафриканская Республика"


def test_unknown_code_is_written_as_given():
    assert representative_of("XK", "ru") == "Представитель XK"
