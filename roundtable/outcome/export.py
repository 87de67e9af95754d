"""Writing an export to disk: one function for the CLI and the TUI.

The file is written beside its target and renamed into place, so a failed export never leaves
half a document where the last good one was. PDF and `paginate` go through LibreOffice
(`outcome/libreoffice.py`); the other formats never do.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

from roundtable.outcome.assemble import Options, assemble
from roundtable.store.connection import Store

FORMATS = ("docx", "pdf", "md", "csv", "json")


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one `path`'s suffix names, else Word."""
    if fmt:
        return fmt
    suffix = path.suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "docx"


def export(store: Store, out: Path, fmt: str = "docx", lang: str | None = None, now: dt.datetime | None = None,
           options: Options = Options(), paginate: bool = False) -> Path:
    """Assemble the outcome document from `store` and write it to `out` as `fmt`; returns the path.

    `paginate` (Word only) fills the contents' page numbers through LibreOffice. Raises
    LibreOfficeError (nothing written) when LibreOffice is needed and missing or fails.
    """
    doc = assemble(store, lang, now, options)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.part")
    measured = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.pages.docx")
    try:
        if fmt in ("docx", "pdf"):
            from roundtable.outcome.docx_render import render_docx  # python-docx only when needed

            if fmt == "pdf":
                from roundtable.outcome.libreoffice import convert_to_pdf

                render_docx(doc, measured, for_pdf=True)
                convert_to_pdf(measured, temporary)
            elif paginate:
                from roundtable.outcome.libreoffice import page_numbers

                render_docx(doc, measured)
                render_docx(doc, temporary, pages=page_numbers(measured))
            else:
                render_docx(doc, temporary)
        else:
            from roundtable.outcome import markdown, tabular

            text = {
                "md": markdown.render_markdown,
                "csv": tabular.render_csv,
                "json": tabular.render_json,
            }[fmt](doc)
            # The BOM lets spreadsheet programs read a CSV's Cyrillic and Kazakh letters right.
            temporary.write_text(text, encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    finally:
        measured.unlink(missing_ok=True)
    return out
