"""Blocks -> the record's skeleton: header, items, sub-headings, paragraphs, events, signatures.

Language-free: the pack says what an event line, a continued heading or a time looks like.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..lang import LanguagePack
from ..lang.contract import NEVER
from ..read.model import Block
from ..record import Event

_STOP_END = re.compile(r"[。！？.!?]\s*$")  # a line of prose ends with a stop; a heading does not
_SEPARATOR = re.compile(r"^[\s_\-–—=*.]*$")


@dataclass
class Entry:
    """A paragraph (numbered) or a sub-heading (unnumbered) inside an item."""

    block: Block
    heading: bool = False


@dataclass
class ItemLayout:
    heading: Block
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Layout:
    header: list[Block] = field(default_factory=list)
    items: list[ItemLayout] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    signature: list[Block] = field(default_factory=list)
    unplaced: list[Block] = field(default_factory=list)
    header_only: bool = False  # a header and its agenda table, the body cut off


def join_continuations(blocks: list[Block],
                       is_heading: Callable[[str], bool] = lambda t: False,
                       unspaced: re.Pattern[str] | None = None) -> list[Block]:
    """Re-join lines split by a page break: an unnumbered line starting in lower case, or, in
    a script written without spaces, a line whose numbered paragraph stopped mid-sentence.

    A line that ends as an item heading does ("... (Documents C17/56 and C17/101)") is the
    rest of a heading whose start was lost, not the continuation of a paragraph.
    """
    out: list[Block] = []
    for b in blocks:
        first = b.text[:1]
        glued = bool(unspaced and out and out[-1].number and "." in out[-1].number
                     and out[-1].text[-1:] and unspaced.match(out[-1].text[-1])
                     and unspaced.match(first) and bool(_STOP_END.search(b.text)))
        if out and b.number is None and (first.islower() or glued) and not is_heading(b.text):
            prev = out[-1]
            joined = f"{prev.text}{b.text}" if glued else f"{prev.text} {b.text}".strip()
            out[-1] = Block(prev.number, joined, prev.footnotes + b.footnotes,
                            prev.cells[:-1] + [f"{prev.cells[-1]} {b.cells[0]}"]
                            if prev.cells and b.cells else prev.cells + b.cells, prev.style)
        else:
            out.append(b)
    return out


def is_item_number(number: str | None) -> bool:
    return number is not None and "." not in number


def body_start(blocks: list[Block], is_agenda: Callable[[str], bool] = lambda t: False) -> int:
    """Index of the first body block: the item heading of the first numbered paragraph.

    Without numbered paragraphs, the first item heading after the agenda table (whose rows
    are numbered too); none when the record stops after its header.
    """
    for i, b in enumerate(blocks):
        if b.number and "." in b.number:
            item = b.number.split(".")[0]
            for j in range(i - 1, -1, -1):
                if blocks[j].number == item:
                    return j
            return i
    agenda = next((i for i, b in enumerate(blocks) if is_agenda(b.text)), None)
    firsts = [i for i, b in enumerate(blocks) if is_item_number(b.number)]
    if not firsts:
        return len(blocks)
    if agenda is not None and agenda < firsts[0]:
        # the agenda table's rows come first: the body starts where the numbering restarts
        first = blocks[firsts[0]].number
        again = [i for i in firsts[1:] if blocks[i].number == first]
        return again[0] if again else len(blocks)
    return firsts[0]


class EventReader:
    """Reads procedural events ("La séance est suspendue à 15 h 20 et reprend à 16 h 40.")."""

    def __init__(self, lp: LanguagePack) -> None:
        self.line = lp.pattern("layout.event_line")
        self.clause = lp.pattern("layout.event_clause")
        self.time = lp.pattern("layout.time")
        self.verbs: dict[str, str] = lp.get("layout.event_verbs", {})
        self.time_words: dict[str, str] = lp.get("layout.time_words", {})

    def is_event(self, text: str) -> bool:
        return bool(self.line.search(text))

    def hhmm(self, text: str) -> str | None:
        word = self.time_words.get(text.strip().lower())
        if word:
            return word
        m = self.time.search(text)
        if not m:
            return None
        h, mm = int(m.group("h")), int(m.group("m") or 0)
        if h > 24 or mm > 59:
            return None
        if m.groupdict().get("pm") and h < 12:  # "下午2时30分": an afternoon hour
            h += 12
        return f"{h % 24:02d}:{mm:02d}"

    def events(self, text: str, after: str | None) -> list[Event]:
        out = []
        for m in self.clause.finditer(text):
            kind = self.verbs.get(m.group("verb").lower()) or self.verbs.get(m.group("verb"))
            if kind:
                out.append(Event(kind=kind, at=self.hhmm(m.group("time")),  # type: ignore[arg-type]
                                 after_paragraph=after))
                # "suspendue de 12 h 30 à 14 h 30": the suspension and the resumption
                until = m.groupdict().get("until")
                if kind == "suspended" and until:
                    out.append(Event(kind="resumed", at=self.hhmm(until), after_paragraph=after))
        return out


def lay_out(blocks: list[Block], lp: LanguagePack, is_signature_line) -> Layout:
    """Cut the blocks into header, items with their entries, events and the signature block."""
    documents = lp.pattern("layout.heading_documents")
    unspaced = re.compile(lp.expand("{unspaced}")) \
        if lp.fragments.get("unspaced", NEVER) != NEVER else None
    blocks = join_continuations(blocks, lambda text: bool(documents.search(text)), unspaced)
    layout = Layout()
    agenda = lp.pattern("header.agenda")
    start = body_start(blocks, lambda text: bool(agenda.match(text)))
    layout.header_only = start == len(blocks) and any(agenda.match(b.text) for b in blocks)
    events = EventReader(lp)
    layout.header = [b for b in blocks[:start] if b.number or not events.is_event(b.text)]
    for b in blocks[:start]:
        if b.number is None and events.is_event(b.text):
            layout.events.extend(events.events(b.text, None))
    last_number: str | None = None
    body = blocks[start:]
    # the signature block: role titles, then names, at the end of the body
    end = len(body)
    while end > 0 and _SEPARATOR.match(body[end - 1].text):
        end -= 1
    for i in range(end - 1, max(end - 4, -1), -1):
        if body[i].number is None and is_signature_line(body[i]):
            layout.signature = [b for b in body[i:end] if not _SEPARATOR.match(b.text)]
            end = i
            break
    for b in body[:end]:
        if _SEPARATOR.match(b.text):
            continue
        if b.number is None and events.is_event(b.text):
            layout.events.extend(events.events(b.text, last_number))
            continue
        if is_item_number(b.number):
            layout.items.append(ItemLayout(b))
            continue
        if not layout.items:
            layout.unplaced.append(b)
            continue
        if b.number:
            last_number = b.number
            layout.items[-1].entries.append(Entry(b))
        else:
            layout.items[-1].entries.append(Entry(b, heading=True))
    return layout
