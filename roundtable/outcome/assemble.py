"""From the forum database to the outcome document as data (`model.OutcomeDocument`).

The attribution rules are applied here, once, so that no renderer can leak what they exclude:

- `attributed`: each intervention names the speaker (honorific, name, position, and the country,
  or the organisation for staff of an international organisation, never their nationality).
- `by-country`: each intervention is "The representative of <country>", in the document's language;
  a speaker without a country, or of an international organisation, is "The representative of
  <organisation>". The speakers still appear in the list of speakers (they spoke on the record).
- `chatham-house`: no name, position, organisation or country is attached to any point; an
  intervention is "A participant". The speakers are counted (in the session and in the statistics,
  by category and gender, which are forum-wide totals) but never named: not in the list of
  speakers, and in the CSV their rows carry no speaker, country, category or gender. Being on the
  list of participants (Annex I) is not attribution.
- `off-record`: the session's title and time appear in the programme overview, and nothing else:
  no summary, notes, speakers, statistics or CSV rows, and no recommendation whose only sources are
  off-record sessions.

A speaker with nothing noted gets no heading: the summary ends with one sentence naming them ("Also
taking the floor: ..."). Every text is in the document's language where the forum or the catalogue
has it (domain/wording.py: programme texts, people's names, honorifics by gender, positions,
organisations, addressees), else as written; those are listed in `OutcomeDocument.untranslated`.
Sessions that left the programme (kept because they hold records) are not part of the document;
a recommendation that came from one still shows that session as its source.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from roundtable.domain import clock
from roundtable.domain import statistics
from roundtable.domain.catalogue import Catalogue, available, catalogue
from roundtable.domain.country_phrases import country_in_phrase, representative_of
from roundtable.domain.languages import spoken_in as spoken_language
from roundtable.domain.models import Note, Participant, Recommendation, Session, SpeakerRequest, Track
from roundtable.domain.numbering import FORUM, number_recommendations
from roundtable.outcome import model
from roundtable.domain.wording import Wording, wording_for
from roundtable.outcome.participant_list import list_of_participants
from roundtable.store.connection import Store
from roundtable.store.outcome_reader import OutcomeRecord, read_outcome

NAMED_ATTRIBUTIONS = ("attributed", "by-country")  # whose speakers the list of speakers names


@dataclass(frozen=True)
class Options:
    """What the secretariat asked for: the final text (agreed recommendations only), dropping the
    proposed ones rather than refusing, and the annexes."""

    final: bool = False
    drop_proposed: bool = False
    annexes: bool = True


class ProposedRemain(ValueError):
    """`--final` while recommendations are still proposed; the message says how many and where."""


def default_language(languages: list[str]) -> str:
    """The forum's first language when there is a catalogue for it, else English."""
    return next((lang for lang in languages[:1] if lang in available()), "en")


def assemble(store: Store, lang: str | None = None, now: dt.datetime | None = None,
             options: Options = Options()) -> model.OutcomeDocument:
    """The outcome document in language `lang` (the forum's first when None); raises
    CatalogueError when there is no catalogue for `lang`, ProposedRemain for a final text that
    would leave proposed recommendations out without `drop_proposed`."""
    record = read_outcome(store)
    cat = catalogue(lang or default_language(record.forum.languages))
    return build_document(record, cat, now or clock.now(), options)


def build_document(record: OutcomeRecord, cat: Catalogue, now: dt.datetime,
                   options: Options = Options()) -> model.OutcomeDocument:
    forum, lang = record.forum, cat.code
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
    w = wording_for(cat, forum.languages[0], [forum, *record.tracks, *record.sessions, *record.dropped_sessions],
                    record.participants)
    title = w.text(forum, "title", ("forum", "", "title"))
    organisers = w.texts(forum, "organisers", ("forum", "", "organisers"))
    draft = "" if options.final else cat.label(
        "draft_exported", when=cat.date_time(clock.local(now, forum.timezone)))
    document = model.OutcomeDocument(
        forum_id=forum.id,
        lang=lang,
        final=options.final,
        properties=model.Properties(
            title=f"{title}: {cat.label('outcome_document')}",
            author="; ".join(organisers) or title,
            language=cat.word_tag,
            created=now.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat(),
        ),
        headings=_headings(cat, tracked=bool(record.tracks)),
        title_page=model.TitlePage(
            document_label=cat.label("outcome_document"),
            title=title,
            theme=w.text(forum, "theme", ("forum", "", "theme")),
            venue=w.text(forum, "venue", ("forum", "", "venue")),
            dates=cat.date_range(forum.start, forum.end),
            organisers=organisers,
            draft=draft,
        ),
        background=model.Background(
            paragraphs=_paragraphs(w.text(forum, "background", ("forum", "", "background"))),
            objectives_intro=cat.label("objectives"),
            objectives=w.texts(forum, "objectives", ("forum", "", "objectives")),
        ),
        programme=_programme(record.sessions, {t.code: t for t in record.tracks}, w),
        summaries=_summaries(record, given, w),
        recommendations=_recommendations(record, every_session, w, options),
        statistics=_statistics(record, given, cat),
        participants=list_of_participants(record.participants, w) if options.annexes else [],
        annex=_annex(given, sessions, w) if options.annexes else [],
        annexes=options.annexes,
        interventions=[_record(t, sessions[t.request.session_id], w, forum) for t in given],
    )
    document.untranslated = [model.UntranslatedText(item.where, item.short_text) for item in w.untranslated.values()]
    return document


_HEADINGS = (
    "contents", "background", "programme", "summaries", "recommendations", "statistics", "annex",
    "annex_participants", "general_observations", "time", "session", "kind", "track", "chair",
    "rapporteur", "source", "sources", "addressed_to", "status", "speaker", "position", "organisation",
    "country", "category", "gender", "interventions", "speaking_time", "share", "time_by_category",
    "time_by_gender", "time_by_region", "regional_group", "gini", "by_speech_type", "speech_type",
    "by_language", "language", "page", "no_speakers", "no_recommendations", "no_participants", "draft",
)


def _headings(cat: Catalogue, tracked: bool = True) -> model.Headings:
    """The fixed labels; a forum without tracks has "Recommendations", not "... by track"."""
    headings = model.Headings(**{key: cat.label(key) for key in _HEADINGS})
    if not tracked:
        headings.recommendations = cat.label("recommendations_untracked")
    return headings


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


def _where(session: Session, name: str) -> tuple[str, str, str]:
    return ("session", session.code, name)


def _programme(sessions: list[Session], tracks: dict[str, Track], w: Wording) -> list[model.ProgrammeDay]:
    cat = w.cat
    days: dict[dt.date, list[model.ProgrammeRow]] = {}
    for s in sessions:
        row = model.ProgrammeRow(time=_span(s), code=s.code, title=w.text(s, "title", _where(s, "title")))
        if s.attribution == "off-record":
            row.notice = cat.label("off_record")  # its title and time, nothing else
        else:
            row.kind, row.track = cat.term(s.kind), s.track or ""
            row.chair = w.text(s, "chair", _where(s, "chair")) or ""
            if s.attribution == "chatham-house":
                row.notice = cat.label("chatham_house")
        days.setdefault(s.date, []).append(row)
    return [model.ProgrammeDay(cat.date(day), rows) for day, rows in sorted(days.items())]


def _speaker(person: Participant, attribution: str, w: Wording) -> str:
    cat = w.cat
    if attribution == "chatham-house":
        return cat.label("a_participant")
    if attribution == "by-country":
        if not statistics.speaks_for_organisation(person):
            return representative_of(person.country, cat)
        if person.organisation:
            return cat.label("representative_of", delegation=w.organisation_in_phrase(person))
        return cat.label("a_participant")
    where = w.organisation(person) if statistics.speaks_for_organisation(person) else cat.country(person.country)
    parts = [w.titled_name(person), w.position(person, after_name=True), where]
    return ", ".join(part for part in parts if part and part.strip())


def _named_as(person: Participant, attribution: str) -> str:
    """Who a summary names: the delegation in a by-country session, the person elsewhere."""
    return statistics.delegation(person) if attribution == "by-country" else person.id


def _also_speaking(people: list[Participant], attribution: str, w: Wording) -> str:
    """"Also taking the floor: Kazakhstan, Egypt." for the speakers with nothing noted."""
    cat = w.cat
    if not people:
        return ""
    if attribution == "chatham-house":
        return cat.label("also_speaking_counted", n=len({p.id for p in people}))
    names: list[str] = []
    for person in people:
        if attribution == "by-country":
            if not statistics.speaks_for_organisation(person):
                name = country_in_phrase(person.country, cat) if cat.country_form == "in-text" else cat.country(person.country)
            else:
                name = w.organisation(person) or cat.label("a_participant")
        else:
            name = w.titled_name(person, start=False)
        if name not in names:
            names.append(name)
    return cat.label("also_speaking", names=", ".join(names))


def _speech_type(request: SpeakerRequest, cat: Catalogue, forum_languages: list[str]) -> str:
    """"reply", "in Russian", "question, in Kazakh": what the summary adds after the speaker; a
    statement in the forum's first language adds nothing."""
    parts = [] if request.speech_type == "statement" else [cat.term(request.speech_type)]
    spoken = spoken_language(request.language, forum_languages)
    if forum_languages and spoken != forum_languages[0]:
        parts.append(cat.spoken_in(spoken))
    return ", ".join(parts)


def _summaries(record: OutcomeRecord, given: list[statistics.Timed], w: Wording) -> list[model.SessionSummary]:
    cat = w.cat
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
        remarks: list[Note] = []  # the chair's, in the order they were taken
        spoken_ids = {request.id for request, _ in interventions}
        for note in notes:
            if not note.text.strip():
                continue
            if note.source == "chair":
                remarks.append(note)
                continue
            key = note.intervention_id if note.intervention_id in spoken_ids else None
            points[key].append(model.Point(note.text, note.key_point))
        items, silent = [], []
        chair = _the_chair(session, w)
        waiting = iter(remarks)
        remark = next(waiting, None)
        for request, person in interventions:
            started = _instant(request.started_at or request.requested_at)
            while remark is not None and _instant(remark.created_at) < started:
                _add_remark(items, chair, remark)
                remark = next(waiting, None)
            if points.get(request.id):
                items.append(model.SummaryItem(
                    speaker=_speaker(person, session.attribution, w),
                    speech_type=_speech_type(request, cat, record.forum.languages),
                    points=points[request.id],
                ))
            else:
                silent.append(person)
        while remark is not None:
            _add_remark(items, chair, remark)
            remark = next(waiting, None)
        # Whoever has an item is named there: not again among those taking the floor (by the
        # name the session gives them: a delegation in a by-country session, else the person).
        named = {_named_as(person, session.attribution) for request, person in interventions if points.get(request.id)}
        silent = [person for person in silent if _named_as(person, session.attribution) not in named]
        counted = ""
        notice = ""
        if session.attribution == "chatham-house":
            notice = cat.label("chatham_house")
            counted = cat.label("speakers_counted", n=len({person.id for _, person in interventions}))
        when = f"{cat.date(session.date)}, {_span(session)}"
        room = w.text(session, "room", _where(session, "room"))
        if room:
            when += f", {room}"
        summaries.append(
            model.SessionSummary(
                code=session.code,
                title=w.text(session, "title", _where(session, "title")),
                when=when,
                chair=_in_text(w.text(session, "chair", _where(session, "chair")) or ""),
                rapporteur=_in_text(w.text(session, "rapporteur", _where(session, "rapporteur")) or ""),
                notice=notice,
                speakers_counted=counted,
                items=items,
                general=points.get(None, []),
                also_speaking=_also_speaking(silent, session.attribution, w),
            )
        )
    return summaries


def _the_chair(session: Session, w: Wording) -> str:
    """Who the chair's remarks are attributed to: "The Chair, Mr. Asset Turyssov" as the programme
    names them (in the document's language) where speakers are named; "The Chair" where they are
    not (by country, Chatham House), or when the programme names no chair."""
    name = w.text(session, "chair", _where(session, "chair")) if session.attribution == "attributed" else None
    if name and name.strip():
        return w.cat.label("the_chair_named", chair=_in_text(name))
    return w.cat.label("the_chair")


def _in_text(named: str) -> str:
    """A chair's or a rapporteur's name as it runs on after a label ("Председатель: г-н ..."): an
    honorific's abbreviation in lower case (the document capitalises it where it starts a cell)."""
    head = named.split(" ", 1)[0]
    if len(head) > 1 and head[1:2] in "-." and head[:1].isupper() and head[2:3].islower():
        return head[:1].lower() + named[1:]  # "Г-н" -> "г-н", "Д-р" -> "д-р", not "ДЭСВ ООН"
    return named


def _add_remark(items: list[model.SummaryItem], chair: str, note: Note) -> None:
    """The chair's remark as a point of the summary: remarks with no intervention item between
    them make one item."""
    point = model.Point(note.text, note.key_point)
    if items and items[-1].source == "chair":
        items[-1].points.append(point)
    else:
        items.append(model.SummaryItem(speaker=chair, speech_type="", points=[point], source="chair"))


def _instant(moment: dt.datetime) -> dt.datetime:
    """Comparable whatever was stored: a time without a zone is taken as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.timezone.utc)


def _source_sessions(rec: Recommendation) -> list[str]:
    ids = [rec.session_id] if rec.session_id else []
    ids += [s.session_id for s in rec.sources if s.session_id and s.session_id not in ids]
    return ids


def _recommendations(record: OutcomeRecord, sessions: dict[str, Session], w: Wording,
                     options: Options) -> list[model.RecommendationTrack]:
    cat = w.cat
    def on_record(session_id: str) -> bool:
        return session_id in sessions and sessions[session_id].attribution != "off-record"

    kept = []
    for rec in record.recommendations:
        sources = _source_sessions(rec)
        if sources and not any(on_record(s) for s in sources):
            continue  # came only from off-record sessions
        kept.append(rec)
    if options.final:
        proposed = [rec for rec in kept if rec.status == "proposed"]
        if proposed and not options.drop_proposed:
            codes = sorted({rec.track_code for rec in proposed if rec.track_code != FORUM})
            where = ([f"track{'s' if len(codes) > 1 else ''} {', '.join(codes)}"] if codes else [])
            if any(rec.track_code == FORUM for rec in proposed):
                where.insert(0, "the Forum as a whole")
            raise ProposedRemain(
                f"{len(proposed)} recommendation{'s are' if len(proposed) != 1 else ' is'} still proposed "
                f"({'; '.join(where)}); agree or drop "
                f"{'them' if len(proposed) != 1 else 'it'}, or add --drop-proposed"
            )
        kept = [rec for rec in kept if rec.status == "agreed"]
    tracks = []
    by_code = {track.code: track for track in record.tracks}
    order = [t.code for t in sorted(record.tracks, key=lambda t: (t.position, t.code))]
    groups = [g for g in number_recommendations(order, kept, include_empty=False) if g.numbered]
    for numbered in groups:
        if numbered.forum_wide:
            title = cat.label("forum_as_a_whole")
            # A forum without tracks lists its recommendations under the section's heading alone.
            heading = "" if not record.tracks and len(groups) == 1 else title
        else:
            track = by_code.get(numbered.track_code) or Track(code=numbered.track_code, title=numbered.track_code)
            title = w.text(track, "title", ("track", track.code, "title"))
            heading = f"{cat.label('track')} {numbered.track_number}. {title}"
        items = []
        for item in numbered.numbered:
            rec = item.recommendation
            items.append(
                model.RecommendationItem(
                    number=item.number,
                    text=rec.text,
                    status="" if options.final else rec.status,
                    status_label="" if options.final else cat.label(rec.status),
                    sources=[f"{sessions[s].code} {w.text(sessions[s], 'title', _where(sessions[s], 'title'))}"
                             for s in _source_sessions(rec) if on_record(s)],
                    addressed_to=w.addressee(rec.addressed_to),
                )
            )
        tracks.append(model.RecommendationTrack(numbered.track_number, numbered.track_code, title, items, heading))
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


def _statistics(record: OutcomeRecord, given: list[statistics.Timed], cat: Catalogue) -> model.Statistics:
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


def _annex(given: list[statistics.Timed], sessions: dict[str, Session], w: Wording) -> list[model.AnnexRow]:
    """Annex II, the speakers of the sessions on the record (not Chatham House ones)."""
    cat = w.cat
    people = statistics.speakers(t for t in given if sessions[t.request.session_id].attribution in NAMED_ATTRIBUTIONS)
    keyed = []
    for p in people.values():
        country = "" if statistics.speaks_for_organisation(p) else cat.country(p.country)
        row = model.AnnexRow(w.titled_name(p), w.position(p), w.organisation(p), country)
        # By country (those without one last), then by family name, taken as the last word of the
        # name as the document writes it ("Бағдат Мусин"), then the whole name; never by honorific.
        name = w.name(p).casefold()
        family = name.split()[-1] if name.split() else ""
        keyed.append(((not country, cat.sort_key(country), cat.sort_key(family), cat.sort_key(name)), row))
    return [row for _, row in sorted(keyed, key=lambda pair: pair[0])]


def _record(timed: statistics.Timed, session: Session, w: Wording, forum) -> model.InterventionRecord:
    cat = w.cat
    request, person = timed.request, timed.participant
    anonymous = session.attribution == "chatham-house"
    return model.InterventionRecord(
        session_code=session.code,
        session_title=w.text(session, "title", _where(session, "title")),
        start=_local(request.started_at, forum.timezone),
        end=_local(request.ended_at, forum.timezone),
        duration_seconds=int(round(timed.seconds)),
        speaker=person.titled if session.attribution == "attributed" else _speaker(person, session.attribution, w),
        country="" if anonymous else cat.country(statistics.represented_country(person)),
        regional_group="" if anonymous else cat.region(statistics.region_of(person)),
        category="" if anonymous else (person.category or ""),
        gender="" if anonymous else (person.gender or ""),
        speech_type=request.speech_type,
        language=spoken_language(request.language, forum.languages),
    )


def _local(moment: dt.datetime | None, zone: str | None) -> str:
    return clock.local(moment, zone).isoformat(timespec="seconds") if moment else ""
