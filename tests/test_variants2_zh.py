"""Seed 000 rendered "by other hands" in Chinese, round 2 (tests/data/zh/000-variant2.txt):
"以……的名义", "连同", "有一位理事", "一名女理事", "所有发言的理事", "会议决定照此办理",
"遂作此决定", "备悉", symbols listed as "C17/18号和C17/87号文件", and a header with "原件",
"会议主席" and the meeting's ordinal on a line of its own. It parses to the seed's gold facts,
in Chinese, with the header its gold (000-variant2.header.json) gives."""

from __future__ import annotations

import pytest
from variants import assert_header, assert_seed_facts, parsed_variant

# left to the core: an apposition set off by full-width commas ("Andrius Krivas先生，立陶宛大使，
# 作了发言") and co-sponsors named in the sentence after the presentation
# ("该文稿由立陶宛连同……提交")
KNOWN_CORE_MISSES: set[tuple] = {
    ("4.1", "P:andriuskrivas:"),
    *{("5.2", "D:ltu", f"D:{c}") for c in ("ltu", "bgr", "nld", "pol", "prt", "esp", "che", "cze",
                                           "rou")},
}


def variant() -> dict:
    return parsed_variant("zh", "000-variant2")


def test_variant_gives_the_seed_facts() -> None:
    assert_seed_facts("zh", "000-variant2", KNOWN_CORE_MISSES, minimum=0.95)


def test_variant_language_and_header() -> None:
    assert_header("zh", "000-variant2")


@pytest.mark.parametrize(("text", "expected"), [
    # "以及" inside "以……的名义" is a conjunction, not a second "以"
    ("印度理事以印度以及孟加拉国和突尼斯的名义介绍了提案。",
     [("delegation", "IND", "councillor", None, ["IND", "BGD", "TUN"])]),
    ("立陶宛理事介绍了由立陶宛连同保加利亚、荷兰提交的C17/76(Rev.1)号文件。",
     [("delegation", "LTU", "councillor", None, ["LTU", "BGR", "NLD"])]),
    ("有一位理事认为，候选人应按区域组织分列。", [("collective", None, "councillor", "one", [])]),
    ("一名女理事认为，应让服务提供商参与。", [("collective", None, "councillor", "one", [])]),
    ("所有发言的理事都认为，该问题具有危害。", [("collective", None, "councillor", "all", [])]),
    ("在众多发言的理事中，若干理事支持听证。",
     [("collective", None, "councillor", "many", []),
      ("collective", None, "councillor", "several", [])]),
])
def test_other_hands_wordings(text: str, expected: list[tuple]) -> None:
    from plenary.parse.actors import finder

    found = [(a.kind, a.country or a.id, a.role, a.count,
              [o.country or o.id for o in a.on_behalf_of]) for a in finder("zh").speakers(text)]
    assert found == expected


ZH_BODY = "1\t问题\n1.1\t肯尼亚理事作了发言。\n1.2\t会议决定照此办理。\n"


def test_header_with_the_ordinal_on_its_own_line() -> None:
    from plenary.parse import parse_bytes

    header = ("理事会2017年会议\n2017年5月15日至25日，日内瓦\n议程项目：ADM 1\t文件 C17/124-C\n"
              "\t原件：英文\n第十次全体会议\n简要记录\n2017年5月25日，星期四，上午9点30分—中午12点30分\n"
              "会议主席：E. SPINA女士（意大利）")
    record = parse_bytes(f"{header}\n{ZH_BODY}".encode(), "record-zh.txt").to_dict()
    m = record["meeting"]
    assert record["language"] == "zh"
    assert (m["symbol"], m["body"], m["number"], m["date"], m["start"], m["end"],
            [c["country"] for c in m["chairs"]], m["original_language"]) == \
        ("C17/124", "council", 10, "2017-05-25", "09:30", "12:30", ["ITA"], "en")
    outcome = record["items"][0]["paragraphs"][1]["outcomes"][0]
    assert (outcome["kind"], outcome["refers_to"]) == ("decided", "1.1")
