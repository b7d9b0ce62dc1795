"""The HTML page of the decision register (mirrors `api_registers`), a page at a time."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from plenary.analyse.decisions import register_languages

from . import present
from .api_registers import run_decisions
from .deps import Archive, FilterSet, Paging
from .pages import meeting_choices
from .render import render_cached

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def languages(request: Request) -> list[str]:
    """The languages the register's filter offers (cached; the language index alone)."""
    archive = request.app.state.archive
    return request.app.state.cache.get(("register-languages",),
                                       lambda: register_languages(archive))


@router.get("/decisions")
async def decisions_page(request: Request, archive: Archive, f: FilterSet,
                         page: Paging) -> HTMLResponse:
    """One page of the register (the same `limit`/`offset` as `/api/decisions`), with links
    to the whole filtered register as CSV and to this page as JSON."""
    def context() -> dict[str, Any]:
        rows, total = run_decisions(archive, f, page)
        query = f.query()
        return dict(title="Decision register", f=f, meetings=meeting_choices(request),
                    languages=languages(request), decisions=rows,
                    page=page.pager(request, total),
                    csv_url=present.query_url("/api/decisions", **query, format="csv"),
                    json_url=present.query_url("/api/decisions", **query,
                                               limit=page.limit, offset=page.offset))

    return await render_cached(request, ("decisions", str(request.url.query)),
                               "decisions.html", context)
