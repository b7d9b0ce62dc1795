"""The JSON API (`/api/...`): thin wrappers over `plenary.analyse`, names per `api.md`."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from plenary import analyse
from plenary.export.csv import decisions_csv

from . import params, present
from .params import MAX_LABEL, MAX_QUERY, Filters, filter_params

router = APIRouter(prefix="/api", tags=["api"])

MeetingId = Annotated[int, Path(ge=1, le=2**62, description="A meeting id")]
Limit = Annotated[int, Query(ge=1, le=200, description="Results per page")]
Offset = Annotated[int, Query(ge=0, le=params.MAX_OFFSET, description="Results to skip")]


async def archive_of(request: Request) -> Any:
    """The app's archive (opened read-only by `create_app`). (`async`: no I/O, so it runs
    on the event loop rather than in a worker thread.)"""
    return request.app.state.archive


Archive = Annotated[Any, Depends(archive_of)]
FilterSet = Annotated[Filters, Depends(filter_params)]


def run_search(archive: Any, q: str | None, f: Filters, limit: int, offset: int) -> dict:
    """`analyse.search` with validated input; empty when nothing was asked or can match."""
    if (q is None and not f.any) or f.impossible:
        return {"total": 0, "results": []}
    return analyse.search(archive, q or "", limit=limit, offset=offset, **f.kwargs())


def run_decisions(archive: Any, f: Filters) -> list[dict]:
    """`analyse.decisions` with validated filters (`q` is not one of them)."""
    if f.impossible:
        return []
    return analyse.decisions(archive, **f.kwargs())


@router.get("/meetings", summary="Every stored meeting")
def list_meetings(archive: Archive) -> dict[str, Any]:
    """`{"meetings": [...]}`: one entry per meeting with its `id` and header facts."""
    return {"meetings": analyse.meetings(archive)}


@router.get("/meetings/{meeting_id}", summary="The record of one meeting (contract JSON)")
def get_meeting(meeting_id: MeetingId, archive: Archive) -> dict[str, Any]:
    """The meeting's record per `record-format.md`, plus its archive `id`."""
    record = analyse.meeting(archive, meeting_id)
    if record is None:
        raise HTTPException(404, f"no meeting {meeting_id}")
    return record


@router.get("/meetings/{meeting_id}/timeline", summary="Sittings and suspensions of a meeting")
def get_timeline(meeting_id: MeetingId, archive: Archive) -> dict[str, Any]:
    """Start, end, the sitting/suspension segments and the procedural events."""
    timeline = analyse.timeline(archive, meeting_id)
    if timeline is None:
        raise HTTPException(404, f"no meeting {meeting_id}")
    return timeline


@router.get("/search", summary="Full-text search over paragraphs",
            response_model=dict[str, Any])
async def search(
    request: Request, archive: Archive, f: FilterSet,
    q: Annotated[str | None, Query(max_length=MAX_QUERY, description="Words to find")] = None,
    limit: Limit = 50, offset: Offset = 0,
) -> Response:
    """`{"total", "results"}`: paragraphs with meeting `id`, `number`, speakers, and a
    `snippet` (HTML: hits in `<mark>`, everything else escaped)."""
    q = params.free_text("q", q)

    def answer() -> bytes:
        found = run_search(archive, q, f, limit, offset)
        results = [dict(r, meeting_id=(r.get("meeting") or {}).get("id"),
                        snippet=str(present.snippet_html(r.get("snippet"))))
                   for r in found.get("results", [])]
        return json_bytes({"q": q, "total": found.get("total", len(results)), "limit": limit,
                           "offset": offset, "filters": f.query(), "results": results})

    # The answer is cached as JSON text: a hit costs no thread, no encoding.
    cache = request.app.state.cache
    key = ("api-search", q, f, limit, offset)
    body = cache.peek(key)
    if body is None:
        body = await run_in_threadpool(cache.get, key, answer)
    return Response(body, media_type="application/json")


def json_bytes(content: Any) -> bytes:
    """`content` encoded as `JSONResponse` encodes it."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None,
                      separators=(",", ":")).encode("utf-8")


@router.get("/delegations", summary="Every country with interventions")
def list_delegations(archive: Archive) -> dict[str, Any]:
    """`{"delegations": [{"country", "interventions"}]}`."""
    return {"delegations": analyse.countries_index(archive)}


@router.get("/delegations/{iso3}", summary="Every intervention of a country",
            responses={404: {"description": "No record names this country"}})
def get_delegation(iso3: Annotated[str, Path(max_length=16)], archive: Archive) -> dict:
    """Interventions (meeting, paragraph `number`, role, `on_behalf_of`, `supported_by`,
    whom it supported), activity per meeting and most frequent partners."""
    code = params.iso3("iso3", iso3)
    found = analyse.delegation(archive, code)
    if found is None:
        raise HTTPException(404, f"no intervention of {code} in the archive")
    return dict(found, name=present.country_name(code))


@router.get("/texts", summary="The history of one text across meetings")
def get_text(
    archive: Archive,
    label: Annotated[str, Query(max_length=MAX_QUERY,
                                description="Text label: Resolution 130 (Rev. Dubai, 2018)")],
) -> dict[str, Any]:
    """Every mention and outcome of the text, in order. Unknown label: no events."""
    clean = params.free_text("label", label, MAX_LABEL)
    if clean is None:
        raise params.BadParam("label", "required")
    history = analyse.text_history(archive, clean)
    return history if history is not None else {"label": clean, "events": []}


@router.get("/decisions", summary="The decision register (JSON or CSV)",
            responses={200: {"content": {"text/csv": {}}}})
def list_decisions(
    archive: Archive, f: FilterSet,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Any:
    """`{"decisions": [...]}`: every outcome with kind, objects, reading, meeting and
    paragraph `number`; `format=csv` gives the same rows as a CSV download."""
    rows = run_decisions(archive, f)
    if format == "csv":
        return Response(decisions_csv(rows), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="decisions.csv"'})
    return {"filters": f.query(), "decisions": rows}


@router.get("/network", summary="Who supports whom among countries")
def get_network(archive: Archive, meeting: params.MeetingQ = None) -> dict[str, Any]:
    """`{"edges": [{"supporter", "supported", "count"}]}`, for one meeting or all."""
    return {"edges": analyse.network(archive, meeting=params.meeting_id("meeting", meeting))}
