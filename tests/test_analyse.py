"""The analyses over the archive: meetings, timeline, delegations, texts, decisions, network."""

from __future__ import annotations

import json

import pytest
from conftest import record_of

from plenary import analyse
from plenary.store import Archive

R130 = "Resolution 130 (Rev. Dubai, 2018)"


@pytest.fixture
def seeded(store: Archive) -> dict[str, int]:
    """Both gold records stored; their meeting ids by seed."""
    return {p: store.add_record(record_of(p)).meeting_id for p in ("000", "002")}


def test_meetings_list(store: Archive, seeded: dict[str, int]) -> None:
    listed = analyse.meetings(store)
    assert [m["id"] for m in listed] == [seeded["000"], seeded["002"]]  # by date
    pp = listed[1]
    assert pp["symbol"] == "PP-18/170" and pp["date"] == "2018-11-15"
    assert (pp["items"], pp["paragraphs"]) == (20, 158)
    assert pp["outcomes"] == 38
    assert pp["source"].startswith("002_")
    json.dumps(listed)


def test_meeting_is_the_record(store: Archive, seeded: dict[str, int]) -> None:
    got = analyse.meeting(store, seeded["002"])
    assert got == {"id": seeded["002"], **record_of("002").to_dict()}
    assert analyse.meeting(store, 999999) is None
    assert analyse.meeting(store, "nope") is None  # type: ignore[arg-type]


def test_timeline_across_midnight(store: Archive, seeded: dict[str, int]) -> None:
    tl = analyse.timeline(store, seeded["002"])
    assert (tl["start"], tl["end"]) == ("14:40", "05:25")
    segs = tl["segments"]
    assert [s["kind"] for s in segs] == ["sitting", "suspension"] * 6 + ["sitting"]
    assert (segs[0]["from"], segs[0]["to"]) == ("14:40", "15:20")
    midnight = segs[9]  # suspended at 23:00, resumed at 00:50
    assert (midnight["kind"], midnight["from"], midnight["to"]) == ("suspension", "23:00", "00:50")
    assert midnight["minutes"] == 110
    assert segs[-1]["to"] == "05:25" and segs[-1]["to_offset"] == 14 * 60 + 45
    offsets = [s["from_offset"] for s in segs] + [segs[-1]["to_offset"]]
    assert offsets == sorted(offsets)
    assert all(s["minutes"] >= 0 for s in segs)
    assert tl["events"][-1]["kind"] == "closed"
    assert analyse.timeline(store, 999999) is None


def test_timeline_without_events(store: Archive, seeded: dict[str, int]) -> None:
    tl = analyse.timeline(store, seeded["000"])
    assert tl["segments"] == [{"kind": "sitting", "from": "09:35", "to": "12:30",
                               "after_paragraph": None, "from_offset": 0, "to_offset": 175,
                               "minutes": 175}]


def test_delegation_canada(store: Archive, seeded: dict[str, int]) -> None:
    can = analyse.delegation(store, "CAN")
    assert can["country"] == "CAN"
    spoke = [i for i in can["interventions"] if i["as"] == "speaker"]
    assert [i["number"] for i in spoke] == ["4.3", "6.15", "13.3", "15.4", "17.12", "17.21"]
    p615 = spoke[1]
    assert p615["meeting"]["id"] == seeded["002"]
    assert p615["role"] == "delegate"
    assert [b["id"] for b in p615["on_behalf_of"]] == ["CITEL"]
    supporters = [s["country"] for s in p615["supported_by"]]
    assert supporters[:3] == ["SWE", "GBR", "ESP"] and len(supporters) == 13
    esp = p615["supported_by"][2]
    assert [b["id"] for b in esp["on_behalf_of"]] == ["CEPT"]  # a supporter's own on_behalf_of
    supported = [i for i in can["interventions"] if i["as"] == "supporter"]
    assert supported and all(len(i["supported"]) == 1 for i in supported)
    assert "DNK" in {i["supported"][0]["country"] for i in supported}  # 1.3
    assert sum(a["speaker"] for a in can["activity"]) == 6
    partners = {p["country"]: p["count"] for p in can["partners"]}
    assert partners["SWE"] >= 1 and partners["DNK"] >= 1
    assert analyse.delegation(store, "can")["country"] == "CAN"
    json.dumps(can)


def test_delegation_unknown(store: Archive, seeded: dict[str, int]) -> None:
    assert analyse.delegation(store, "ZZZ") is None
    assert analyse.delegation(store, "") is None
    assert analyse.delegation(store, "X" * 1000) is None


def test_text_history_resolution_130(store: Archive, seeded: dict[str, int]) -> None:
    history = analyse.text_history(store, R130)
    assert (history["label"], history["kind"], history["number"]) == (R130, "resolution", "130")
    steps = [(e["number"], e["type"], e["outcome"]["kind"] if e["outcome"] else None)
             for e in history["events"]]
    assert steps == [
        ("6.10", "outcome", "decided"), ("6.11", "mention", None),
        ("6.12", "outcome", "decided"), ("6.12", "outcome", "postponed"),
        ("12.1", "mention", None), ("15.1", "mention", None),
        ("15.17", "outcome", "adopted"), ("18.1", "mention", None),
    ]
    adoption = history["events"][6]
    assert adoption["outcome"]["reading"] == "first" and adoption["outcome"]["as_amended"]
    assert adoption["text"] and adoption["meeting"]["id"] == seeded["002"]
    assert analyse.text_history(store, "Resolution 999 (Nowhere, 1900)") is None
    assert analyse.text_history(store, "") is None


def test_decisions_register(store: Archive, seeded: dict[str, int]) -> None:
    def outcomes(prefix: str) -> list[dict]:
        return [o for item in record_of(prefix).to_dict()["items"] for p in item["paragraphs"]
                for o in p["outcomes"]]

    everything = analyse.decisions(store)
    assert len(everything) == len(outcomes("000")) + len(outcomes("002"))
    assert everything[0]["kind"] == "elected" and everything[0]["person"]["name"] == "Mario Canazza"
    adopted = analyse.decisions(store, kind="adopted")
    assert len(adopted) == 11 and all(d["kind"] == "adopted" for d in adopted)
    first = analyse.decisions(store, kind="adopted", reading="first")
    assert first and all(d["reading"] == "first" for d in first) and len(first) < len(adopted)
    on130 = analyse.decisions(store, text=R130)
    assert [d["number"] for d in on130] == ["6.10", "6.12", "6.12", "15.17"]
    assert all(R130 in d["objects"] for d in on130)
    n000 = len(outcomes("000"))
    assert analyse.decisions(store, meeting=seeded["000"]) == everything[:n000]
    assert len(analyse.decisions(store, date_from="2018-01-01")) == len(outcomes("002"))
    assert [{k: d[k] for k in outcomes("002")[0]} for d in everything[n000:]] == outcomes("002")
    keys = {"meeting", "item", "number", "kind", "objects", "reading", "as_amended",
            "conditional", "refers_to", "person", "post", "method"}
    assert all(keys <= set(d) for d in everything)
    for flt in ({"kind": "bogus"}, {"meeting": "x"}, {"country": "ZZZ"}, {"text": "?"},
                {"group": "nobody"}, {"date_to": "1900"}):
        assert analyse.decisions(store, **flt) == [], flt
    json.dumps(everything)


def test_network(store: Archive, seeded: dict[str, int]) -> None:
    net = analyse.network(store)
    edges = {(e["source"], e["relation"], e["target"]): e for e in net["edges"]}
    assert edges[("SWE", "supported", "CAN")]["weight"] == 1
    assert all(e["source"] != e["target"] for e in net["edges"])
    weights = [e["weight"] for e in net["edges"]]
    assert weights == sorted(weights, reverse=True)
    assert {e["relation"] for e in analyse.network(store, meeting=seeded["000"])["edges"]} == \
        {"co-sponsor"}
    pp = analyse.network(store, meeting=seeded["002"], relation="supported")["edges"]
    assert pp == [e for e in net["edges"] if e["relation"] == "supported"]
    assert analyse.network(store, meeting="junk")["edges"] == []


def test_countries_index(store: Archive, seeded: dict[str, int]) -> None:
    index = analyse.countries_index(store)
    codes = [c["country"] for c in index]
    assert codes == sorted(codes) and "CAN" in codes
    can = next(c for c in index if c["country"] == "CAN")
    assert can["interventions"] == len(analyse.delegation(store, "CAN")["interventions"])
    assert can["speaker"] == 6


def test_empty_archive(store: Archive) -> None:
    assert analyse.meetings(store) == []
    assert analyse.search(store, "adopté") == {"total": 0, "results": []}
    assert analyse.decisions(store) == []
    assert analyse.network(store)["edges"] == [] and analyse.network(store)["nodes"] == []
    assert analyse.countries_index(store) == []
    assert analyse.delegation(store, "CAN") is None
