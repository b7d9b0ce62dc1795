"""Seed 000 rendered in Arabic by a third hand (tests/data/ar/000-variant2.txt): Arabic-Indic
digits in the header's dates and hours and in the body's numbers, "المحضر الموجز" with the
article, "نيابةً عن بلده وعن ..." for "on behalf of", "قدمها بلده مع ..." for co-sponsors, and
"وتقرر ذلك" for "so decided". It parses to the seed's gold facts, with the header its gold
(000-variant2.header.json, written by hand from the header text) gives."""

from __future__ import annotations

from variants import assert_header, assert_seed_facts, parsed_variant


def variant() -> dict:
    return parsed_variant("ar", "000-variant2")


def test_third_arabic_rendering_gives_the_seed_facts() -> None:
    assert_seed_facts("ar", "000-variant2")


def test_third_arabic_rendering_language_and_header() -> None:
    assert_header("ar", "000-variant2")


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


def test_header_digits_and_arabic_commas_are_read() -> None:
    """"المجلس ٢٠١٧" names the session Council 2017 (an identifier, in ASCII digits in every
    version); the agenda's documents are parted by Arabic commas ("C17/4(Rev.1)، C17/76(Rev.1)")."""
    meeting = variant()["meeting"]
    assert meeting["session"] == "Council 2017"
    assert [row["documents"] for row in meeting["agenda"]][4] == \
        ["C17/4(Rev.1)", "C17/76(Rev.1)", "C17/78(Rev.1)", "C17/96", "C17/INF/6"]
