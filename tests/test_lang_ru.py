"""Russian: the declined forms of the gazetteer's names (pymorphy3) found as the ITU prints them,
and Russian word forms in search."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from plenary.gazetteer import gazetteer
from plenary.store.terms import index_text, query_groups

REPO = Path(__file__).resolve().parents[1]


def entities(text: str) -> list[tuple[str, str, str]]:
    return [(text[s:e], ent.kind, ent.id) for s, e, ent in gazetteer().matcher("ru").find(text)]


@pytest.mark.parametrize(("text", "name", "kind", "id"), [
    ("Советник от Индии, выступая от имени Российской Федерации, ...", "Российской Федерации",
     "country", "RUS"),
    ("делегат Кении заявил", "Кении", "country", "KEN"),
    ("представленный его страной, Арменией и Беларусью", "Арменией", "country", "ARM"),
    ("представленный его страной, Арменией и Беларусью", "Беларусью", "country", "BLR"),
    ("при поддержке делегатов Соединенных Штатов Америки", "Соединенных Штатов Америки",
     "country", "USA"),
    ("с Нидерландами", "Нидерландами", "country", "NLD"),
    ("выступая от имени Африканской группы", "Африканской группы", "group", "african-group"),
    ("Советник от Республики Корея", "Республики Корея", "country", "KOR"),
    ("поддержанный Российскую Федерацию", "Российскую Федерацию", "country", "RUS"),
])
def test_declined_names_are_found(text: str, name: str, kind: str, id: str) -> None:
    assert (name, kind, id) in entities(text)


def test_declension_keeps_the_complement_and_indeclinables() -> None:
    table = gazetteer().inflections["ru"]
    assert "Республики Корея" in table["Республика Корея"]
    assert "Перу" not in table  # indeclinable
    assert all(form.endswith(" Америки") for form in table["Соединенные Штаты Америки"])
    # a declined form is never mistaken for a word inside another ("Кении" in "Кениия")
    assert entities("Кениия") == []


@pytest.mark.skipif(importlib.util.find_spec("pymorphy3") is None, reason="pymorphy3 not installed")
def test_inflections_file_is_what_the_generator_writes() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_inflections
    finally:
        sys.path.pop(0)
    data_dir = REPO / "plenary" / "gazetteer" / "data"
    stored = json.loads((data_dir / "inflections.json").read_text(encoding="utf-8"))
    assert build_inflections.build(data_dir)["ru"] == stored["ru"]


def test_search_terms_match_across_cases() -> None:
    indexed = set(index_text("от имени Российской Федерации", "ru").split())
    for query in ("Российская Федерация", "российскую федерацию", "Российской Федерацией"):
        assert all(group & indexed for group in query_groups(query, ["ru"])), query
    assert not query_groups("Кения", ["ru"])[0] & indexed


@pytest.mark.parametrize(("word", "number"), [
    ("ЧЕТВЕРТОМ", 4), ("первом", 1), ("двадцать первом", 21), ("шестнадцатое", 16),
    ("третьем", 3), ("11-й", 11), ("Российской", None), ("двадцать", None),
])
def test_ordinals_in_any_case(word: str, number: int | None) -> None:
    from plenary.lang import pack

    assert pack("ru").ordinal(word) == number
