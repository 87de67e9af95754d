"""Printable badges (`roundtable badges`): one A6 badge per participant, four to an A4 sheet, with
their name, organisation, country and their personal link as a QR code (fpdf2, segno).

Names are printed as their owners spell them, in Latin, Cyrillic or Kazakh letters: the PDF embeds
a font found on this machine that has all of them (DejaVu Sans, Debian's fonts-dejavu-core), and
refuses, saying which to install, when none is there. Letters the font lacks (another script) are
reported rather than printed as blanks without a word.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from roundtable.delegates.links import LinkRow
from roundtable.delegates.qr import dark_runs, matrix
from roundtable.serve.delegate_texts import TEXTS

# Where Debian and others keep DejaVu Sans (regular, bold); the first pair found is used.
FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
                "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
# Letters every badge font must have: Latin, Russian and the Kazakh letters beyond Russian's.
REQUIRED_LETTERS = "AZaz" + "АЯаяЁё" + "ӘәҒғҚқҢңӨөҰұҮүҺһІі"

PAGE_W, PAGE_H = 210.0, 297.0  # A4, mm
BADGE_W, BADGE_H = 105.0, 148.5  # A6: four to a sheet, cut along the grey lines
MARGIN = 9.0
QR_SIZE = 52.0  # mm, quiet zone included: a phone reads it from an arm's length


class BadgeError(Exception):
    """Badges cannot be made as asked; the message says why and what to do."""


@dataclass(frozen=True)
class BadgeFont:
    regular: Path
    bold: Path
    letters: frozenset[str]  # the characters it has


def find_font(folders: Sequence[str] | None = None) -> BadgeFont:
    """DejaVu Sans (regular and bold) from the first of `folders` that has both, checked for the
    letters of the forum's three languages. Raises BadgeError when none is found."""
    folders = FONT_FOLDERS if folders is None else folders
    for folder in folders:
        base = Path(os.path.expanduser(folder))
        regular, bold = (base / name for name in FONT_FILES)
        if regular.is_file() and bold.is_file():
            letters = _letters(regular)
            missing = [c for c in REQUIRED_LETTERS if c not in letters]
            if missing:
                raise BadgeError(f"{regular}: lacks the letters {''.join(missing)}; install fonts-dejavu-core")
            return BadgeFont(regular, bold, letters)
    raise BadgeError("no font with Cyrillic and Kazakh letters found for the badges (looked for DejaVu Sans in "
                     f"{', '.join(folders)}); install it: apt-get install fonts-dejavu-core")


def _letters(path: Path) -> frozenset[str]:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(path, lazy=True)
        return frozenset(chr(code) for code in font.getBestCmap())
    except Exception as error:  # fontTools raises many kinds on a damaged file
        raise BadgeError(f"{path}: not a readable font ({error})") from None


def caption(languages: Sequence[str] = ("en", "ru", "kk")) -> list[str]:
    """What the badge says under its code, in each of the forum's languages the page has."""
    return [str(TEXTS[lang]["badge_caption"]) for lang in languages if lang in TEXTS]


def missing_letters(rows: Sequence[LinkRow], font: BadgeFont) -> set[str]:
    """Letters of the badges' texts that the font cannot print."""
    texts = "".join(f"{r.name}{r.organisation}{r.country}" for r in rows)
    return {c for c in texts if not c.isspace() and c not in font.letters}


def write_badges(rows: Sequence[LinkRow], out: Path, font: BadgeFont, forum_title: str = "",
                 languages: Sequence[str] = ("en", "ru", "kk")) -> int:
    """Write one badge per row with a link to `out` (written whole or not at all); returns how many.
    Raises BadgeError when no row has a link here, or the font lacks letters of a name."""
    from fpdf import FPDF

    printable = [r for r in rows if r.url]
    if not printable:
        raise BadgeError("no participant has a link that can be printed here (add the registration list first)")
    lacking = missing_letters(printable, font)
    if lacking:
        raise BadgeError(f"{font.regular.name} cannot print the letters {''.join(sorted(lacking))} of some names; "
                         "install a font that has them")
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title(f"{forum_title} badges" if forum_title else "Badges")
    pdf.set_creator("roundtable")
    pdf.add_font("badge", "", str(font.regular))
    pdf.add_font("badge", "B", str(font.bold))
    lines = caption(languages)
    for index, row in enumerate(printable):
        if index % 4 == 0:
            pdf.add_page()
            _cut_lines(pdf)
        x = (index % 2) * BADGE_W
        y = ((index % 4) // 2) * BADGE_H
        _badge(pdf, row, x, y, forum_title, lines)
    fd, temporary = tempfile.mkstemp(dir=out.parent if str(out.parent) else ".", prefix=f".{out.name}.", suffix=".pdf")
    os.close(fd)
    try:
        pdf.output(temporary)
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(printable)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cut_lines(pdf) -> None:
    pdf.set_draw_color(190, 190, 190)
    pdf.set_line_width(0.2)
    pdf.line(BADGE_W, 0, BADGE_W, PAGE_H)
    pdf.line(0, BADGE_H, PAGE_W, BADGE_H)


def _fitted(pdf, text: str, style: str, largest: float, smallest: float, width: float, lines: int) -> float:
    """The largest font size (pt) at which `text` takes at most `lines` lines of `width` mm."""
    size = largest
    while size > smallest:
        pdf.set_font("badge", style, size)
        if len(pdf.multi_cell(width, size * 0.45, text, dry_run=True, output="LINES")) <= lines:
            return size
        size -= 1
    return smallest


def _badge(pdf, row: LinkRow, x: float, y: float, forum_title: str, lines: list[str]) -> None:
    width = BADGE_W - 2 * MARGIN
    pdf.set_text_color(90, 90, 90)
    pdf.set_font("badge", "", 9)
    pdf.set_xy(x + MARGIN, y + MARGIN)
    pdf.multi_cell(width, 4.2, forum_title, align="C")
    pdf.set_text_color(0, 0, 0)
    size = _fitted(pdf, row.name, "B", 24, 12, width, 2)
    pdf.set_font("badge", "B", size)
    pdf.set_xy(x + MARGIN, y + 24)
    pdf.multi_cell(width, size * 0.45, row.name, align="C")
    pdf.set_font("badge", "", 12)
    pdf.set_xy(x + MARGIN, pdf.get_y() + 3)
    if row.organisation:
        org_size = _fitted(pdf, row.organisation, "", 12, 8, width, 3)
        pdf.set_font("badge", "", org_size)
        pdf.multi_cell(width, org_size * 0.45, row.organisation, align="C")
    if row.country:
        pdf.set_font("badge", "B", 11)
        pdf.set_text_color(60, 60, 60)
        pdf.set_xy(x + MARGIN, pdf.get_y() + 2)
        pdf.multi_cell(width, 5, row.country, align="C")
        pdf.set_text_color(0, 0, 0)
    modules = matrix(row.url)
    cell = QR_SIZE / len(modules)
    left = x + (BADGE_W - QR_SIZE) / 2
    top = y + BADGE_H - MARGIN - QR_SIZE - 4.5 * len(lines)
    pdf.set_fill_color(0, 0, 0)
    for r, c, length in dark_runs(modules):
        pdf.rect(left + c * cell, top + r * cell, length * cell + 0.01, cell + 0.01, style="F")
    pdf.set_font("badge", "", 8.5)
    pdf.set_text_color(60, 60, 60)
    pdf.set_xy(x + MARGIN, top + QR_SIZE)
    pdf.multi_cell(width, 4.2, "\n".join(lines), align="C")
    pdf.set_text_color(0, 0, 0)
