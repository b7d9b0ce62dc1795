"""The JSON API of the network (`/api/network`, `api.md`), with GraphML and CSV exports."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from plenary.analyse.graph import edges_csv, graphml_bytes

from .network_params import NetworkQuery, cached_network

router = APIRouter(prefix="/api", tags=["api"])

Format = Annotated[Literal["json", "graphml", "csv"],
                   Query(description="json, graphml (GraphML XML) or csv (one row per edge)")]


def attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


@router.get("/network", summary="Who supports, opposes, co-sponsors or speaks for whom",
            responses={200: {"content": {"application/graphml+xml": {}, "text/csv": {}}}})
async def get_network(request: Request, f: NetworkQuery, format: Format = "json") -> Any:
    """`{"nodes": [{"id", "kind", "label", "weight", "centrality", "community"}], "edges":
    [{"source", "target", "relation", "weight", "meetings", "evidence": [{"meeting", "number",
    "position", "item", "date"}]}], "communities": {"method", "modularity", "groups"},
    "centrality": {"methods"}}`. `weight` counts the paragraphs behind an edge (each meeting
    read once, in its reference version), `meetings` the distinct meetings among them."""
    data = await run_in_threadpool(cached_network, request, f)
    if format == "graphml":
        return Response(graphml_bytes(data), media_type="application/graphml+xml",
                        headers=attachment("network.graphml"))
    if format == "csv":
        return Response(edges_csv(data), media_type="text/csv; charset=utf-8",
                        headers=attachment("network-edges.csv"))
    return data
