"""LibreOffice, headless, for what only a page layout knows: the PDF and the contents' page numbers.

Found on PATH (`soffice`); every run gets its own throw-away user profile
(`-env:UserInstallation`), so a LibreOffice the user has open neither swallows the job nor sees its
settings changed. Plain `roundtable export` never comes here.

- PDF: our .docx converted as it is. Its contents' entries carry PAGEREF fields to the headings'
  bookmarks, which LibreOffice computes while it lays the pages out, so the PDF's contents show
  page numbers with no extra pass.
- Page numbers for `--paginate`: `uno_pages.py`, run with the system's Python (Debian's python3-uno
  belongs to it, not to a virtual environment), opens the .docx through LibreOffice's UNO API and
  reports the page of each heading's bookmark; the renderer writes them into our own contents.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

INSTALL = "apt-get install libreoffice-writer-nogui python3-uno"
SYSTEM_PYTHON = "/usr/bin/python3"
TIMEOUT = 300


class LibreOfficeError(RuntimeError):
    """LibreOffice is missing or failed; the message is one line for the user."""


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise LibreOfficeError(f"LibreOffice is not installed (no soffice on PATH); install it: {INSTALL}")
    return found


def has_uno() -> bool:
    """Whether the system Python can drive LibreOffice (python3-uno)."""
    try:
        return subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _run(command: list[str], what: str) -> subprocess.CompletedProcess:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise LibreOfficeError(f"LibreOffice took longer than {TIMEOUT} s to {what}") from None
    except OSError as error:
        raise LibreOfficeError(f"LibreOffice could not be run ({error.strerror or error})") from None
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout or "").split())[:200]
        raise LibreOfficeError(f"LibreOffice failed to {what} (exit {done.returncode}){': ' + detail if detail else ''}")
    return done


def convert_to_pdf(docx: Path, pdf: Path) -> None:
    """Write `pdf` from `docx` (LibreOffice's layout, contents numbered through PAGEREF)."""
    office = soffice()
    with tempfile.TemporaryDirectory(prefix="roundtable-lo-") as work:
        profile = (Path(work) / "profile").as_uri()
        _run([office, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
              "--outdir", work, str(docx)], "convert the document to PDF")
        produced = Path(work) / f"{docx.stem}.pdf"
        if not produced.exists():
            raise LibreOfficeError("LibreOffice wrote no PDF")
        shutil.move(produced, pdf)


def page_numbers(docx: Path) -> dict[str, int]:
    """The page of each heading bookmark (`_Toc1`, ...) of `docx`, as LibreOffice lays it out."""
    office = soffice()
    if not Path(SYSTEM_PYTHON).exists() or not has_uno():
        raise LibreOfficeError(f"LibreOffice's Python bridge is missing ({SYSTEM_PYTHON} cannot import uno); "
                               f"install it: {INSTALL}")
    script = Path(__file__).with_name("uno_pages.py")
    with tempfile.TemporaryDirectory(prefix="roundtable-lo-") as work:
        profile = (Path(work) / "profile").as_uri()
        done = _run([SYSTEM_PYTHON, str(script), office, str(docx.resolve()), profile], "count the pages")
    try:
        pages = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise LibreOfficeError("LibreOffice reported no page numbers") from None
    return {str(name): int(page) for name, page in pages.items()}
