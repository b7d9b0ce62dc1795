"""Chinese: names found without spaces around them, search by character bigrams, and the
Chinese pack: records parsed as the ITU prints them (the country before its role noun, the
symbols before the word "document", the honorific after the name, full-width punctuation)."""

from __future__ import annotations

import json

import pytest

from plenary.gazetteer import gazetteer
from plenary.store.terms import index_text, query_groups, snippet, words


def test_names_without_spaces() -> None:
    text = ("印度理事代表印度以及孟加拉国、尼日利亚、乌干达和突尼斯介绍了提案。"
            "肯尼亚代表代表非洲集团发言")
    ids = [ent.id for _, _, ent in gazetteer().matcher("zh").find(text)]
    assert ids == ["IND", "IND", "BGD", "NGA", "UGA", "TUN", "KEN", "african-group"]


def test_bigrams_index_and_query_alike() -> None:
    assert words("秘书长介绍了C17/18号文件") == ["秘书", "书长", "长介", "介绍", "绍了",
                                          "c17", "18", "号文", "文件"]
    indexed = set(index_text("秘书长介绍了C17/18号文件", "zh").split())
    assert all(g & indexed for g in query_groups("秘书长", ["zh"]))
    assert not all(g & indexed for g in query_groups("秘书处", ["zh"]))


def test_snippet_marks_the_whole_term() -> None:
    segments = snippet("会上，秘书长介绍了文件。", query_groups("秘书长", ["zh"]), "zh")
    assert "".join(s["text"] for s in segments) == "会上，秘书长介绍了文件。"
    assert [s["text"] for s in segments if s["hit"]] == ["秘书长"]


# --- parsing: the Chinese pack ------------------------------------------------------------------

OWN_RECORDS = ("pp-22-plenary-09", "council-2017-plenary-12")


@pytest.mark.parametrize("name", OWN_RECORDS)
def test_own_record_header_exact_and_facts(name: str) -> None:
    from renderings import rendering_path
    from scoring import micro_f1

    from plenary.parse import parse_path

    path = rendering_path("zh", name)
    record = parse_path(path).to_dict()
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert record["language"] == "zh"
    assert {k: record["meeting"].get(k) for k in expected["meeting"]} == expected["meeting"]
    f1, diff = micro_f1(record, expected)
    assert f1 >= 0.95, diff
    assert not record["warnings"]


def _speakers(text: str) -> list[tuple]:
    from plenary.parse.actors import finder

    def key(a) -> tuple:
        return (a.kind, a.country or a.id, a.role, a.count)

    return [(*key(a), [key(o) for o in a.on_behalf_of], [key(s) for s in a.supported_by])
            for a in finder("zh").speakers(text)]


@pytest.mark.parametrize(("text", "speakers"), [
    # the country before its role noun, the group spoken for with 以…的名义 or a second 代表
    ("肯尼亚代表以非洲集团的名义发言。",
     [("delegation", "KEN", "delegate", None, [("group", "african-group", None, None)], [])]),
    ("肯尼亚代表代表非洲集团发言，在埃及和印度代表的支持下，提议推迟审议。",
     [("delegation", "KEN", "delegate", None, [("group", "african-group", None, None)],
       [("delegation", "EGY", "delegate", None), ("delegation", "IND", "delegate", None)])]),
    # a role noun glued to a group's name is the verb "on behalf of"
    ("肯尼亚代表非洲集团发言，提议推迟审议。",
     [("delegation", "KEN", "delegate", None, [("group", "african-group", None, None)], [])]),
    # a unit's delegate is its representative; a name and its acronym are one unit
    ("BDT的代表概述了技术评估。", [("official", "BDT", "representative", None, [], [])]),
    ("战略规划和成员部（SPM）负责人介绍了C17/18号文件。",
     [("official", "SPM", "head", None, [], [])]),
    ("来自菲律宾的理事表示支持。", [("delegation", "PHL", "councillor", None, [], [])]),
    ("若干理事支持这一想法，而另一些理事则指出听证会可能具有误导性。",
     [("collective", None, "councillor", "several", [], [])]),
    ("一位理事表示，候选人应按区域组织排列。", [("collective", None, "councillor", "one", [], [])]),
])
def test_speakers_as_chinese_prints_them(text: str, speakers: list[tuple]) -> None:
    assert _speakers(text) == speakers


def test_a_second_delegate_of_a_unit_is_not_a_collective() -> None:
    assert _speakers("BDT的另一位代表解释说，选择国家的标准是公开的。") == [
        ("official", "BDT", "representative", None, [], [])]


@pytest.mark.parametrize(("word", "number"), [
    ("第一", 1), ("第十二", 12), ("第二十三", 23), ("九", 9), ("第九次", 9), ("第3", 3),
    ("理事", None), ("第", None),
])
def test_chinese_ordinals(word: str, number: int | None) -> None:
    from plenary.lang import pack

    assert pack("zh").ordinal(word) == number


@pytest.mark.parametrize(("printed", "hhmm"), [
    ("上午9时30分", "09:30"), ("下午2时30分", "14:30"), ("12时30分", "12:30"), ("09:30", "09:30"),
    ("中午", "12:00"),
])
def test_times_as_chinese_prints_them(printed: str, hhmm: str) -> None:
    from plenary.lang import pack
    from plenary.parse.layout import EventReader

    assert EventReader(pack("zh")).hhmm(printed) == hhmm


def test_symbols_before_the_word_document() -> None:
    from plenary.parse.refs import finder

    found = [f.symbol for f in finder("zh").documents(
        "C17/4（Rev.1）、C17/76(Rev.1)和C17/INF/6号文件汇编了答复；第71号文件获得通过。")]
    assert found == ["C17/4(Rev.1)", "C17/76(Rev.1)", "C17/INF/6", "71"]


def test_a_second_hand_rendering_of_seed_000() -> None:
    """Another wording of seed 000 (tests/data/zh/000-variant.txt): the document word before the
    symbol, full-width "（Rev.1）", the title over two lines, "来自…的", "针对…", "（立陶宛大使）",
    "理事会以鼓掌方式选举…为…", "会议同意", "介绍了…共同提交的…": the gold's facts and header."""
    from conftest import GOLD
    from renderings import rendering_path
    from scoring import micro_f1

    from plenary.parse import parse_path

    record = parse_path(rendering_path("zh", "000-variant")).to_dict()
    gold = json.loads((GOLD / "000.json").read_text(encoding="utf-8"))
    f1, diff = micro_f1(record, gold)
    assert f1 >= 0.95, diff
    meeting = record["meeting"]
    assert (meeting["symbol"], meeting["body"], meeting["session"], meeting["number"],
            meeting["date"], meeting["start"], meeting["end"]) == (
        "C17/124", "council", "Council 2017", 6, "2017-05-22", "09:30", "12:30")
    assert meeting["title"] == "简要记录第六次全体会议"
    assert [(c["name"], c["country"]) for c in meeting["chairs"]] == [("E. SPINA", "ITA")]
    assert [row["documents"] for row in meeting["agenda"]][2] == ["C17/18", "C17/87"]
    assert not record["warnings"]


@pytest.mark.parametrize(("letterhead", "body", "session"), [
    ("世界电信标准化全会（2016年，哈马马特）", "wtsa", "WTSA-16"),
    ("2019年世界无线电通信大会（WRC-19）", "wrc", "WRC-19"),
    ("全权代表大会（PP-18）", "plenipotentiary", "PP-18"),
    ("国际电联理事会2017年会议", "council", "Council 2017"),
])
def test_a_header_of_another_meeting_type(letterhead: str, body: str, session: str) -> None:
    """The body by its acronym or its Chinese name; a date without its year takes the
    session's year; the honorific after the chair's name."""
    from plenary.parse import parse_bytes

    text = (f"{letterhead}\n全体会议\t第98号文件-C\n第三次全体会议简要记录\n"
            "10月27日星期四，上午9时30分-下午12时40分\n主席：Moktar MNAKRI先生（突尼斯）\n"
            "1\t委员会5的第一份报告（第71号文件）\n1.1\t委员会5主席介绍了第71号文件。\n"
            "1.2\t第71号文件获得通过。\n")
    record = parse_bytes(text.encode("utf-8"), "record-zh.txt").to_dict()
    meeting = record["meeting"]
    year = session[-4:] if session.startswith("Council") else "20" + session[-2:]
    assert (meeting["body"], meeting["session"], meeting["symbol"], meeting["number"],
            meeting["date"], meeting["start"], meeting["end"]) == (
        body, session, "98", 3, f"{year}-10-27", "09:30", "12:40")
    assert [(c["name"], c["country"]) for c in meeting["chairs"]] == [("Moktar MNAKRI", "TUN")]
    assert record["items"][0]["paragraphs"][1]["outcomes"][0]["objects"] == ["71"]


@pytest.mark.parametrize(("paragraph", "outcomes"), [
    ("会议决定推迟审议第71号文件。", [("postponed", ["71"], False)]),
    ("第72号文件经修正获得通过。", [("adopted", ["72"], True)]),
    ("会议批准了经修正的第73号文件。", [("approved", ["73"], True)]),
    ("第12号决议（2018年，迪拜，修订版）草案经一读获得批准。",
     [("approved", ["Resolution 12 (Rev. Dubai, 2018)"], False)]),
    ("会议注意到第74号文件，并批准了其中所载的建议。", [("noted", ["74"], False),
                                         ("approved", [], False)]),
    ("主席宣布，会议以协商一致方式通过了第76号文件。", [("adopted", ["76"], False)]),
    ("第75号文件被撤回。", [("withdrawn", ["75"], False)]),
    # a proposal, a report or a relative clause records no decision
    ("主席提议，会议注意到第77号文件。", []),
    ("秘书长表示，第78号文件已获得通过。", []),
    ("理事会批准的预算将得到执行。", []),
    ("如果第130号决议（2018年，迪拜，修订版）未获通过，将产生影响。", []),  # full-width brackets
])
def test_outcomes_as_chinese_prints_them(paragraph: str, outcomes: list[tuple]) -> None:
    from plenary.parse import parse_bytes

    record = parse_bytes(f"1\t审议\n1.1\t{paragraph}\n".encode(), "record-zh.txt").to_dict()
    found = record["items"][0]["paragraphs"][0]["outcomes"]
    assert [(o["kind"], o["objects"], o["as_amended"]) for o in found] == outcomes


def test_supporters_of_a_proposal_named_by_its_author() -> None:
    # "肯尼亚代表提出的提案": Kenya is named as the proposal's author; its supporters speak
    assert _speakers("肯尼亚代表提出的提案得到埃及和印度代表的支持。") == [
        ("delegation", "EGY", "delegate", None, [], []),
        ("delegation", "IND", "delegate", None, [], [])]


def test_a_paragraph_cut_by_a_page_break_is_joined_without_a_space() -> None:
    from plenary.parse import parse_bytes

    text = ("1\t审议\n1.1\t秘书长介绍了C17/40号文件，并指出\n理事会需要就此作出决定。\n"
            "第102号决议（2018年，迪拜，修订版）草案\n1.2\t会议注意到C17/40号文件。\n")
    paragraphs = parse_bytes(text.encode(), "record-zh.txt").to_dict()["items"][0]["paragraphs"]
    assert [(p["number"], p["text"]) for p in paragraphs] == [
        ("1.1", "秘书长介绍了C17/40号文件，并指出理事会需要就此作出决定。"),
        (None, "第102号决议（2018年，迪拜，修订版）草案"),  # a sub-heading stays one
        ("1.2", "会议注意到C17/40号文件。")]


@pytest.mark.parametrize(("printed", "name", "country"), [
    ("Sabin SĂRMAŞ先生（罗马尼亚）", "Sabin SĂRMAŞ", "ROU"),
    ("E. SPINA女士（意大利）", "E. SPINA", "ITA"),
    ("赵厚麟先生（中国）", "赵厚麟", "CHN"),  # a name in Chinese characters
])
def test_a_chair_as_chinese_prints_the_name(printed: str, name: str, country: str) -> None:
    from plenary.parse.actors import finder

    person = finder("zh").person(printed)
    assert person is not None and (person.name, person.country) == (name, country)
