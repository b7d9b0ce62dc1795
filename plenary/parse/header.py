"""The record's header: body and session, symbol, title, date and hours, chairs, agenda table."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..read.model import Block
from ..record import Actor, Meeting, Warning
from .layout import EventReader

if TYPE_CHECKING:
    from .builder import RecordBuilder


def _hhmm(events: EventReader, text: str | None) -> str | None:
    return events.hhmm(text) if text else None


def _agenda_row(b: Block, builder: RecordBuilder) -> dict:
    """A row of the "Subjects discussed / Documents" table: number, title, documents."""
    cells = b.cells or [b.text]
    docs: list[str] = []
    if len(cells) > 1:
        docs = [builder.refs.normalise(c.strip())
                for c in builder.conj.split(cells[-1])
                if any(ch.isdigit() for ch in c)]
    return {"number": b.number, "title": cells[0], "documents": docs}


def read_header(blocks: list[Block], lang: str,
                builder: RecordBuilder) -> tuple[Meeting, list[Warning]]:
    """Header facts from the lines before the body; every field null when there is no header."""
    meeting = Meeting()
    warnings: list[Warning] = []
    if not blocks:
        return meeting, warnings
    lp = builder.actors.grammar.lp
    events = EventReader(lp)
    p = lp.pattern
    title_re, ordinal_re, inaugural = p("header.title"), p("header.ordinal"), p("header.inaugural")
    months: dict[str, int] = lp.get("header.months", {})
    languages: dict[str, str] = lp.get("header.languages", {})
    bodies = [(re.compile(lp.expand(b["pattern"])), b["body"], b["session"])
              for b in lp.get("header.bodies", [])]
    title_lines: list[str] = []
    in_agenda = False
    lines: list[tuple[Block, str]] = []
    for b in blocks:
        if in_agenda or p("header.agenda").match(b.text):
            in_agenda = True
            if b.number:
                meeting.agenda.append(_agenda_row(b, builder))
            continue
        for cell in (b.cells or [b.text]):
            lines.append((b, cell))
    for _b, text in lines:
        text = text.strip()
        if not text:
            continue
        for rx, body, session in bodies:
            m = rx.search(text)
            if m and not meeting.body:
                groups = {k: v for k, v in m.groupdict().items() if v}
                if "year" in groups and "yy" not in groups:
                    groups["yy"] = groups["year"][2:]
                meeting.body, meeting.session = body, session.format(**groups)
                break
        m = p("header.symbol").search(text)
        if m and not meeting.symbol:
            meeting.symbol = builder.refs.normalise(m.group("symbol"))
            continue
        m = p("header.original").match(text)
        if m:
            meeting.original_language = languages.get(m.group("lang").lower())
            continue
        if title_re.match(text) or (title_lines and text.isupper() and not meeting.start):
            title_lines.append(text)
            continue
        m = p("header.date", re.IGNORECASE).match(text)
        if m and m.group("month").lower() in months and not meeting.start and (
                m.group("start") or m.group("weekday") or not meeting.date):
            meeting.date = (f"{int(m.group('year')):04d}-{months[m.group('month').lower()]:02d}-"
                            f"{int(m.group('day')):02d}")
            meeting.start = _hhmm(events, m.group("start"))
            meeting.end = _hhmm(events, m.group("end"))
            continue
        m = p("header.chair").match(text) or p("header.later").match(text)
        if m:
            for part in builder.conj.split(m.group("rest")):
                person = builder.actors.person(part)
                if person and person.name:
                    meeting.chairs.append(Actor(kind="official", role="chair", name=person.name,
                                                country=person.country))
            continue
        m = p("header.place_dates").match(text)
        if m and not meeting.place and not meeting.date:
            meeting.place, meeting.dates = m.group("place").strip(), m.group("dates").strip()
    if title_lines:
        meeting.title = re.sub(r"\s+", " ", " ".join(title_lines)).strip()
        if inaugural.search(meeting.title):
            meeting.number = None
        else:
            for m in ordinal_re.finditer(meeting.title):
                n = lp.ordinal(m.group("ord"))
                if n:
                    meeting.number = n
                    break
    return meeting, warnings
