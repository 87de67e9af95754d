"""Print, as JSON, the page of every heading bookmark (`_Toc*`) of a Word file, as LibreOffice lays
it out. Run by `outcome/libreoffice.py` with the system's Python, which has LibreOffice's `uno`
module (Debian's python3-uno); it imports nothing from roundtable.

usage: python3 uno_pages.py SOFFICE DOCX PROFILE_URL
"""

import json
import subprocess
import sys
import time
import uuid

import uno  # noqa: E402  (LibreOffice's, in the system Python only)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _property(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main() -> None:
    soffice, docx, profile = sys.argv[1:4]
    pipe = f"roundtable_{uuid.uuid4().hex}"
    office = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={profile}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.monotonic() + 120
        while True:
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if office.poll() is not None or time.monotonic() > deadline:
                    sys.exit("LibreOffice did not start")
                time.sleep(0.02)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(docx), "_blank", 0, (_property("Hidden", True), _property("ReadOnly", True))
        )
        if document is None:
            sys.exit(f"LibreOffice could not open {docx}")
        view = document.getCurrentController().getViewCursor()
        bookmarks = document.getBookmarks()
        pages = {}
        for name in bookmarks.getElementNames():
            if name.startswith("_Toc"):
                view.gotoRange(bookmarks.getByName(name).getAnchor(), False)
                pages[name] = view.getPage()
        document.close(True)
        print(json.dumps(pages))
    finally:
        if desktop is not None:
            try:
                desktop.terminate()
            except Exception:  # the office goes away while answering; nothing left to do
                pass
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main()
