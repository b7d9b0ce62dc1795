"""Regenerate schema/record.schema.json from the dataclasses in plenary/record.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from plenary.record import json_schema

OUT = Path(__file__).resolve().parents[1] / "schema" / "record.schema.json"


def render() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
