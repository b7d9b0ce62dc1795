"""A small cache of rendered pages and API answers for a read-only server.

The archive a server reads changes only when someone ingests into it, so answers are kept
for a while: each entry lives at most `max_age` seconds, and the whole cache is dropped as
soon as the number of stored meetings changes (checked at most every `check_every` seconds).
At most `size` entries are kept (a rendered meeting page is ~30 KB: the default holds every
page of a 1,000-meeting archive, plus searches, in ~60 MB per server process at most).
Cached HTML holds a per-process placeholder instead of the request's CSP nonce; `html()`
puts the fresh nonce back in for every response.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

NONCE_TOKEN = "nonce" + secrets.token_hex(12)


class AnswerCache:
    """LRU cache keyed by request, invalidated by time and by the archive's meeting count."""

    def __init__(self, archive: Any, size: int = 2048, max_age: float = 60.0,
                 check_every: float = 2.0) -> None:
        self.archive = archive
        self.size = size
        self.max_age = max_age
        self.check_every = check_every
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._version: int | None = None
        self._checked = 0.0

    def _current(self, now: float) -> None:
        if now - self._checked < self.check_every:
            return
        self._checked = now
        version = self.archive.count()
        if version != self._version:
            self._version = version
            self._entries.clear()

    def peek(self, key: Hashable) -> Any:
        """The cached answer for `key` if it is there and surely current, else None: never
        touches the archive (an async route calls it on the event loop, and goes to a
        thread for `get` when it answers None)."""
        now = time.monotonic()
        with self._lock:
            if now - self._checked >= self.check_every:
                return None  # the archive's version is due for a check: `get` does it
            hit = self._entries.get(key)
            if hit is None or now - hit[0] >= self.max_age:
                return None
            self._entries.move_to_end(key)
            return hit[1]

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The cached answer for `key`, else `make()` (stored unless it raises)."""
        now = time.monotonic()
        with self._lock:
            self._current(now)
            hit = self._entries.get(key)
            if hit is not None and now - hit[0] < self.max_age:
                self._entries.move_to_end(key)
                return hit[1]
        value = make()
        with self._lock:
            self._entries[key] = (now, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value


def with_nonce(html: str, nonce: str) -> str:
    """Cached HTML with the request's nonce in place of the placeholder."""
    return html.replace(NONCE_TOKEN, nonce)
