"""The record's header: body and session, symbol, title, date and hours, chairs, agenda table."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..gazetteer.variants import ascii_digits
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


_COMMA = re.compile(r"\s*[,，،]\s*")  # a Latin, full-width or Arabic comma


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
    reader = _HeaderReader(tools)
    if blocks:
        for text in reader.lines(blocks):
            reader.line(text)
        reader.finish()
    return reader.meeting, []


class _HeaderReader:
    """Reads a header line by line into a Meeting: a letterhead names the body and session;
    the symbol, the original language, the title (over several lines), the date and hours,
    the chairs, the place and dates each have a line of their own."""

    def __init__(self, tools: HeaderTools) -> None:
        self.tools = tools
        lp = self.lp = tools.lp
        self.events = EventReader(lp)
        self.months: dict[str, int] = lp.get("header.months", {})
        self.languages: dict[str, str] = lp.get("header.languages", {})
        self.bodies = [(re.compile(lp.expand(b["pattern"])), b["body"], b["session"])
                       for b in lp.get("header.bodies", [])]
        self.meeting = Meeting()
        self.title_lines: list[str] = []
        self.title_open = False  # a title line was read, and no date or chair line since

    def lines(self, blocks: list[Block]) -> list[str]:
        """The header's lines (each cell of a table row one line), the agenda's rows set
        apart into the meeting's agenda."""
        agenda = self.lp.pattern("header.agenda")
        out: list[str] = []
        in_agenda = False
        for b in blocks:
            if in_agenda or agenda.match(b.text):
                in_agenda = True
                if b.number:
                    self.meeting.agenda.append(_agenda_row(b, self.tools))
                continue
            out.extend(cell.strip() for cell in (b.cells or [b.text]))
        return [text for text in out if text]

    def line(self, text: str) -> None:
        """One line: the first of the header's kinds it is, else more of an open title."""
        p, meeting = self.lp.pattern, self.meeting
        self._letterhead(text)
        m = p("header.symbol").search(text)
        if m and not meeting.symbol:
            meeting.symbol = self.tools.normalise(m.group("symbol"))
            return
        m = p("header.original").match(text)
        if m:
            meeting.original_language = self.languages.get(m.group("lang").lower())
            return
        if p("header.title").match(text):
            self.title_lines.append(text)
            self.title_open = True
            return
        if self._date(text) or self._chairs(text):
            self.title_open = False
            return
        m = p("header.place_dates").match(text)
        if m and not meeting.place and not meeting.date:
            meeting.place, meeting.dates = m.group("place").strip(), m.group("dates").strip()
            return
        # a title printed over several lines, in any case, runs until the date or the chair
        if self.title_open:
            self.title_lines.append(text)

    def _letterhead(self, text: str) -> None:
        """The body and session a letterhead names ("Council 2017", "PP-18")."""
        if self.meeting.body:
            return
        for rx, body, session in self.bodies:
            m = rx.search(text)
            if m:
                # the session is an identifier: "المجلس ٢٠١٧" is Council 2017 in every version
                groups = {k: ascii_digits(v) for k, v in m.groupdict().items() if v}
                if "year" in groups and "yy" not in groups:
                    groups["yy"] = groups["year"][2:]
                self.meeting.body, self.meeting.session = body, session.format(**groups)
                return

    def _date(self, text: str) -> bool:
        """The meeting's date and hours ("Tuesday, 29 June 2017, at 09 30 hours")."""
        meeting = self.meeting
        m = self.lp.pattern("header.date", re.IGNORECASE).match(text)
        if not (m and m.group("month").lower() in self.months and not meeting.start and (
                m.group("start") or m.group("weekday") or not meeting.date)):
            return False
        # "Tuesday, 29 June": a date printed without its year takes the session's year
        year = m.groupdict().get("year") or session_year(meeting)
        meeting.date = (f"{int(year):04d}-{self.months[m.group('month').lower()]:02d}-"
                        f"{int(m.group('day')):02d}") if year else meeting.date
        meeting.start = _hhmm(self.events, m.group("start"))
        meeting.end = _hhmm(self.events, m.group("end"))
        return True

    def _chairs(self, text: str) -> bool:
        """The chairs a "Chairman:" (or "later:") line names."""
        p = self.lp.pattern
        m = p("header.chair").match(text) or p("header.later").match(text)
        if not m:
            return False
        for part in self.tools.conj.split(m.group("rest")):
            person = self.tools.person(part)
            if person and person.name:
                self.meeting.chairs.append(Actor(kind="official", role="chair",
                                                 name=person.name, country=person.country))
        return True

    def finish(self) -> None:
        """The title from its lines, and the meeting's number from the title's ordinal."""
        if not self.title_lines:
            return
        lp, meeting = self.lp, self.meeting
        unspaced = re.compile(lp.expand("{unspaced}")) \
            if lp.fragments.get("unspaced", NEVER) != NEVER else None
        meeting.title = join_lines(self.title_lines, unspaced)
        if lp.pattern("header.inaugural").search(meeting.title):
            meeting.number = None
            return
        for m in lp.pattern("header.ordinal").finditer(meeting.title):
            n = lp.ordinal(m.group("ord"))
            if n:
                meeting.number = n
                return
