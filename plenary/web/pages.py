"""The HTML pages of meetings and search: each mirrors a JSON route and renders a template; no
logic beyond glue. The registers' and the network's pages have their own modules."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from plenary import analyse

from . import params, present
from .api import run_search
from .deps import Archive, FilterSet, MeetingId, Offset
from .params import MAX_QUERY, LanguageCode
from .render import render, render_cached

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGE = 25


def all_meetings(request: Request) -> list[dict[str, Any]]:
    """`analyse.meetings`, through the app's answer cache (filter forms and the home page)."""
    archive = request.app.state.archive
    return request.app.state.cache.get(("meetings",), lambda: analyse.meetings(archive))


@router.get("/")
def home(request: Request, archive: Archive) -> HTMLResponse:
    return render(request, "index.html", title="Meetings", meetings=all_meetings(request))


def _record(archive: Any, meeting_id: int, language: str | None = None) -> dict[str, Any]:
    record = analyse.meeting(archive, meeting_id, language=language)
    if record is None:
        raise HTTPException(404, f"There is no meeting {meeting_id} in the archive.")
    return record


@router.get("/meetings/{meeting_id}")
async def meeting_page(request: Request, meeting_id: MeetingId, archive: Archive,
                       language: LanguageCode = None) -> HTMLResponse:
    def context() -> dict[str, Any]:
        record = _record(archive, meeting_id, language)
        return dict(title=present.meeting_heading(record.get("meeting") or {}), record=record,
                    events=present.place_events(record),
                    tl=present.timeline_view(analyse.timeline(archive, meeting_id)))

    return await render_cached(request, ("meeting", meeting_id, language), "meeting.html",
                               context)


@router.get("/meetings/{meeting_id}/paragraphs/{number}")
def paragraph_page(request: Request, meeting_id: MeetingId,
                   number: Annotated[str, Path(max_length=20)], archive: Archive) -> HTMLResponse:
    number = params.paragraph_number(number)
    record = _record(archive, meeting_id)
    for index, item in enumerate(record.get("items") or [], start=1):
        for para in item.get("paragraphs") or []:
            if para.get("number") == number:
                return render(request, "paragraph.html", title=f"¶ {number}", record=record,
                              item=item, item_index=index, para=para)
    raise HTTPException(404, f"Meeting {meeting_id} has no paragraph {number}.")


@router.get("/search")
async def search_page(
    request: Request, archive: Archive, f: FilterSet,
    q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None, offset: Offset = 0,
) -> HTMLResponse:
    q = params.free_text("q", q)

    def context() -> dict[str, Any]:
        return dict(title=f"Search: {q}" if q else "Search", q=q, f=f,
                    meetings=all_meetings(request), searched=q is not None or f.any,
                    result=run_search(archive, q, f, PAGE, offset), offset=offset, limit=PAGE,
                    page_base=present.query_url("/search", q=q, **f.query()))

    return await render_cached(request, ("search", q, f, offset), "search.html", context)
