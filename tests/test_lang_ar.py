"""Arabic: names with attached prepositions and conjunctions, letters' variants and marks folded
for matching (never in the text), and search through prefixes."""

from __future__ import annotations

import pytest

from plenary.gazetteer import gazetteer
from plenary.gazetteer.variants import arabic_clitic_forms, arabic_matching_form
from plenary.store.terms import index_text, query_groups, snippet


def entities(text: str) -> list[tuple[str, str]]:
    """(printed span, id) of the countries and groups found."""
    return [(text[s:e], ent.id) for s, e, ent in gazetteer().matcher("ar").find(text)
            if ent.kind in ("country", "group")]


@pytest.mark.parametrize(("text", "printed", "id"), [
    ("وقال إن لكينيا خبرة في هذا المجال", "لكينيا", "KEN"),
    ("وقال بالنيابة عن المجموعة الأفريقية إن", "المجموعة الأفريقية", "african-group"),
    ("شكر للمجموعة العربية", "للمجموعة العربية", "arab-group"),
    # a conjunction stays outside the name, a preposition is part of its printed form
    ("وبالمملكة العربية السعودية", "بالمملكة العربية السعودية", "SAU"),
    ("عضو المجلس عن الاتحاد الروسي باسم بلده", "الاتحاد الروسي", "RUS"),
    ("وأرمينيا وبيلاروس", "أرمينيا", "ARM"),
    ("وأرمينيا وبيلاروس", "بيلاروس", "BLR"),
])
def test_names_with_clitics(text: str, printed: str, id: str) -> None:
    assert (printed, id) in entities(text)


def test_a_letter_inside_a_word_is_no_clitic() -> None:
    # "بكينيا" is found, but not a name glued to two unrelated letters
    assert entities("مكينيا") == []
    assert "للمجموعة الأفريقية" in arabic_clitic_forms("المجموعة الأفريقية")
    assert "لكينيا" in arabic_clitic_forms("كينيا")


def test_variants_and_marks_are_folded_for_matching_only() -> None:
    # tatweel, a right-to-left mark, an alef without hamza, a vowel mark
    text = "عضو المجلس عن \u200fكيـنيا و\u061cارمينيا ومصرَ"
    found = entities(text)
    assert [i for _, i in found] == ["KEN", "ARM", "EGY"]
    assert found[0][0] == "كيـنيا" and found[1][0] == "ارمينيا" and found[2][0] == "مصرَ"
    folded, offsets = arabic_matching_form("الجلسة ٣")
    assert folded == "الجلسه 3" and len(offsets) == len(folded) + 1


def test_search_through_prefixes() -> None:
    indexed = set(index_text("أحيط علماً بالوثيقة C17/18 وللمجموعة العربية", "ar").split())
    for query in ("الوثيقة", "المجموعة", "العربية"):
        assert all(g & indexed for g in query_groups(query, ["ar"])), query
    segments = snippet("أحيط علماً بالوثيقة C17/18.", query_groups("الوثيقة", ["ar"]), "ar")
    assert [s["text"] for s in segments if s["hit"]] == ["بالوثيقة"]


@pytest.mark.parametrize(("word", "number"), [
    ("الثانية", 2), ("الأولى", 1), ("السابعة عشرة", 17), ("الحادي والعشرون", 21),
    ("العامة", None),
])
def test_ordinals(word: str, number: int | None) -> None:
    from plenary.lang import pack

    assert pack("ar").ordinal(word) == number
