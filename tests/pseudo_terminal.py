"""A command run in a pseudo-terminal, as a person runs it: its screen read back as text, keys typed.

The text is the terminal's output with its escape sequences taken out, so words drawn on one line
of the screen are found as they are drawn ("Global E-Government Forum 2014 — Programme").
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
CTRL_Q = b"\x11"


class Terminal:
    """`argv` running in a terminal of `size` (columns, lines), in `cwd`, with exactly `env`."""

    def __init__(self, argv: list[str | Path], *, cwd: Path, env: dict[str, str], size: tuple[int, int] = (120, 40)):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.fd = master
        self.output = b""
        self.closed = False
        try:
            self.process = subprocess.Popen([str(a) for a in argv], stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
                                            env={**env, "TERM": "xterm-256color"}, start_new_session=True)
        finally:
            os.close(slave)

    @property
    def text(self) -> str:
        return ESCAPES.sub(b"", self.output).decode("utf-8", "replace")

    def _read(self, timeout: float) -> None:
        if self.closed:
            time.sleep(timeout)
            return
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: every process holding the terminal has ended
            data = b""
        if data:
            self.output += data
        else:
            self.closed = True

    def wait_for(self, *texts: str, timeout: float = 60.0) -> None:
        """Until every one of `texts` has been drawn; fails, showing the screen, if the command
        ended first or `timeout` passed."""
        deadline = time.monotonic() + timeout
        while not all(t in self.text for t in texts):
            if self.closed or (self.process.poll() is not None and not select.select([self.fd], [], [], 0)[0]):
                raise AssertionError(f"the command ended (exit {self.process.poll()}) before showing {texts}:\n"
                                     f"{self.text[-3000:]}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{texts} not shown within {timeout} s:\n{self.text[-3000:]}")
            self._read(0.1)

    def outside_the_app(self) -> str:
        """What was printed before the app took the screen and after it gave it back (a Textual app
        draws on the alternate screen), as text."""
        before, entered, rest = self.output.partition(b"\x1b[?1049h")
        after = rest.rsplit(b"\x1b[?1049l", 1)[-1] if entered else b""
        return ESCAPES.sub(b"", before + after).decode("utf-8", "replace").strip()

    def press(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def exit_code(self, timeout: float = 20.0) -> int:
        """Wait for the command to end, reading its last output meanwhile (a full terminal would hold it)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"still running {timeout} s later:\n{self.text[-3000:]}")
            self._read(0.1)
        while not self.closed and time.monotonic() < deadline + 5:  # its last output, until the terminal closes
            self._read(0.1)
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def quit_cleanly(terminal: Terminal) -> str:
    """ctrl+q: the command must end with exit code 0 and no traceback. Returns what it printed
    outside the app's screen (before and after it)."""
    terminal.press(CTRL_Q)
    code = terminal.exit_code()
    assert code == 0, f"exit {code}:\n{terminal.text[-3000:]}"
    assert "Traceback" not in terminal.text and "unexpected failure" not in terminal.text, terminal.text[-3000:]
    return terminal.outside_the_app()
