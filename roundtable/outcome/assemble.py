"""From the forum database to the outcome document as data (`model.OutcomeDocument`).

The attribution rules are applied here, once, so that no renderer can leak what they exclude:

- `attributed`: each intervention names the speaker (honorific, name, position, country).
- `by-country`: each intervention is "The representative of <country>", in the document's language;
  the speakers still appear in the annex's list of speakers (they spoke on the record).
- `chatham-house`: no name, position, organisation or country is attached to any point; an
  intervention is "A participant". The speakers are counted (in the session and in the statistics,
  by category and gender, which are forum-wide totals) but never named: not in the annex, and in
  the CSV their rows carry no speaker, country, category or gender.
- `off-record`: the session's title and time appear in the programme overview, and nothing else:
  no summary, notes, speakers, statistics or CSV rows, and no recommendation whose only sources are
  off-record sessions.

Sessions that left the programme (kept because they hold records) are not part of the document;
a recommendation that came from one still shows that session as its source.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from roundtable.domain import clock
from roundtable.domain.catalogue import Catalogue, available, catalogue
from roundtable.domain.country_phrases import representative_of
from roundtable.domain.models import Participant, Recommendation, Session, SpeakerRequest, Track
from roundtable.domain.numbering import number_recommendations
from roundtable.domain import statistics
from roundtable.domain.languages import spoken_in as spoken_language
from roundtable.domain.regions import regional_group
from roundtable.outcome import model
from roundtable.store.connection import Store
from roundtable.store.outcome_reader import OutcomeRecord, read_outcome

NAMED_ATTRIBUTIONS = ("attributed", "by-country")  # whose speakers the annex lists


def default_language(languages: list[str]) -> str:
    """The forum's first language when there is a catalogue for it, else English."""
    return next((lang for lang in languages[:1] if lang in available()), "en")


def assemble(store: Store, lang: str | None = None, now: dt.datetime | None = None) -> model.OutcomeDocument:
    """The outcome document in language `lang` (the forum's first when None); raises
    CatalogueError when there is no catalogue for `lang`."""
    record = read_outcome(store)
    cat = catalogue(lang or default_language(record.forum.languages))
    return build_document(record, cat, now or clock.now())


def build_document(record: OutcomeRecord, cat: Catalogue, now: dt.datetime) -> model.OutcomeDocument:
    forum = record.forum
    sessions = {s.id: s for s in record.sessions}
    every_session = sessions | {s.id: s for s in record.dropped_sessions}
    # Interventions the document may speak of: in-programme sessions that are not off the record,
    # and only those that count (domain.statistics: not deleted, not a slip of the finger).
    given = statistics.counted(
        (
            item
            for item in record.interventions
            if item.request.session_id in sessions and sessions[item.request.session_id].attribution != "off-record"
        ),
        now,
    )
    title = forum.title
    return model.OutcomeDocument(
        forum_id=forum.id,
        lang=cat.code,
        properties=model.Properties(
            title=f"{title}: {cat.label('outcome_document')}",
            author="; ".join(forum.organisers) or title,
            language=cat.word_tag,
            created=now.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat(),
        ),
        headings=_headings(cat),
        title_page=model.TitlePage(
            document_label=cat.label("outcome_document"),
            title=title,
            theme=forum.theme,
            venue=forum.venue,
            dates=cat.date_range(forum.start, forum.end),
            organisers=list(forum.organisers),
        ),
        background=model.Background(
            paragraphs=_paragraphs(forum.background),
            objectives_intro=cat.label("objectives"),
            objectives=list(forum.objectives),
        ),
        programme=_programme(record.sessions, cat),
        summaries=_summaries(record, given, cat, now),
        recommendations=_recommendations(record, every_session, cat),
        statistics=_statistics(record, given, cat, now),
        annex=_annex(given, sessions, cat),
        interventions=[_record(t, sessions[t.request.session_id], cat, record.forum.languages) for t in given],
    )


def _headings(cat: Catalogue) -> model.Headings:
    keys = {
        "contents": "contents", "background": "background", "programme": "programme",
        "summaries": "summaries", "recommendations": "recommendations", "statistics": "statistics",
        "annex": "annex", "general_observations": "general_observations", "time": "time",
        "session": "session", "kind": "kind", "track": "track", "chair": "chair",
        "rapporteur": "rapporteur", "source": "source", "addressed_to": "addressed_to",
        "status": "status", "speaker": "speaker", "position": "position",
        "organisation": "organisation", "country": "country", "category": "category",
        "gender": "gender", "interventions": "interventions", "speaking_time": "speaking_time",
        "share": "share", "time_by_category": "time_by_category", "time_by_gender": "time_by_gender",
        "time_by_region": "time_by_region", "regional_group": "regional_group", "gini": "gini",
        "by_speech_type": "by_speech_type", "speech_type": "speech_type", "by_language": "by_language",
        "language": "language",
        "page": "page", "no_speakers": "no_speakers",
        "no_recommendations": "no_recommendations",
    }
    return model.Headings(**{field: cat.label(key) for field, key in keys.items()})


def _paragraphs(text: str | None) -> list[str]:
    """Paragraphs separated by blank lines; line breaks inside a paragraph are only wrapping."""
    paragraphs, lines = [], []
    for line in (text or "").splitlines() + [""]:
        if line.strip():
            lines.append(line.strip())
        elif lines:
            paragraphs.append(" ".join(lines))
            lines = []
    return paragraphs


def _span(session: Session) -> str:
    return f"{session.start:%H:%M}\u2013{session.end:%H:%M}"


def _programme(sessions: list[Session], cat: Catalogue) -> list[model.ProgrammeDay]:
    days: dict[dt.date, list[model.ProgrammeRow]] = {}
    for s in sessions:
        row = model.ProgrammeRow(time=_span(s), code=s.code, title=s.title)
        if s.attribution == "off-record":
            row.notice = cat.label("off_record")  # its title and time, nothing else
        else:
            row.kind, row.track, row.chair = cat.term(s.kind), (s.track or ""), (s.chair or "")
            if s.attribution == "chatham-house":
                row.notice = cat.label("chatham_house")
        days.setdefault(s.date, []).append(row)
    return [model.ProgrammeDay(cat.date(day), rows) for day, rows in sorted(days.items())]


def _name(person: Participant) -> str:
    return " ".join(part for part in (person.honorific or "", person.name) if part.strip())


def _speaker(person: Participant, attribution: str, cat: Catalogue) -> str:
    if attribution == "chatham-house":
        return cat.label("a_participant")
    if attribution == "by-country":
        return representative_of(person.country, cat) if person.country else cat.label("a_participant")
    parts = [_name(person), (person.position or ""), cat.country(person.country)]
    return ", ".join(part for part in parts if part.strip())


def _speech_type(request: SpeakerRequest, cat: Catalogue, forum_languages: list[str]) -> str:
    """"reply", "in Russian", "question, in Kazakh": what the summary adds after the speaker; a
    statement in the forum's first language adds nothing."""
    parts = [] if request.speech_type == "statement" else [cat.term(request.speech_type)]
    spoken = spoken_language(request.language, forum_languages)
    if forum_languages and spoken != forum_languages[0]:
        parts.append(cat.spoken_in(spoken))
    return ", ".join(parts)


def _summaries(record: OutcomeRecord, given: list[statistics.Timed], cat: Catalogue,
               now: dt.datetime) -> list[model.SessionSummary]:
    by_session: dict[str, list[tuple[SpeakerRequest, Participant]]] = defaultdict(list)
    for t in given:
        by_session[t.request.session_id].append((t.request, t.participant))
    notes_by_session = defaultdict(list)
    for note in record.notes:
        notes_by_session[note.session_id].append(note)
    summaries = []
    for session in record.sessions:
        if session.attribution == "off-record":
            continue
        interventions = by_session.get(session.id, [])
        notes = notes_by_session.get(session.id, [])
        if not interventions and not notes:
            continue  # nothing was recorded: the programme overview lists it, no empty summary
        points: dict[str | None, list[model.Point]] = defaultdict(list)
        spoken_ids = {request.id for request, _ in interventions}
        for note in notes:
            text = note.text
            if text.strip():
                key = note.intervention_id if note.intervention_id in spoken_ids else None
                points[key].append(model.Point(text, note.key_point))
        items = [
            model.SummaryItem(
                speaker=_speaker(person, session.attribution, cat),
                speech_type=_speech_type(request, cat, record.forum.languages),
                points=points.get(request.id, []),
            )
            for request, person in interventions
        ]
        counted = ""
        notice = ""
        if session.attribution == "chatham-house":
            notice = cat.label("chatham_house")
            speakers = len({person.id for _, person in interventions})
            counted = cat.label("speakers_counted", n=speakers)
        when = f"{cat.date(session.date)}, {_span(session)}"
        if session.room:
            when += f", {session.room}"
        summaries.append(
            model.SessionSummary(
                code=session.code,
                title=session.title,
                when=when,
                chair=(session.chair or ""),
                rapporteur=(session.rapporteur or ""),
                notice=notice,
                speakers_counted=counted,
                items=items,
                general=points.get(None, []),
            )
        )
    return summaries


def _source_sessions(rec: Recommendation) -> list[str]:
    ids = [rec.session_id] if rec.session_id else []
    ids += [s.session_id for s in rec.sources if s.session_id and s.session_id not in ids]
    return ids


def _recommendations(record: OutcomeRecord, sessions: dict[str, Session], cat: Catalogue) -> list[model.TrackRecommendations]:
    def on_record(session_id: str) -> bool:
        return session_id in sessions and sessions[session_id].attribution != "off-record"

    kept = []
    for rec in record.recommendations:
        sources = _source_sessions(rec)
        if sources and not any(on_record(s) for s in sources):
            continue  # came only from off-record sessions
        kept.append(rec)
    tracks = []
    by_code = {track.code: track for track in record.tracks}
    order = [t.code for t in sorted(record.tracks, key=lambda t: (t.position, t.code))]
    for numbered in number_recommendations(order, kept, include_empty=False):
        if not numbered.numbered:
            continue
        track = by_code.get(numbered.track_code) or Track(code=numbered.track_code, title=numbered.track_code)
        items = []
        for item in numbered.numbered:
            number, rec = item.number, item.recommendation
            source = next((sessions[s] for s in _source_sessions(rec) if on_record(s)), None)
            items.append(
                model.NumberedRecommendation(
                    number=number,
                    text=rec.text,
                    status=rec.status,
                    status_label=cat.label(rec.status),
                    source=f"{source.code} {source.title}" if source else "",
                    addressed_to=(rec.addressed_to or ""),
                )
            )
        tracks.append(model.TrackRecommendations(numbered.track_number, track.code, track.title, items))
    return tracks


def _rows(shares: list[statistics.Share], cat: Catalogue, name: Callable[[str | None], str]) -> list[model.BreakdownRow]:
    return [
        model.BreakdownRow(name(s.key), s.interventions, int(round(s.seconds)),
                           cat.duration(s.seconds), cat.percent(s.fraction))
        for s in shares
    ]


def _capitalised(name: Callable[[str], str]) -> Callable[[str], str]:
    """A table row's label starts with a capital, though the word runs in lower case in a sentence."""
    return lambda key: (lambda text: text[:1].upper() + text[1:])(name(key))


def _statistics(record: OutcomeRecord, given: list[statistics.Timed], cat: Catalogue, now: dt.datetime) -> model.Statistics:
    totals = statistics.totals(given)
    figures = [
        model.Figure(cat.label("participants"), str(record.roster.participants)),
        model.Figure(cat.label("countries"), str(record.roster.countries)),
        model.Figure(cat.label("ministerial"), str(record.roster.ministerial)),
        model.Figure(cat.label("speakers"), str(totals.speakers)),
        model.Figure(cat.label("interventions"), str(totals.interventions)),
        model.Figure(cat.label("total_time"), cat.duration(totals.seconds)),
        model.Figure(cat.label("average_time"), cat.duration(totals.average_seconds)),
    ]
    enough = totals.delegations >= 2
    return model.Statistics(
        figures=figures,
        by_category=_rows(statistics.by_category(given), cat, cat.term),
        by_gender=_rows(statistics.by_gender(given), cat, cat.term),
        by_region=_rows(statistics.by_region(given), cat,
                        lambda group: cat.region(group) if group is not None else cat.label("no_group")),
        gini=cat.number(totals.gini) if enough else "",
        gini_sentence=cat.gini_sentence(totals.gini) if enough else "",
        by_speech_type=_rows(statistics.by_speech_type(given), cat, _capitalised(cat.term)),
        by_language=_rows(statistics.by_language(given, record.forum.languages), cat, _capitalised(cat.language)),
    )


def _annex(given: list[statistics.Timed], sessions: dict[str, Session], cat: Catalogue) -> list[model.AnnexRow]:
    people = statistics.speakers(t for t in given if sessions[t.request.session_id].attribution in NAMED_ATTRIBUTIONS)
    keyed = []
    for p in people.values():
        country = cat.country(p.country)
        row = model.AnnexRow(_name(p), (p.position or ""), (p.organisation or ""), country)
        # By country (those without one last), then by family name, taken as the last word of the
        # name as registered ("Bagdat Mussin"), then the whole name; never by honorific.
        name = p.name.casefold()
        keyed.append(((not country, country.casefold(), name.split()[-1] if name.split() else "", name), row))
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]


def _local(moment: dt.datetime | None) -> str:
    return clock.local(moment).isoformat(timespec="seconds") if moment else ""


def _record(timed: statistics.Timed, session: Session, cat: Catalogue, record_languages: list[str]) -> model.InterventionRecord:
    request, person = timed.request, timed.participant
    anonymous = session.attribution == "chatham-house"
    return model.InterventionRecord(
        session_code=session.code,
        session_title=session.title,
        start=_local(request.started_at),
        end=_local(request.ended_at),
        duration_seconds=int(round(timed.seconds)),
        speaker=_name(person) if session.attribution == "attributed" else _speaker(person, session.attribution, cat),
        country="" if anonymous else cat.country(person.country),
        regional_group="" if anonymous else cat.region(regional_group(person.country)),
        category="" if anonymous else (person.category or ""),
        gender="" if anonymous else (person.gender or ""),
        speech_type=request.speech_type,
        language=spoken_language(request.language, record_languages),
    )
