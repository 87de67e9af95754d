"""The outcome document entirely in its language (issue 27): honorifics by gender and rank, the
addressee vocabulary, the organisers and governments, and a warning (or, strictly, a refusal) for
what stays in another language."""

from __future__ import annotations

from roundtable.domain.catalogue import catalogue
from roundtable.domain.honorifics import parse
from roundtable.domain.models import Participant, Session
from roundtable.domain.wording import wording_for

from outcome_helpers import paragraphs

import datetime as dt


def _titled(lang: str, honorific: str | None, gender: str | None, start: bool = True) -> str:
    return catalogue(lang).honorific_and_name(honorific, "X Y", gender, start=start)


def test_a_woman_is_her_excellency_and_a_man_his_in_russian():
    assert _titled("ru", "H.E. Dr.", "f") == "Её Превосходительство д-р X Y"
    assert _titled("ru", "H.E. Mr.", "m") == "Его Превосходительство г-н X Y"
    assert _titled("ru", "H.E. Ms.", "f") == "Её Превосходительство г-жа X Y"
    assert _titled("ru", "Mrs.", None) == "Г-жа X Y" and _titled("ru", "Mr.", None, start=False) == "г-н X Y"


def test_kazakh_writes_an_honorific_for_women_as_for_men():
    assert _titled("kk", "H.E. Mr.", "m") == "Жоғары Мәртебелі X Y мырза"
    assert _titled("kk", "H.E. Ms.", "f") == "Жоғары Мәртебелі X Y ханым"
    assert _titled("kk", "Ms.", "f") == "X Y ханым" and _titled("kk", "Mr.", "m") == "X Y мырза"
    assert _titled("kk", "Dr.", "f") == "Доктор X Y" and _titled("kk", "Dr.", "m") == "Доктор X Y"


def test_the_recorded_gender_chooses_the_form_else_the_honorifics_own_else_the_neutral_one():
    assert _titled("ru", "Mr.", "f") == "Г-жа X Y"  # the roster's gender wins over a mistyped honorific
    assert _titled("ru", "Ms.", None) == "Г-жа X Y" and parse("Ms.").implied == "f"
    assert _titled("ru", "Her Excellency", None) == "Её Превосходительство X Y"
    # Neither says: the neutral form each language's UN usage gives, never "Его/Ее"
    for lang in ("ru", "kk"):
        for honorific in ("H.E.", "H.E. Dr.", "Dr.", "Prof."):
            assert "/" not in _titled(lang, honorific, None), (lang, honorific)
    assert _titled("ru", "H.E.", None) == "Его Превосходительство X Y"
    assert _titled("kk", "H.E.", None) == "Жоғары Мәртебелі X Y"
    assert _titled("ru", "Mx.", "x") == "X Y"  # Russian has no neutral address: the name alone


def test_honorifics_registered_in_russian_or_kazakh_are_read_too():
    assert _titled("ru", "г-жа", None) == "Г-жа X Y"
    assert _titled("kk", "Его Превосходительство г-н", "m") == "Жоғары Мәртебелі X Y мырза"


def test_english_keeps_the_honorific_as_registered_and_an_unknown_one_stays_whole():
    assert _titled("en", "H.E. Dr.", "f") == "H.E. Dr. X Y"
    assert _titled("ru", "Sheikh", "m") == "Sheikh X Y" and _titled("ru", "H.E. Sheikh", "m") == "H.E. Sheikh X Y"
    assert not catalogue("ru").writes_honorific("Sheikh") and catalogue("ru").writes_honorific("H.E.")


def _wording(lang: str, sessions=(), people=()):
    return wording_for(catalogue(lang), "en", list(sessions), list(people))


def test_the_addressee_vocabulary_is_in_the_documents_language():
    ru, kk = _wording("ru"), _wording("kk")
    assert ru.addressee("Member States; civil society") == "Государства-члены; гражданское общество"
    assert kk.addressee("UN DESA") == "БҰҰ ЭӘМД" and ru.addressee("Government of Kazakhstan") == "Правительство Казахстана"
    assert ru.addressee("The mayors of Almaty") == "The mayors of Almaty"  # free text stays as typed
    assert _wording("en").addressee("Государства-члены") == "Member States"  # typed in any catalogue's words


def test_a_government_is_named_in_the_documents_language():
    people = [Participant(name="A", organisation=f"Government of {country}") for country in
              ("Egypt", "the Republic of Korea", "Kazakhstan")]
    ru, kk = _wording("ru", people=people), _wording("kk", people=people)
    assert [ru.organisation(p) for p in people] == [
        "Правительство Египта", "Правительство Республики Корея", "Правительство Казахстана"]
    assert kk.organisation(people[0]) == "Мысыр Үкіметі"
    assert ru.organisation_in_phrase(people[0]) == "Правительства Египта"


def test_a_chair_named_in_the_programme_is_written_as_the_document_writes_that_person():
    session = Session(code="S", title="T", kind="plenary", date=dt.date(2014, 10, 7), start=dt.time(9),
                      end=dt.time(10), chair="Mr. Vincenzo Aquaro, Chief, E-Government Branch, UN DESA",
                      rapporteur="Ms. Madeleine Losch")
    aquaro = Participant(name="Vincenzo Aquaro", honorific="Mr.", gender="m")
    ru = _wording("ru", [session], [aquaro])
    assert ru.text(session, "chair") == "Г-н Vincenzo Aquaro, руководитель Сектора электронного правительства, ДЭСВ ООН"
    assert ru.text(session, "rapporteur") == "Г-жа Madeleine Losch"  # not in the roster: the honorific's gender
    kk = _wording("kk", [session], [aquaro])
    assert kk.text(session, "chair") == "Vincenzo Aquaro мырза, Электрондық үкімет бөлімінің басшысы, БҰҰ ЭӘМД"


def test_a_position_is_translated_part_by_part_where_the_whole_is_unknown():
    person = Participant(name="Hoda Baraka", position="First Deputy Minister, Ministry of Communications")
    ru = _wording("ru", people=[person])
    assert ru.position(person) == "Первый заместитель министра, Ministry of Communications"
    assert [u.where for u in ru.untranslated.values()] == ["participant Hoda Baraka: position"]


def test_the_organisers_are_as_the_programme_gives_them_in_that_language(demo_forum, demo_dir, tmp_path, cli):
    out = tmp_path / "ru.docx"
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--lang", "ru", "--out", out).code == 0
    text = paragraphs(out)
    assert "ДЭСВ ООН / ОГУУР" in text and "UN DESA / DPADM" not in text  # the title page's organisers


def test_export_says_how_many_texts_stay_in_another_language_and_where(demo_forum, demo_dir, tmp_path, cli):
    db = demo_dir / "gegf-2014.db"
    out = tmp_path / "ru.md"
    result = cli("export", "--db", db, "--lang", "ru", "--out", out)
    assert result.code == 0 and out.exists()
    warning = next(line for line in result.err.splitlines() if "another language" in line)
    assert warning.startswith("roundtable: warning: ") and " texts of the ru document stay in another language (" in warning
    assert "participant Vincenzo Aquaro: name" in warning and "more" in warning and f"check {db} --lang ru" in warning
    assert cli("export", "--db", db, "--lang", "en", "--out", tmp_path / "en.md").err == ""


def test_strict_lang_refuses_in_one_line_and_writes_nothing(demo_forum, demo_dir, tmp_path, cli):
    out = tmp_path / "ru.docx"
    result = cli("export", "--db", demo_dir / "gegf-2014.db", "--lang", "ru", "--out", out, "--strict-lang")
    assert result.code == 2 and result.err.count("\n") == 1, result
    assert result.err.startswith("roundtable: --strict-lang: ") and "not in ru" in result.err
    assert not out.exists() and list(tmp_path.glob(".*part")) == []
    assert cli("export", "--db", demo_dir / "gegf-2014.db", "--lang", "en", "--out", out, "--strict-lang").code == 0


def test_check_lang_lists_programme_and_roster_texts_of_a_database(demo_forum, demo_dir, cli):
    db = demo_dir / "gegf-2014.db"
    result = cli("check", db, "--lang", "ru")
    assert result.code == 0, result
    warnings = [line for line in result.err.splitlines() if "warning" in line]
    assert any(line.endswith(': participant Vincenzo Aquaro: name: no text in ru ("Vincenzo Aquaro")') for line in warnings)
    assert any(': participant Julia Glidden: organisation: no text in ru ("21c Consultancy")' in line for line in warnings)
    assert not any("Bagdat Mussin: name" in line for line in warnings)  # the demo roster gives it in Cyrillic
    assert not any("organisers" in line for line in warnings)  # "UN DESA / DPADM" is given in Russian elsewhere
    assert cli("check", db).code == 2  # a database is checked with --lang only


def test_check_lang_lists_a_registration_lists_texts_with_their_lines(tmp_path, cli):
    path = tmp_path / "people.csv"
    path.write_text("name,honorific,position,organisation\nJohn Smith,Mr.,Director,Acme Ltd\n"
                    "Асель Нурланова,Ms.,Professor,Nazarbayev University\n", encoding="utf-8")
    warnings = [line for line in cli("check", path, "--lang", "ru").err.splitlines() if "warning" in line]
    assert warnings == [
        f'roundtable: warning: {path}: line 2: name: no text in ru ("John Smith"; the name_ru column gives it)',
        f'roundtable: warning: {path}: line 2: organisation: no text in ru ("Acme Ltd"; the organisation_ru column gives it)',
        f'roundtable: warning: {path}: line 3: organisation: no text in ru ("Nazarbayev University"; '
        "the organisation_ru column gives it)",
    ]  # "Director" and "Professor" the catalogue knows; a Cyrillic name is read as written
