"""The outcome document as Markdown (CommonMark with pipe tables, as pandoc reads it).

Lays out the same assembled `OutcomeDocument` as the Word file, section for section. Its texts arrive
clean (model.Clean); every one is escaped here so that Markdown reads none of it as markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from roundtable.outcome.model import OutcomeDocument, Point

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~&])")  # & too: "&amp;" would be read as an entity
_LEADING_MARKER = re.compile(r"^(\d+)([.)])|^([-+=])")  # would start a list or an underline


def escape(text: str) -> str:
    """Inline text that Markdown will not read as markup; line breaks become spaces."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LEADING_MARKER.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", escaped)


def inline(text: str) -> str:
    """Text inside a line (never at its start): only the inline specials are escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(escape(h) or " " for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def _points(points: list[Point]) -> list[str]:
    return [f"- **{escape(p.text)}**" if p.key_point else f"- {escape(p.text)}" for p in points]


def render_markdown(doc: OutcomeDocument) -> str:
    h, page = doc.headings, doc.title_page
    out = [f"# {escape(page.title)}", "", f"**{escape(page.document_label)}**", ""]
    if page.draft:
        out += [f"**{escape(h.draft)}** \u2014 *{escape(page.draft)}*", ""]
    if page.theme:
        out += [f"*{escape(page.theme)}*", ""]
    out += [escape(", ".join(part for part in (page.venue, page.dates) if part)), ""]
    out += [f"- {escape(o)}" for o in page.organisers] + [""]

    out += [f"## {escape(h.background)}", ""]
    for paragraph in doc.background.paragraphs:
        out += [escape(paragraph), ""]
    if doc.background.objectives:
        out += [escape(doc.background.objectives_intro), ""]
        out += [f"- {escape(o)}" for o in doc.background.objectives] + [""]

    out += [f"## {escape(h.programme)}", ""]
    for day in doc.programme:
        out += [f"### {escape(day.date)}", ""]
        rows = []
        for r in day.rows:
            extra = "; ".join(part for part in (f"{h.track} {r.track}" if r.track else "", r.notice) if part)
            rows.append([r.time, f"{r.code} {r.title}" + (f" ({extra})" if extra else ""), r.kind, r.chair])
        out += _table([h.time, h.session, h.kind, h.chair], rows)

    out += [f"## {escape(h.summaries)}", ""]
    for s in doc.summaries:
        out += [f"### {escape(s.code)}. {escape(s.title)}", ""]
        meta = escape(s.when)
        if s.chair:
            meta += f". *{escape(h.chair)}:* {escape(s.chair)}"
        if s.rapporteur:
            meta += f". *{escape(h.rapporteur)}:* {escape(s.rapporteur)}"
        out += [meta, ""]
        for line in (s.notice, s.speakers_counted):
            if line:
                out += [f"*{escape(line)}*", ""]
        for item in s.items:
            speaker = f"**{escape(item.speaker)}**"
            if item.speech_type:
                speaker += f" *({escape(item.speech_type)})*"
            out += [speaker, ""] + _points(item.points) + ([""] if item.points else [])
        if s.general:
            out += [f"**{escape(h.general_observations)}**", ""] + _points(s.general) + [""]
        if s.also_speaking:
            out += [escape(s.also_speaking), ""]

    out += [f"## {escape(h.recommendations)}", ""]
    if not doc.recommendations:
        out += [f"*{escape(h.no_recommendations)}*", ""]
    for track in doc.recommendations:
        if track.heading:
            out += [f"### {escape(track.heading)}", ""]
        for rec in track.items:
            meta = []
            if rec.sources:
                label = h.sources if len(rec.sources) > 1 else h.source
                meta.append(f"*{escape(label)}:* {escape('; '.join(rec.sources))}")
            if rec.addressed_to:
                meta.append(f"*{escape(h.addressed_to)}:* {escape(rec.addressed_to)}")
            if rec.status_label:
                meta.append(f"*{escape(h.status)}:* {escape(rec.status_label)}")
            out += [f"**{inline(rec.number)}** {escape(rec.text)}", ""] + (["; ".join(meta), ""] if meta else [])

    stats = doc.statistics
    out += [f"## {escape(h.statistics)}", ""]
    out += _table(["", ""], [[f.label, f.value] for f in stats.figures])
    for title, first, rows in ((h.time_by_category, h.category, stats.by_category),
                               (h.time_by_gender, h.gender, stats.by_gender),
                               (h.time_by_region, h.regional_group, stats.by_region),
                               (h.by_speech_type, h.speech_type, stats.by_speech_type),
                               (h.by_language, h.language, stats.by_language)):
        if not rows:
            continue
        out += [f"### {escape(title)}", ""]
        out += _table([first, h.interventions, h.speaking_time, h.share],
                      [[r.label, str(r.interventions), r.time, r.share] for r in rows])
        if rows is stats.by_region and stats.gini:
            out += [f"### {escape(h.gini)}", "", escape(stats.gini_sentence), ""]

    if not doc.annexes:
        return "\n".join(out)
    out += [f"## {escape(h.annex_participants)}", ""]
    if not doc.participants:
        out += [f"*{escape(h.no_participants)}*", ""]
    for section in doc.participants:
        out += [f"### {escape(section.title)}", ""]
        for group in section.groups:
            if group.name:
                out += [f"**{escape(group.name)}**", ""]
            for person in group.people:
                details = ", ".join(part for part in (person.position, person.organisation) if part)
                out.append(f"- {escape(person.name)}" + (f", *{escape(details)}*" if details else ""))
            out.append("")
    out += [f"## {escape(h.annex)}", ""]
    out += _table([h.speaker, h.position, h.organisation, h.country],
                  [[r.name, r.position, r.organisation, r.country] for r in doc.annex])
    return "\n".join(out)
