"""The JSON API of meetings and search (`/api/meetings`, `/api/search`): thin wrappers over
`plenary.analyse`, names per `api.md`. Registers and the network have their own modules."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from plenary import analyse

from . import params, present
from .deps import Archive, FilterSet, Limit, MeetingId, Offset, json_bytes
from .params import MAX_QUERY, Filters

router = APIRouter(prefix="/api", tags=["api"])

def run_search(archive: Any, q: str | None, f: Filters, limit: int, offset: int) -> dict:
    """`analyse.search` with validated input; empty when nothing was asked or can match."""
    if (q is None and not f.any) or f.impossible:
        return {"total": 0, "results": []}
    return analyse.search(archive, q or "", limit=limit, offset=offset, **f.kwargs())


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
