"""Writing an export to disk: one function for the CLI and the TUI.

The file is written beside its target and renamed into place, so a failed export never leaves
half a document where the last good one was.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

from roundtable.outcome.assemble import assemble
from roundtable.store.connection import Store

FORMATS = ("docx", "md", "csv", "json")


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one `path`'s suffix names, else Word."""
    if fmt:
        return fmt
    suffix = path.suffix.lower().lstrip(".") if path else ""
    return suffix if suffix in FORMATS else "docx"


def export(store: Store, out: Path, fmt: str = "docx", lang: str | None = None, now: dt.datetime | None = None) -> Path:
    """Assemble the outcome document from `store` and write it to `out` as `fmt`; returns the path."""
    doc = assemble(store, lang, now)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        if fmt == "docx":
            from roundtable.outcome.docx_render import render_docx  # python-docx only when needed

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
    return out
