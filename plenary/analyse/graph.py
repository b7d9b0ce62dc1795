"""Graph measures of the network with networkx: centrality, communities, GraphML, CSV, layout.

Everything here works on the plain `{"nodes", "edges"}` data of `network.py`:

- centrality per node: `degree` (networkx `degree_centrality` on the undirected graph: the share
  of the other nodes it is linked to), `betweenness` (networkx `betweenness_centrality`,
  unweighted, normalised), `strength` (the sum of the weights of its edges), `in` / `out`
  (weights of the edges towards it / from it);
- communities: networkx `louvain_communities` (modularity, resolution 1, seed 0) on the
  undirected graph of the cooperative relations (`opposed` edges are left out: opposing someone
  does not put you in its bloc), with edge weights summed over relations and directions;
- the layout of the drawn graph: networkx `spring_layout` (Fruchterman-Reingold) with a fixed
  seed, so that the page, the image and a reload agree.
"""

from __future__ import annotations

import csv
import io
import math
from functools import lru_cache
from typing import Any

import networkx as nx

COMMUNITY_METHOD = ("Louvain modularity (networkx louvain_communities, resolution 1, seed 0) "
                    "on the undirected graph of supported, on-behalf-of and co-sponsor edges, "
                    "weights summed")
CENTRALITY_METHODS = {
    "degree": "networkx degree_centrality on the undirected graph (share of other nodes linked)",
    "betweenness": "networkx betweenness_centrality, unweighted, normalised",
    "strength": "sum of the weights (paragraphs) of the node's edges",
    "in": "weights of the edges pointing to the node",
    "out": "weights of the edges leaving the node",
}
NOT_COOPERATIVE = frozenset({"opposed"})
LAYOUT_SEED = 7
GRAVITY = 0.05  # the weight of each node's tie to the hidden hub of the layout
EDGE_CSV_COLUMNS = ["source", "source_label", "target", "target_label", "relation", "weight",
                    "meetings", "evidence"]


def multigraph(data: dict[str, Any]) -> nx.MultiDiGraph:
    """The network as a networkx multigraph: one edge per (source, target, relation)."""
    g = nx.MultiDiGraph()
    for n in data["nodes"]:
        g.add_node(n["id"], kind=n["kind"], label=n["label"])
    for e in data["edges"]:
        g.add_edge(e["source"], e["target"], key=e["relation"], relation=e["relation"],
                   weight=e["weight"], meetings=e["meetings"])
    return g


def undirected(data: dict[str, Any], skip: frozenset[str] = frozenset()) -> nx.Graph:
    """One undirected edge per linked pair, its weight summed over relations and directions."""
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in data["nodes"])
    for e in data["edges"]:
        if e["relation"] in skip:
            continue
        a, b = e["source"], e["target"]
        previous = g.get_edge_data(a, b, default={"weight": 0})["weight"]
        g.add_edge(a, b, weight=previous + e["weight"])
    return g


def centrality(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Each node's centrality measures (`CENTRALITY_METHODS`), by node id."""
    g = undirected(data)
    degree = nx.degree_centrality(g) if len(g) > 1 else dict.fromkeys(g, 0.0)
    between = nx.betweenness_centrality(g, normalized=True) if len(g) > 2 else \
        dict.fromkeys(g, 0.0)
    inward: dict[str, int] = dict.fromkeys(g, 0)
    outward: dict[str, int] = dict.fromkeys(g, 0)
    for e in data["edges"]:
        outward[e["source"]] += e["weight"]
        inward[e["target"]] += e["weight"]
    return {n: {"degree": round(degree[n], 4), "betweenness": round(between[n], 4),
                "strength": inward[n] + outward[n], "in": inward[n], "out": outward[n]}
            for n in g}


def communities(data: dict[str, Any]) -> dict[str, Any]:
    """`{"method", "modularity", "groups": [{"id", "members"}]}`, biggest group first."""
    g = undirected(data, skip=NOT_COOPERATIVE)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if g.number_of_edges() == 0:
        return {"method": COMMUNITY_METHOD, "modularity": None, "groups": []}
    found = nx.community.louvain_communities(g, weight="weight", resolution=1, seed=0)
    score = nx.community.modularity(g, found, weight="weight")
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c))
    return {"method": COMMUNITY_METHOD, "modularity": round(score, 4),
            "groups": [{"id": i, "members": c} for i, c in enumerate(ordered)]}


def analyse_graph(data: dict[str, Any]) -> dict[str, Any]:
    """The data with `centrality` and `community` on every node, and `communities`."""
    measures = centrality(data)
    groups = communities(data)
    member_of = {m: g["id"] for g in groups["groups"] for m in g["members"]}
    nodes = [dict(n, centrality=measures.get(n["id"], {}), community=member_of.get(n["id"]))
             for n in data["nodes"]]
    return {**data, "nodes": nodes, "communities": groups,
            "centrality": {"methods": CENTRALITY_METHODS}}


# --- exports ------------------------------------------------------------------------------

def evidence_text(edge: dict[str, Any]) -> str:
    """`meeting:paragraph` for each paragraph behind an edge, `;`-separated."""
    return ";".join(f"{p['meeting']}:{p['number'] or '#' + str(p['position'])}"
                    for p in edge["evidence"])


def graphml_bytes(data: dict[str, Any]) -> bytes:
    """The network as GraphML (networkx `write_graphml`), measures and evidence included."""
    g = multigraph(data)
    for n in data["nodes"]:
        attrs = g.nodes[n["id"]]
        attrs["weight"] = n.get("weight", 0)
        attrs["community"] = -1 if n.get("community") is None else n["community"]
        for name, value in (n.get("centrality") or {}).items():
            attrs[f"centrality_{name}"] = float(value)
    for e in data["edges"]:
        g.edges[e["source"], e["target"], e["relation"]]["evidence"] = evidence_text(e)
    out = io.BytesIO()
    nx.write_graphml(g, out, encoding="utf-8")
    return out.getvalue()


def edges_csv(data: dict[str, Any]) -> str:
    """One CSV row per edge (`EDGE_CSV_COLUMNS`), evidence as `meeting:paragraph;...`."""
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EDGE_CSV_COLUMNS)
    for e in data["edges"]:
        writer.writerow([e["source"], labels.get(e["source"], ""), e["target"],
                         labels.get(e["target"], ""), e["relation"], e["weight"],
                         e["meetings"], evidence_text(e)])
    return out.getvalue()


# --- layout -------------------------------------------------------------------------------

def layout(data: dict[str, Any], iterations: int = 60) -> dict[str, tuple[float, float]]:
    """Node positions in [-1, 1]², force-directed, the same for the same network."""
    ids = tuple(n["id"] for n in data["nodes"])
    g = undirected(data)
    pairs = tuple(sorted((a, b, d["weight"]) for a, b, d in g.edges(data=True)))
    return dict(zip(ids, _layout(ids, pairs, iterations), strict=True))


@lru_cache(maxsize=32)
def _layout(ids: tuple[str, ...], pairs: tuple[tuple[str, str, int], ...],
            iterations: int) -> tuple[tuple[float, float], ...]:
    """networkx's spring layout (Fruchterman-Reingold), seeded: heavier ties pull closer
    (square-root scaled, so one heavy edge does not collapse the rest), in [-1, 1]². A hidden
    hub tied weakly to every node keeps the separate components near the centre (gravity),
    so that the main component is not squeezed by the small ones pushed to the edges."""
    if not ids:
        return ()
    top = max((w for _, _, w in pairs), default=1)
    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_weighted_edges_from((a, b, 0.3 + 0.7 * math.sqrt(w / top)) for a, b, w in pairs)
    hub = object()
    g.add_weighted_edges_from((hub, v, GRAVITY) for v in ids)
    pos = nx.spring_layout(g, weight="weight", seed=LAYOUT_SEED, iterations=iterations)
    del pos[hub]
    return _spread([(float(pos[v][0]), float(pos[v][1])) for v in ids])


def _spread(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The points centred and stretched to [-1, 1] on each axis, rounded."""
    def scale(values: list[float]) -> list[float]:
        low, high = min(values), max(values)
        mid, half = (low + high) / 2, (high - low) / 2 or 1.0
        return [round((v - mid) / half, 4) for v in values]

    xs, ys = scale([x for x, _ in points]), scale([y for _, y in points])
    return tuple(zip(xs, ys, strict=True))
