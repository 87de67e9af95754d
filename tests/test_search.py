"""Full-text search finds Cyrillic and Kazakh text, partial words, and survives any query."""

from __future__ import annotations

import pytest
from rapporteur_helpers import T0

from roundtable.store import notes, programme, recommendations
from roundtable.store.search import MARK_START, fts_query, search


@pytest.fixture
def store(demo_forum):
    store = demo_forum.store
    session = programme.find_session(store, "T2-2.1")
    notes.take_note(store, session.id, "Қазақстан өкілі электронды үкімет туралы айтты", T0)
    notes.take_note(store, session.id, "Рекомендация: расширить сотрудничество в Центральной Азии", T0)
    recommendations.add_recommendation(store, "T2", "Создать единый портал государственных услуг", T0, session_id=session.id)
    return store


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Қазақстан", "Қазақстан өкілі"),
        ("қазақстан", "Қазақстан өкілі"),
        ("ӨКІЛІ", "Қазақстан өкілі"),
        ("рекомендация", "Рекомендация:"),
        ("рекоменд", "Рекомендация:"),  # a word still being typed
        ("портал услуг", "Создать единый портал"),
    ],
)
def test_cyrillic_and_kazakh_words_are_found(store, query, expected):
    hits = search(store, query)
    assert any(expected in h.snippet.replace(MARK_START, "").replace("\ue001", "") for h in hits), hits
    assert all(h.session_code == "T2-2.1" for h in hits)


def test_a_recommendation_hit_says_what_it_is(store):
    (hit,) = search(store, "портал")
    assert hit.kind == "recommendation" and hit.track_code == "T2"
    assert f"{MARK_START}портал" in hit.snippet


@pytest.mark.parametrize(
    "query",
    ['"', '""', 'a"b', "-", "--", "-портал", "*", "портал*", "NEAR", "NEAR(a b)", "AND", "OR NOT",
     "", "   ", "(", ")", ":", "^", "col:val", "'", "\\", "💡", "\x00"],
)
def test_hostile_queries_never_raise(store, query):
    search(store, query)


def test_quoting_makes_operators_plain_words(store):
    assert fts_query('NEAR "x" -y') == '"NEAR" "x" "y"*'
    assert fts_query("  ") == ""
    assert search(store, "-портал") == search(store, "портал")


def test_deleted_notes_are_not_found(store):
    (hit,) = search(store, "өкілі")
    notes.delete_note(store, hit.id, T0)
    assert search(store, "өкілі") == []
