"""Running `roundtable` as a process that file permissions bind, even when the tests run as root
(not a test module)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO


def run(*args, code: str | None = None) -> subprocess.CompletedProcess:
    """`roundtable ARGS` in a new process; `code`, if given, runs first in it (a monkeypatch)."""
    prelude = f"{code}\n" if code else ""
    script = prelude + "import sys\nfrom roundtable.cli import main\nsys.argv = ['roundtable', *sys.argv[1:]]\nmain()\n"
    command = [sys.executable, "-c", script, *map(str, args)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: read-only permissions would not bind")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)
