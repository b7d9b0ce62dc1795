"""The network as an SVG image, drawn server-side from the same layout as the page's graph.

Built with ElementTree (always well-formed, every label escaped); no plotting library.
Edges are arrows coloured by relation (width: weight); nodes are shaped by kind and coloured
by community; a legend names the relations, the kinds and the community method.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any

from .charts import (
    KIND_SYMBOLS,
    RELATION_COLORS,
    community_color,
    edge_width,
    node_size,
    short_label,
)

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH, HEIGHT, PLOT = 1000, 860, 700  # the graph fills a PLOT x PLOT square under the title
MARGIN = 60
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def to_canvas(x: float, y: float) -> tuple[float, float]:
    """Layout coordinates in [-1, 1] to pixels (y up in the layout, down in SVG)."""
    half = PLOT / 2
    return (round(MARGIN + half + x * half, 1), round(MARGIN + 30 + half - y * half, 1))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v)
                                     for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _markers(defs: ET.Element) -> None:
    for relation, color in RELATION_COLORS.items():
        marker = _sub(defs, "marker", id=f"arrow-{relation}", viewBox="0 0 10 10", refX="10",
                      refY="5", markerWidth="6", markerHeight="6", orient="auto-start-reverse",
                      markerUnits="userSpaceOnUse")
        _sub(marker, "path", d="M 0 0 L 10 5 L 0 10 z", fill=color)


def node_shape(parent: ET.Element, kind: str, x: float, y: float, r: float,
               fill: str) -> ET.Element:
    """A circle, square, diamond or triangle (as `KIND_SYMBOLS`) centred on (x, y)."""
    symbol = KIND_SYMBOLS.get(kind, "circle")
    style = {"fill": fill, "stroke": "#ffffff", "stroke_width": "1.5"}
    if symbol == "square":
        return _sub(parent, "rect", x=round(x - r, 1), y=round(y - r, 1), width=round(2 * r, 1),
                    height=round(2 * r, 1), **style)
    if symbol == "diamond":
        pts = [(x, y - r * 1.2), (x + r * 1.2, y), (x, y + r * 1.2), (x - r * 1.2, y)]
    elif symbol == "triangle-up":
        pts = [(x, y - r * 1.2), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
    else:
        return _sub(parent, "circle", cx=x, cy=y, r=round(r, 1), **style)
    return _sub(parent, "polygon", points=" ".join(f"{px:.1f},{py:.1f}" for px, py in pts),
                **style)


def _edge(parent: ET.Element, e: dict[str, Any], pos: dict[str, tuple[float, float]],
          radius: dict[str, float], labels: dict[str, str]) -> None:
    (x0, y0), (x1, y1) = to_canvas(*pos[e["source"]]), to_canvas(*pos[e["target"]])
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    cut = min(radius[e["target"]] + 2, length / 2)
    x1, y1 = x1 - (x1 - x0) * cut / length, y1 - (y1 - y0) * cut / length
    line = _sub(parent, "line", x1=x0, y1=y0, x2=round(x1, 1), y2=round(y1, 1),
                stroke=RELATION_COLORS[e["relation"]], stroke_width=edge_width(e["weight"]),
                stroke_opacity="0.6", marker_end=f"url(#arrow-{e['relation']})")
    _sub(line, "title", f"{labels[e['source']]} {e['relation']} {labels[e['target']]}: "
                        f"weight {e['weight']}")


def _node(parent: ET.Element, n: dict[str, Any], pos: dict[str, tuple[float, float]],
          r: float) -> None:
    x, y = to_canvas(*pos[n["id"]])
    group = _sub(parent, "g")
    _sub(group, "title", f"{n['label']} ({n['kind']}), weight {n.get('weight', 0)}")
    node_shape(group, n["kind"], x, y, r, community_color(n.get("community")))
    _sub(group, "text", short_label(n), x=x, y=round(y - r - 3, 1), text_anchor="middle",
         font_size="11", fill="#1b1f24")


def _legend(parent: ET.Element, data: dict[str, Any]) -> None:
    x0, y = MARGIN + PLOT + 20, MARGIN + 50
    _sub(parent, "text", "Edges (width: paragraphs)", x=x0, y=y, font_weight="bold",
         font_size="12")
    for relation, color in RELATION_COLORS.items():
        y += 20
        _sub(parent, "line", x1=x0, y1=y - 4, x2=x0 + 28, y2=y - 4, stroke=color,
             stroke_width="3", marker_end=f"url(#arrow-{relation})")
        _sub(parent, "text", relation, x=x0 + 36, y=y, font_size="12")
    y += 34
    _sub(parent, "text", "Nodes (size: weight)", x=x0, y=y, font_weight="bold", font_size="12")
    for kind in KIND_SYMBOLS:
        y += 22
        node_shape(parent, kind, x0 + 8, y - 4, 6, "#6b7480")
        _sub(parent, "text", kind, x=x0 + 36, y=y, font_size="12")
    y += 34
    _sub(parent, "text", "Colour: community", x=x0, y=y, font_weight="bold", font_size="12")
    for g in data["communities"]["groups"][:10]:
        y += 20
        _sub(parent, "rect", x=x0, y=y - 10, width="12", height="12",
             fill=community_color(g["id"]))
        _sub(parent, "text", f"{g['id'] + 1}: {len(g['members'])} members", x=x0 + 36, y=y,
             font_size="12")


def network_svg(data: dict[str, Any], pos: dict[str, tuple[float, float]],
                title: str = "Network") -> bytes:
    """The SVG document (UTF-8 bytes, with an XML declaration)."""
    svg = ET.Element("svg", {"xmlns": SVG_NS, "width": str(WIDTH), "height": str(HEIGHT),
                             "viewBox": f"0 0 {WIDTH} {HEIGHT}", "font-family": FONT,
                             "role": "img"})
    _sub(svg, "title", title)
    _sub(svg, "rect", x="0", y="0", width=WIDTH, height=HEIGHT, fill="#ffffff")
    _markers(_sub(svg, "defs"))
    _sub(svg, "text", title, x=MARGIN, y=40, font_size="20", font_weight="bold",
         fill="#1b1f24")
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    radius = {n["id"]: node_size(n.get("centrality", {}).get("strength", 0)) / 2
              for n in data["nodes"]}
    edges = _sub(svg, "g", id="edges")
    for e in sorted(data["edges"], key=lambda e: e["weight"]):
        _edge(edges, e, pos, radius, labels)
    nodes = _sub(svg, "g", id="nodes")
    for n in data["nodes"]:
        _node(nodes, n, pos, radius[n["id"]])
    _legend(svg, data)
    method = data["communities"]["method"]
    _sub(svg, "text", "Communities: " + method, x=MARGIN, y=HEIGHT - 20, font_size="10",
         fill="#5b636d")
    if not data["edges"]:
        _sub(svg, "text", "No relation recorded for these filters.", x=MARGIN, y=120,
             font_size="14")
    return ET.tostring(svg, encoding="utf-8", xml_declaration=True)
