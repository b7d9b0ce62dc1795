"""Chinese: names found without spaces around them, and search by character bigrams."""

from __future__ import annotations

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
