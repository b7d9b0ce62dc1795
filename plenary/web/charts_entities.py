"""The charts of the entity pages: a delegation's interventions per session, a text's timeline.

Figures are plain plotly JSON dicts (see `charts`), legible from 375 px phones up: legends sit
above the plot, axis labels are short (a version's "Rev. Dubai, 2018", not the whole label), and
steps that fall on the same meeting and version are drawn as one marker carrying their count
rather than markers hidden behind one another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import charts
from .charts import _COLORS, _layout, plain

UNKNOWN_SESSION = "unknown session"
_LEGEND_ON_TOP = {"orientation": "h", "x": 0, "y": 1.02, "xanchor": "left", "yanchor": "bottom"}
_VERSION = re.compile(r"\((?P<version>[^()]*)\)\s*$")
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_MENTION = "mention"


def sessions_figure(sessions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Stacked bars: a delegation's interventions per session, as speaker and as supporter."""
    if not sessions:
        return None
    x = [plain(s.get("session") or UNKNOWN_SESSION) for s in sessions]
    data = [
        {"type": "bar", "name": f"as {role}", "x": x, "y": [s.get(role, 0) for s in sessions],
         "hovertemplate": "%{x}<br>%{y} as " + role + "<extra></extra>",
         "marker": {"color": _COLORS[role]}}
        for role in ("speaker", "supporter")
    ]
    layout = _layout(barmode="stack", height=260, legend=_LEGEND_ON_TOP,
                     margin={"l": 44, "r": 8, "t": 36, "b": 40},
                     xaxis={"type": "category", "automargin": True},
                     yaxis={"title": {"text": "interventions"}, "rangemode": "tozero",
                            "automargin": True})
    return {"data": data, "layout": layout}


def activity_figure(activity: list[dict[str, Any]]) -> dict[str, Any] | None:
    """`charts.activity_figure` (a delegation's interventions per meeting) with its legend
    above the plot, clear of the slanted meeting labels on a phone."""
    fig = charts.activity_figure(activity)
    if fig:
        fig["layout"].update(legend=_LEGEND_ON_TOP,
                             margin={"l": 44, "r": 8, "t": 36, "b": 40})
        fig["layout"]["yaxis"]["automargin"] = True
    return fig


@dataclass
class _Mark:
    """The steps of one kind that fall on one meeting and one version of the text."""

    meeting: int  # the meeting's place on the time line (0 = the earliest)
    version: str
    kind: str
    steps: list[str] = field(default_factory=list)


def short_version(label: str) -> str:
    """The axis name of a version: "Resolution 130 (Rev. Dubai, 2018)" -> "Rev. Dubai, 2018"."""
    found = _VERSION.search(label)
    return found.group("version").strip() if found else label


def _kind(event: dict[str, Any]) -> str:
    if event.get("type") == "outcome":
        return (event.get("outcome") or {}).get("kind") or "outcome"
    return _MENTION


def _versions(event: dict[str, Any]) -> list[str]:
    """The versions a step names (a paragraph may print two: "Rev. Busan" and "Rev. Dubai")."""
    labels = event.get("labels") or ((event.get("outcome") or {}).get("objects") or [])[:1]
    return [str(label) for label in labels] or [str(event.get("session") or "mentioned")]


def _year(version: str) -> int:
    found = _YEAR.search(version)
    return int(found.group()) if found else 0


def _meeting_key(event: dict[str, Any]) -> tuple[str, int]:
    """A meeting's place on the time line: its date, then its id (undated meetings last)."""
    meeting = event.get("meeting") or {}
    return (str(meeting.get("date") or "9999"), int(meeting.get("id") or 0))


def _meeting_tick(event: dict[str, Any]) -> str:
    meeting = event.get("meeting") or {}
    when = meeting.get("date") or event.get("session") or "undated"
    name = meeting.get("symbol") or f"meeting {meeting.get('id')}"
    return f"{plain(when)}<br>{plain(name)}"


def _step_text(event: dict[str, Any]) -> str:
    meeting = event.get("meeting") or {}
    where = meeting.get("symbol") or meeting.get("title") or f"meeting {meeting.get('id')}"
    number = f" ¶ {event['number']}" if event.get("number") else ""
    return plain(f"{where}{number}")


def _marks(events: list[dict[str, Any]]) -> tuple[list[_Mark], list[str]]:
    """The markers (steps grouped by meeting, version and kind) and the meetings' tick labels,
    in time order."""
    ticks = {_meeting_key(e): _meeting_tick(e) for e in events}
    order = {key: i for i, key in enumerate(sorted(ticks))}
    marks: dict[tuple[int, str, str], _Mark] = {}
    for e in events:
        for version in dict.fromkeys(_versions(e)):
            key = (order[_meeting_key(e)], version, _kind(e))
            marks.setdefault(key, _Mark(*key)).steps.append(_step_text(e))
    return list(marks.values()), [ticks[key] for key in sorted(ticks)]


def _ordered_versions(marks: list[_Mark]) -> list[str]:
    """Versions bottom to top in the order they first appear in time (then by their year)."""
    first: dict[str, int] = {}
    for m in sorted(marks, key=lambda m: m.meeting):
        first.setdefault(m.version, m.meeting)
    return sorted(first, key=lambda v: (first[v], _year(v), v))


def text_timeline_figure(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A text's history on a time line: meetings (by date) across, its versions up the side, one
    marker per kind of step (mention, adopted, postponed...) and meeting, sized and labelled by
    how many paragraphs it stands for; kinds sharing a meeting sit side by side."""
    if not events:
        return None
    marks, ticks = _marks(events)
    versions = _ordered_versions(marks)
    kinds = list(dict.fromkeys(m.kind for m in marks))
    spread = 0.6 / max(len(kinds), 1)
    data = []
    for i, kind in enumerate(kinds):
        rows = [m for m in marks if m.kind == kind]
        offset = (i - (len(kinds) - 1) / 2) * spread
        data.append({
            "type": "scatter", "mode": "markers+text", "name": kind,
            "x": [m.meeting + offset for m in rows],
            "y": [versions.index(m.version) for m in rows],
            "text": [str(len(m.steps)) if len(m.steps) > 1 else "" for m in rows],
            "textposition": "top center", "textfont": {"size": 11},
            "customdata": [[ticks[m.meeting], plain(m.version), "<br>".join(m.steps[:8])
                            + ("<br>…" if len(m.steps) > 8 else "")] for m in rows],
            "hovertemplate": "%{customdata[0]}<br>%{customdata[1]}<br>%{customdata[2]}"
                             "<extra>" + plain(kind) + "</extra>",
            "marker": {"size": [min(10 + 2 * len(m.steps), 20) for m in rows],
                       "color": _COLORS.get(kind, "#444"), "opacity": 1,
                       "symbol": "circle-open" if kind == _MENTION else "diamond",
                       "line": {"width": 2 if kind == _MENTION else 0,
                                "color": _COLORS.get(kind, "#444")}},
        })
    layout = _layout(
        height=170 + 50 * len(versions), showlegend=True, legend=_LEGEND_ON_TOP,
        margin={"l": 8, "r": 16, "t": 40, "b": 48},
        xaxis={"tickmode": "array", "tickvals": list(range(len(ticks))), "ticktext": ticks,
               "range": [-0.6, len(ticks) - 0.4], "automargin": True, "zeroline": False,
               "showgrid": True, "fixedrange": True},
        yaxis={"tickmode": "array", "tickvals": list(range(len(versions))),
               "ticktext": [plain(short_version(v)) for v in versions],
               "range": [-0.6, len(versions) - 0.4], "automargin": True, "zeroline": False,
               "fixedrange": True})
    return {"data": data, "layout": layout}
