"""What a reader may spend on one file, checked before the work and while it runs.

A limit that trips raises `Refused(reason)`; the reader that knows the file's name turns it
into the one-line `InputError`. `Deadline` bounds the time: cooperative checks in the readers'
loops, and (in a process's main thread) a timer signal that interrupts pure-Python loops inside
a library that calls none of ours.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

MB = 1024 * 1024

MAX_BYTES = 50 * MB  # a file on disk; records are well under 1 MB
MAX_BLOCKS = 200_000  # paragraphs of one file (a long record has a few thousand)
MAX_SECONDS = 15.0  # reading one file (the parse command's own cap is 20 s and up)

# .docx
MAX_PARTS = 2_000  # zip members
MAX_PART_BYTES = 64 * MB  # one member, uncompressed
MAX_TOTAL_BYTES = 256 * MB  # all members, uncompressed
MAX_ELEMENTS = 1_000_000  # XML elements in one part (a long record has some 50,000)
MAX_DEPTH = 256  # element nesting (libxml2 without XML_PARSE_HUGE stops there too)
MAX_COUNTER = 32_767  # a list's start value (Word's own maximum)
MAX_LEVEL_TEXT = 100  # characters in a list level's label pattern

# .pdf
MAX_PAGES = 2_000
MAX_STREAM_BYTES = 64 * MB  # one decompressed stream
MAX_PDF_BYTES = 256 * MB  # all decompressed streams of a file
MAX_LOOKUPS = 5_000_000  # object look-ups (a reference cycle makes them endless)
MAX_GLYPHS = 2_000_000
MAX_CMAP_ENTRIES = 1_000_000  # code -> character entries of one font's character map


class Refused(BaseException):  # noqa: N818
    """A limit tripped; `str()` is the one-line reason (without the file name).

    A BaseException, so that a library's `except Exception` around the code that tripped it
    (pdfminer has many) cannot swallow it; every reader catches it and raises InputError."""


class Deadline:
    """A point in time after which `check()` refuses the file."""

    def __init__(self, seconds: float = MAX_SECONDS) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        """Raise Refused once the time is up."""
        if time.monotonic() > self.end:
            raise Refused(self.reason())

    def reason(self) -> str:
        return f"reading it took longer than {self.seconds:g} s"


@contextmanager
def time_limit(deadline: Deadline) -> Iterator[None]:
    """Interrupt the block with Refused when `deadline` passes (main thread only: elsewhere
    only the cooperative checks apply). An outer timer already running is left alone."""
    usable = threading.current_thread() is threading.main_thread() and \
        signal.getitimer(signal.ITIMER_REAL)[0] == 0 and \
        signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    if not usable:
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise Refused(deadline.reason())

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, max(0.01, deadline.end - time.monotonic()))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def mb(n: int) -> str:
    """A byte count as the reason says it ("64 MB")."""
    return f"{n // MB} MB"
