"""`plenary export`: read the archive in pages and write each meeting (or version) as it comes.

Only one page of meeting summaries and one record are held at a time (Popolo keeps its
de-duplicated entities and spools the rest, see `popolo.PopoloWriter`), so an archive of any
size exports in bounded memory. `progress` is called once per meeting written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

from plenary.errors import PlenaryError

PAGE = 200


class Format(StrEnum):
    """The export formats of `plenary export`."""

    JSON = "json"
    CSV = "csv"
    AKN = "akn"
    POPOLO = "popolo"


FORMATS = tuple(f.value for f in Format)


class ExportError(PlenaryError):
    """A meeting that is not in the archive, or a folder that cannot be written."""


def iter_meetings(archive: Any, page: int = PAGE) -> Iterator[dict[str, Any]]:
    """Every stored meeting's summary (as `analyse.meetings`), fetched `page` at a time."""
    from plenary import analyse

    offset = 0
    while True:
        rows = analyse.meetings(archive, limit=page, offset=offset)
        yield from rows
        if len(rows) < page:
            return
        offset += page


def _records(archive: Any, summary: dict[str, Any], all_versions: bool
             ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(stem, record) per version to write: every language version, or the reference one."""
    from plenary import analyse

    mid = summary["id"]
    if not all_versions:
        record = analyse.meeting(archive, mid)
        if record is not None:
            yield f"meeting-{mid}", record
        return
    languages = [v["language"] for v in summary.get("versions") or []] or [None]
    for language in dict.fromkeys(languages):
        record = analyse.meeting(archive, mid, language)
        if record is not None:
            yield f"meeting-{mid}-{record.get('language') or 'und'}", record


def _summaries(archive: Any, meeting_id: int | None) -> Iterator[dict[str, Any]]:
    from plenary import analyse

    if meeting_id is None:
        yield from iter_meetings(archive)
        return
    versions = analyse.meeting_versions(archive, meeting_id)
    if versions is None:
        raise ExportError(f"no meeting {meeting_id} in {archive.url}")
    yield {"id": meeting_id, "versions": versions}


def total(archive: Any, meeting_id: int | None) -> int:
    """How many meetings an export will write (for a progress bar)."""
    from plenary import analyse

    return 1 if meeting_id is not None else analyse.meetings_total(archive)


def export(archive: Any, fmt: str, meeting_id: int | None = None, out: Path | None = None,
           progress: Callable[[], None] | None = None) -> list[Path]:
    """Export one meeting (or all, `meeting_id` None) as `fmt`; the files written.

    With `out` None the single document goes to standard output (one meeting's JSON or XML,
    or the Popolo document).
    """
    from . import akoma_ntoso, csv
    from . import json as json_export

    kind = Format(fmt)
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"{out}: cannot create the folder ({exc.strerror})") from exc
    if kind is Format.POPOLO:
        return _popolo(archive, meeting_id, out, progress)
    module = {Format.JSON: json_export, Format.CSV: csv, Format.AKN: akoma_ntoso}[kind]
    written: list[Path] = []
    for summary in _summaries(archive, meeting_id):
        for stem, record in _records(archive, summary, kind is Format.AKN and out is not None):
            if out is None:
                sys.stdout.write(module.dumps(record))
            else:
                written += module.write(record, out, stem)
        if progress:
            progress()
    return written


def _popolo(archive: Any, meeting_id: int | None, out: Path | None,
            progress: Callable[[], None] | None) -> list[Path]:
    from .popolo import PopoloWriter

    writer = PopoloWriter()
    try:
        for summary in _summaries(archive, meeting_id):
            for _stem, record in _records(archive, summary, False):
                writer.add(record)
            if progress:
                progress()
        if out is None:
            writer.write(sys.stdout)
            return []
        name = f"meeting-{meeting_id}.popolo.json" if meeting_id else "archive.popolo.json"
        path = out / name
        with path.open("w", encoding="utf-8") as fh:
            writer.write(fh)
        return [path]
    finally:
        writer.close()
