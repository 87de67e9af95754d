"""The outcome document in Word: lays out an assembled `OutcomeDocument`, nothing more.

Built on python-docx's default template, but its slow paths are avoided (`table.cell(r, c)` is
quadratic: a 200x5 table took 58 s; a style looked up by name per paragraph adds up): style ids
are looked up once, and the body (paragraphs and tables) is written as WordprocessingML text by
`wordml.py` and put into document.xml as text when the package is written, so there is no
`table.cell(r, c)`, no style lookup by name per paragraph, and no parsing of the body into lxml
elements only to serialise them again. Every Word call of the project is in these two modules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import BinaryIO

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips
from lxml import etree

from roundtable.outcome.model import OutcomeDocument, Point
from roundtable.outcome.wordml import (
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    BodyWriter,
    Run,
    TocEntry,
    field_xml,
    run_xml,
)

FONT = "Times New Roman"
INK = "1F1F1F"


def _style_ids(document) -> dict[str, str]:
    """Every style the document uses, looked up once by name (adding the TOC levels it lacks)."""
    styles = document.styles
    by_name = {}
    for element in styles.element.findall(qn("w:style")):
        name = element.find(qn("w:name"))
        if name is not None:
            by_name[name.get(qn("w:val")).lower()] = element.get(qn("w:styleId"))
    for level in (1, 2):
        if f"toc {level}" not in by_name:
            style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            fmt = style.paragraph_format
            fmt.left_indent = Twips(240 * (level - 1))
            fmt.space_after = Twips(60)
            fmt.tab_stops.add_tab_stop(Twips(TEXT_WIDTH), alignment=2, leader=1)  # right, dots
            by_name[f"toc {level}"] = style.style_id
    if "table text" not in by_name:
        style = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        style.font.size = Twips(200)  # 10 pt
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Twips(40), Twips(40)
        fmt.line_spacing = 1.0
        by_name["table text"] = style.style_id
    wanted = {
        "title": "title", "subtitle": "subtitle", "h1": "heading 1", "h2": "heading 2",
        "h3": "heading 3", "bullet": "list bullet", "table": "table grid", "toc_heading": "toc heading",
        "toc1": "toc 1", "toc2": "toc 2", "header": "header", "footer": "footer",
        "table_text": "table text",
    }
    return {key: by_name[name] for key, name in wanted.items()}


def _house_style(document, language: str, update_fields: bool) -> None:
    """A sober UN-document look: Times New Roman, black headings, the document's language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), FONT)
    defaults.find(qn("w:lang")).set(qn("w:val"), language)
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) in ("Title", "Subtitle", "Heading1", "Heading2", "Heading3", "TOCHeading"):
            rpr = style.find(qn("w:rPr"))
            if rpr is None:
                continue
            for fonts in rpr.findall(qn("w:rFonts")):  # theme fonts: the body font instead
                rpr.remove(fonts)
            for color in rpr.findall(qn("w:color")):
                color.attrib.clear()
                color.set(qn("w:val"), INK)
            ppr = style.find(qn("w:pPr"))
            if ppr is not None and style.get(qn("w:styleId")) == "Heading1":
                ppr.find(qn("w:spacing")).set(qn("w:after"), "240")
            if ppr is not None:
                for tag in ("w:pBdr", "w:numPr"):  # the Title's blue rule, the Subtitle's stray list level
                    for found in ppr.findall(qn(tag)):
                        ppr.remove(found)
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), language)
    if not update_fields:  # the contents carry their page numbers already: Word opens without asking
        return
    # Word fills the table of contents (and page numbers in it) on opening.
    update = etree.Element(qn("w:updateFields"))
    update.set(qn("w:val"), "true")
    successors = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids")
    anchor = next((settings.find(qn(tag)) for tag in successors if settings.find(qn(tag)) is not None), None)
    if anchor is not None:
        anchor.addprevious(update)
    else:
        settings.append(update)


def _properties(document, outcome: OutcomeDocument) -> None:
    props = outcome.properties
    core = document.core_properties
    core.title = props.title
    core.author = props.author
    core.last_modified_by = props.author
    core.language = props.language
    core.subject = outcome.title_page.theme or ""
    core.category = outcome.title_page.document_label
    core.comments = ""
    core.keywords = ""
    core.revision = 1
    created = dt.datetime.fromisoformat(props.created).astimezone(dt.timezone.utc).replace(tzinfo=None)
    core.created = created
    core.modified = created
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's picture of an empty page
            package.rels.pop(rid)
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            # The template claims to come from "Microsoft Macintosh Word".
            part._blob = part.blob.replace(b"Microsoft Macintosh Word", b"roundtable")


def _page_setup(document, outcome: OutcomeDocument, styles: dict[str, str]) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Twips(MARGIN)
    section.top_margin = section.bottom_margin = Twips(MARGIN)
    section.different_first_page_header_footer = True  # the title page carries neither
    w = BodyWriter(styles)
    header: list[str] = []
    running = f"{outcome.title_page.title} \u2014 {outcome.title_page.document_label}"
    if outcome.title_page.draft:
        running += f" \u2014 {outcome.headings.draft}"
    w.paragraph([Run(running, italic=True, small=True)], "header", align="right", into=header)
    _replace_paragraph(section.header._element, header[0])
    footer: list[str] = []
    begin, end = field_xml("PAGE")
    w.paragraph(f"{outcome.headings.page} ", "footer", align="center", closing=begin + run_xml(Run("1")) + end,
                into=footer)
    _replace_paragraph(section.footer._element, footer[0])


def _replace_paragraph(container: etree._Element, paragraph_xml: str) -> None:
    old = container.find(qn("w:p"))
    new = parse_xml(paragraph_xml.replace("<w:p>", f"<w:p {nsdecls('w')}>", 1))
    if old is None:
        container.append(new)
    else:
        old.addnext(new)
        container.remove(old)


def _title_page(w: BodyWriter, outcome: OutcomeDocument) -> None:
    page = outcome.title_page
    if page.draft:
        w.paragraph([Run(outcome.headings.draft, bold=True, size=40)], align="center", before=600, after=60)
        w.paragraph([Run(page.draft, italic=True, small=True)], align="center", after=0)
    w.paragraph([Run(page.document_label.upper(), bold=True)], align="center",
                before=1200 if page.draft else 2400, after=480)
    w.paragraph(page.title, "title", align="center")
    if page.theme:
        w.paragraph(page.theme, "subtitle", align="center", after=720)
    place = ", ".join(part for part in (page.venue, page.dates) if part)
    w.paragraph([Run(place, bold=True)], align="center", after=1440)
    for organiser in page.organisers:
        w.paragraph(organiser, align="center", after=60)


def _contents(w: BodyWriter, outcome: OutcomeDocument, entries: list[TocEntry], pages: dict[str, int] | None,
              field: bool = True) -> None:
    """The contents on a page of their own: a TOC field pre-filled with the headings, each entry a
    link to its heading's bookmark with a PAGEREF field for its page. LibreOffice computes PAGEREF
    as it lays the pages out (so a PDF it makes shows the numbers); with `pages` (LibreOffice's
    count, `--paginate`) the numbers are written in, and Word need not update anything. Without the
    TOC `field` the entries are plain paragraphs: LibreOffice keeps a TOC field's text as it was
    written, so the copy it turns into a PDF goes without, and computes each PAGEREF itself."""
    w.paragraph(outcome.headings.contents, "toc_heading", page_break=True)
    begin, end = field_xml('TOC \\o "1-2" \\h \\z \\u') if field else ("", "")
    last = len(entries) - 1
    for i, entry in enumerate(entries):
        page_begin, page_end = field_xml(f"PAGEREF {entry.bookmark} \\h")
        number = str(pages.get(entry.bookmark, "")) if pages else ""
        link = (f'<w:hyperlink w:anchor="{entry.bookmark}" w:history="1">{run_xml(Run(entry.text))}'
                f"{run_xml(Run(chr(9)))}{page_begin}{run_xml(Run(number))}{page_end}</w:hyperlink>")
        w.paragraph("", "toc1" if entry.level == 1 else "toc2", opening=(begin if i == 0 else "") + link,
                    closing=end if i == last else "")


def _summary_heading(code: str, title: str) -> str:
    return f"{code}. {title}"


def _background(w: BodyWriter, outcome: OutcomeDocument) -> None:
    w.heading(outcome.headings.background, "h1", 1, page_break=True)  # after the contents' page
    for text in outcome.background.paragraphs:
        w.paragraph(text, align="both")
    if outcome.background.objectives:
        w.paragraph(outcome.background.objectives_intro, keep_next=True)
        for objective in outcome.background.objectives:
            w.paragraph(objective, "bullet")


def _programme(w: BodyWriter, outcome: OutcomeDocument) -> None:
    h = outcome.headings
    w.heading(h.programme, "h1", 1, before=480)
    for day in outcome.programme:
        w.heading(day.date, "h3")
        rows = []
        for r in day.rows:
            # The track goes under the title: a column for a two-letter code cannot hold its
            # heading in Russian ("Направление") without breaking the word.
            session = [Run(f"{r.code} ", bold=True), Run(r.title)]
            notes = "; ".join(part for part in (f"{h.track} {r.track}" if r.track else "", r.notice) if part)
            if notes:
                session.append(Run(f"\n{notes}", italic=True, small=True))
            rows.append([r.time, session, r.kind, r.chair])
        # The format column holds a whole Kazakh word ("Көрме-таныстырылым", "Панельдік талқылау").
        w.table([h.time, h.session, h.kind, h.chair], rows, [0.15, 0.40, 0.19, 0.26])


def _points(w: BodyWriter, points: list[Point]) -> None:
    for point in points:
        w.paragraph([Run(point.text, bold=point.key_point)], "bullet")


def _summaries(w: BodyWriter, outcome: OutcomeDocument) -> None:
    h = outcome.headings
    w.heading(h.summaries, "h1", 1, before=480)
    for s in outcome.summaries:
        w.heading(_summary_heading(s.code, s.title), "h2", 2, before=360)
        meta = [Run(s.when)]
        if s.chair:
            meta += [Run(f". {h.chair}: ", italic=True), Run(s.chair)]
        if s.rapporteur:
            meta += [Run(f". {h.rapporteur}: ", italic=True), Run(s.rapporteur)]
        # the session's date line and notices stay on the page of its first speaker
        w.paragraph(meta, after=120, keep_next=True)
        if s.notice:
            w.paragraph([Run(s.notice, italic=True)], after=60, keep_next=True)
        if s.speakers_counted:
            w.paragraph([Run(s.speakers_counted, italic=True)], after=120, keep_next=True)
        for item in s.items:
            speaker = [Run(item.speaker, bold=True)]
            if item.speech_type:
                speaker.append(Run(f" ({item.speech_type})", italic=True))
            w.paragraph(speaker, keep_next=True, before=120, after=60)
            _points(w, item.points)
        if s.general:
            w.paragraph([Run(h.general_observations, bold=True)], keep_next=True, before=120, after=60)
            _points(w, s.general)
        if s.also_speaking:
            w.paragraph([Run(s.also_speaking)], before=120)
        if not s.items and not s.general and not s.also_speaking:
            w.paragraph([Run(h.no_speakers, italic=True)])


def _recommendations(w: BodyWriter, outcome: OutcomeDocument) -> None:
    h = outcome.headings
    w.heading(h.recommendations, "h1", 1, before=480)
    if not outcome.recommendations:
        w.paragraph([Run(h.no_recommendations, italic=True)])
    hang = 720
    for track in outcome.recommendations:
        if track.heading:
            w.heading(track.heading, "h2", 2, before=360)
        for rec in track.items:
            meta = []
            if rec.sources:
                meta += [Run(f"{h.sources if len(rec.sources) > 1 else h.source}: ", italic=True, small=True),
                         Run("; ".join(rec.sources), small=True)]
            if rec.addressed_to:
                meta += [Run(("; " if meta else "") + f"{h.addressed_to}: ", italic=True, small=True),
                         Run(rec.addressed_to, small=True)]
            if rec.status_label:
                meta += [Run(("; " if meta else "") + f"{h.status}: ", italic=True, small=True),
                         Run(rec.status_label, small=True)]
            w.paragraph([Run(rec.number, bold=True), Run("\t"), Run(rec.text)], indent=(hang, hang), tab=hang,
                        keep_next=bool(meta), before=120, after=20 if meta else 120, align="both")
            if meta:
                w.paragraph(meta, indent=(hang, 0), after=120)


def _statistics(w: BodyWriter, outcome: OutcomeDocument) -> None:
    h, stats = outcome.headings, outcome.statistics
    w.heading(h.statistics, "h1", 1, before=480)
    w.table(None, [[f.label, f.value] for f in stats.figures], [0.7, 0.3], [None, "right"])
    for title, first, rows in _breakdowns(outcome):
        w.heading(title, "h2", 2, before=240, after=120)
        w.table([first, h.interventions, h.speaking_time, h.share],
                [[r.label, str(r.interventions), r.time, r.share] for r in rows], [0.4, 0.2, 0.25, 0.15],
                [None, "right", "right", "right"])
        if rows is stats.by_region and stats.gini:
            w.heading(h.gini, "h2", 2, before=240, after=120)
            w.paragraph(stats.gini_sentence)


def _breakdowns(outcome: OutcomeDocument) -> list[tuple[str, str, list]]:
    """The statistics' tables, in order: (heading, first column, rows); empty ones left out."""
    h, stats = outcome.headings, outcome.statistics
    tables = [(h.time_by_category, h.category, stats.by_category), (h.time_by_gender, h.gender, stats.by_gender),
              (h.time_by_region, h.regional_group, stats.by_region),
              (h.by_speech_type, h.speech_type, stats.by_speech_type), (h.by_language, h.language, stats.by_language)]
    return [table for table in tables if table[2]]


def _participants(w: BodyWriter, outcome: OutcomeDocument) -> None:
    """Annex I, as UN lists of participants are laid out: section, country or organisation, people."""
    h = outcome.headings
    w.heading(h.annex_participants, "h1", 1, page_break=True)
    if not outcome.participants:
        w.paragraph([Run(h.no_participants, italic=True)])
    for section in outcome.participants:
        w.heading(section.title, "h2", 2, before=360)
        for group in section.groups:
            if group.name:
                w.heading(group.name, "h3", before=200, after=60)
            for person in group.people:
                details = ", ".join(part for part in (person.position, person.organisation) if part)
                runs = [Run(person.name)] + ([Run(f"\n{details}", italic=True, small=True)] if details else [])
                w.paragraph(runs, indent=(360, 0), after=80)


def _annex(w: BodyWriter, outcome: OutcomeDocument) -> None:
    h = outcome.headings
    w.heading(h.annex, "h1", 1, page_break=True)
    w.table([h.speaker, h.position, h.organisation, h.country],
            [[r.name, r.position, r.organisation, r.country] for r in outcome.annex], [0.26, 0.32, 0.25, 0.17])


def render_docx(outcome: OutcomeDocument, path: Path | BinaryIO, pages: dict[str, int] | None = None,
                for_pdf: bool = False) -> Path | BinaryIO:
    """Write the Word file at `path` (its folder must exist), or into a binary stream; returns `path`.

    `pages` (bookmark -> page, as LibreOffice counted them) writes the contents' page numbers in;
    without it Word is asked to update the contents on opening. `for_pdf`: the copy LibreOffice
    converts, whose contents are not a TOC field (see `_contents`).
    """
    document = Document()
    styles = _style_ids(document)
    _house_style(document, outcome.properties.language, update_fields=pages is None and not for_pdf)
    _properties(document, outcome)
    _page_setup(document, outcome, styles)
    body = BodyWriter(styles)  # written first: the contents list its headings
    _background(body, outcome)
    _programme(body, outcome)
    _summaries(body, outcome)
    _recommendations(body, outcome)
    _statistics(body, outcome)
    if outcome.annexes:
        _participants(body, outcome)
        _annex(body, outcome)
    front = BodyWriter(styles)
    _title_page(front, outcome)
    _contents(front, outcome, body.toc, pages, field=not for_pdf)
    _save(document, front.xml() + body.xml(), path)
    return path


class _DocumentXml:
    """The document part as the package writer sees it, with the body text in its `<w:body>`."""

    def __init__(self, part, body: str):
        self.partname, self.content_type, self.rels = part.partname, part.content_type, part.rels
        body_element = part.element.body
        for child in list(body_element):  # the template's empty paragraph; the section properties stay
            if child.tag != qn("w:sectPr"):
                body_element.remove(child)
        xml = serialize_part_xml(part.element)
        opening = xml.index(b"<w:body>") + len(b"<w:body>")
        self.blob = xml[:opening] + body.encode("utf-8") + xml[opening:]


def _save(document, body: str, path: Path | BinaryIO) -> None:
    """`document.save(path)`, with `body` (WordprocessingML text) as the document's body."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    main = document.part
    target = path if hasattr(path, "write") else str(path)
    PackageWriter.write(target, package.rels, [_DocumentXml(main, body) if part is main else part for part in parts])
