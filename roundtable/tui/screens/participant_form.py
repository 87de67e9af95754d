"""One person's roster record, every field, as the participants screen adds or corrects it.

What is typed is checked as a registration list's row is (formats/roster_values.py
`participant_from_values`): the same rules, the same messages, the field named. The country is
typed as a code or a name in English, Russian or Kazakh. The name, position and organisation in
the forum's other languages (the registration list's `name_ru`, `position_kk`, ...) take one line
each, a field per language. `ctrl+s` (or `enter` on a line) saves, `escape` cancels.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static

from roundtable.domain.countries import country_name
from roundtable.domain.models import Participant
from roundtable.domain.vocabulary import CATEGORIES, RANKS
from roundtable.formats.errors import InputError
from roundtable.formats.roster_values import participant_from_values
from roundtable.tui.action_guard import ActsByTable, bindings

TEXT_FIELDS = (
    ("honorific", "Honorific", "H.E. Mr., Ms., Dr."),
    ("name", "Name", "as the person writes it"),
    ("position", "Position", "Minister of …"),
    ("organisation", "Organisation", "Government of …, UN DESA …"),
    ("country", "Country", "code or name: KZ, Kazakhstan, Казахстан, Қазақстан"),
    ("email", "Email", "never printed in the document"),
)
GENDERS = (("not recorded", ""), ("woman", "f"), ("man", "m"), ("other", "x"))
TRANSLATED_FIELDS = (("name", "Name"), ("position", "Position"), ("organisation", "Organisation"))


def _words(value: str) -> str:
    return value.replace("-", " ")


class ParticipantForm(ActsByTable, ModalScreen[Participant | None]):
    ACTION_PLACE = "participant form"
    BINDINGS = bindings("participant form")

    def __init__(self, title: str, person: Participant | None = None, languages: tuple[str, ...] = (),
                 unread: dict[str, str] | None = None):
        """`languages`: the forum's other languages, whose name, position and organisation the
        form also takes. `unread`: what a registration list gave for this person that could not be
        read (field -> text as written); those fields open holding that text, to be corrected."""
        super().__init__()
        self.form_title = title
        self.person = person or Participant(name="-")
        self.is_new = person is None
        self.languages = tuple(languages)
        self.unread = unread or {}

    def compose(self) -> ComposeResult:
        p = self.person
        with Vertical(classes="dialog wide", id="participant-form"):
            yield Label(Content(self.form_title), classes="dialog-title")
            with Grid(id="participant-fields"):
                for field, label, hint in TEXT_FIELDS:
                    value = getattr(p, field) or self.unread.get(field, "")
                    if self.is_new and field == "name":
                        value = ""
                    yield Label(label)
                    yield Input(value=value, placeholder=hint, id=f"field-{field}")
                for field, label in TRANSLATED_FIELDS if self.languages else ():
                    yield Label(f"{label} {' '.join(self.languages)}")
                    with Horizontal(classes="per-language"):
                        for lang in self.languages:
                            given = p.translations.get(lang, {}).get(field) or ""
                            yield Input(value=given, placeholder=f"in {lang}",
                                        id=f"field-{field}_{lang}")
                yield Label("Category")
                yield Select([(_words(c), c) for c in CATEGORIES], value=p.category, allow_blank=False,
                             id="field-category")
                yield Label("Rank")
                yield Select([(_words(r), r) for r in RANKS], value=p.rank, allow_blank=False, id="field-rank")
                yield Label("Gender")
                yield Select(GENDERS, value=p.gender or "", allow_blank=False, id="field-gender")
                yield Label("List of participants")
                yield Checkbox("attending", value=p.attending, id="field-attending")
                yield Label("")
                yield Checkbox("may be published", value=p.publish, id="field-publish")
            yield Static(id="country-hint", classes="dialog-hint")
            yield Static(id="form-error")
            yield Label("ctrl+s or enter saves · tab moves · esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        first = next((f for f, _, _ in TEXT_FIELDS if f in self.unread), "name")  # what is left to complete
        self.query_one(f"#field-{first}", Input).focus()
        self._show_country()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "field-country":
            self._show_country()

    def _show_country(self) -> None:
        """Which country the typed code or name is, as the document will name it."""
        typed = self.query_one("#field-country", Input).value.strip()
        hint = "Country: not given"
        if typed:
            try:
                hint = f"Country: {country_name(participant_from_values({'name': 'x', 'country': typed}).country)}"
            except InputError as error:
                hint = f"Country: {error.message}"
        self.query_one("#country-hint", Static).update(Content(hint))

    def values(self) -> dict[str, str]:
        values = {field: self.query_one(f"#field-{field}", Input).value.strip() for field, _, _ in TEXT_FIELDS}
        for field, _ in TRANSLATED_FIELDS if self.languages else ():
            for lang in self.languages:
                values[f"{field}_{lang}"] = self.query_one(f"#field-{field}_{lang}", Input).value.strip()
        values = {k: v for k, v in values.items() if v}
        for field in ("category", "rank", "gender"):
            chosen = self.query_one(f"#field-{field}", Select).value
            if chosen:
                values[field] = str(chosen)
        for field in ("attending", "publish"):
            values[field] = "yes" if self.query_one(f"#field-{field}", Checkbox).value else "no"
        return values

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            person = participant_from_values(self.values())
        except InputError as error:
            shown = self.query_one("#form-error", Static)
            shown.update(Content.styled(str(error), "bold $text-error"))
            shown.add_class("-shown")
            if error.field:
                for widget in self.query(f"#field-{error.field}"):
                    widget.focus()
            return
        if not self.is_new:
            person = person.model_copy(update={"id": self.person.id})
        self.dismiss(person)

    def action_cancel(self) -> None:
        self.dismiss(None)
