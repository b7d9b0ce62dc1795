"""Our renderings of seed 002 (a late plenary of PP-18) in other languages score against the
seed's gold: the facts are language-independent, so each rendering must give them back (micro
F1 >= 0.95), be detected in its language and keep the gold's paragraph numbers.

A language is tested when tests/data/<lang>/002.txt exists; it is skipped while its pack is not
available."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, GOLD
from scoring import micro_f1

from plenary.lang import available
from plenary.parse import parse_path

SEED = "002"


def rendered_languages() -> list[str]:
    """The languages that have a rendering of seed 002, in a stable order."""
    return sorted(p.parent.name for p in DATA.glob(f"*/{SEED}.txt"))


def _packed(langs: list[str]) -> list:
    return [pytest.param(lang, marks=pytest.mark.skipif(
        lang not in available(), reason=f"no {lang} pack yet")) for lang in langs]


def gold() -> dict:
    return json.loads((GOLD / f"{SEED}.json").read_text(encoding="utf-8"))


def paragraph_numbers(record: dict) -> list[str]:
    """Every paragraph number of a record, in order (unnumbered paragraphs left out)."""
    return [str(p["number"]) for item in record["items"] for p in item["paragraphs"]
            if p.get("number") is not None]


@pytest.fixture(scope="module")
def parsed() -> dict[str, dict]:
    """Each rendering parsed once for the module, by language."""
    return {}


def _record(parsed: dict[str, dict], lang: str) -> dict:
    if lang not in parsed:
        parsed[lang] = parse_path(DATA / lang / f"{SEED}.txt").to_dict()
    return parsed[lang]


def test_the_renderings_include_russian_and_english() -> None:
    assert {"en", "ru"} <= set(rendered_languages())


@pytest.mark.parametrize("lang", _packed(rendered_languages()))
def test_rendering_is_detected_in_its_language(parsed: dict[str, dict], lang: str) -> None:
    assert _record(parsed, lang)["language"] == lang


@pytest.mark.parametrize("lang", _packed(rendered_languages()))
def test_rendering_keeps_the_paragraph_numbers_of_the_gold(parsed: dict[str, dict],
                                                           lang: str) -> None:
    assert paragraph_numbers(_record(parsed, lang)) == paragraph_numbers(gold())


@pytest.mark.parametrize("lang", _packed(rendered_languages()))
def test_rendering_scores_against_the_gold(parsed: dict[str, dict], lang: str) -> None:
    f1, diff = micro_f1(_record(parsed, lang), gold())
    assert f1 >= 0.95, {family: sorted(map(str, facts))[:20] for family, facts in diff.items()}
