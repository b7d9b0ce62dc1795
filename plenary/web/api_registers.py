"""The JSON API of the decision register (`api.md`)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from plenary import analyse
from plenary.export.csv import decisions_csv

from .deps import Archive, FilterSet
from .params import Filters

router = APIRouter(prefix="/api", tags=["api"])


def run_decisions(archive: Any, f: Filters) -> list[dict]:
    """`analyse.decisions` with validated filters (`q` is not one of them)."""
    if f.impossible:
        return []
    return analyse.decisions(archive, **f.kwargs())


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
