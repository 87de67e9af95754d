"""The outcome document as data: what every renderer (Word, Markdown, CSV, JSON) lays out.

Built by `assemble.py`, which has already applied the attribution rules and translated every fixed
label, so a renderer only arranges what it is given and cannot leak what assembly left out.

This is the one place where text is made safe: every text set on a model object, at construction
or later, passes through `sanitize.clean` as it is set (`Clean`), so Word, Markdown, CSV and JSON
renderers may trust every string they are given; a list of texts also loses the entries that are
blank once cleaned (an organiser typed as a stray control character).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from roundtable.outcome.sanitize import clean


class Clean:
    """Cleans every text assigned to an attribute (and every text of a list assigned to one)."""

    def __setattr__(self, name: str, value: object) -> None:
        # Called for every field of every object of a large document: the common case (printable
        # ASCII, or no text at all) is decided without a function call.
        if value.__class__ is str:
            if not (value.isascii() and value.isprintable()):
                value = clean(value)
        elif value.__class__ is list and value and all(isinstance(item, str) for item in value):
            value = [text for text in map(clean, value) if text.strip()]
        elif isinstance(value, str):  # a str subclass
            value = clean(str(value))
        object.__setattr__(self, name, value)


@dataclass
class Properties(Clean):
    """The file's metadata (Word core properties)."""

    title: str
    author: str  # the organisers
    language: str  # a language tag such as "ru-RU"
    created: str  # ISO 8601, UTC


@dataclass
class TitlePage(Clean):
    document_label: str  # "Outcome document"
    title: str
    theme: str | None
    venue: str | None
    dates: str  # "6–8 October 2014", in the document's language
    organisers: list[str]
    draft: str = ""  # "Draft exported on 8 October 2014, 15:42"; "" for the final text


@dataclass
class Background(Clean):
    paragraphs: list[str]
    objectives_intro: str
    objectives: list[str]


@dataclass
class ProgrammeRow(Clean):
    time: str  # "09:30–11:00"
    code: str
    title: str
    kind: str = ""  # translated
    track: str = ""
    chair: str = ""
    notice: str = ""  # "Off the record", "Held under the Chatham House Rule"


@dataclass
class ProgrammeDay(Clean):
    date: str
    rows: list[ProgrammeRow]


@dataclass
class Point(Clean):
    text: str
    key_point: bool = False


@dataclass
class SummaryItem(Clean):
    """One intervention with something noted under it: who had the floor, as the session's
    attribution allows, and what was noted; or the chair's remarks made between two such
    interventions (`source` "chair"), in the order they came."""

    speaker: str  # "H.E. Mr. Bagdat Mussin, Minister ..., Kazakhstan" / "The representative of ..." / "A participant" / "The Chair, ..."
    speech_type: str  # translated; "" for an ordinary statement
    points: list[Point]
    source: str = "speaker"  # "speaker" | "chair"


@dataclass
class SessionSummary(Clean):
    code: str
    title: str
    when: str  # "7 October 2014, 15:00–17:00"
    chair: str
    rapporteur: str
    notice: str  # e.g. "Held under the Chatham House Rule"
    speakers_counted: str  # CH sessions: "Speakers: 2 (counted, not named)"; otherwise ""
    items: list[SummaryItem]
    general: list[Point]  # notes taken while nobody had the floor
    also_speaking: str = ""  # "Also taking the floor: Kazakhstan, Egypt." (speakers with nothing noted)


# The document's presentation of domain/numbering.py's numbered recommendations: cleaned, translated
# text ready to lay out (status label, source sessions' titles), the dropped ones already gone.
@dataclass
class RecommendationItem(Clean):
    number: str  # "2.3"; "3" for the forum as a whole
    text: str
    status: str  # "agreed" | "proposed"; "" in the final text
    status_label: str  # translated; "" in the final text
    sources: list[str]  # every on-record source session: "D2-RT Ministerial Round-Table ..."
    addressed_to: str


@dataclass
class RecommendationTrack(Clean):
    """A track's recommendations, or (`code` "", `number` 0) those for the forum as a whole."""

    number: int
    code: str
    title: str
    items: list[RecommendationItem]
    heading: str = ""  # "Track 2. Title", "The Forum as a whole"; "" where the section's heading is enough


@dataclass
class Figure(Clean):
    label: str
    value: str


@dataclass
class BreakdownRow(Clean):
    label: str
    interventions: int
    seconds: int
    time: str
    share: str


@dataclass
class Statistics(Clean):
    figures: list[Figure]
    by_category: list[BreakdownRow]
    by_gender: list[BreakdownRow]
    by_region: list[BreakdownRow]
    gini: str  # the coefficient, formatted for the language ("0,25" in ru); "" when < 2 delegations spoke
    gini_sentence: str  # what it means
    by_speech_type: list[BreakdownRow]
    by_language: list[BreakdownRow]


@dataclass
class AnnexRow(Clean):
    name: str  # with honorific
    position: str
    organisation: str
    country: str


@dataclass
class ListedParticipant(Clean):
    name: str  # with honorific
    position: str
    organisation: str  # "" where the group is the organisation


@dataclass
class ParticipantGroup(Clean):
    name: str  # the country or the organisation; "" for a category's single group
    people: list[ListedParticipant]


@dataclass
class ParticipantSection(Clean):
    title: str  # "Member States", "International organisations", "Academia"
    groups: list[ParticipantGroup]


@dataclass
class InterventionRecord(Clean):
    """One row of the CSV export: an intervention with the attribution its session allows."""

    session_code: str
    session_title: str
    start: str  # venue-local ISO time
    end: str
    duration_seconds: int
    speaker: str
    country: str
    regional_group: str
    category: str
    gender: str
    speech_type: str
    language: str


@dataclass
class Headings(Clean):
    """The fixed labels the renderers print, already in the document's language."""

    contents: str
    background: str
    programme: str
    summaries: str
    recommendations: str
    statistics: str
    annex: str  # Annex II, the speakers
    annex_participants: str  # Annex I
    general_observations: str
    time: str
    session: str
    kind: str
    track: str
    chair: str
    rapporteur: str
    source: str
    sources: str
    addressed_to: str
    status: str
    speaker: str
    position: str
    organisation: str
    country: str
    category: str
    gender: str
    interventions: str
    speaking_time: str
    share: str
    time_by_category: str
    time_by_gender: str
    time_by_region: str
    regional_group: str
    gini: str
    by_speech_type: str
    speech_type: str
    by_language: str
    language: str
    page: str
    no_speakers: str
    no_recommendations: str
    no_participants: str
    draft: str  # "DRAFT"


@dataclass
class UntranslatedText(Clean):
    where: str  # "session D2-PLEN: chair", "participant Vincenzo Aquaro: name"
    text: str  # the text as written (shortened)


@dataclass
class OutcomeDocument(Clean):
    forum_id: str
    lang: str
    final: bool
    properties: Properties
    headings: Headings
    title_page: TitlePage
    background: Background
    programme: list[ProgrammeDay]
    summaries: list[SessionSummary]
    recommendations: list[RecommendationTrack]
    statistics: Statistics
    participants: list[ParticipantSection]  # Annex I
    annex: list[AnnexRow]  # Annex II
    annexes: bool = True  # False: --no-annex, neither annex is printed
    interventions: list[InterventionRecord] = field(default_factory=list)
    # Texts written as given, not in the document's language: what `export` warns about; no
    # renderer prints them (the JSON carries them).
    untranslated: list[UntranslatedText] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The document as the JSON export gives it (without `untranslated`, the export's own
        warning, which names people apart from where the document lists them)."""
        data = asdict(self)
        del data["untranslated"]
        return data
