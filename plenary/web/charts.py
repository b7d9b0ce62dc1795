"""Plotly figures as plain JSON dicts, built server-side and drawn by a tiny init script.

Hand-made figure JSON (the `data` / `layout` shape plotly.js reads) keeps page rendering fast;
every chart's numbers are also in a table on the same page, so the charts are an extra.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

_FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12}
_COLORS = {"speaker": "#1f5f99", "supporter": "#7fb3d5", "mention": "#8a8f98",
           "adopted": "#2e7d32", "approved": "#388e3c", "noted": "#5c6bc0",
           "decided": "#00838f", "elected": "#6a1b9a", "postponed": "#ef6c00",
           "not-adopted": "#c62828", "withdrawn": "#757575"}

CONFIG = {"displaylogo": False, "responsive": True,
          "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"]}


def plain(value: Any) -> str:
    """Text for a plotly label: plotly reads a few HTML tags in labels, so escape them."""
    return escape(str(value if value is not None else ""), quote=False)


def _layout(**extra: Any) -> dict[str, Any]:
    layout = {"font": _FONT, "margin": {"l": 48, "r": 16, "t": 24, "b": 64},
              "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
              "legend": {"orientation": "h", "y": -0.25}, "height": 320}
    layout.update(extra)
    return layout


def activity_figure(activity: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Stacked bars: a delegation's speeches and supports per meeting."""
    if not activity:
        return None
    x = [f"{a.get('date') or '?'} #{a.get('meeting_id')}" for a in activity]
    titles = [plain(a.get("title")) for a in activity]
    data = [
        {"type": "bar", "name": role, "x": x, "y": [a.get(role, 0) for a in activity],
         "text": titles, "textposition": "none",
         "hovertemplate": "%{text}<br>%{y} as " + role + "<extra></extra>",
         "marker": {"color": _COLORS[role]}}
        for role in ("speaker", "supporter")
    ]
    layout = _layout(barmode="stack", xaxis={"type": "category", "automargin": True},
                     yaxis={"title": {"text": "interventions"}, "rangemode": "tozero",
                            "dtick": 1 if max(_total(a) for a in activity) <= 10 else None})
    return {"data": data, "layout": layout}


def _total(a: dict[str, Any]) -> int:
    return int(a.get("speaker", 0)) + int(a.get("supporter", 0))


def text_figure(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A text's life: one marker per mention or outcome, by meeting date and kind."""
    if not events:
        return None
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        kind = (e.get("outcome") or {}).get("kind") if e.get("type") == "outcome" else "mention"
        by_kind.setdefault(kind or "outcome", []).append(e)
    data = []
    for kind, rows in by_kind.items():
        data.append({
            "type": "scatter", "mode": "markers", "name": kind,
            "x": [f"{(r.get('meeting') or {}).get('date') or '?'} "
                  f"#{(r.get('meeting') or {}).get('id')}" for r in rows],
            "y": [kind for _ in rows],
            "text": [plain(f"¶ {r.get('number') or ''}") for r in rows],
            "hovertemplate": "%{x} %{text}<extra>" + kind + "</extra>",
            "marker": {"size": 12, "color": _COLORS.get(kind, "#444")},
        })
    layout = _layout(height=220, showlegend=False,
                     xaxis={"type": "category", "automargin": True},
                     yaxis={"type": "category", "automargin": True})
    return {"data": data, "layout": layout}


def network_figure(pairs: list[dict[str, Any]], top: int = 25,
                   names: dict[str, str] | None = None) -> dict[str, Any] | None:
    """A bubble matrix of who supports whom among the `top` most involved countries."""
    if not pairs:
        return None
    involvement: Counter[str] = Counter()
    for p in pairs:
        involvement[p["supporter"]] += p["count"]
        involvement[p["supported"]] += p["count"]
    codes = [c for c, _ in involvement.most_common(top)]
    keep = [p for p in pairs if p["supporter"] in codes and p["supported"] in codes]
    if not keep:
        return None
    label = {c: plain((names or {}).get(c, c)) for c in codes}
    biggest = max(p["count"] for p in keep)
    data = [{
        "type": "scatter", "mode": "markers",
        "x": [label[p["supported"]] for p in keep], "y": [label[p["supporter"]] for p in keep],
        "customdata": [p["count"] for p in keep],
        "marker": {"size": [8 + 22 * (p["count"] / biggest) ** 0.5 for p in keep],
                   "color": [p["count"] for p in keep], "showscale": False,
                   "colorscale": [[0, "#9cc7ee"], [1, "#12324f"]], "line": {"width": 0}},
        "hovertemplate": "%{y} supported %{x}: %{customdata}<extra></extra>",
    }]
    order = [label[c] for c in sorted(codes, key=lambda c: label[c])]
    axis = {"type": "category", "categoryorder": "array", "categoryarray": order,
            "automargin": True, "gridcolor": "#eef1f4"}
    layout = _layout(height=max(320, 22 * len(codes) + 140), showlegend=False,
                     xaxis=dict(axis, title={"text": "supported"}, tickangle=-45),
                     yaxis=dict(axis, title={"text": "supporter"}, autorange="reversed"),
                     margin={"l": 48, "r": 16, "t": 24, "b": 48})
    return {"data": data, "layout": layout}
