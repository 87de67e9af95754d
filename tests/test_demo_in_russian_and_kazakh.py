"""The demo's Russian and Kazakh documents, read back as a reader reads them (issue 27, done when):
nothing English that roundtable writes itself, no slash forms, and every person the roster names in
Cyrillic named so. The rapporteurs' notes and recommendations are the record, in the language they
were written in (English in the demo's sample): they are taken out before the text is read."""

from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from roundtable.domain.catalogue import PACKAGED, catalogue
from roundtable.domain.wording import untranslated_texts, wording_for
from roundtable.outcome.export import export
from roundtable.store import roster


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HONORIFICS = re.compile(r"(?<![\w.])(Mr|Ms|Mrs|Miss|Dr|Prof|H\.\s?E)\.", re.IGNORECASE)
# A gendered slash form ("Его/Ее", "г-н/г-жа", "выступил/а"): lower-case or gendered words around a slash.
SLASH_FORM = re.compile(r"(?<!\w)(Его|Её|Ее|Г-н|Г-жа|[а-яёәғқңөұүһі-]+)\s*/\s*\w+")  # not "ДЭСВ ООН / ОГУУР"


def english_vocabulary() -> set[str]:
    """The words of the English catalogue (labels, vocabulary, regional groups, addressees,
    organisations it knows): what roundtable itself writes in an English document."""
    data = tomllib.loads((PACKAGED / "en.toml").read_text(encoding="utf-8"))
    texts: list[str] = []
    for table in ("labels", "terms", "regions", "addressees"):
        for value in data[table].values():
            texts.extend(value.values() if isinstance(value, dict) else [value])
    texts.extend(data["organisations"])
    words = {word.casefold() for text in texts for word in re.findall(r"[A-Za-z]+", re.sub(r"\{\w+\}", "", text))}
    return {word for word in words if len(word) > 1 and not set(word) <= set("ivxl")}  # not "II" of "Annex II"


def word_lines(path: Path) -> list[str]:
    """Every paragraph of the Word file, body, tables and running headers, as read back."""
    lines = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name == "word/document.xml" or re.match(r"word/header\d*\.xml$", name):
                root = etree.fromstring(package.read(name))
                lines += ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]
    return lines


def markdown_lines(path: Path) -> list[str]:
    return [re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", line) for line in path.read_text(encoding="utf-8").splitlines()]


def peoples_own_texts(store, lang: str) -> list[str]:
    """The roster's texts that have no version in `lang`, as registered (written as given, and
    each part of a position the document translates part by part)."""
    people = roster.load_participants(store)
    w = wording_for(catalogue(lang), "en", people=people)
    texts = []
    for item in untranslated_texts(w, people=people):
        person = next(p for p in people if p.name == item.key)
        assert item.text == (getattr(person, item.field) or ""), item  # only the person's own text
        texts += [item.text, *(part.strip() for part in item.text.split(","))]
    return texts


def roundtables_own(lines: list[str], store, lang: str) -> str:
    """The document's text without the record (notes, recommendations), the people's own texts
    that have no version in `lang`, and the programme's codes."""
    record = [r[0] for r in store.query("SELECT text FROM notes WHERE deleted_at IS NULL")]
    record += [r[0] for r in store.query("SELECT text FROM recommendations WHERE deleted_at IS NULL")]
    record += peoples_own_texts(store, lang)
    codes = [r[0] for r in store.query("SELECT code FROM sessions")] + [r[0] for r in store.query("SELECT code FROM tracks")]
    text = "\n".join(lines)
    for typed in sorted(record, key=len, reverse=True):
        text = text.replace(typed, " ")
    for code in sorted(codes, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", " ", text)
    return text


@pytest.fixture(params=["ru", "kk"])
def lang(request) -> str:
    return request.param


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_the_demo_document_has_nothing_english_that_roundtable_writes(forum, tmp_path, lang, fmt):  # noqa: F811
    store = forum.store
    path = export(store, tmp_path / f"demo.{fmt}", fmt, lang)
    lines = word_lines(path) if fmt == "docx" else markdown_lines(path)
    own = roundtables_own(lines, store, lang)
    assert HONORIFICS.findall(own) == [], [line for line in own.splitlines() if HONORIFICS.search(line)]
    assert SLASH_FORM.findall(own) == [], [line for line in own.splitlines() if SLASH_FORM.search(line)]
    vocabulary = english_vocabulary()
    assert {"session", "chair", "rapporteur", "government", "member", "states", "civil", "society", "desa"} <= vocabulary
    left = sorted({word for word in re.findall(r"[A-Za-z]+", own) if word.casefold() in vocabulary})
    assert left == [], [line for line in own.splitlines() if any(re.search(rf"\b{w}\b", line) for w in left)]
    assert "ДЭСВ ООН / ОГУУР" in own if lang == "ru" else "БҰҰ ЭӘМД / МБДБ" in own  # the organisers on the title page


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_every_person_the_roster_names_in_cyrillic_is_named_so(forum, tmp_path, lang, fmt):  # noqa: F811
    store = forum.store
    path = export(store, tmp_path / f"demo.{fmt}", fmt, lang)
    text = "\n".join(word_lines(path) if fmt == "docx" else markdown_lines(path))
    named = [p for p in roster.load_participants(store) if p.translations.get(lang, {}).get("name")]
    assert len(named) >= 15  # the Kazakh and CIS officials of the programme and of the registration list
    for person in named:
        if not (person.attending and person.publish):
            continue
        cyrillic = person.translations[lang]["name"]
        assert cyrillic in text, (lang, person.name)
        assert person.name not in text, (lang, person.name)  # nowhere in Latin letters
    # Where the roster has no version in that language the name stays as written: no transliteration
    assert "Vincenzo Aquaro" in text and "Hoda Baraka" in text


def test_a_woman_of_rank_is_her_excellency_and_the_kazakh_document_names_women_as_it_names_men(forum, tmp_path):  # noqa: F811
    ru = "\n".join(markdown_lines(export(forum.store, tmp_path / "ru.md", "md", "ru")))
    kk = "\n".join(markdown_lines(export(forum.store, tmp_path / "kk.md", "md", "kk")))
    assert "Её Превосходительство д-р Hoda Baraka" in ru and "Его/Ее" not in ru
    assert "Его Превосходительство г-н Багдат Мусин" in ru
    assert "*Докладчик:* г-жа Adriana Alberti" in ru  # a session's rapporteur, as the summaries name her
    assert "Жоғары Мәртебелі Бағдат Мусин мырза" in kk and "Adriana Alberti ханым" in kk
    assert "Гульнара Алиева ханым" in kk and "Азамат Усенов мырза" in kk  # the registration list's people too
    assert catalogue("kk").honorific_and_name("H.E.", "X", None) == "Жоғары Мәртебелі X"
