"""WordprocessingML written as text: paragraphs, runs, fields and tables for the Word renderer.

Building the body as text and parsing it once is several times faster than creating tens of
thousands of elements through lxml's proxies, and far faster than python-docx's object API
(no `table.cell(r, c)`, quadratic in python-docx; no style lookup per paragraph). Texts come from the outcome
model, which has cleaned them (model.Clean), and are only escaped here; a paragraph that starts in a
right-to-left script gets `w:bidi`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from roundtable.outcome.sanitize import is_right_to_left

# A4 with 2.5 cm margins: tables are sized to the text width so they always fit the page.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HEADER_FILL = "E7E6E6"


def escape(text: str) -> str:
    """`text` safe as XML character data (xml.sax.saxutils.escape, whose module imports urllib)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    small: bool = False
    size: int | None = None  # in half-points (36 = 18 pt); `small` is 18


Cell = str | Sequence[Run]


def run_xml(run: Run, rtl: bool = False) -> str:
    """One run as WordprocessingML text; typed line breaks and tabs become Word's own elements."""
    text = run.text
    if not text:
        return ""
    props = ""
    if run.bold:
        props += "<w:b/><w:bCs/>"
    if run.italic:
        props += "<w:i/><w:iCs/>"
    if run.small or run.size:
        props += f'<w:sz w:val="{run.size or 18}"/><w:szCs w:val="{run.size or 18}"/>'
    if rtl:
        props += "<w:rtl/>"
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    if "\n" not in text and "\r" not in text and "\t" not in text:  # most runs: one chunk of text
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    parts = []
    for i, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if chunk:
                parts.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{rpr}{''.join(parts)}</w:r>"


def field_xml(instruction: str) -> tuple[str, str]:
    """The runs that open a complex field (up to its result) and the run that closes it."""
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    return begin, '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


@dataclass
class TocEntry:
    level: int
    text: str
    bookmark: str  # the heading's bookmark, which the contents' PAGEREF field points to


# Tables up to this many rows are kept on one page; longer ones keep their first two and last two
# rows together, so that no page holds a single row of a table.
WHOLE_TABLE_ROWS = 8


class BodyWriter:
    """Collects the body as WordprocessingML text, which the renderer writes into document.xml as
    it is: never parsed into tens of thousands of lxml elements only to be serialised again."""

    def __init__(self, styles: dict[str, str]):
        self.styles = styles
        self.parts: list[str] = []
        self.toc: list[TocEntry] = []  # the headings written with a contents level, in order

    def heading(self, text: str, style: str, toc_level: int | None = None, **kwargs) -> None:
        """A heading kept with what follows; with `toc_level`, bookmarked and listed in `toc`."""
        bookmark = None
        if toc_level is not None:
            bookmark = f"_Toc{len(self.toc) + 1}"
            self.toc.append(TocEntry(toc_level, text, bookmark))
        self.paragraph(text, style, keep_next=True, bookmark=bookmark, **kwargs)

    def paragraph(
        self,
        content: str | Sequence[Run] = "",
        style: str | None = None,
        *,
        align: str | None = None,
        page_break: bool = False,
        keep_next: bool = False,
        before: int | None = None,
        after: int | None = None,
        indent: tuple[int, int] | None = None,  # (left, hanging) in twips
        tab: int | None = None,
        opening: str = "",  # raw runs put before the content (a field's start)
        closing: str = "",  # raw runs put after it (a field's end)
        into: list[str] | None = None,
        bookmark: str | None = None,
    ) -> None:
        runs = [Run(content)] if isinstance(content, str) else content
        rtl = is_right_to_left("".join(run.text for run in runs))
        ppr = []  # in the order the schema requires
        if style:
            ppr.append(f'<w:pStyle w:val="{self.styles[style]}"/>')
        if keep_next:
            ppr.append("<w:keepNext/>")
        if page_break:
            ppr.append("<w:pageBreakBefore/>")
        if tab is not None:
            ppr.append(f'<w:tabs><w:tab w:val="left" w:pos="{tab}"/></w:tabs>')
        if rtl:
            ppr.append("<w:bidi/>")
        if before is not None or after is not None:
            spacing = "".join(f' w:{k}="{v}"' for k, v in (("before", before), ("after", after)) if v is not None)
            ppr.append(f"<w:spacing{spacing}/>")
        if indent:
            ppr.append(f'<w:ind w:left="{indent[0]}" w:hanging="{indent[1]}"/>')
        if align:
            ppr.append(f'<w:jc w:val="{align}"/>')
        body = "".join(run_xml(run, rtl) for run in runs)
        if bookmark:
            number = bookmark.removeprefix("_Toc")
            body = f'<w:bookmarkStart w:id="{number}" w:name="{bookmark}"/>{body}<w:bookmarkEnd w:id="{number}"/>'
        (self.parts if into is None else into).append(
            f"<w:p>{'<w:pPr>' + ''.join(ppr) + '</w:pPr>' if ppr else ''}{opening}{body}{closing}</w:p>"
        )

    def table(self, headers: Sequence[str] | None, rows: Iterable[Sequence[Cell]], widths: Sequence[float],
              align: Sequence[str | None] | None = None) -> None:
        """A Table Grid table across the text width; `widths` are fractions of it, `align` each
        column's alignment (figures "right").

        Each row is written once, cell after cell: no `table.cell(r, c)` look-ups.
        """
        columns = [int(TEXT_WIDTH * w / sum(widths)) for w in widths]
        out = [
            "<w:tbl><w:tblPr>"
            f'<w:tblStyle w:val="{self.styles["table"]}"/><w:tblW w:w="{sum(columns)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0"'
            ' w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
            + "".join(f'<w:gridCol w:w="{width}"/>' for width in columns)
            + "</w:tblGrid>"
        ]
        rows = list(rows)
        last = len(rows) - 1

        def kept(i: int) -> bool:  # this row stays on the page of the next one
            return i < last and (last < WHOLE_TABLE_ROWS or i <= 0 or i == last - 1)

        if headers:
            self._row(out, [[Run(h, bold=True)] for h in headers], columns, header=True, keep=bool(rows), align=align)
        for i, row in enumerate(rows):
            self._row(out, row, columns, keep=kept(i), align=align)
        out.append("</w:tbl>")
        self.parts.append("".join(out))
        # A paragraph after a table keeps the next heading or table from sticking to it.
        self.paragraph("", after=0)

    def _row(self, out: list[str], cells: Sequence[Cell], columns: list[int], header: bool = False,
             keep: bool = False, align: Sequence[str | None] | None = None) -> None:
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>")
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/>' if header else ""
        for column, (cell, width) in enumerate(zip(cells, columns)):
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>')
            runs = [Run(cell)] if isinstance(cell, str) else cell
            # One paragraph per line of the cell: a run that starts with "\n" starts a new one.
            lines: list[list[Run]] = [[]]
            for run in runs:
                if run.text.startswith("\n"):
                    lines.append([])
                    run = Run(run.text[1:], run.bold, run.italic, run.small, run.size)
                lines[-1].append(run)
            for line in lines:
                self.paragraph(line, "table_text", into=out, keep_next=keep, align=align[column] if align else None)
            out.append("</w:tc>")
        out.append("</w:tr>")

    def xml(self) -> str:
        """The collected body: paragraphs and tables, without the section properties."""
        return "".join(self.parts)
