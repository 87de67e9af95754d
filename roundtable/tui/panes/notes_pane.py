"""The notes pane: the rapporteur's part of the session screen, at its foot. The attribution banner,
the session's notes and the note line; saving a note, `ctrl+r` (as a recommendation), the notes
list's keys (key point, re-link, edit, delete, undo).

A terminal whose role writes no notes (a moderator's, domain/access.py) has none of this but the
banner. One that may not write notes in this session (a rapporteur limited to another track, in a
plenary or another track's session) sees the notes, read-only, without the note line. A
rapporteur's keeps the focus on the note line. The widgets post messages; the pane calls one store
function for each and redraws. Leaving it (escape) is the screen's: the pane posts `Left`, or on a
rapporteur's terminal from the notes list `LeaveSession`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Container
from textual.message import Message

from roundtable.domain.access import NOTE_ACTIONS, undoes_own_only
from roundtable.domain.models import Session
from roundtable.domain.note_entry import note_line, parse_note_line
from roundtable.domain.numbering import FORUM
from roundtable.store import drafts, notes, recommendations, undo_log
from roundtable.store import programme as programme_store
from roundtable.tui.action_guard import verdict
from roundtable.tui.screens.relink_picker import LinkTarget, RelinkPicker
from roundtable.tui.screens.text_prompt import TextPrompt
from roundtable.tui.screens.track_picker import FORUM_CHOICE, TrackPicker
from roundtable.tui.session_rights import SessionRights
from roundtable.tui.storage_guard import GuardsStorage
from roundtable.tui.widgets.attribution_banner import AttributionBanner
from roundtable.tui.widgets.note_line import NoteLine
from roundtable.tui.widgets.notes_list import NotesList


def fixed_targets(session: Session) -> list[LinkTarget]:
    """Whom a note can be about besides the session's speakers: the chair, the session itself."""
    return [LinkTarget("chair", None, f"the Chair ({session.chair})" if session.chair else "the Chair"),
            LinkTarget("session", None, "the session itself (no speaker)")]


class NotesPane(SessionRights, GuardsStorage, Container):
    """`speakers()`: the session's speakers a note can be filed under, the most recent first."""

    class Left(Message):
        """The rapporteur left the note line (or the notes list, on a moderator's terminal)."""

    class LeaveSession(Message):
        """escape on the notes list of a rapporteur's terminal: they leave the session."""

    def __init__(self, session: Session, speakers: Callable[[], list[LinkTarget]], note_to_show: str | None = None,
                 **kwargs):
        super().__init__(**kwargs)
        self.session = session
        self._speakers = speakers
        self.note_to_show = note_to_show  # a note found by search, to highlight once shown

    # -- composing ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The attribution banner, the notes list and the note line, in that order (the banner
        alone on a moderator's terminal, no note line where this terminal may not write notes)."""
        yield AttributionBanner(self.session.attribution, id="attribution-banner")
        if not self.shows_notes:
            return
        yield NotesList(id="notes")
        if not self.takes_notes:
            return
        yield NoteLine(
            draft=drafts.load_draft(self.app.store, self._draft_key(), legacy_key=self.session.id),
            save_draft=self._save_draft,
            id="note-line",
        )

    async def rebuild(self) -> None:
        """The terminal's role changed: the note line comes or goes."""
        await self.recompose()
        self.show_notes()

    def show_notes(self) -> None:
        """Read the notes and give the focus where this terminal types (the screen calls it once
        mounted, after its own focus)."""
        if not self.shows_notes:
            return
        self.query_one(NotesList).border_title = (
            "Notes · i type · < previous speaker · ↑ pick one · s re-link" if self.takes_notes
            else "Notes · read-only on this terminal")
        self.reload()
        if self.note_to_show is not None:
            self.highlight_note(self.note_to_show)
        if not self.writes_floor:  # a rapporteur's terminal: the note line keeps the focus
            (self.query_one(NoteLine) if self.takes_notes else self.query_one(NotesList)).focus()

    def _draft_key(self) -> str:
        return f"{self.session.id}:{self.app.draft_key_suffix}"

    def _save_draft(self, text: str) -> None:
        drafts.save_draft(self.app.store, self._draft_key(), text, self.app.now(), self.session.id)

    def reload(self) -> None:
        if not self.shows_notes:
            return
        entries = notes.session_notes_with_speakers(self.app.store, self.session.id)
        self.query_one(NotesList).show(entries)

    def _show_new_note(self, note_id: str) -> None:
        """A note saved here: added to the list without re-reading the session's other notes (on
        a long session that is most of what saving a note would cost)."""
        for entry in notes.session_notes_with_speakers(self.app.store, self.session.id, note_id=note_id):
            self.query_one(NotesList).append(entry)

    def highlight_note(self, note_id: str) -> None:
        """Show a note found by search: highlight it in the notes list."""
        notes_list = self.query_one(NotesList)
        if notes_list.highlight(note_id):  # else deleted meanwhile; the screen still opens
            notes_list.focus()

    def _leave(self) -> None:
        """Focus leaves the note line: on a rapporteur's terminal to the notes list, else the
        screen's (the queue)."""
        if self.shows_notes and not self.writes_floor:
            self.query_one(NotesList).focus()
        else:
            self.post_message(self.Left())

    # -- the note line -------------------------------------------------------------------

    def focus_note_line(self) -> None:
        self.query_one(NoteLine).focus()

    def on_note_line_saved(self, message: NoteLine.Saved) -> None:
        self._save_note(message.note_line, message.text, previous=False)

    def note_for_previous(self) -> None:
        """ctrl+b on the note line: save it under the speaker before the one who has the floor."""
        line = self.query_one(NoteLine)
        self._save_note(line, line.value, previous=True)

    def _save_note(self, line: NoteLine, text: str, previous: bool) -> None:
        entry = parse_note_line(text)
        if not entry.text:
            return
        note = notes.take_note(self.app.store, self.session.id, entry.text, self.app.now(), entry.key_point,
                               previous=previous or entry.previous)
        line.clear_saved()
        self._show_new_note(note.id)

    def on_note_line_left(self, message: NoteLine.Left) -> None:
        message.stop()
        self._leave()

    def on_note_line_notes_wanted(self, message: NoteLine.NotesWanted) -> None:
        self.query_one(NotesList).focus()

    def recommend(self) -> None:
        self.query_one(NoteLine).request_recommendation()

    def on_note_line_recommendation_requested(self, message: NoteLine.RecommendationRequested) -> None:
        line = message.note_line
        if not parse_note_line(message.text).text:
            line.focus()
            self.notify("Type the recommendation on the note line, then press ctrl+r.")
            return
        if self.session.track:
            self._save_recommendation(line, message.text, self.session.track)
            return
        tracks = programme_store.load_tracks(self.app.store)
        if not tracks:  # nothing to choose: a forum without tracks has the forum's recommendations
            self._save_recommendation(line, message.text, FORUM)
            return

        def chosen(code: str | None) -> None:
            if code is not None:
                self._save_recommendation(line, message.text, code)
            line.focus()

        self.app.push_screen(TrackPicker(tracks), chosen)

    def _save_recommendation(self, line: NoteLine, text: str, track_code: str) -> None:
        entry = parse_note_line(text)
        rec = recommendations.recommend_from_session(
            self.app.store, self.session.id, track_code, entry.text, self.app.now(), entry.key_point
        )
        line.clear_saved()
        self._show_new_note(rec.sources[0].note_id)
        where = FORUM_CHOICE if rec.track_code == FORUM else f"track {rec.track_code}"
        self.notify(f"Recommendation saved for {where} (r: recommendations).", markup=False)

    # -- the notes list ------------------------------------------------------------------

    def on_notes_list_left(self, message: NotesList.Left) -> None:
        message.stop()
        if self.shows_notes and not self.writes_floor:
            self.post_message(self.LeaveSession())  # a rapporteur: from the notes list, escape leaves
            return
        self._leave()

    def on_notes_list_action(self, message: NotesList.Action) -> None:
        refusal = verdict(self.app, message.notes_list, message.action)  # before a dialog opens
        if refusal is not None:
            self.notify(refusal, severity="warning")
            return
        store, now = self.app.store, self.app.now()
        if message.action == "key_point" and message.note_id:
            notes.toggle_key_point(store, message.note_id, now)
        elif message.action == "delete" and message.note_id:
            notes.delete_note(store, message.note_id, now)
            self.notify("Note deleted: u undoes.")
        elif message.action == "undo":
            self.undo()
            return
        elif message.action == "edit" and message.note_id:
            self._edit_note(message.note_id)
            return
        elif message.action == "relink" and message.note_id:
            self._relink_note(message.note_id)
            return
        self.reload()

    def undo(self, redo: bool = False) -> None:
        """Undo (or redo) the last action on this session's notes (deleting, editing, marking,
        re-linking): the session's undo log, limited to notes (and to this terminal's on a
        rapporteur's)."""
        own = self.app.store.terminal if undoes_own_only(self.app.actor) else None
        step = undo_log.redo if redo else undo_log.undo
        try:
            entry = step(self.app.store, self.session.id, self.app.now(), actions=NOTE_ACTIONS, terminal=own)
        except undo_log.UndoRefused as refused:
            self.notify(str(refused), severity="warning", markup=False)
            return
        if entry is None:
            self.notify(f"No note action to {'redo' if redo else 'undo'}.")
            return
        self.reload()
        self.notify(f"{'Redone' if redo else 'Undone'}: {entry.label}.", markup=False)

    def _relink_note(self, note_id: str) -> None:
        note = notes.get_note(self.app.store, note_id)
        if note is None:
            return
        targets = self._speakers() + fixed_targets(self.session)
        current = next((t for t in targets if t.source == note.source and
                        (note.source != "speaker" or t.intervention_id == note.intervention_id)), None)
        words = note.text.split()
        excerpt = " ".join(words[:8]) + ("…" if len(words) > 8 else "")

        def chosen(target: LinkTarget | None) -> None:
            if target is None or target == current:
                return
            notes.relink(self.app.store, note_id, target.source, target.intervention_id, self.app.now(),
                         f"filed the note \u201c{excerpt}\u201d under {target.label}")
            self.reload()
            self.notify(f"Note filed under {target.label} (ctrl+z undoes).", markup=False)

        self.app.push_screen(RelinkPicker(excerpt, targets, current), chosen)

    def _edit_note(self, note_id: str) -> None:
        note = notes.get_note(self.app.store, note_id)
        if note is None:
            return

        def edited(line: str | None) -> None:
            entry = parse_note_line(line or "")
            if entry.text:
                notes.update_note(self.app.store, note_id, entry.text, entry.key_point, self.app.now())
                self.reload()

        self.app.push_screen(
            TextPrompt("Edit the note", note_line(note.text, note.key_point), "a leading ! marks a key point"),
            edited,
        )
