"""A meeting's sittings and suspensions in time, across midnight."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ..store import Archive
from ..store.filters import meeting_id
from ..store.writer import EVENTS, MEETINGS
from .meetings import version_condition

DAY = 24 * 60


def minutes(hhmm: str | None) -> int | None:
    """"14:40" -> 880; None for a missing or malformed time."""
    if not hhmm or len(hhmm) != 5 or hhmm[2] != ":":
        return None
    h, m = hhmm[:2], hhmm[3:]
    if not (h.isdigit() and m.isdigit()) or int(h) > 24 or int(m) > 59:
        return None
    return int(h) * 60 + int(m)


class _Clock:
    """Minutes since the start, moving forward: a time earlier than the last is the next day."""

    def __init__(self, start: int | None) -> None:
        self.origin = start
        self.last = 0 if start is not None else None

    def offset(self, hhmm: str | None) -> int | None:
        t = minutes(hhmm)
        if t is None:
            return None
        if self.origin is None:
            self.origin, self.last = t, 0
        off = (t - self.origin) % DAY
        assert self.last is not None
        while off < self.last:
            off += DAY
        self.last = off
        return off


def timeline(archive: Archive, meeting_id_: Any, language: str | None = None
             ) -> dict[str, Any] | None:
    """`{"start", "end", "segments", "events"}` for a meeting (its reference version, or
    its version in `language`); None if unknown.

    Segments alternate `sitting` and `suspension`, each `{"kind", "from", "to",
    "after_paragraph", "from_offset", "to_offset", "minutes"}`: `after_paragraph` is the last
    numbered paragraph before the segment begins (None for the first sitting); offsets are
    minutes since the start (or the first known time), increasing across midnight.
    """
    mid = meeting_id(meeting_id_)
    if mid is None:
        return None
    with archive.read() as conn:
        head = conn.execute(
            select(MEETINGS.c.id, MEETINGS.c.start, MEETINGS.c.end)
            .where(version_condition(mid, language))
        ).first()
        if head is None:
            return None
        events = conn.execute(
            select(EVENTS.c.kind, EVENTS.c.at, EVENTS.c.after_paragraph)
            .where(EVENTS.c.meeting_id == head.id).order_by(EVENTS.c.position)
        ).all()
    clock = _Clock(minutes(head.start))
    out_events = [
        {"kind": e.kind, "at": e.at, "after_paragraph": e.after_paragraph,
         "offset": clock.offset(e.at)}
        for e in events
    ]
    end = head.end
    if end is None:
        closing = [e for e in out_events if e["kind"] == "closed"]
        end = closing[-1]["at"] if closing else None
    segments: list[dict[str, Any]] = []
    state = "sitting"
    since = {"at": head.start, "offset": 0 if minutes(head.start) is not None else None,
             "after_paragraph": None}
    for e in out_events:
        if e["kind"] == "opened":
            state, since = "sitting", e
        elif e["kind"] in ("suspended", "closed") and state == "sitting":
            segments.append(_segment("sitting", since, e))
            state, since = ("closed" if e["kind"] == "closed" else "suspension"), e
        elif e["kind"] == "resumed" and state == "suspension":
            segments.append(_segment("suspension", since, e))
            state, since = "sitting", e
    if state == "sitting" and (since["at"] or end):
        segments.append(_segment("sitting", since, {"at": end, "offset": clock.offset(end)}))
    return {"start": head.start, "end": end, "segments": segments, "events": out_events}


def _segment(kind: str, frm: dict[str, Any], to: dict[str, Any]) -> dict[str, Any]:
    f, t = frm["offset"], to["offset"]
    return {
        "kind": kind, "from": frm["at"], "to": to["at"],
        "after_paragraph": frm["after_paragraph"],
        "from_offset": f, "to_offset": t,
        "minutes": t - f if f is not None and t is not None else None,
    }
