"""Dates as each language writes them (docs/labels.md)."""

import datetime as dt

from docx import Document

from roundtable.domain.catalogue import catalogue
from roundtable.outcome.labels import format_date, format_date_range

from outcome_helpers import headings, paragraphs

DAY = dt.date(2014, 10, 7)


def test_dates_per_language():
    assert format_date(DAY, "en") == "7 October 2014"
    assert format_date(DAY, "ru") == "7 октября 2014 г."
    assert format_date(DAY, "kk") == "2014 жылғы 7 қазан"


def test_date_ranges():
    start, end = dt.date(2014, 10, 6), dt.date(2014, 10, 8)
    assert format_date_range(start, end, "en") == "6–8 October 2014"
    assert format_date_range(start, end, "ru") == "6–8 октября 2014 г."
    assert format_date_range(start, end, "kk") == "2014 жылғы 6–8 қазан"
    assert format_date_range(dt.date(2014, 9, 30), end, "en") == "30 September 2014 – 8 October 2014"


def test_the_outcome_document_speaks_each_language_in_its_own_forms():
    ru, kk, en = catalogue("ru"), catalogue("kk"), catalogue("en")
    assert (en.number(0.25), ru.number(0.25), kk.number(0.25)) == ("0.25", "0,25", "0,25")
    assert en.percent(0.25) == "25%" and ru.percent(0.25) == "25\u00a0%"
    assert ru.duration(3900) == "1 ч 05 мин" and kk.duration(270) == "4 мин 30 с"
    assert ru.language("kk") == "казахский" and kk.language("ru") == "орыс" and en.language("ru") == "Russian"
    assert ru.spoken_in("en") == "на английском языке" and kk.spoken_in("ru") == "орыс тілінде"
    assert en.country("RU") == "Russian Federation" and ru.country("KG") == "Кыргызстан"


def test_russian_and_kazakh_catalogues_lack_nothing_english_has():
    en = catalogue("en").data
    for lang in ("ru", "kk"):
        data = catalogue(lang).data
        for table in ("labels", "terms", "regions"):
            assert set(en[table]) <= set(data[table]), (lang, table, set(en[table]) - set(data[table]))


def test_honorifics_known_to_the_catalogue_are_translated_the_rest_kept():
    assert catalogue("ru").honorific_and_name("H.E. Mr.", "Bagdat Mussin") == "Его Превосходительство г-н Bagdat Mussin"
    assert catalogue("kk").honorific_and_name("Ms.", "Adriana Alberti") == "Adriana Alberti ханым"
    assert catalogue("ru").honorific_and_name("Sheikh", "Ahmed") == "Sheikh Ahmed"
    assert catalogue("en").honorific_and_name("H.E. Mr.", "Bagdat Mussin") == "H.E. Mr. Bagdat Mussin"


def test_kazakh_letters_sort_in_kazakh_order():
    kk = catalogue("kk")
    assert sorted(["Ұлыбритания", "Әзірбайжан", "Австрия", "Қазақстан", "Иран"], key=kk.sort_key) == [
        "Австрия", "Әзірбайжан", "Иран", "Қазақстан", "Ұлыбритания"]
    ru = catalogue("ru")
    assert sorted(["Эстония", "Ёлка", "Египет", "Жабо"], key=ru.sort_key) == ["Египет", "Ёлка", "Жабо", "Эстония"]


FRENCH_STUB = """# A new language starts as a file: the locale and whatever is translated so far.
[locale]
babel = "fr"
word = "fr-FR"

[labels]
contents = "Table des matières"
outcome_document = "Document final"
"""


def test_adding_a_language_is_adding_a_file(demo_forum, demo_dir, tmp_path, cli, monkeypatch):
    folder = tmp_path / "catalogues"
    folder.mkdir()
    (folder / "fr.toml").write_text(FRENCH_STUB, encoding="utf-8")
    monkeypatch.setenv("ROUNDTABLE_CATALOGUES", str(folder))
    out = tmp_path / "fr.docx"
    result = cli("export", "--db", demo_dir / "gegf-2014.db", "--lang", "fr", "--out", out)
    assert result.code == 0, result
    assert "the fr catalogue lacks" in result.err and "marked [en]" in result.err
    text = "\n".join(paragraphs(out))
    assert "Table des matières" in text and "DOCUMENT FINAL" in text
    assert "[en] Background and objectives" in headings(out)  # English, marked for the translator
    assert "6–8 octobre 2014" in text  # Babel's French dates, with no French code anywhere
    assert Document(str(out)).core_properties.language == "fr-FR"


def test_a_label_takes_the_plural_form_babel_gives_for_its_number():
    en = catalogue("en")
    assert en.label("also_speaking_counted", n=1) == "Also taking the floor: 1 participant."
    assert en.label("also_speaking_counted", n=3) == "Also taking the floor: 3 participants."
