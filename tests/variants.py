"""Seed 000 rendered "by other hands" (tests/data/<lang>/000-variant*.txt): each parsed once, and
the two checks every such rendering passes: the seed's gold facts, and the gold of its header
(written by hand from the header text before the parser saw it)."""

from __future__ import annotations

import json
from functools import cache

from conftest import GOLD
from renderings import rendering_path
from scoring import micro_f1

from plenary.parse import parse_path

HEADER_FIELDS = ("symbol", "body", "number", "date", "start", "end")


@cache
def parsed_variant(lang: str, name: str) -> dict:
    """The contract record of tests/data/<lang>/<name>.txt, parsed once per session."""
    return parse_path(rendering_path(lang, name)).to_dict()


def seed_gold() -> dict:
    return json.loads((GOLD / "000.json").read_text(encoding="utf-8"))


def header_gold(lang: str, name: str) -> dict:
    path = rendering_path(lang, name).with_name(f"{name}.header.json")
    return json.loads(path.read_text(encoding="utf-8"))


def assert_seed_facts(lang: str, name: str, known: frozenset[tuple] = frozenset(),
                      minimum: float = 0.97) -> None:
    """Every gold fact but the `known` misses is found, nothing else, and F1 >= `minimum`."""
    f1, diff = micro_f1(parsed_variant(lang, name), seed_gold())
    unexpected = {family: found - known for family, found in diff.items()}
    assert not any(unexpected.values()), unexpected
    assert f1 >= minimum, diff


def assert_header(lang: str, name: str, warnings: tuple[str, ...] = ()) -> None:
    """The language detected and the header's fields as its gold gives them; no warning but
    `warnings`."""
    record, expected = parsed_variant(lang, name), header_gold(lang, name)
    assert record["language"] == expected["language"] == lang
    meeting = record["meeting"]
    assert {k: meeting.get(k) for k in HEADER_FIELDS} == \
        {k: expected["meeting"][k] for k in HEADER_FIELDS}
    assert sorted(c["country"] for c in meeting["chairs"]) == \
        sorted(c["country"] for c in expected["meeting"]["chairs"])
    assert meeting["session"] == "Council 2017"
    assert meeting["original_language"] == "fr"
    assert [row["documents"] for row in meeting["agenda"]][2] == ["C17/18", "C17/87"]
    assert [w["message"] for w in record["warnings"]] == list(warnings)
