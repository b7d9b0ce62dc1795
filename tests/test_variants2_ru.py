"""Seed 000 rendered "by other hands" in Russian, round 2 (tests/data/ru/000-variant2.txt):
passive and inverted sentences, "Большое число советников", "Ряд советников", "По словам одного
из советников", "По завершении консультаций", "единодушно избран", "Предложение принимается",
hours as "9 ч. 30 мин. – 12 ч. 30 мин." and the ordinal on its own line. It parses to the seed's
gold facts, in Russian, with the header its gold (000-variant2.header.json) gives."""

from __future__ import annotations

import pytest
from variants import assert_header, assert_seed_facts, parsed_variant

from plenary.parse import parse_path

# left: the subject after a long lead with its verb ("С заявлением общего характера о
# функционировании Совета выступил Советник Филиппин")
KNOWN_CORE_MISSES: set[tuple] = {
    ("2.1", "D:phl"), ("2.1", "D:phl", "councillor"),
}


def variant() -> dict:
    return parsed_variant("ru", "000-variant2")


def test_variant_gives_the_seed_facts() -> None:
    assert_seed_facts("ru", "000-variant2", KNOWN_CORE_MISSES)


def test_variant_language_and_header() -> None:
    assert_header("ru", "000-variant2")


def test_the_republics_full_name_is_declined() -> None:
    """"Посол Литовской Республики": the ITU's full name of Lithuania, in the genitive."""
    para = next(p for item in variant()["items"] for p in item["paragraphs"]
                if p["number"] == "4.1")
    assert [(s["country"], s["role"]) for s in para["speakers"]] == [("LTU", "ambassador")]


@pytest.mark.parametrize(("text", "expected"), [
    ("По завершении консультаций Советник Индии указал, что это так.",
     [("delegation", "IND", "councillor", None, [])]),
    ("Большое число советников высоко оценили мероприятия.",
     [("collective", None, "councillor", "many", [])]),
    ("По словам одного из советников, кандидатуры следовало бы распределить иначе.",
     [("collective", None, "councillor", "one", [])]),
])
def test_other_hands_wordings(text: str, expected: list[tuple]) -> None:
    from plenary.parse.actors import finder

    found = [(a.kind, a.country or a.id, a.role, a.count,
              [o.country or o.id for o in a.on_behalf_of]) for a in finder("ru").speakers(text)]
    assert found == expected


def test_unanimous_acclamation_and_accepted_proposal() -> None:
    """"единодушно избран" elects, not a speaker; "Предложение принимается" decides."""
    items = {p["number"]: p for item in variant()["items"] for p in item["paragraphs"]}
    assert not items["1.2"]["speakers"]
    assert [(o["kind"], o["method"]) for o in items["1.2"]["outcomes"]] == \
        [("elected", "acclamation")]
    assert {(o["kind"], o["refers_to"]) for o in items["3.8"]["outcomes"]} >= {("decided", "3.7")}


@pytest.mark.parametrize(("lang", "text", "country", "groups"), [
    # the opening "on behalf of" and its list, then the subject with no comma between
    ("ru", "3.5\tОт имени Индии, Бангладеш и Туниса Советник Индии изложил позицию.",
     "IND", ["IND", "BGD", "TUN"]),
    ("fr", "3.5\tAu nom de l'Inde et de la Tunisie le conseiller de l'Inde expose sa position.",
     "IND", ["IND", "TUN"]),
])
def test_an_opening_on_behalf_of_list_then_the_subject(tmp_path, lang: str, text: str,
                                                        country: str, groups: list[str]) -> None:
    heading = {"ru": "3\tРоль МСЭ\n", "fr": "3\tRôle de l'UIT\n"}[lang]
    path = tmp_path / f"{lang}.txt"
    path.write_text(heading + text + "\n", encoding="utf-8")
    record = parse_path(path, language=lang).to_dict()
    speakers = record["items"][0]["paragraphs"][0]["speakers"]
    assert [s["country"] for s in speakers] == [country]
    assert [g["country"] for g in speakers[0]["on_behalf_of"]] == groups
