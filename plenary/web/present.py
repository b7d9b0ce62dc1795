"""Presentation helpers for the pages: links, labels, timeline geometry, snippets.

Pure functions over the plain data that `plenary.analyse` returns; no archive access here.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from plenary.analyse.people import person_id
from plenary.export.labels import actor_label as _export_actor_label
from plenary.export.labels import country_name, entity_name, group_label
from plenary.export.labels import role_label as _role_word

__all__ = ["actor_label", "country_name", "group_label", "role_label", "actor_href",
           "document_url", "snippet_html", "timeline_view", "place_events", "EVENT_TEXT",
           "meeting_heading", "query_url", "paragraph_anchor", "unit_name", "highlight_html",
           "entity_label", "person_href", "group_href", "isolated_text", "RIGHT_TO_LEFT"]

_COUNCIL = re.compile(r"^C(\d{2})/(INF/)?(\d{1,4})(?:\(Rev\.\d+\))?$")
_PLAIN = re.compile(r"^(\d{1,4})(?:\(Rev\.\d+\))?$")
_PP_SESSION = re.compile(r"^PP-?(\d{2})$")
_ITU_MD = "https://www.itu.int/md/{}/en"


def document_url(symbol: str | None, meeting: dict[str, Any] | None = None) -> str | None:
    """The ITU website page of a document, when its symbol says which one it is.

    `C17/55` -> S17-CL-C-0055, `C17/INF/6` -> S17-CL-INF-0006, and a plain number at a
    Plenipotentiary Conference `PP-18` -> S18-PP-C-0162. None when unsure.
    """
    if not symbol:
        return None
    m = _COUNCIL.match(symbol)
    if m:
        family = "INF" if m.group(2) else "C"
        return _ITU_MD.format(f"S{m.group(1)}-CL-{family}-{int(m.group(3)):04d}")
    meeting = meeting or {}
    m = _PLAIN.match(symbol)
    session = _PP_SESSION.match(meeting.get("session") or "")
    if m and session and meeting.get("body") == "plenipotentiary":
        return _ITU_MD.format(f"S{session.group(1)}-PP-C-{int(m.group(1)):04d}")
    return None


_TEXT_KINDS = ("Resolution ", "Decision ", "Recommendation ", "Series ", "Council ")


def is_text_label(value: str | None) -> bool:
    """True for a text label (`Resolution 130 (Rev. Dubai, 2018)`), False for a document."""
    return bool(value) and str(value).startswith(_TEXT_KINDS)


def badge_only(outcome: dict[str, Any]) -> dict[str, Any]:
    """An outcome without its objects and election facts (for a table's badge column)."""
    return dict(outcome, objects=[], person=None, post=None)


def person_href(name: str | None) -> str | None:
    """The page of the person a printed name names (`/people/mario-canazza`), or None."""
    pid = person_id(name)
    return f"/people/{pid}" if pid else None


def group_href(code: str | None) -> str | None:
    """The page of a group or organisation (`/groups/CEPT`), or None."""
    return f"/groups/{quote(code, safe='')}" if code else None


def actor_href(actor: dict[str, Any]) -> str | None:
    """Where a speaker links to: a named person's page, a delegation page, a group's page."""
    kind = actor.get("kind")
    if actor.get("name") and kind in ("delegation", "person", "official"):
        href = person_href(actor["name"])
        if href:
            return href
    if kind in ("delegation", "person") and actor.get("country"):
        return f"/delegations/{actor['country']}"
    if kind in ("organization", "group") and actor.get("id"):
        return group_href(actor["id"])
    return None


_COMMITTEE = re.compile(r"^committee-(\d+)$")
_LONGEST_UNIT = 48


def unit_name(unit: str | None) -> str:
    """A unit's readable name: `committee-6` -> `Committee 6`, `working-group-of-the-plenary`
    -> `the Working Group of the Plenary`, `TSB` -> `the Telecommunication Standardization
    Bureau`; a Council group whose full name is long keeps its acronym (`CWG-FHR`)."""
    if not unit:
        return ""
    m = _COMMITTEE.match(unit)
    if m:
        return f"Committee {m.group(1)}"
    names = _unit_names(unit)
    spelled = [n for n in names if " " in n and len(n) <= _LONGEST_UNIT]
    if spelled:
        name = max(spelled, key=len)
        return name if name.startswith(("ITU ", "the ")) else f"the {name}"
    if names:
        return names[0]
    return unit.replace("-", " ")


def _unit_names(unit: str) -> list[str]:
    try:
        from plenary.gazetteer import gazetteer

        entry = next((u for u in gazetteer().units if u.id == unit), None)
    except Exception:  # the gazetteer is optional here: no names means the id is shown
        return []
    return list(entry.names.get("en") or []) if entry is not None else []


def role_label(role: str | None, unit: str | None = None) -> str:
    """`chair` + `working-group-of-the-plenary` -> `Chair of the Working Group of the
    Plenary`; `vice-chair` + `committee-5` -> `Vice-chair of Committee 5`; a role alone as
    `plenary.export.labels.role_label` writes it."""
    word = _role_word(role) if role else ""
    if not unit:
        return word
    return f"{word or 'Official'} of {unit_name(unit)}"


def actor_label(actor: dict[str, Any]) -> str:
    """A short English label: `Canada`, `Chair of Committee 6`, `Several councillors`."""
    if actor.get("kind") == "official":
        label = role_label(actor.get("role"), actor.get("id")) or "Official"
        return f"{label}, {actor['name']}" if actor.get("name") else label
    return _export_actor_label(actor)


def entity_label(kind: str | None, code: str | None) -> str:
    """The name of a group or organisation (`african-group` -> `African Group`)."""
    if kind == "group":
        return group_label(code)
    return entity_name("organization", code) or code or ""


_HIGHLIGHT_CACHE: dict[tuple[str, str, str], re.Pattern[str] | None] = {}


def _entity_pattern(kind: str, code: str, lang: str) -> re.Pattern[str] | None:
    """The names of a country, group or organisation (in `lang` and English) as one pattern."""
    key = (kind, code, lang)
    if key not in _HIGHLIGHT_CACHE:
        forms: set[str] = {code} if kind in ("country", "organization") else set()
        try:
            from plenary.gazetteer import gazetteer

            g = gazetteer()
            for language in {lang, "en"}:
                forms |= {f for f, e in g.surface_forms(language).items()
                          if e.kind == kind and e.id == code and len(f) > 2}
        except Exception:  # no gazetteer: only the code itself is highlighted
            pass
        ordered = sorted(forms, key=len, reverse=True)
        _HIGHLIGHT_CACHE[key] = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(f) for f in ordered) + r")(?!\w)") if ordered else None
    return _HIGHLIGHT_CACHE[key]


def highlight_html(text: str | None, country: str | None = None, lang: str = "en",
                   words: list[str] | None = None,
                   entity: tuple[str, str] | None = None) -> Markup:
    """The text escaped, with the country's names (in `lang` and English), the names of
    `entity` (`("group", "african-group")`) and `words` in `<mark>`."""
    if not text:
        return Markup("")
    wanted = ([("country", country)] if country else []) + ([entity] if entity else [])
    patterns = [p for p in (_entity_pattern(kind, code, lang) for kind, code in wanted) if p]
    extra = [w for w in words or [] if w and len(w) > 1]
    if extra:
        patterns.append(re.compile(
            r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(extra, key=len, reverse=True))
            + r")(?!\w)", re.IGNORECASE))
    spans: list[tuple[int, int]] = []
    for pattern in patterns:
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out.append(escape(text[at:start]))
        out.append(Markup("<mark>{}</mark>").format(text[start:end]))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def query_url(path: str, **params: Any) -> str:
    """`path?params` with empty values left out."""
    clean = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(clean)}" if clean else path


def paragraph_anchor(number: str | None) -> str | None:
    """The anchor id of a numbered paragraph: `p-6.15`."""
    return f"p-{number}" if number else None


RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})

# A Latin symbol followed by a bracketed Latin part: "C17/55(Rev.1)", "161(Rev.1)". In a
# right-to-left line a renderer without the bidi bracket-pair rule (UAX #9 N0, Unicode 6.3)
# gives its closing bracket to the surrounding Arabic ("(C17/55(Rev.1"); isolated left to right,
# it reads as printed in every renderer.
_LATIN_SYMBOL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9/.\-]*(?:\([A-Za-z0-9.,/\- ]*[A-Za-z][A-Za-z0-9.,/\- ]*\))+")


def isolated_text(text: str, language: str | None) -> Markup:
    """`text` escaped; in a right-to-left language, each Latin symbol with brackets wrapped in
    `<bdi dir="ltr">` so that it keeps its order (the text itself is unchanged)."""
    if language not in RIGHT_TO_LEFT:
        return Markup(escape(text))
    out: list[Markup] = []
    pos = 0
    for m in _LATIN_SYMBOL.finditer(text):
        out.append(escape(text[pos:m.start()]))
        out.append(Markup('<bdi dir="ltr">{}</bdi>').format(m.group()))
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def snippet_html(parts: list[dict[str, Any]] | str | None,
                 language: str | None = None) -> Markup:
    """Snippet parts `[{text, hit}]`, or a whole text, as HTML in the record's `language`: hits
    in `<mark>`, everything escaped, Latin symbols isolated in right-to-left text."""
    if not parts:
        return Markup("")
    if isinstance(parts, str):
        return isolated_text(parts, language)
    out = []
    for part in parts:
        text = isolated_text(part.get("text") or "", language)
        out.append(Markup("<mark>{}</mark>").format(text) if part.get("hit") else text)
    return Markup("").join(out)


def _minutes(hhmm: str | None) -> int | None:
    if not hhmm or not re.match(r"^\d{1,2}:\d{2}$", hhmm):
        return None
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def timeline_view(timeline: dict[str, Any] | None) -> dict[str, Any] | None:
    """Segments with durations in minutes (times may cross midnight) for the timeline bar."""
    if not timeline or not timeline.get("segments"):
        return None
    segments = []
    prev = _minutes(timeline.get("start")) or _minutes(timeline["segments"][0].get("from"))
    if prev is None:
        return None
    origin = prev
    for seg in timeline["segments"]:
        start, end = _minutes(seg.get("from")), _minutes(seg.get("to"))
        if start is None or end is None:
            return None
        while start < prev:
            start += 1440
        while end < start:
            end += 1440
        prev = end
        segments.append(dict(seg, minutes=end - start, offset=start - origin))
    total = prev - origin
    if total <= 0:
        return None
    closed = [e for e in timeline.get("events") or [] if e.get("kind") == "closed"]
    return {"start": timeline.get("start") or segments[0]["from"],
            "end": timeline.get("end") or segments[-1]["to"], "segments": segments,
            "total": total, "closed": closed[-1] if closed else None,
            "sitting": sum(s["minutes"] for s in segments if s.get("kind") == "sitting")}


def duration(minutes: int) -> str:
    """`95` -> `1 h 35 min`."""
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return f"{hours} h {rest:02d} min"
    return f"{hours} h" if hours else f"{rest} min"


def place_events(record: dict[str, Any]) -> dict[str, Any]:
    """Procedural events by position: `before` the first paragraph, `after[number]`, `rest`."""
    numbers = {p.get("number") for it in record.get("items") or []
               for p in it.get("paragraphs") or [] if p.get("number")}
    placed: dict[str, Any] = {"before": [], "after": {}, "rest": []}
    for event in record.get("events") or []:
        where = event.get("after_paragraph")
        if where in numbers:
            placed["after"].setdefault(where, []).append(event)
        elif where is None and event.get("kind") == "opened":
            placed["before"].append(event)
        else:
            placed["rest"].append(event)
    return placed


EVENT_TEXT = {"opened": "The meeting opened", "suspended": "The meeting was suspended",
              "resumed": "The meeting resumed", "closed": "The meeting rose"}


def meeting_heading(meeting: dict[str, Any]) -> str:
    """A one-line name for a meeting: its title, else session and number, else its symbol,
    else (a record without a header) the file it was read from; never a bare "Meeting"."""
    if meeting.get("title"):
        return str(meeting["title"])
    parts = [meeting.get("session"), f"meeting {meeting['number']}" if meeting.get("number")
             else None]
    named = " · ".join(str(p) for p in parts if p)
    source = meeting.get("source")
    if isinstance(source, dict):
        source = source.get("name")
    return named or str(meeting.get("symbol") or meeting.get("label") or source
                        or f"Meeting {meeting.get('id', '')}")
