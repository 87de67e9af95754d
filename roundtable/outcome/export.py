"""Writing an export to disk: one function for the CLI and the TUI.

The file is written beside its target and renamed into place, so a failed export never leaves
half a document where the last good one was. It is created with the user's umask, and never
writable by everyone even when the umask would allow it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import threading
from pathlib import Path

from roundtable.outcome.assemble import assemble
from roundtable.store.connection import Store

FORMATS = ("docx", "md", "csv", "json")
# An export is created with the umask applied to this: never writable by everyone, even under umask 000.
EXPORT_MODE = 0o664
FOLDER_MODE = 0o775


def format_for(path: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one `path`'s suffix names, else Word.

    Raises ValueError when `path`'s suffix names another format than the one asked for, or one
    roundtable cannot write (an outcome document "x.pdf" must not be a Word file in disguise).
    """
    suffix = path.suffix.lower().lstrip(".") if path else ""
    if fmt:
        if suffix and suffix != fmt and (suffix in FORMATS or suffix == "pdf"):
            raise ValueError(f"{path.name} ends in .{suffix} but the format asked for is {fmt}")
        return fmt
    if not suffix or suffix in FORMATS:
        return suffix or "docx"
    raise ValueError(
        f"{path.name}: roundtable cannot write .{suffix} files; name a .{', .'.join(FORMATS)} file "
        "(or give --format and a file name without that suffix)"
    )


def export(store: Store, out: Path, fmt: str = "docx", lang: str | None = None, now: dt.datetime | None = None) -> Path:
    """Assemble the outcome document from `store` and write it to `out` as `fmt`; returns the path.

    The document is made in memory and written beside `out` under a temporary name, then renamed
    into place: a full disk or any other failure leaves neither half a file nor the temporary one.
    Raises OSError when it cannot be written.
    """
    doc = assemble(store, lang, now)
    if fmt == "docx":
        from roundtable.outcome.docx_render import render_docx  # python-docx only when needed

        buffer = io.BytesIO()
        render_docx(doc, buffer)
        data = buffer.getvalue()
    else:
        from roundtable.outcome import markdown, tabular

        text = {
            "md": markdown.render_markdown,
            "csv": tabular.render_csv,
            "json": tabular.render_json,
        }[fmt](doc)
        # The BOM lets spreadsheet programs read a CSV's Cyrillic and Kazakh letters right.
        data = text.encode("utf-8-sig" if fmt == "csv" else "utf-8")
    _make_folder(out.parent)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.part")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, EXPORT_MODE)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, out)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return out


def _make_folder(folder: Path) -> None:
    """Create `folder` and any missing parent with FOLDER_MODE (less the umask), not Python's 0o777."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(FOLDER_MODE, exist_ok=True)
