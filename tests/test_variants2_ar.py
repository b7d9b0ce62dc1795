"""Seed 000 rendered in Arabic by a third hand (tests/data/ar/000-variant2.txt): Arabic-Indic
digits in the header's dates and hours and in the body's numbers, "المحضر الموجز" with the
article, "نيابةً عن بلده وعن ..." for "on behalf of", "قدمها بلده مع ..." for co-sponsors, and
"وتقرر ذلك" for "so decided". It parses to the seed's gold facts, with the header its gold
(000-variant2.header.json, written by hand from the header text) gives."""

from __future__ import annotations

import json
from functools import cache

from conftest import GOLD
from renderings import rendering_path
from scoring import micro_f1

from plenary.parse import parse_path

HEADER_FIELDS = ("symbol", "body", "number", "date", "start", "end")


@cache
def variant() -> dict:
    return parse_path(rendering_path("ar", "000-variant2")).to_dict()


def test_third_arabic_rendering_gives_the_seed_facts() -> None:
    gold = json.loads((GOLD / "000.json").read_text(encoding="utf-8"))
    f1, diff = micro_f1(variant(), gold)
    assert not any(diff.values()), diff
    assert f1 >= 0.97


def test_third_arabic_rendering_language_and_header() -> None:
    path = rendering_path("ar", "000-variant2").with_name("000-variant2.header.json")
    record, expected = variant(), json.loads(path.read_text(encoding="utf-8"))
    assert record["language"] == expected["language"] == "ar"
    meeting = record["meeting"]
    assert {k: meeting.get(k) for k in HEADER_FIELDS} == \
        {k: expected["meeting"][k] for k in HEADER_FIELDS}
    assert sorted(c["country"] for c in meeting["chairs"]) == \
        sorted(c["country"] for c in expected["meeting"]["chairs"])
    assert meeting["original_language"] == "fr"
    assert not record["warnings"]


def test_on_behalf_with_tanwin_and_cosponsors_joined_by_ma() -> None:
    """"نيابةً عن بلده وعن ..." and "قدمها بلده مع ..." open and continue the lists."""
    from plenary.parse.actors import finder

    def found(text: str) -> list[tuple]:
        return [(a.country, [o.country for o in a.on_behalf_of])
                for a in finder("ar").speakers(text)]

    assert found("وقدّم عضو المجلس عن الهند، نيابةً عن بلده وعن بنغلاديش وتونس، الاقتراح.") == \
        [("IND", ["IND", "BGD", "TUN"])]
    para = next(p for item in variant()["items"] for p in item["paragraphs"]
                if p["number"] == "5.2")
    assert [c["country"] for c in para["speakers"][0]["on_behalf_of"]][:2] == ["LTU", "BGR"]
