"""Many paragraphs scanned as one text: one regex call per pattern instead of one per line."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, TypeVar

T = TypeVar("T", bound=Any)


class Joined:
    """Many paragraphs as one text, so that each pattern scans them in one call.

    A NUL and a newline separate the paragraphs: no pattern matches across a NUL, and `^`
    (in multi-line mode) still finds the start of each paragraph.
    """

    SEP = "\x00\n"

    def __init__(self, texts: list[str]) -> None:
        self.starts: list[int] = []
        pos = 0
        for t in texts:
            self.starts.append(pos)
            pos += len(t) + len(self.SEP)
        self.lengths = [len(t) for t in texts]
        self.text = self.SEP.join(texts)

    def first_in_each(self, word: str) -> list[int]:
        """The paragraphs that hold `word` (no NUL in it), each once, in order."""
        text, starts = self.text, self.starts
        out = []
        i = text.find(word)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            out.append(k)
            i = text.find(word, starts[k + 1]) if k + 1 < len(starts) else -1
        return out

    def split(self, marks: list[T]) -> list[list[T]]:
        """Marks (anything with `start` and `end`) per paragraph, with local offsets."""
        out: list[list[T]] = [[] for _ in self.starts]
        for t in marks:
            i = bisect_right(self.starts, t.start) - 1
            base = self.starts[i]
            if t.end - base > self.lengths[i]:
                continue
            t.start -= base
            t.end -= base
            out[i].append(t)
        return out
