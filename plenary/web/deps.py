"""What every route shares: the archive dependency, the validated filters and the page.

Paging follows `api.md`: every list route takes `limit` (default 50, at most 500) and `offset`,
and answers `total` and `next` (the URL of the following page, or null), in JSON and HTML alike.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request

from . import params
from .params import Filters, filter_params

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


async def archive_of(request: Request) -> Any:
    """The app's archive (opened read-only by `create_app`). (`async`: no I/O, so it runs
    on the event loop rather than in a worker thread.)"""
    return request.app.state.archive


Archive = Annotated[Any, Depends(archive_of)]
FilterSet = Annotated[Filters, Depends(filter_params)]
MeetingId = Annotated[int, Path(ge=1, le=2**62, description="A meeting id")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Results per page (at most 500)")]
Offset = Annotated[int, Query(ge=0, le=params.MAX_OFFSET, description="Results to skip")]


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: `limit` rows after skipping `offset`."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def next_offset(self, total: int) -> int | None:
        """The offset of the following page, or None on the last one."""
        following = self.offset + self.limit
        return following if following < total else None

    def envelope(self, request: Request, total: int) -> dict[str, Any]:
        """`total`, `limit`, `offset` and `next` (a relative URL keeping every other
        parameter, or None) for an answer of `total` rows in all."""
        following = self.next_offset(total)
        next_url = None
        if following is not None:
            url = request.url.include_query_params(offset=following)
            next_url = f"{url.path}?{url.query}"
        return {"total": total, "limit": self.limit, "offset": self.offset, "next": next_url}

    def pager(self, request: Request, total: int) -> dict[str, Any]:
        """`envelope` plus `prev` (the previous page's URL, or None): what the HTML pager
        (`templates/_pager.html`) shows."""
        answer = self.envelope(request, total)
        prev = None
        if self.offset > 0:
            url = request.url.include_query_params(offset=max(0, self.offset - self.limit))
            prev = f"{url.path}?{url.query}"
        return dict(answer, prev=prev)


async def page_params(limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page:
    """FastAPI dependency: the validated `limit` and `offset` of a list route."""
    return Page(limit=limit, offset=offset)


Paging = Annotated[Page, Depends(page_params)]


def json_bytes(content: Any) -> bytes:
    """`content` encoded as `JSONResponse` encodes it."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None,
                      separators=(",", ":")).encode("utf-8")
