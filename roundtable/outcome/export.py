"""Writing an export to disk: one function for the CLI and the TUI.

The document is made in memory and written beside its target under a temporary name, then renamed
into place, so a failed export (a full disk, a missing LibreOffice) never leaves half a document
where the last good one was, nor the temporary file. It is created with the user's umask, and
never writable by everyone even when the umask would allow it. PDF and `paginate` go through
LibreOffice (`outcome/libreoffice.py`); the other formats never do.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import threading
from pathlib import Path

from roundtable.outcome.assemble import Options, assemble
from roundtable.outcome.model import UntranslatedText
from roundtable.store.connection import Store

FORMATS = ("docx", "pdf", "md", "csv", "json")


class UntranslatedTexts(ValueError):
    """`strict_lang`: the document would write texts as given, not in its language; nothing written."""

    def __init__(self, lang: str, texts: list[UntranslatedText]):
        self.lang, self.texts = lang, texts
        super().__init__(f"{len(texts)} text{'s' if len(texts) != 1 else ''} of the {lang} document "
                         f"{'are' if len(texts) != 1 else 'is'} not in {lang} ({summary(texts)}); nothing written")


def summary(texts: list[UntranslatedText], shown: int = 3) -> str:
    """Where the first few of `texts` come from, then how many more."""
    head = "; ".join(text.where for text in texts[:shown])
    return head + (f"; and {len(texts) - shown} more" if len(texts) > shown else "")
# An export is created with the umask applied to this: never writable by everyone, even under umask 000.
EXPORT_MODE = 0o664
FOLDER_MODE = 0o775


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one `path`'s suffix names, else Word.

    Raises ValueError when `path`'s suffix names another format than the one asked for, or one
    roundtable cannot write (an outcome document "x.odt" must not be a Word file in disguise).
    """
    suffix = path.suffix.lower().lstrip(".") if path else ""
    if fmt:
        if suffix and suffix != fmt and suffix in FORMATS:
            raise ValueError(f"{path.name} ends in .{suffix} but the format asked for is {fmt}")
        return fmt
    if not suffix or suffix in FORMATS:
        return suffix or "docx"
    raise ValueError(
        f"{path.name}: roundtable cannot write .{suffix} files; name a .{', .'.join(FORMATS)} file "
        "(or give --format and a file name without that suffix)"
    )


def export(store: Store, out: Path, fmt: str = "docx", lang: str | None = None, now: dt.datetime | None = None,
           options: Options = Options(), paginate: bool = False, strict_lang: bool = False,
           untranslated: list[UntranslatedText] | None = None) -> Path:
    """Assemble the outcome document from `store` and write it to `out` as `fmt`; returns the path.

    `paginate` (Word only) fills the contents' page numbers through LibreOffice. The texts the
    document writes as given rather than in its language are added to `untranslated` when a list
    is passed; with `strict_lang` any such text raises UntranslatedTexts before anything is written.
    Raises LibreOfficeError (nothing written) when LibreOffice is needed and missing or fails,
    OSError when the file cannot be written.
    """
    doc = assemble(store, lang, now, options)
    if untranslated is not None:
        untranslated.extend(doc.untranslated)
    if strict_lang and doc.untranslated:
        raise UntranslatedTexts(doc.lang, doc.untranslated)
    _make_folder(out.parent)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.part")
    measured = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.pages.docx")
    try:
        if fmt in ("docx", "pdf"):
            from roundtable.outcome.docx_render import render_docx  # python-docx only when needed

            if fmt == "pdf":
                from roundtable.outcome.libreoffice import convert_to_pdf

                render_docx(doc, measured, for_pdf=True)
                convert_to_pdf(measured, temporary)
                _write(temporary, temporary.read_bytes(), replace=True)
            else:
                pages = None
                if paginate:
                    from roundtable.outcome.libreoffice import page_numbers

                    render_docx(doc, measured)
                    pages = page_numbers(measured)
                buffer = io.BytesIO()
                render_docx(doc, buffer, pages=pages)
                _write(temporary, buffer.getvalue())
        else:
            from roundtable.outcome import markdown, tabular

            text = {
                "md": markdown.render_markdown,
                "csv": tabular.render_csv,
                "json": tabular.render_json,
            }[fmt](doc)
            # The BOM lets spreadsheet programs read a CSV's Cyrillic and Kazakh letters right.
            _write(temporary, text.encode("utf-8-sig" if fmt == "csv" else "utf-8"))
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        measured.unlink(missing_ok=True)
    return out


def _write(path: Path, data: bytes, replace: bool = False) -> None:
    """Write `data` to a new file at `path` with EXPORT_MODE (less the umask)."""
    if replace:
        path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, EXPORT_MODE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)


def _make_folder(folder: Path) -> None:
    """Create `folder` and any missing parent with FOLDER_MODE (less the umask), not Python's 0o777."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(FOLDER_MODE, exist_ok=True)
