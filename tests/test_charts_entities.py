"""The entity pages' charts (plenary/web/charts_entities.py) on histories whose answer is known."""

from __future__ import annotations

from plenary.web.charts_entities import sessions_figure, short_version, text_timeline_figure

DUBAI = "Resolution 130 (Rev. Dubai, 2018)"
BUSAN = "Resolution 130 (Rev. Busan, 2014)"


def _step(meeting: int, date: str | None, number: str, labels: list[str],
          outcome: str | None = None) -> dict:
    return {"meeting": {"id": meeting, "date": date, "symbol": f"PP-18/{meeting}",
                        "language": "en"},
            "number": number, "session": "PP-18", "labels": labels,
            "type": "outcome" if outcome else "mention",
            "outcome": {"kind": outcome, "objects": labels} if outcome else None}


def test_timeline_groups_steps_of_one_meeting_and_keeps_kinds_apart() -> None:
    events = [_step(7, "2018-11-15", "6.9", [DUBAI]), _step(7, "2018-11-15", "6.11", [DUBAI]),
              _step(7, "2018-11-15", "6.10", [DUBAI], "decided"),
              _step(3, "2018-11-01", "2.1", [BUSAN, DUBAI]),
              _step(9, "2018-11-16", "1.4", [DUBAI], "adopted")]
    fig = text_timeline_figure(events)
    layout = fig["layout"]
    # Meetings in time order across: 3 (1 Nov), 7, 9.
    assert layout["xaxis"]["ticktext"] == ["2018-11-01<br>PP-18/3", "2018-11-15<br>PP-18/7",
                                           "2018-11-16<br>PP-18/9"]
    # Versions up the side by first appearance then year, named short.
    assert layout["yaxis"]["ticktext"] == ["Rev. Busan, 2014", "Rev. Dubai, 2018"]
    traces = {t["name"]: t for t in fig["data"]}
    assert set(traces) == {"mention", "decided", "adopted"}
    mentions = traces["mention"]
    # Two mentions in meeting 7 make one marker labelled 2; the paragraph of meeting 3 that
    # names both versions stands on both rows.
    points = sorted(zip(mentions["x"], mentions["y"], mentions["text"], strict=True))
    assert [(round(x), y, t) for x, y, t in points] == [(0, 0, ""), (0, 1, ""), (1, 1, "2")]
    assert "PP-18/7 ¶ 6.9<br>PP-18/7 ¶ 6.11" in [c[2] for c in mentions["customdata"]]
    # A decision in the same meeting sits beside the mentions, not on them.
    decided_x = traces["decided"]["x"][0]
    pairs = zip(mentions["x"], mentions["y"], strict=True)
    beside = [x for x, y in pairs if (round(x), y) == (1, 1)]
    assert round(decided_x) == 1 and decided_x not in beside


def test_timeline_escapes_labels_and_handles_undated_meetings() -> None:
    fig = text_timeline_figure([_step(1, None, "1.1", ["Resolution <b>9</b>"])])
    assert fig["layout"]["yaxis"]["ticktext"] == ["Resolution &lt;b&gt;9&lt;/b&gt;"]
    assert fig["layout"]["xaxis"]["ticktext"] == ["PP-18<br>PP-18/1"]
    assert text_timeline_figure([]) is None


def test_short_version_and_sessions_figure() -> None:
    assert short_version(DUBAI) == "Rev. Dubai, 2018"
    assert short_version("Series B20") == "Series B20"
    fig = sessions_figure([{"session": None, "speaker": 5, "supporter": 1},
                           {"session": "Council 2019", "speaker": 1, "supporter": 0}])
    assert fig["data"][0]["x"] == ["unknown session", "Council 2019"]
    assert [t["y"] for t in fig["data"]] == [[5, 1], [1, 0]]
    assert sessions_figure([]) is None
