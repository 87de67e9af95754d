"""The rapporteur's record in the database: notes linked to speakers, soft deletes, recommendations
with their sources, merges that keep every source, drafts."""

from __future__ import annotations

import datetime as dt

from rapporteur_helpers import T0, give_floor

from roundtable.store import drafts, notes, programme, recommendations


def test_a_note_is_linked_to_whoever_has_the_floor_or_to_the_session(demo_forum):
    store = demo_forum.store
    session = programme.find_session(store, "T2-2.2")
    before = notes.take_note(store, session.id, "Opening remarks", T0)
    speech = give_floor(store, "T2-2.2", "Hoda Baraka")
    during = notes.take_note(store, session.id, "Procurement rules", T0, key_point=True)
    assert before.intervention_id is None
    assert during.intervention_id == speech.id
    row = store.query_one("SELECT intervention_id, key_point FROM notes WHERE id = ?", (during.id,))
    assert (row["intervention_id"], row["key_point"]) == (speech.id, 1)
    listed = notes.session_notes_with_speakers(store, session.id)
    assert [(e.note.text, e.speaker.name if e.speaker else None) for e in listed] == [
        ("Opening remarks", None),
        ("Procurement rules", "Hoda Baraka"),
    ]


def test_delete_is_soft_and_can_be_undone_edit_and_key_point(demo_forum):
    store = demo_forum.store
    session = programme.find_session(store, "T2-2.2")
    note = notes.take_note(store, session.id, "Typo here", T0)
    notes.update_note(store, note.id, "Fixed", False, T0)
    assert notes.toggle_key_point(store, note.id, T0) is True
    notes.delete_note(store, note.id, T0)
    assert notes.session_notes(store, session.id) == []
    assert store.query_one("SELECT deleted_at FROM notes WHERE id = ?", (note.id,))["deleted_at"]
    notes.restore_note(store, note.id, T0)
    (back,) = notes.session_notes(store, session.id)
    assert (back.text, back.key_point) == ("Fixed", True)


def test_recommend_from_session_saves_note_then_recommendation_with_both_sources(demo_forum):
    store = demo_forum.store
    session = programme.find_session(store, "T2-2.2")
    speech = give_floor(store, "T2-2.2", "Pavel Tkach")
    rec = recommendations.recommend_from_session(store, session.id, "T2", "Build one portal", T0)
    (note,) = notes.session_notes(store, session.id)
    assert (note.text, note.intervention_id) == ("Build one portal", speech.id)
    source = store.query_one("SELECT * FROM recommendation_sources WHERE recommendation_id = ?", (rec.id,))
    assert (source["note_id"], source["intervention_id"], source["session_id"]) == (note.id, speech.id, session.id)
    assert rec.track_code == "T2" and rec.status == "proposed"
    (listed,) = notes.session_notes_with_speakers(store, session.id)
    assert listed.recommended_in == ("T2",) and listed.speaker.name == "Pavel Tkach"


def test_status_cycles_proposed_agreed_dropped(demo_forum):
    store = demo_forum.store
    rec = recommendations.add_recommendation(store, "T3", "Fund research", T0)
    assert [recommendations.cycle_status(store, rec.id, T0) for _ in range(3)] == ["agreed", "dropped", "proposed"]


def test_merge_keeps_both_sources_and_hides_the_absorbed_one(demo_forum):
    store = demo_forum.store
    s1 = programme.find_session(store, "T3-3.1")
    s2 = programme.find_session(store, "T4-4.1")
    a = recommendations.recommend_from_session(store, s1.id, "T3", "Invest in skills", T0)
    b = recommendations.recommend_from_session(store, s2.id, "T4", "Invest in digital skills", T0)
    recommendations.update_recommendation(store, b.id, b.text, "Member States", T0)
    recommendations.merge(store, b.id, a.id, T0)
    live = {r.id: r for r in recommendations.load_recommendations(store)}
    assert b.id not in live
    survivor = live[a.id]
    assert {s.session_id for s in survivor.sources} == {s1.id, s2.id}
    assert survivor.addressed_to == "Member States"
    assert store.query_one("SELECT merged_into FROM recommendations WHERE id = ?", (b.id,))[0] == a.id
    # merging again into a third one carries everything along
    c = recommendations.add_recommendation(store, "T3", "Skills", T0, session_id=s1.id)
    recommendations.merge(store, a.id, c.id, T0)
    assert len(recommendations.get_recommendation(store, c.id).sources) == 3
    assert store.query_one("SELECT merged_into FROM recommendations WHERE id = ?", (b.id,))[0] == c.id


def test_move_reorders_within_track_and_status(demo_forum):
    store = demo_forum.store
    first, second, third = (recommendations.add_recommendation(store, "T3", t, T0) for t in ("one", "two", "three"))
    assert recommendations.move(store, third.id, -1, T0)
    order = [r.text for r in recommendations.load_recommendations(store) if r.track_code == "T3"]
    assert order == ["one", "three", "two"]
    assert not recommendations.move(store, first.id, -1, T0)
    recommendations.cycle_status(store, second.id, T0)  # agreed: alone in its group
    assert not recommendations.move(store, second.id, 1, T0)


def test_a_draft_is_kept_until_cleared(demo_forum):
    store = demo_forum.store
    assert drafts.load_draft(store, "s1") == ""
    drafts.save_draft(store, "s1", "half a thought", T0)
    drafts.save_draft(store, "s1", "half a thought, finished", T0 + dt.timedelta(seconds=1))
    assert drafts.load_draft(store, "s1") == "half a thought, finished"
    drafts.save_draft(store, "s1", "", T0)
    assert store.query_one("SELECT count(*) FROM drafts")[0] == 0


def test_a_note_filed_behind_after_a_point_of_order_goes_to_the_speaker_who_just_finished(demo_forum):
    """Issue 24 item 1: Baraka speaks, Astok raises a point of order, Baraka resumes and finishes,
    Glidden has the floor: "<Egypt offered…" is Baraka's, who ended last, not Astok's, who started
    last."""
    from rapporteur_helpers import person
    from roundtable.store import floor

    store = demo_forum.store
    session = programme.find_session(store, "T2-2.2")
    minute = dt.timedelta(minutes=1)
    baraka = give_floor(store, "T2-2.2", "Hoda Baraka", T0)
    floor.request_floor(store, session, person(store, "Julia Glidden").id, T0)
    astok = floor.raise_point_of_order(store, session, person(store, "Hannes Astok").id, T0 + minute).request
    behind = notes.take_note(store, session.id, "Raised a point of order", T0 + 1.5 * minute, previous=True)
    assert behind.intervention_id == baraka.id  # Astok has the floor; Baraka stopped last
    floor.next_speaker(store, session.id, T0 + 2 * minute)  # Baraka resumes
    assert notes.take_note(store, session.id, "Ruled out of order", T0 + 2.5 * minute,
                           previous=True).intervention_id == astok.id
    glidden = floor.next_speaker(store, session.id, T0 + 5 * minute).request
    note = notes.take_note(store, session.id, "Egypt offered to host the next forum", T0 + 6 * minute, previous=True)
    assert note.intervention_id == baraka.id
    assert notes.take_note(store, session.id, "Now", T0 + 6 * minute).intervention_id == glidden.id


def test_the_audit_trail_says_a_resumption_and_names_languages(demo_forum):
    """Issue 24 item 6: after a point of order `n` gives the floor back: "Ms. Hoda Baraka resumes
    after the point of order", not "next speaker"; a language is named as the notice names it."""
    from rapporteur_helpers import person
    from roundtable.store import floor, undo_log

    store = demo_forum.store
    session = programme.find_session(store, "T2-2.2")
    minute = dt.timedelta(minutes=1)
    baraka = give_floor(store, "T2-2.2", "Hoda Baraka", T0)
    floor.raise_point_of_order(store, session, person(store, "Hannes Astok").id, T0 + minute)
    floor.next_speaker(store, session.id, T0 + 2 * minute)
    floor.set_language(store, baraka.id, "kk", T0 + 3 * minute)
    labels = [entry.label for entry in undo_log.history(store, session.id)]
    assert labels[1].endswith("Hoda Baraka resumes after the point of order"), labels
    assert not labels[1].startswith("next speaker")
    assert labels[0].endswith("Hoda Baraka speaks in Kazakh"), labels
    floor.next_speaker(store, session.id, T0 + 4 * minute)
    floor.correct_language(store, baraka.id, "ru", T0 + 5 * minute)
    assert undo_log.history(store, session.id)[0].label.startswith("language corrected to Russian")
