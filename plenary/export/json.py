"""Contract JSON export: the record exactly as `record-format.md` describes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

# Keys the archive adds to a record it returns; they are not part of the contract.
_ARCHIVE_KEYS = ("id",)


def contract(record: dict[str, Any]) -> dict[str, Any]:
    """The record without the archive's own keys (such as its row `id`)."""
    return {k: v for k, v in record.items() if k not in _ARCHIVE_KEYS}


def dumps(record: dict[str, Any]) -> str:
    """The record as pretty-printed UTF-8 JSON text."""
    return json.dumps(contract(record), ensure_ascii=False, indent=2) + "\n"


def write(record: dict[str, Any], directory: Path, stem: str) -> list[Path]:
    """Write `{stem}.json` into `directory`; return the paths written."""
    path = Path(directory) / f"{stem}.json"
    path.write_text(dumps(record), encoding="utf-8")
    return [path]
