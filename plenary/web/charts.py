"""Plotly figures as plain JSON dicts, built server-side and drawn by a tiny init script.

Hand-made figure JSON (the `data` / `layout` shape plotly.js reads) keeps page rendering fast;
every chart's numbers are also in a table on the same page, so the charts are an extra.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

_FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12}
_COLORS = {"speaker": "#1f5f99", "supporter": "#7fb3d5", "opposer": "#c0504d", "mention": "#8a8f98",
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
    x = [f"{a.get('date') or a.get('label') or 'undated'} #{a.get('meeting_id')}"
         for a in activity]
    titles = [plain(a.get("title") or a.get("label")) for a in activity]
    roles = ["speaker", "supporter"] + (["opposer"] if any(a.get("opposer") for a in activity)
                                        else [])
    data = [
        {"type": "bar", "name": role, "x": x, "y": [a.get(role, 0) for a in activity],
         "text": titles, "textposition": "none",
         "hovertemplate": "%{text}<br>%{y} as " + role + "<extra></extra>",
         "marker": {"color": _COLORS[role]}}
        for role in roles
    ]
    layout = _layout(barmode="stack", xaxis={"type": "category", "automargin": True},
                     yaxis={"title": {"text": "interventions"}, "rangemode": "tozero",
                            "dtick": 1 if max(_total(a) for a in activity) <= 10 else None})
    return {"data": data, "layout": layout}


def _total(a: dict[str, Any]) -> int:
    return sum(int(a.get(role, 0)) for role in ("speaker", "supporter", "opposer"))


# --- the network ------------------------------------------------------------------------

RELATION_COLORS = {"supported": "#2e7d32", "on-behalf-of": "#1f5f99", "co-sponsor": "#8e44ad",
                   "opposed": "#c62828"}
RELATION_VERBS = {"supported": "supported", "on-behalf-of": "spoke on behalf of",
                  "co-sponsor": "listed as co-sponsor", "opposed": "opposed"}
KIND_SYMBOLS = {"country": "circle", "group": "square", "organization": "diamond",
                "unit": "triangle-up"}
COMMUNITY_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                    "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]
NO_COMMUNITY = "#b0b7c0"


def community_color(community: int | None) -> str:
    """The colour of a community (the palette repeats after ten; none: grey)."""
    return NO_COMMUNITY if community is None else COMMUNITY_COLORS[community % 10]


def edge_width(weight: int) -> float:
    return round(1.0 + 1.6 * (weight - 1) ** 0.5, 2)


def node_size(strength: int) -> float:
    return round(10 + 4 * strength ** 0.5, 1)


def short_label(node: dict[str, Any]) -> str:
    """What is printed beside a node: a country's code, another node's label when short."""
    if node["kind"] == "country" or len(node["label"]) > 16:
        return node["id"]
    return node["label"]


def edge_sentence(edge: dict[str, Any], labels: dict[str, str]) -> str:
    n = edge["weight"]
    return (f"{labels.get(edge['source'], edge['source'])} {RELATION_VERBS[edge['relation']]} "
            f"{labels.get(edge['target'], edge['target'])}: {n} paragraph{'s' * (n != 1)}, "
            f"{edge['meetings']} meeting{'s' * (edge['meetings'] != 1)}")


def _edge_traces(edges: list[dict[str, Any]], pos: dict[str, tuple[float, float]],
                 labels: dict[str, str]) -> list[dict[str, Any]]:
    """Per relation: lines (one trace per width, legend once) and a hover point mid-edge."""
    traces: list[dict[str, Any]] = []
    for relation, color in RELATION_COLORS.items():
        mine = [e for e in edges if e["relation"] == relation]
        if not mine:
            continue
        by_width: dict[float, list[dict[str, Any]]] = {}
        for e in mine:
            by_width.setdefault(edge_width(e["weight"]), []).append(e)
        for n, (width, group) in enumerate(sorted(by_width.items())):
            xs: list[float | None] = []
            ys: list[float | None] = []
            for e in group:
                (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
                xs += [x0, x1, None]
                ys += [y0, y1, None]
            traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys,
                           "name": relation, "legendgroup": relation, "showlegend": n == 0,
                           "hoverinfo": "skip", "line": {"color": color, "width": width},
                           "opacity": 0.55})
        traces.append({
            "type": "scatter", "mode": "markers", "legendgroup": relation, "showlegend": False,
            "x": [(pos[e["source"]][0] + pos[e["target"]][0]) / 2 for e in mine],
            "y": [(pos[e["source"]][1] + pos[e["target"]][1]) / 2 for e in mine],
            "text": [plain(edge_sentence(e, labels)) for e in mine],
            "hovertemplate": "%{text}<extra></extra>", "name": relation,
            "marker": {"size": 8, "color": color, "opacity": 0}})  # hover only
    return traces


def _node_traces(nodes: list[dict[str, Any]], pos: dict[str, tuple[float, float]]
                 ) -> list[dict[str, Any]]:
    """One trace per node kind (its own marker symbol), coloured by community."""
    traces = []
    for kind, symbol in KIND_SYMBOLS.items():
        mine = [n for n in nodes if n["kind"] == kind]
        if not mine:
            continue
        traces.append({  # the legend's entry: the kind's symbol in grey (colour = community)
            "type": "scatter", "mode": "markers", "name": kind, "x": [None], "y": [None],
            "legendgroup": kind, "hoverinfo": "skip",
            "marker": {"symbol": symbol, "size": 11, "color": NO_COMMUNITY}})
        traces.append({
            "type": "scatter", "mode": "markers+text", "name": kind, "legendgroup": kind,
            "showlegend": False,
            "x": [pos[n["id"]][0] for n in mine], "y": [pos[n["id"]][1] for n in mine],
            "text": [plain(short_label(n)) for n in mine], "textposition": "top center",
            "textfont": {"size": 10},
            "customdata": [[plain(n["label"]), n["centrality"].get("strength", 0),
                            "–" if n.get("community") is None else n["community"] + 1]
                           for n in mine],
            "hovertemplate": "%{customdata[0]}<br>weight %{customdata[1]}"
                             "<br>community %{customdata[2]}<extra>" + kind + "</extra>",
            "marker": {"symbol": symbol, "line": {"width": 1, "color": "#ffffff"},
                       "size": [node_size(n["centrality"].get("strength", 0)) for n in mine],
                       "color": [community_color(n.get("community")) for n in mine]},
        })
    return traces


MAX_ARROWS = 400


def _arrows(data: dict[str, Any], pos: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """An arrowhead at the target end of each edge (up to `MAX_ARROWS`, heaviest first)."""
    size = {n["id"]: node_size(n["centrality"].get("strength", 0)) for n in data["nodes"]}
    return [{"x": pos[e["target"]][0], "y": pos[e["target"]][1], "ax": pos[e["source"]][0],
             "ay": pos[e["source"]][1], "xref": "x", "yref": "y", "axref": "x", "ayref": "y",
             "text": "", "showarrow": True, "arrowhead": 2, "arrowsize": 1,
             "arrowwidth": 1, "arrowcolor": RELATION_COLORS[e["relation"]], "opacity": 0.7,
             "standoff": size[e["target"]] / 2 + 1}
            for e in data["edges"][:MAX_ARROWS]]


def network_graph_figure(data: dict[str, Any], pos: dict[str, tuple[float, float]]
                         ) -> dict[str, Any] | None:
    """The force-directed graph: edges coloured by relation (width: weight), nodes by
    community (symbol: kind, size: weight), labels beside the nodes."""
    if not data["edges"]:
        return None
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    # The layout spans [-1, 1] on both axes; stretched to the plot's width (no equal
    # scaling), the graph uses the whole of a wide plot and its labels overlap less.
    axis = {"visible": False, "range": [-1.12, 1.12], "fixedrange": False}
    layout = _layout(height=600, hovermode="closest", xaxis=axis, yaxis=axis,
                     margin={"l": 8, "r": 8, "t": 8, "b": 8},
                     legend={"orientation": "h", "y": -0.02, "title": {"text": "Edges, nodes:"}})
    layout["annotations"] = _arrows(data, pos)
    return {"data": _edge_traces(data["edges"], pos, labels) + _node_traces(data["nodes"], pos),
            "layout": layout}


def network_matrix_figure(data: dict[str, Any], top: int = 25) -> dict[str, Any] | None:
    """A bubble matrix, actor x acted for, of the `top` heaviest nodes (all relations)."""
    nodes = data["nodes"][:top]
    keep_ids = {n["id"] for n in nodes}
    cells: Counter[tuple[str, str]] = Counter()
    for e in data["edges"]:
        if e["source"] in keep_ids and e["target"] in keep_ids:
            cells[(e["source"], e["target"])] += e["weight"]
    if not cells:
        return None
    label = {n["id"]: plain(short_label(n)) for n in nodes}
    keep = sorted(cells.items())
    biggest = max(cells.values())
    data_trace = [{
        "type": "scatter", "mode": "markers",
        "x": [label[t] for (_, t), _ in keep], "y": [label[s] for (s, _), _ in keep],
        "customdata": [n for _, n in keep],
        "marker": {"size": [8 + 22 * (n / biggest) ** 0.5 for _, n in keep],
                   "color": [n for _, n in keep], "showscale": False,
                   "colorscale": [[0, "#9cc7ee"], [1, "#12324f"]], "line": {"width": 0}},
        "hovertemplate": "%{y} \u2192 %{x}: %{customdata} paragraphs<extra></extra>",
    }]
    order = sorted(label.values())
    axis = {"type": "category", "categoryorder": "array", "categoryarray": order,
            "automargin": True, "gridcolor": "#eef1f4"}
    layout = _layout(height=max(320, 22 * len(nodes) + 140), showlegend=False,
                     xaxis=dict(axis, title={"text": "acted for (target)"}, tickangle=-45),
                     yaxis=dict(axis, title={"text": "actor (source)"}, autorange="reversed"),
                     margin={"l": 48, "r": 16, "t": 24, "b": 48})
    return {"data": data_trace, "layout": layout}

