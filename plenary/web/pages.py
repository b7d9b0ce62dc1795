"""The HTML pages of meetings and search: each mirrors a JSON route and renders a template; no
logic beyond glue. The registers' and the network's pages have their own modules."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from plenary import analyse
from plenary.analyse.meetings import aligned, meeting_facets, meeting_versions, meetings_total

from . import params, present
from .api import meetings_page, run_search
from .deps import Archive, FilterSet, MeetingId, Paging
from .params import MAX_QUERY, BodyQ, LanguageCode, SessionQ
from .render import render, render_cached

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

# A filter form lists the meetings in a menu up to this many; beyond, it asks for an id.
MENU_MEETINGS = 100
RTL = frozenset({"ar", "fa", "he", "ur"})
LANGUAGE_NAMES = {"fr": "Français", "en": "English", "es": "Español", "ar": "العربية",
                  "zh": "中文", "ru": "Русский"}


def meeting_choices(request: Request) -> list[dict[str, Any]]:
    """The meetings a filter form's menu offers: every meeting when there are at most
    MENU_MEETINGS, else none (the form asks for an id instead); cached."""
    archive = request.app.state.archive

    def choices() -> list[dict[str, Any]]:
        if meetings_total(archive) > MENU_MEETINGS:
            return []
        return analyse.meetings(archive, limit=MENU_MEETINGS)

    return request.app.state.cache.get(("meeting-choices",), choices)


def facets(request: Request) -> dict[str, list[str]]:
    """Bodies, sessions and languages of the stored meetings (the home page's filters)."""
    archive = request.app.state.archive
    return request.app.state.cache.get(("meeting-facets",), lambda: meeting_facets(archive))


@router.get("/")
async def home(request: Request, archive: Archive, page: Paging, body: BodyQ = None,
               session: SessionQ = None, language: LanguageCode = None) -> HTMLResponse:
    """The meetings list, a page at a time, filtered by body, session and language."""
    def context() -> dict[str, Any]:
        rows, total = meetings_page(archive, page, body, session, language)
        return dict(title="Meetings", meetings=rows, page=page.pager(request, total),
                    facets=facets(request), chosen={"body": body or "",
                                                    "session": session or "",
                                                    "language": language or ""},
                    LANGUAGE_NAMES=LANGUAGE_NAMES)

    return await render_cached(request, ("home", str(request.url.query)), "index.html",
                               context)


def _record(archive: Any, meeting_id: int, language: str | None = None) -> dict[str, Any]:
    record = analyse.meeting(archive, meeting_id, language=language or None)
    if record is None:
        where = f" in language {language}" if language else ""
        raise HTTPException(404, f"There is no meeting {meeting_id}{where} in the archive.")
    return record


def _side_by_side(archive: Any, meeting_id: int, record: dict[str, Any],
                  compare: str | None) -> dict[str, Any] | None:
    """The chosen pair of versions, paragraphs aligned by number (None: no pair asked, or
    the same language twice)."""
    if not compare or compare == record.get("language"):
        return None
    other = _record(archive, meeting_id, compare)
    return {"left": record.get("language"), "right": other.get("language"),
            "rows": aligned(record, other)}


@router.get("/meetings/{meeting_id}")
async def meeting_page(request: Request, meeting_id: MeetingId, archive: Archive,
                       language: LanguageCode = None,
                       compare: LanguageCode = None) -> HTMLResponse:
    """One meeting in one language (`?language=`), its language switch, and with
    `?compare=xx` two versions side by side, paragraph by paragraph."""
    def context() -> dict[str, Any]:
        record = _record(archive, meeting_id, language)
        return dict(title=present.meeting_heading(record.get("meeting") or {}), record=record,
                    events=present.place_events(record),
                    versions=meeting_versions(archive, meeting_id) or [],
                    pair=_side_by_side(archive, meeting_id, record, compare),
                    LANGUAGE_NAMES=LANGUAGE_NAMES, RTL=sorted(RTL),
                    tl=present.timeline_view(analyse.timeline(archive, meeting_id)))

    return await render_cached(request, ("meeting", meeting_id, language or None,
                                         compare or None), "meeting.html", context)


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
    request: Request, archive: Archive, f: FilterSet, page: Paging,
    q: Annotated[str | None, Query(max_length=MAX_QUERY)] = None,
) -> HTMLResponse:
    """Search, a page at a time (the same `limit`/`offset` as `/api/search`)."""
    q = params.free_text("q", q)

    def context() -> dict[str, Any]:
        searched = q is not None or f.any
        result = run_search(archive, q, f, page.limit, page.offset) if searched else {
            "total": 0, "results": []}
        return dict(title=f"Search: {q}" if q else "Search", q=q, f=f,
                    meetings=meeting_choices(request), languages=facets(request)["languages"],
                    searched=searched, result=result,
                    page=page.pager(request, result.get("total", 0)))

    return await render_cached(request, ("search", str(request.url.query)), "search.html",
                               context)
