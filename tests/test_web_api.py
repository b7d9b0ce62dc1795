"""The JSON API against a real SQLite archive built from the gold records (no mocks)."""

from __future__ import annotations

import csv
import io
import logging

import pytest
from fastapi.testclient import TestClient

from plenary.web import create_app


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert "Traceback" not in body["error"]
    return body["error"]


# --- meetings ---------------------------------------------------------------------------------

def test_meetings_lists_every_record(client: TestClient, ids: dict[str, int]) -> None:
    meetings = client.get("/api/meetings").json()["meetings"]
    assert len(meetings) == 3
    assert set(ids) == {"C17/124", "PP-18/170", "C19/99"}
    for m in meetings:
        assert isinstance(m["id"], int)


def test_meeting_is_the_contract_record(client: TestClient, ids: dict[str, int],
                                        web_records: list[dict]) -> None:
    record = client.get(f"/api/meetings/{ids['PP-18/170']}").json()
    assert record["schema"] == "plenary/record@1"
    assert record["meeting"]["session"] == "PP-18"
    gold = web_records[1]
    assert [i["number"] for i in record["items"]] == [i["number"] for i in gold["items"]]
    para = record["items"][0]["paragraphs"][2]
    assert para["number"] == "1.3"
    assert [s["country"] for s in para["speakers"][0]["supported_by"]] == \
        ["CAN", "POL", "PRT", "FIN", "IRL"]
    assert record["events"] == gold["events"]


def test_meeting_not_found_and_malformed(client: TestClient) -> None:
    assert "no meeting" in _error(client.get("/api/meetings/999999"), 404)
    _error(client.get("/api/meetings/abc"), 400)
    _error(client.get("/api/meetings/0"), 400)
    _error(client.get("/api/meetings/99999999999999999999999"), 400)


def test_timeline_crosses_midnight(client: TestClient, ids: dict[str, int]) -> None:
    tl = client.get(f"/api/meetings/{ids['PP-18/170']}/timeline").json()
    kinds = [s["kind"] for s in tl["segments"]]
    assert kinds[0] == "sitting" and "suspension" in kinds
    assert any(s["from"] == "23:00" and s["to"] == "00:50" for s in tl["segments"])


# --- search -----------------------------------------------------------------------------------

def test_search_finds_and_highlights(client: TestClient, ids: dict[str, int]) -> None:
    body = client.get("/api/search", params={"q": "DONA"}).json()
    assert body["total"] >= 2
    first = body["results"][0]
    assert first["meeting"]["id"] == ids["PP-18/170"] == first["meeting_id"]
    assert first["number"]
    assert "<mark>" in first["snippet"]
    assert all("speakers" in r for r in body["results"])


def test_search_snippet_escapes_record_markup(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "cybersecurity"}).json()
    ours = [r for r in body["results"] if r["meeting"]["symbol"] == "C19/99"]
    assert len(ours) == 1
    snippet = ours[0]["snippet"]
    assert "<mark>" in snippet
    assert "<script>" not in snippet
    assert "&amp;" in snippet or "&lt;script&gt;" in snippet


def test_search_filters(client: TestClient, ids: dict[str, int]) -> None:
    pp = ids["PP-18/170"]
    everywhere = client.get("/api/search", params={"q": "délégué"}).json()["total"]
    assert everywhere > 0
    in_pp = client.get("/api/search", params={"q": "délégué", "meeting": pp}).json()
    assert in_pp["total"] > 0 and all(r["meeting"]["id"] == pp for r in in_pp["results"])
    elsewhere = client.get("/api/search", params={"q": "délégué", "meeting": ids["C19/99"]})
    assert elsewhere.json()["total"] == 0
    by_country = client.get("/api/search", params={"q": "délégué", "country": "DNK"}).json()
    assert by_country["total"] >= 1
    assert any("DNK" in {s.get("country") for s in r["speakers"]}
               for r in by_country["results"])
    dated = client.get("/api/search", params={"q": "délégué", "from": "2019-01-01"}).json()
    assert dated["total"] == 0


def test_search_unknown_values_give_empty_results(client: TestClient) -> None:
    for params in ({"q": "DONA", "kind": "applauded"}, {"q": "DONA", "reading": "third"},
                   {"q": "DONA", "country": "ZZZ"}, {"q": "DONA", "meeting": "424242"},
                   {"q": "zzzzqqqxxyy"}):
        response = client.get("/api/search", params=params)
        assert response.status_code == 200, params
        assert response.json()["total"] == 0, params
        assert response.json()["results"] == []


@pytest.mark.parametrize("params", [
    {"q": "x" * 501},
    {"q": "DONA", "country": "can"},
    {"q": "DONA", "country": "CANADA"},
    {"q": "DONA", "from": "2018-13-45"},
    {"q": "DONA", "to": "yesterday"},
    {"q": "DONA", "meeting": "one"},
    {"q": "DONA", "kind": "Adopted!"},
    {"q": "DONA", "group": "<script>"},
    {"q": "DONA", "limit": "0"},
    {"q": "DONA", "limit": "100000"},
    {"q": "DONA", "offset": "-1"},
    {"q": "a\x00b"},
    {"q": "DONA", "text": "y" * 600},
])
def test_search_malformed_input_is_a_4xx_json_error(client: TestClient, params: dict) -> None:
    _error(client.get("/api/search", params=params), 400)


def test_search_survives_query_syntax(client: TestClient) -> None:
    for q in ('"', "DONA AND", "(", "*", "NEAR(", "a:b", "'; DROP TABLE meetings; --", "ü"):
        response = client.get("/api/search", params={"q": q})
        assert response.status_code in (200, 400), (q, response.text)
        if response.status_code == 400:
            _error(response, 400)
    assert client.get("/api/meetings").json()["meetings"]


# --- delegations ------------------------------------------------------------------------------

def test_delegation(client: TestClient, ids: dict[str, int]) -> None:
    body = client.get("/api/delegations/DNK").json()
    assert body["country"] == "DNK"
    spoke = [i for i in body["interventions"] if i["as"] == "speaker"]
    assert any(i["number"] == "1.3" and i["meeting"]["id"] == ids["PP-18/170"] for i in spoke)
    para = next(i for i in spoke if i["number"] == "1.3")
    assert {"CAN", "POL", "PRT", "FIN", "IRL"} <= {a.get("country") for a in para["supported_by"]}
    canada = client.get("/api/delegations/CAN").json()
    supports = [i for i in canada["interventions"] if i["as"] == "supporter"]
    assert any(i["number"] == "1.3" for i in supports)
    assert any(p["country"] == "DNK" for p in canada["partners"])
    assert canada["activity"]


def test_delegation_on_behalf_of(client: TestClient) -> None:
    body = client.get("/api/delegations/CZE").json()
    para = next(i for i in body["interventions"] if i["number"] == "1.2")
    assert [a.get("id") for a in para["on_behalf_of"]] == ["CEPT"]


def test_delegation_404_and_400(client: TestClient) -> None:
    assert "ZZZ" in _error(client.get("/api/delegations/ZZZ"), 404)
    _error(client.get("/api/delegations/can"), 400)
    _error(client.get("/api/delegations/C4N"), 400)
    _error(client.get("/api/delegations/" + "A" * 40), 400)


def test_delegations_index(client: TestClient) -> None:
    rows = client.get("/api/delegations").json()["delegations"]
    assert {"RUS", "DNK", "CAN"} <= {r["country"] for r in rows}


# --- texts ------------------------------------------------------------------------------------

def test_text_history(client: TestClient, ids: dict[str, int]) -> None:
    label = "Resolution 102 (Rev. Dubai, 2018)"
    body = client.get("/api/texts", params={"label": label}).json()
    assert body["label"] == label
    types = [e["type"] for e in body["events"]]
    assert "mention" in types and "outcome" in types
    outcomes = [(e["number"], e["outcome"]["kind"]) for e in body["events"]
                if e["type"] == "outcome"]
    assert outcomes == [("1.8", "decided"), ("1.10", "adopted")]
    numbers = [e["number"] for e in body["events"]]
    assert numbers.index("1.1") < numbers.index("1.8") < numbers.index("1.10")


def test_text_history_across_meetings(client: TestClient, ids: dict[str, int]) -> None:
    body = client.get("/api/texts", params={"label": "Resolution 130 (Rev. Dubai, 2018)"}).json()
    meetings = {e["meeting"]["id"] for e in body["events"]}
    assert {ids["PP-18/170"], ids["C19/99"]} <= meetings


def test_text_unknown_missing_and_oversized(client: TestClient) -> None:
    unknown = client.get("/api/texts", params={"label": "Resolution 9999 (Nowhere, 1900)"})
    assert unknown.status_code == 200 and unknown.json()["events"] == []
    index = client.get("/api/texts").json()  # no label: the index of every text
    assert index["total"] == len(index["texts"]) and index["texts"]
    _error(client.get("/api/texts", params={"label": "R" * 501}), 400)


# --- decisions --------------------------------------------------------------------------------

def test_decisions(client: TestClient, ids: dict[str, int]) -> None:
    rows = client.get("/api/decisions").json()["decisions"]
    kinds = {r["kind"] for r in rows}
    assert {"adopted", "approved", "elected", "noted", "decided"} <= kinds
    for r in rows:
        assert {"kind", "objects", "reading", "meeting", "number"} <= set(r)
    adopted = client.get("/api/decisions", params={"kind": "adopted", "reading": "first"}).json()
    assert adopted["decisions"]
    assert all(r["kind"] == "adopted" and r["reading"] == "first" for r in adopted["decisions"])
    council = client.get("/api/decisions", params={"meeting": ids["C17/124"]}).json()["decisions"]
    assert sorted(r["kind"] for r in council) == ["decided", "decided", "elected", "noted",
                                                  "noted"]
    by_text = client.get("/api/decisions",
                         params={"text": "Resolution 102 (Rev. Dubai, 2018)"}).json()
    assert [r["number"] for r in by_text["decisions"]] == ["1.8", "1.10"]
    dated = client.get("/api/decisions", params={"from": "2019-01-01", "to": "2019-12-31"})
    assert [r["kind"] for r in dated.json()["decisions"]] == ["approved"]
    assert client.get("/api/decisions", params={"kind": "vetoed"}).json()["decisions"] == []


def test_decisions_csv(client: TestClient, ids: dict[str, int]) -> None:
    response = client.get("/api/decisions",
                          params={"format": "csv", "meeting": ids["C17/124"]})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and rows[0].keys() >= {"meeting_id", "number", "kind", "objects", "reading"}
    assert sorted(r["kind"] for r in rows) == ["decided", "decided", "elected", "noted", "noted"]
    elected = next(r for r in rows if r["kind"] == "elected")
    assert "Mario Canazza" in elected["person"]
    empty = client.get("/api/decisions", params={"format": "csv", "kind": "vetoed"})
    assert list(csv.reader(io.StringIO(empty.text)))[0][:3] == ["date", "session", "meeting_id"]


def test_decisions_malformed(client: TestClient) -> None:
    _error(client.get("/api/decisions", params={"format": "xlsx"}), 400)
    _error(client.get("/api/decisions", params={"from": "2018/11/15"}), 400)
    _error(client.get("/api/decisions", params={"country": "1234"}), 400)


# --- network, openapi, headers, errors --------------------------------------------------------

def test_network(client: TestClient, ids: dict[str, int]) -> None:
    edges = client.get("/api/network").json()["edges"]
    supported = {(e["source"], e["target"]) for e in edges if e["relation"] == "supported"}
    assert ("CAN", "DNK") in supported  # api.md: source supports target
    only = client.get("/api/network", params={"meeting": ids["C19/99"]}).json()["edges"]
    assert {(e["source"], e["target"], e["relation"]) for e in only} == {
        ("DNK", "CAN", "supported"), ("MEX", "CAN", "supported"),
        ("CAN", "CITEL", "on-behalf-of")}


def test_openapi_describes_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/meetings", "/api/meetings/{meeting_id}", "/api/search",
                 "/api/delegations/{iso3}", "/api/texts", "/api/decisions"):
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "meeting", "country", "group", "kind", "reading", "text", "from", "to"} <= names
    assert client.get("/docs").status_code == 200  # served from the package (test_api_docs.py)


def test_security_headers(client: TestClient) -> None:
    response = client.get("/api/meetings")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"]
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "script-src 'self' 'nonce-" in csp


def test_unknown_route_is_a_json_404(client: TestClient) -> None:
    _error(client.get("/api/nothing-here"), 404)


def test_unexpected_error_is_a_logged_500_without_traceback(
        web_archive: str, caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(web_archive)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret internal detail")

    with TestClient(app, raise_server_exceptions=False) as c, \
            caplog.at_level(logging.ERROR, logger="plenary.web"):
        response = c.get("/api/boom")
    assert _error(response, 500) == "internal error"
    assert "secret" not in response.text
    assert any("boom" in r.getMessage() for r in caplog.records)


def test_plotly_served_locally(client: TestClient) -> None:
    response = client.get("/static/plotly.min.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert len(response.content) > 1_000_000
    assert client.get("/static/style.css").status_code == 200
