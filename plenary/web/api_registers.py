"""The JSON API of the decision register (`api.md`): a page at a time, or the whole filtered
register streamed as CSV."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from plenary.analyse.decisions import decisions_page, iter_decisions
from plenary.export.csv import iter_decisions_csv

from .deps import Archive, FilterSet, Page, Paging
from .params import Filters

router = APIRouter(prefix="/api", tags=["api"])


def run_decisions(archive: Any, f: Filters, page: Page) -> tuple[list[dict[str, Any]], int]:
    """One page of `analyse.decisions` with validated filters, and how many rows the filters
    select in all (the register is never built whole, nor walked up to the page)."""
    if f.impossible:
        return [], 0
    return decisions_page(archive, limit=page.limit, offset=page.offset, **f.kwargs())


def stream_decisions(archive: Any, f: Filters) -> Iterator[dict[str, Any]]:
    """Every row the filters select, read a chunk at a time (for the CSV download)."""
    if f.impossible:
        return iter(())
    return iter_decisions(archive, **f.kwargs())


@router.get("/decisions", summary="The decision register (JSON, paged; or CSV, streamed)",
            responses={200: {"content": {"text/csv": {}}}})
def list_decisions(
    request: Request, archive: Archive, f: FilterSet, page: Paging,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv")] = "json",
) -> Any:
    """`{"filters", "decisions": [...], "total", "limit", "offset", "next"}`: outcomes with
    date, session, meeting, item and its title, paragraph `number`, `wording` (the sentence
    stating the outcome), kind, reading and objects. `format=csv` streams every row the
    filters select (`limit`/`offset` do not apply) as a CSV download."""
    if format == "csv":
        return StreamingResponse(
            iter_decisions_csv(stream_decisions(archive, f)),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="decisions.csv"'})
    rows, total = run_decisions(archive, f, page)
    return {"filters": f.query(), "decisions": rows, **page.envelope(request, total)}
