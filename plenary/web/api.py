"""The JSON API of meetings and search (`/api/meetings`, `/api/search`): thin wrappers over
`plenary.analyse`, names per `api.md`. Registers and the network have their own modules."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from plenary import analyse
from plenary.analyse.meetings import disagreements, meeting_versions, meetings_total

from . import params, present
from .deps import Archive, FilterSet, MeetingId, Page, Paging, json_bytes
from .params import MAX_QUERY, BodyQ, Filters, LanguageCode, SessionQ

router = APIRouter(prefix="/api", tags=["api"])


def meetings_page(archive: Any, page: Page, body: str | None = None,
                  session: str | None = None, language: str | None = None
                  ) -> tuple[list[dict[str, Any]], int]:
    """One page of the meetings list (filtered) and the number of meetings in all: two SQL
    queries, the whole list never built."""
    where = {"body": params.free_text("body", body, params.NAME_LIMIT),
             "session": params.free_text("session", session, params.NAME_LIMIT),
             "language": language or None}
    rows = analyse.meetings(archive, limit=page.limit, offset=page.offset, **where)
    return rows, meetings_total(archive, **where)


def run_search(archive: Any, q: str | None, f: Filters, limit: int, offset: int) -> dict:
    """`analyse.search` with validated input; empty when nothing was asked or can match."""
    if (q is None and not f.any) or f.impossible:
        return {"total": 0, "results": []}
    return analyse.search(archive, q or "", limit=limit, offset=offset, **f.kwargs())


@router.get("/meetings", summary="The stored meetings, a page at a time")
def list_meetings(request: Request, archive: Archive, page: Paging, body: BodyQ = None,
                  session: SessionQ = None, language: LanguageCode = None) -> dict[str, Any]:
    """`{"meetings": [...], "total", "limit", "offset", "next"}`: one entry per meeting with
    its `id`, header facts, `identified` and `versions` (language, original, sources). Filters:
    `body`, `session`, `language` (meetings having a version in that language)."""
    rows, total = meetings_page(archive, page, body, session, language)
    return {"meetings": rows, **page.envelope(request, total)}


@router.get("/meetings/{meeting_id}", summary="The record of one meeting (contract JSON)")
def get_meeting(meeting_id: MeetingId, archive: Archive,
                language: LanguageCode = None) -> dict[str, Any]:
    """The record of the meeting's version in `language` per `record-format.md`, plus its
    archive `id`; without `language`, its reference version (the original language's, else
    the first stored)."""
    record = analyse.meeting(archive, meeting_id, language or None)
    if record is None:
        raise HTTPException(404, f"no meeting {meeting_id}" + (
            f" in language {language}" if language else ""))
    return record


VERSIONS_EXAMPLE = {
    "id": 1, "reference": "fr",
    "versions": [
        {"language": "fr", "original": True, "reference": True, "conflict": False,
         "sources": [{"name": "C17-124-F.docx", "path": "fr/C17-124-F.docx", "format": "docx",
                      "sha256": "1f72...e0"}], "disagreements": []},
        {"language": "en", "original": False, "reference": False, "conflict": False,
         "sources": [{"name": "C17-124-E.txt", "path": "en/C17-124-E.txt", "format": "txt",
                      "sha256": "9a0c...41"}],
         "disagreements": [{"paragraph": "3.4", "family": "supported_by",
                            "reference": ["delegation/CAN<delegation/DNK"], "version": []}]},
    ]}


@router.get("/meetings/{meeting_id}/versions",
            summary="A meeting's language versions and where they disagree",
            responses={200: {"content": {"application/json": {"example": VERSIONS_EXAMPLE}}}})
def get_versions(meeting_id: MeetingId, archive: Archive) -> dict[str, Any]:
    """`{"id", "reference", "versions": [{"language", "original", "reference", "conflict",
    "sources", "disagreements": [{"paragraph", "family", "reference", "version"}]}]}`:
    per version, the facts on which it differs from the reference version (`[]` when they
    agree; `paragraph` null for a header fact)."""
    found = disagreements(archive, meeting_id)
    if found is None:
        raise HTTPException(404, f"no meeting {meeting_id}")
    listed = {(v["language"], v["conflict"]): v for v in meeting_versions(archive, meeting_id)
              or []}
    for version in found["versions"]:
        about = listed.get((version["language"], version["conflict"]), {})
        version["original"] = about.get("original", False)
        version["sources"] = about.get("sources", [])
    return found


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
    request: Request, archive: Archive, f: FilterSet, page: Paging,
    q: Annotated[str | None, Query(max_length=MAX_QUERY, description="Words to find")] = None,
) -> Response:
    """`{"q", "total", "limit", "offset", "next", "filters", "results"}`: paragraphs with
    meeting `id`, `number`, speakers, the version's `language`, and a `snippet` (HTML: hits
    in `<mark>`, everything else escaped). A meeting stored in several languages is named
    once; `language` keeps one language's versions."""
    q = params.free_text("q", q)

    def answer() -> bytes:
        found = run_search(archive, q, f, page.limit, page.offset)
        results = [dict(r, meeting_id=(r.get("meeting") or {}).get("id"),
                        snippet=str(present.snippet_html(r.get("snippet"))))
                   for r in found.get("results", [])]
        total = found.get("total", len(results))
        # `total_estimated`: past 10,000 matches the total is estimated, not counted
        return json_bytes({"q": q, **page.envelope(request, total),
                           "total_estimated": bool(found.get("total_estimated", False)),
                           "filters": f.query(), "results": results})

    # The answer is cached as JSON text: a hit costs no thread, no encoding.
    cache = request.app.state.cache
    key = ("api-search", q, f, page, str(request.url.query))
    body = cache.peek(key)
    if body is None:
        body = await run_in_threadpool(cache.get, key, answer)
    return Response(body, media_type="application/json")
