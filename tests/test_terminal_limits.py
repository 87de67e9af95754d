"""Below the screens: the store refuses every write its terminal may not make (domain/access.py),
by role and by track, and any write that does not say what it writes; the secretariat's command
line writes everything. No screen is involved: this is what holds whatever path led to a write."""

from __future__ import annotations

import datetime as dt

import pytest

from roundtable.domain.access import SECRETARIAT, Actor, Refused
from roundtable.store import floor, notes, open_store, recommendations, roster
from roundtable.store import programme as programme_store

from limits_helpers import forum_rows as rows
from rapporteur_helpers import T0, person

ACTORS = {
    "chair": Actor("chair"),
    "chair T1": Actor("chair", "T1"),
    "moderator": Actor("moderator"),
    "moderator T1": Actor("moderator", "T1"),
    "rapporteur": Actor("rapporteur"),
    "rapporteur T1": Actor("rapporteur", "T1"),
    "projector": Actor("projector"),
}


def test_the_rule_reads_as_the_readme_says():
    rapporteur = Actor("rapporteur", "T1")
    assert rapporteur.may_write("notes", "T1") and rapporteur.may_write("recommendations", "T1")
    assert not rapporteur.may_write("notes", "T2")
    assert not rapporteur.may_write("notes", None)  # a plenary
    assert not rapporteur.may_write("recommendations", "")  # for the Forum as a whole
    assert not rapporteur.may_write("floor", "T1") and not rapporteur.may_write("roster")
    assert Actor("moderator", "T1").may_write("roster")  # the roster is no track's
    assert Actor("rapporteur").may_write("notes", None) and Actor("rapporteur").may_write("recommendations", "")
    assert not any(Actor("projector").may_write(kind, None) for kind in ("floor", "notes", "roster", "programme"))
    assert SECRETARIAT.may_write("programme")
    # issue 28's delegate: one person's requests only
    delegate = Actor("moderator", participant_id="p1")
    assert delegate.may_write("floor", None, "p1") and not delegate.may_write("floor", None, "p2")


@pytest.mark.parametrize("actor, line", [
    (Actor("rapporteur", "T1"), "This terminal is rapporteur T1's: it writes notes and recommendations in track T1's sessions."),
    (Actor("rapporteur"), "This terminal is the rapporteur's: it writes notes and recommendations."),
    (Actor("moderator"), "This terminal is the moderator's: it moves the floor and corrects the given list and the roster."),
    (Actor("moderator", "T2"), "This terminal is moderator T2's: it moves the floor and corrects the given list and "
                               "the roster in track T2's sessions."),
    (Actor("chair", "T1"), "This terminal is chair T1's: it writes in track T1's sessions and recommendations."),
    (Actor("projector"), "This terminal is the projector's: it writes nothing."),
])
def test_a_refusal_is_one_line_saying_whose_terminal_and_what_it_may_do(actor, line):
    assert actor.refusal() == line


@pytest.fixture
def forum(demo_forum):
    """The demo forum (its recorded sample: T2-2.1 has an intervention given and notes; T1 and T2
    have recommendations) and a T1 session with someone on the floor."""
    store = demo_forum.store
    t1 = programme_store.find_session(store, "T1-1.1")
    floor.request_floor(store, t1, person(store, "Bagdat Mussin").id, T0)
    floor.next_speaker(store, t1.id, T0)
    return demo_forum


def _session(store, code):
    return programme_store.find_session(store, code)


def _rec(store, track):
    return next(r for r in recommendations.load_recommendations(store) if r.track_code == track)


# One store command per kind, where it lands: (kind, track, command(store)).
WRITES = {
    "queue in T2": ("floor", "T2", lambda s: floor.request_floor(s, _session(s, "T2-2.2"), person(s, "Julia Glidden").id, T0)),
    "next in T1": ("floor", "T1", lambda s: floor.next_speaker(s, _session(s, "T1-1.1").id, T0)),
    "close the plenary's list": ("floor", None, lambda s: floor.suspend_session(s, _session(s, "D2-PLEN").id, T0)),
    "delete a T2 intervention": ("given", "T2", lambda s: floor.delete_intervention(
        s, s.query_one("SELECT r.id FROM requests r JOIN sessions x ON x.id = r.session_id WHERE x.code = 'T2-2.1'")[0], T0)),
    "note in T1": ("notes", "T1", lambda s: notes.take_note(s, _session(s, "T1-1.1").id, "Trust is capital", T0)),
    "note in T2": ("notes", "T2", lambda s: notes.take_note(s, _session(s, "T2-2.2").id, "Trust is capital", T0)),
    "note in the plenary": ("notes", None, lambda s: notes.take_note(s, _session(s, "D2-PLEN").id, "Open data", T0)),
    "delete a T2 note": ("notes", "T2", lambda s: notes.delete_note(
        s, s.query_one("SELECT n.id FROM notes n JOIN sessions x ON x.id = n.session_id WHERE x.code = 'T2-2.1'")[0], T0)),
    "T1 recommendation": ("recommendations", "T1", lambda s: recommendations.add_recommendation(s, "T1", "Measure trust", T0)),
    "Forum recommendation": ("recommendations", "", lambda s: recommendations.add_recommendation(s, "", "Measure trust", T0)),
    "T2 status": ("recommendations", "T2", lambda s: recommendations.cycle_status(s, _rec(s, "T2").id, T0)),
    "T1 status": ("recommendations", "T1", lambda s: recommendations.cycle_status(s, _rec(s, "T1").id, T0)),
    "someone on the spot": ("roster", None, lambda s: roster.add_participant(s, "gegf-2014", person(s, "Julia Glidden").model_copy(
        update={"name": "Aigerim Nurlanovna", "id": None}))),
}


@pytest.mark.parametrize("write", WRITES, ids=str)
@pytest.mark.parametrize("who", ACTORS, ids=str)
def test_the_store_writes_what_the_terminal_may_and_refuses_the_rest_writing_nothing(forum, who, write):
    kind, track, command = WRITES[write]
    actor = ACTORS[who]
    store = open_store(forum.store.path, create=False)
    store.actor = actor
    before = rows(forum.store)
    if actor.may_write(kind, track):
        command(store)
        assert rows(forum.store) != before, f"{who}: {write} was allowed but wrote nothing"
    else:
        with pytest.raises(Refused) as refused:
            command(store)
        assert str(refused.value) == actor.refusal()
        assert rows(forum.store) == before
    store.close()


@pytest.mark.parametrize("who", ACTORS, ids=str)
def test_a_write_that_does_not_say_what_it_writes_is_refused_on_every_terminal(forum, who):
    store = open_store(forum.store.path, create=False)
    store.actor = ACTORS[who]
    before = rows(forum.store)
    with pytest.raises(Refused, match="this write did not say what it writes"):
        with store.transaction() as conn:
            conn.execute("UPDATE participants SET name = 'Someone Else'")
    assert rows(forum.store) == before
    with store.transaction() as conn:  # reading in a write transaction is no write
        conn.execute("SELECT count(*) FROM participants").fetchone()
    store.close()
    with open_store(forum.store.path, create=False) as secretariat, secretariat.transaction() as conn:
        conn.execute("UPDATE participants SET position = 'Minister' WHERE name = 'Bagdat Mussin'")  # the CLI's
    assert rows(forum.store) != before


def test_undoing_another_tracks_action_is_refused_and_a_track_limited_board_undoes_its_own(forum):
    store = forum.store
    t2 = _rec(store, "T2")
    recommendations.cycle_status(store, t2.id, T0)  # the secretariat's, in T2
    limited = open_store(store.path, create=False)
    limited.actor, limited.terminal = Actor("rapporteur", "T1"), "rapporteur T1 on laptop 1"
    before = rows(store)
    with pytest.raises(Refused):
        recommendations.undo(limited, T0 + dt.timedelta(seconds=1))
    assert rows(store) == before
    t1 = _rec(store, "T1")
    recommendations.cycle_status(limited, t1.id, T0)
    recommendations.cycle_status(store, t2.id, T0)  # the secretariat again, after it
    undone = recommendations.undo(limited, T0, terminal=limited.terminal)
    assert undone is not None and "marked" in undone.label
    assert recommendations.get_recommendation(store, t1.id).status == t1.status
    limited.close()


def test_a_session_undo_writes_what_the_undone_action_wrote(forum):
    from roundtable.store import undo_log

    store = forum.store
    t1 = _session(store, "T1-1.1")
    notes.take_note(store, t1.id, "kept", T0)
    floor.next_speaker(store, t1.id, T0)  # a floor action, the last of the log
    rapporteur = open_store(store.path, create=False)
    rapporteur.actor = Actor("rapporteur", "T1")
    before = rows(store)
    with pytest.raises(Refused):
        undo_log.undo(rapporteur, t1.id, T0)  # would give the floor back: not a rapporteur's write
    assert rows(store) == before
    rapporteur.close()
