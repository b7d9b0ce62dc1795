"""The record's header: body and session, symbol, title, date and hours, chairs, agenda table."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..lang import LanguagePack
from ..lang.contract import NEVER
from ..read.model import Block
from ..record import Actor, Meeting, Warning
from .layout import EventReader


@dataclass(frozen=True)
class HeaderTools:
    """What the header reader needs from the record builder, passed as plain data."""

    lp: LanguagePack
    conj: re.Pattern[str]  # the gap between two items of a list
    normalise: Callable[[str], str]  # a document symbol as printed -> its contract form
    person: Callable[[str], Actor | None]  # "Mr X (Country)" -> the person


_COMMA = re.compile(r"\s*[,，]\s*")


def join_lines(lines: list[str], unspaced: re.Pattern[str] | None) -> str:
    """A title printed over several lines, as one line: a space between two lines, none
    between two letters of a script written without spaces ("简要记录" + "第六次全体会议")."""
    out = ""
    for line in (re.sub(r"\s+", " ", x).strip() for x in lines):
        glued = out and unspaced is not None and unspaced.match(out[-1]) and \
            unspaced.match(line[:1])
        out = f"{out}{line}" if glued or not out else f"{out} {line}"
    return out


def session_year(meeting: Meeting) -> int | None:
    """The year of the meeting's session ("Council 1999", "PP-18", the conference's dates)."""
    for text in (meeting.session or "", meeting.dates or ""):
        m = re.search(r"(?<!\d)(\d{4})(?!\d)", text)
        if m:
            return int(m.group(1))
    m = re.search(r"-(\d{2})$", meeting.session or "")
    if m:
        yy = int(m.group(1))
        return 2000 + yy if yy < 50 else 1900 + yy
    return None


def _hhmm(events: EventReader, text: str | None) -> str | None:
    return events.hhmm(text) if text else None


def _agenda_row(b: Block, tools: HeaderTools) -> dict:
    """A row of the "Subjects discussed / Documents" table: number, title, documents."""
    cells = b.cells or [b.text]
    docs: list[str] = []
    if len(cells) > 1:
        # "C17/18, C17/87", "C17/18和C17/87": a comma parts the symbols in any language
        docs = [tools.normalise(c.strip())
                for part in _COMMA.split(cells[-1]) for c in tools.conj.split(part)
                if any(ch.isdigit() for ch in c)]
    return {"number": b.number, "title": cells[0], "documents": docs}


def read_header(blocks: list[Block], lang: str,
                tools: HeaderTools) -> tuple[Meeting, list[Warning]]:
    """Header facts from the lines before the body; every field null when there is no header."""
    meeting = Meeting()
    warnings: list[Warning] = []
    if not blocks:
        return meeting, warnings
    lp = tools.lp
    events = EventReader(lp)
    p = lp.pattern
    title_re, ordinal_re, inaugural = p("header.title"), p("header.ordinal"), p("header.inaugural")
    months: dict[str, int] = lp.get("header.months", {})
    languages: dict[str, str] = lp.get("header.languages", {})
    bodies = [(re.compile(lp.expand(b["pattern"])), b["body"], b["session"])
              for b in lp.get("header.bodies", [])]
    title_lines: list[str] = []
    title_open = False  # a title line was read, and no date or chair line since
    in_agenda = False
    lines: list[tuple[Block, str]] = []
    for b in blocks:
        if in_agenda or p("header.agenda").match(b.text):
            in_agenda = True
            if b.number:
                meeting.agenda.append(_agenda_row(b, tools))
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
            meeting.symbol = tools.normalise(m.group("symbol"))
            continue
        m = p("header.original").match(text)
        if m:
            meeting.original_language = languages.get(m.group("lang").lower())
            continue
        if title_re.match(text):
            title_lines.append(text)
            title_open = True
            continue
        m = p("header.date", re.IGNORECASE).match(text)
        if m and m.group("month").lower() in months and not meeting.start and (
                m.group("start") or m.group("weekday") or not meeting.date):
            # "Tuesday, 29 June": a date printed without its year takes the session's year
            year = m.groupdict().get("year") or session_year(meeting)
            meeting.date = (f"{int(year):04d}-{months[m.group('month').lower()]:02d}-"
                            f"{int(m.group('day')):02d}") if year else meeting.date
            meeting.start = _hhmm(events, m.group("start"))
            meeting.end = _hhmm(events, m.group("end"))
            title_open = False
            continue
        m = p("header.chair").match(text) or p("header.later").match(text)
        if m:
            title_open = False
            for part in tools.conj.split(m.group("rest")):
                person = tools.person(part)
                if person and person.name:
                    meeting.chairs.append(Actor(kind="official", role="chair", name=person.name,
                                                country=person.country))
            continue
        m = p("header.place_dates").match(text)
        if m and not meeting.place and not meeting.date:
            meeting.place, meeting.dates = m.group("place").strip(), m.group("dates").strip()
            continue
        # a title printed over several lines, in any case, runs until the date or the chair
        if title_open:
            title_lines.append(text)
    if title_lines:
        unspaced = re.compile(lp.expand("{unspaced}")) \
            if lp.fragments.get("unspaced", NEVER) != NEVER else None
        meeting.title = join_lines(title_lines, unspaced)
        if inaugural.search(meeting.title):
            meeting.number = None
        else:
            for m in ordinal_re.finditer(meeting.title):
                n = lp.ordinal(m.group("ord"))
                if n:
                    meeting.number = n
                    break
    return meeting, warnings
