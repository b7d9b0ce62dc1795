"""The HTML pages against a real SQLite archive: content, links, escaping, errors."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from plenary.web.present import document_url


def _page(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_home_lists_meetings_with_a_search_box(client: TestClient, ids: dict[str, int]) -> None:
    html = _page(client, "/")
    for mid in ids.values():
        assert f'href="/meetings/{mid}"' in html
    assert 'action="/search"' in html


def test_meeting_page(client: TestClient, ids: dict[str, int]) -> None:
    mid = ids["PP-18/170"]
    html = _page(client, f"/meetings/{mid}")
    assert 'id="p-1.3"' in html and f'href="/meetings/{mid}/paragraphs/1.3"' in html
    assert 'href="/delegations/DNK"' in html and 'href="/delegations/CAN"' in html
    assert 'href="/groups/CEPT"' in html  # a group's chip leads to its page
    assert 'class="badge badge-adopted"' in html and "first reading" in html
    assert "as amended" in html and "conditional" in html
    assert "https://www.itu.int/md/S18-PP-C-0162/en" in html
    # The timeline: sittings and suspensions, the closing marked, across midnight.
    assert html.count('class="tl-seg tl-suspension') == 6
    assert "closed 05:25" in html
    nonce = re.search(r"script-src 'self' 'nonce-([^']+)'",
                      client.get(f"/meetings/{mid}").headers["content-security-policy"])
    assert nonce


def test_council_documents_link_to_the_itu(client: TestClient, ids: dict[str, int]) -> None:
    html = _page(client, f"/meetings/{ids['C17/124']}")
    assert "https://www.itu.int/md/S17-CL-C-0055/en" in html
    assert "https://www.itu.int/md/S17-CL-INF-0006/en" in html
    assert 'class="badge badge-elected"' in html and "Mario Canazza" in html


def test_document_url_rules() -> None:
    pp = {"body": "plenipotentiary", "session": "PP-18"}
    assert document_url("C17/55") == "https://www.itu.int/md/S17-CL-C-0055/en"
    assert document_url("C17/55(Rev.1)") == "https://www.itu.int/md/S17-CL-C-0055/en"
    assert document_url("162", pp) == "https://www.itu.int/md/S18-PP-C-0162/en"
    assert document_url("163(Rev.1)", pp) == "https://www.itu.int/md/S18-PP-C-0163/en"
    assert document_url("162", {"body": "council", "session": "Council 2017"}) is None
    assert document_url("C17/DT/5") is None
    assert document_url("WGPL/4", pp) is None


def test_record_markup_is_shown_as_text(client: TestClient, ids: dict[str, int]) -> None:
    html = _page(client, f"/meetings/{ids['C19/99']}")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;of&lt;/b&gt;" in html and "&amp; trust" in html
    assert "<b>of</b>" not in html
    search = _page(client, "/search?q=cybersecurity")
    assert "<script>alert" not in search and "<mark>" in search


def test_paragraph_permalink_page(client: TestClient, ids: dict[str, int]) -> None:
    mid = ids["PP-18/170"]
    html = _page(client, f"/meetings/{mid}/paragraphs/1.3")
    assert "Le délégué du Danemark" in html and 'href="/delegations/DNK"' in html
    _page(client, f"/meetings/{mid}/paragraphs/99.99", 404)
    _page(client, f"/meetings/{mid}/paragraphs/%3Cscript%3E", 400)


def test_search_page(client: TestClient, ids: dict[str, int]) -> None:
    html = _page(client, "/search?q=DONA")
    assert "<mark>DONA</mark>" in html
    assert f'href="/meetings/{ids["PP-18/170"]}#p-1.5"' in html
    grouped = _page(client, "/search?group=CEPT")
    assert "CEPT" in grouped and "paragraph" in grouped
    _page(client, "/search?q=" + "x" * 501, 400)
    _page(client, "/search?q=DONA&country=france", 400)


def test_decisions_page(client: TestClient, ids: dict[str, int]) -> None:
    html = _page(client, f"/decisions?kind=elected&meeting={ids['C17/124']}")
    assert "Mario Canazza" in html and 'class="badge badge-elected"' in html
    assert "badge-adopted" not in html
    assert f'href="/api/decisions?meeting={ids["C17/124"]}&amp;kind=elected&amp;format=csv"' \
        in html
    assert "No decision matches" in _page(client, "/decisions?kind=vetoed")


def test_delegation_pages(client: TestClient) -> None:
    html = _page(client, "/delegations/CAN")
    assert 'data-chart="chart-activity"' in html and "/static/plotly.min.js" in html
    assert 'href="/delegations/DNK"' in html  # a partner
    assert "<script nonce=" in html
    index = _page(client, "/delegations")
    assert 'href="/delegations/RUS"' in index
    _page(client, "/delegations/ZZZ", 404)
    _page(client, "/delegations/zz", 400)


def test_text_and_network_pages(client: TestClient, ids: dict[str, int]) -> None:
    html = _page(client, "/texts?label=Resolution+130+(Rev.+Dubai,+2018)")
    assert f'href="/meetings/{ids["C19/99"]}#p-1.2"' in html
    assert 'data-chart="chart-text"' in html
    assert "No record mentions" in _page(client, "/texts?label=Resolution+1+(Nowhere,+1900)")
    assert 'action="/texts"' in _page(client, "/texts")
    network = _page(client, "/network")
    assert 'data-chart="chart-network"' in network and 'href="/delegations/DNK"' in network
    _page(client, "/network?meeting=abc", 400)


def test_missing_meeting_is_an_html_404(client: TestClient) -> None:
    html = _page(client, "/meetings/424242", 404)
    assert "no meeting 424242" in html
