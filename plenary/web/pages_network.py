"""The network's HTML page and its image (mirror `api_network`): graph, matrix, tables."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from plenary.analyse.graph import layout
from plenary.analyse.network import NetworkFilters, Relation

from . import charts
from .network_params import NetworkQuery, cached_network
from .network_svg import network_svg
from .pages import facets, meeting_choices
from .render import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

EDGES_SHOWN = 300


def positions(request: Request, f: NetworkFilters, data: dict[str, Any]
              ) -> dict[str, tuple[float, float]]:
    """The layout of the network for these filters, through the answer cache."""
    return request.app.state.cache.get(("network-layout", f), lambda: layout(data))


def ranked_nodes(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Nodes by weight, then betweenness, then id."""
    return sorted(data["nodes"], key=lambda n: (-n["centrality"].get("strength", 0),
                                                -n["centrality"].get("betweenness", 0), n["id"]))


def community_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    return [{"id": g["id"], "color": charts.community_color(g["id"]),
             "members": [(m, labels.get(m, m)) for m in g["members"]]}
            for g in data["communities"]["groups"]]


def page_context(request: Request, f: NetworkFilters) -> dict[str, Any]:
    data = cached_network(request, f)
    pos = positions(request, f, data)
    graph = charts.network_graph_figure(data, pos)
    matrix = charts.network_matrix_figure(data)
    meetings = meeting_choices(request)
    menus = facets(request)
    query = f.query()
    return {
        "title": "Network", "data": data, "filters": f, "net_query": query,
        "labels": {n["id"]: n["label"] for n in data["nodes"]},
        "kinds": {n["id"]: n["kind"] for n in data["nodes"]},
        "nodes": ranked_nodes(data), "edges": data["edges"][:EDGES_SHOWN],
        "edges_total": len(data["edges"]), "communities": community_rows(data),
        "graph_fig": graph, "matrix_fig": matrix, "charts": [c for c in (graph, matrix) if c],
        "meetings": meetings, "sessions": menus["sessions"],
        "bodies": menus["bodies"], "relations": [str(r) for r in Relation],
        "relation_colors": charts.RELATION_COLORS, "kind_symbols": charts.KIND_SYMBOLS,
    }


@router.get("/network")
async def network_page(request: Request, f: NetworkQuery) -> HTMLResponse:
    context = await run_in_threadpool(page_context, request, f)
    return render(request, "network.html", **context)


@router.get("/network.svg", response_class=Response)
async def network_image(request: Request, f: NetworkQuery) -> Response:
    """The graph as an SVG image (same layout as the page's)."""
    def draw() -> bytes:
        data = cached_network(request, f)
        return network_svg(data, positions(request, f, data), title=svg_title(f))

    return Response(await run_in_threadpool(draw), media_type="image/svg+xml",
                    headers={"Content-Disposition": 'inline; filename="network.svg"'})


def svg_title(f: NetworkFilters) -> str:
    parts = [f"{k} {v}" for k, v in f.query().items()]
    return "Network" + (" — " + ", ".join(parts) if parts else " — all meetings")
