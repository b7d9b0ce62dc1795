"""The network: nodes, relations, evidence, counting once, filters, measures, exports, page.

Real archives: seed 002 (French) alone, and with our English rendering of it (two language
versions of one meeting), seed 000, and a Council record written here in the genre that
carries "opposed by" and a header (session, body, date) for the filters.
"""

from __future__ import annotations

import csv
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from conftest import DATA, record_of, seed_path
from fastapi.testclient import TestClient

from plenary import analyse
from plenary.analyse.graph import graphml_bytes
from plenary.analyse.network import Node, NodeKind, Relation, network, public_id
from plenary.parse import parse_path
from plenary.store import Archive
from plenary.store.ingest import ingest
from plenary.store.writer import INTERVENTIONS
from plenary.web import create_app

COUNCIL_SAMPLE = """Council 2019
Geneva, 10-20 June 2019

Document C19/77-E
21 June 2019
Original: English
SUMMARY RECORD
OF THE
SIXTH plenary meeting
Thursday, 13 June 2019, from 0930 to 1230 hours
Chairman: Mr S. BIN GHELAITA (United Arab Emirates)

Subjects discussed\tDocuments
1\tProposals on the working languages\tC19/50
2\tRegional preparations\tC19/51

1\tProposals on the working languages (Document C19/50)
1.1\tThe councillor from Kenya, supported by the councillor from Ghana and opposed by the \
councillor from Chile, asked for a vote.
1.2\tThe councillor from Spain, opposed by the councillors from Italy and Greece, proposed \
new text.
2\tRegional preparations (Document C19/51)
2.1\tThe councillor from Mexico, speaking on behalf of CITEL, introduced Document C19/51.
2.2\tThe councillor from Chile, supported by the councillor from Kenya, endorsed the document.
"""


def _archive(path: Path, folders: list[list[Path]]) -> str:
    """A SQLite archive at `path`, each folder list ingested in turn; returns its URL."""
    url = f"sqlite:///{path}"
    with Archive.open(url) as archive:
        for batch in folders:
            summary = ingest(archive, batch)
            assert summary.failed == []
    return url


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Folders: seed 002 in French, its English rendering, seed 000, the Council sample."""
    root = tmp_path_factory.mktemp("network-in")
    out = {}
    for name, source in (("fr002", seed_path("002")), ("en002", DATA / "en" / "002.txt"),
                         ("fr000", seed_path("000"))):
        folder = root / name
        folder.mkdir()
        shutil.copy(source, folder / ("002.txt" if "002" in name else "000.txt"))
        out[name] = folder
    (root / "council").mkdir()
    (root / "council" / "c19-77.txt").write_text(COUNCIL_SAMPLE, encoding="utf-8")
    out["council"] = root / "council"
    return out


@pytest.fixture(scope="module")
def french_only(tmp_path_factory: pytest.TempPathFactory, sources: dict[str, Path]) -> str:
    return _archive(tmp_path_factory.mktemp("fr") / "a.sqlite", [[sources["fr002"]]])


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory, sources: dict[str, Path]) -> str:
    """Seed 002 in French then English (one meeting), seed 000, the Council sample."""
    return _archive(tmp_path_factory.mktemp("full") / "a.sqlite",
                    [[sources["fr002"]], [sources["en002"]], [sources["fr000"]],
                     [sources["council"]]])


@pytest.fixture(scope="module")
def ids(full: str) -> dict[str, int]:
    """Meeting ids by the file the reference version came from."""
    with Archive.open(full) as archive:
        return {m["source"]: m["id"] for m in analyse.meetings(archive)}


@pytest.fixture(scope="module")
def net(full: str) -> dict:
    with Archive.open(full) as archive:
        return network(archive)


def _edges(data: dict) -> dict[tuple[str, str, str], dict]:
    return {(e["source"], e["relation"], e["target"]): e for e in data["edges"]}


def _numbers(edge: dict) -> list[str]:
    return [p["number"] for p in edge["evidence"]]


# --- nodes and edges from the seeds ------------------------------------------------------------

def test_on_behalf_of_a_group_with_its_paragraph(net: dict, ids: dict[str, int]) -> None:
    edges = _edges(net)
    kenya = edges[("KEN", "on-behalf-of", "african-group")]  # seed 002, 6.14
    assert kenya["weight"] == 1 and kenya["meetings"] == 1
    assert [(p["meeting"], p["number"], p["item"]) for p in kenya["evidence"]] == \
        [(ids["002.txt"], "6.14", "6")]
    tanzania = edges[("TZA", "on-behalf-of", "african-group")]
    assert _numbers(tanzania) == ["17.4"]
    assert _numbers(edges[("RUS", "on-behalf-of", "RCC")]) == ["1.4", "4.1", "13.6"]
    kinds = {n["id"]: n["kind"] for n in net["nodes"]}
    assert (kinds["african-group"], kinds["RCC"], kinds["KEN"]) == \
        ("group", "organization", "country")


def test_supported_runs_from_supporter_to_speaker(net: dict) -> None:
    edges = _edges(net)
    assert _numbers(edges[("SWE", "supported", "CAN")]) == ["6.15"]  # seed 002
    assert _numbers(edges[("CAN", "supported", "DNK")]) == ["1.3"]
    assert ("CAN", "supported", "SWE") not in edges  # direction kept
    unit = edges[("ARG", "supported", "committee-6")]  # an official's unit is a node
    assert _numbers(unit) == ["4.2"]
    assert {n["id"]: n["kind"] for n in net["nodes"]}["committee-6"] == "unit"


def test_co_sponsors_listed_with_a_country(net: dict, ids: dict[str, int]) -> None:
    edges = _edges(net)
    india = sorted(t for s, r, t in edges if s == "IND" and r == "co-sponsor")
    assert india == ["BGD", "NGA", "TUN", "UGA"]  # seed 000, 3.5
    assert [(p["meeting"], p["number"]) for p in edges[("IND", "co-sponsor", "BGD")]
            ["evidence"]] == [(ids["000.txt"], "3.5")]
    assert sorted(t for s, r, t in edges if s == "RUS" and r == "co-sponsor") == ["ARM", "BLR"]
    assert all(s != t for s, _, t in edges)  # "on behalf of his country" is no edge to itself


def test_every_edge_evidence_paragraph_exists(full: str, net: dict) -> None:
    with Archive.open(full) as archive:
        numbers = {m["id"]: {p["number"] for it in analyse.meeting(archive, m["id"])["items"]
                             for p in it["paragraphs"]} for m in analyse.meetings(archive)}
    for e in net["edges"]:
        assert e["weight"] == len(e["evidence"]) >= 1
        assert e["meetings"] == len({p["meeting"] for p in e["evidence"]})
        for p in e["evidence"]:
            assert p["number"] in numbers[p["meeting"]], (e, p)
    node_ids = {n["id"] for n in net["nodes"]}
    assert {x for e in net["edges"] for x in (e["source"], e["target"])} == node_ids


# --- opposed_by: stored and drawn -------------------------------------------------------------

def test_opposers_are_stored_and_become_opposed_edges(full: str, net: dict,
                                                     ids: dict[str, int]) -> None:
    with Archive.open(full) as archive, archive.read() as conn:
        roles = [r.role for r in conn.execute(INTERVENTIONS.select())]
    assert roles.count("opposer") == 3  # only the Council sample has any: Chile; Italy, Greece
    edges = _edges(net)
    assert _numbers(edges[("CHL", "opposed", "KEN")]) == ["1.1"]
    assert _numbers(edges[("ITA", "opposed", "ESP")]) == ["1.2"]
    assert _numbers(edges[("GRC", "opposed", "ESP")]) == ["1.2"]
    assert _numbers(edges[("GHA", "supported", "KEN")]) == ["1.1"]
    assert ("CHL", "supported", "KEN") not in edges  # an opposer is no supporter
    assert _numbers(edges[("KEN", "supported", "CHL")]) == ["2.2"]


def test_both_backends_store_opposers_and_answer_alike(store: Archive, tmp_path: Path) -> None:
    """Gold record 002 and the Council sample, on SQLite and PostgreSQL."""
    sample = tmp_path / "c19-77.txt"
    sample.write_text(COUNCIL_SAMPLE, encoding="utf-8")
    pp = store.add_record(record_of("002")).meeting_id
    council = store.add_record(parse_path(sample)).meeting_id
    edges = _edges(network(store))
    assert [(p["meeting"], p["number"]) for p in edges[("CHL", "opposed", "KEN")]["evidence"]] \
        == [(council, "1.1")]
    assert [(p["meeting"], p["number"]) for p in edges[("KEN", "on-behalf-of",
                                                          "african-group")]["evidence"]] \
        == [(pp, "6.14")]
    assert set(_edges(network(store, relation="opposed"))) == {
        ("CHL", "opposed", "KEN"), ("ITA", "opposed", "ESP"), ("GRC", "opposed", "ESP")}


def test_empty_network_still_exports(store: Archive) -> None:
    empty = network(store)
    assert (empty["nodes"], empty["edges"], empty["communities"]["groups"]) == ([], [], [])
    assert nx.read_graphml(io.BytesIO(graphml_bytes(empty))).number_of_nodes() == 0


# --- counting once ------------------------------------------------------------------------------

def test_a_meeting_in_two_languages_counts_once(french_only: str,
                                                tmp_path_factory: pytest.TempPathFactory,
                                                sources: dict[str, Path]) -> None:
    both = _archive(tmp_path_factory.mktemp("both") / "a.sqlite",
                    [[sources["fr002"]], [sources["en002"]]])
    with Archive.open(french_only) as alone, Archive.open(both) as two:
        assert two.count() == 2 and two.meeting_count() == 1
        one_version, two_versions = network(alone), network(two)
    assert two_versions == one_version
    edge = _edges(two_versions)[("CAN", "on-behalf-of", "CITEL")]
    # 4.3 and 6.15 as speaker, 6.5 as a supporter "also speaking on behalf of CITEL": three
    # paragraphs, not six (the English version is not counted again)
    assert edge["weight"] == 3 and _numbers(edge) == ["4.3", "6.5", "6.15"]
    assert edge["meetings"] == 1


# --- filters --------------------------------------------------------------------------------

def test_filters(full: str, ids: dict[str, int]) -> None:
    with Archive.open(full) as archive:
        council = network(archive, meeting=ids["c19-77.txt"])
        by_session = network(archive, session="Council 2019")
        by_body = network(archive, body="council")
        dated = network(archive, date_from="2019-06-13", date_to="2019-06-13")
        before = network(archive, date_to="2019-06-12")
        opposed = network(archive, relation="opposed")
        item2 = network(archive, meeting=ids["c19-77.txt"], item="2")
        assert network(archive, relation="friendship")["edges"] == []
        assert network(archive, meeting="junk")["edges"] == []
        assert network(archive, session="PP-99")["edges"] == []
    assert set(_edges(council)) == {("GHA", "supported", "KEN"), ("CHL", "opposed", "KEN"),
                                    ("ITA", "opposed", "ESP"), ("GRC", "opposed", "ESP"),
                                    ("MEX", "on-behalf-of", "CITEL"),
                                    ("KEN", "supported", "CHL")}
    assert by_session["edges"] == by_body["edges"] == dated["edges"] == council["edges"]
    assert before["edges"] == []  # the seeds carry no date
    assert set(_edges(opposed)) == {("CHL", "opposed", "KEN"), ("ITA", "opposed", "ESP"),
                                    ("GRC", "opposed", "ESP")}
    assert set(_edges(item2)) == {("MEX", "on-behalf-of", "CITEL"), ("KEN", "supported", "CHL")}


# --- measures -------------------------------------------------------------------------------

def test_centrality_and_communities(net: dict) -> None:
    by_id = {n["id"]: n for n in net["nodes"]}
    for n in net["nodes"]:
        c = n["centrality"]
        assert c["strength"] == c["in"] + c["out"] == n["weight"]
        assert 0 <= c["degree"] <= 1 and 0 <= c["betweenness"] <= 1
    weights = [n["weight"] for n in net["nodes"]]
    assert weights == sorted(weights, reverse=True)
    assert "Louvain" in net["communities"]["method"] and net["communities"]["modularity"] > 0.3
    groups = net["communities"]["groups"]
    members = [m for g in groups for m in g["members"]]
    assert len(members) == len(set(members))  # a partition
    # one who only ever supported one speaker sits in that speaker's bloc
    assert by_id["GHA"]["community"] == by_id["KEN"]["community"]  # sample, 1.1
    assert by_id["SEN"]["community"] == by_id["CHN"]["community"]  # seed 002, 6.7
    assert by_id["FIN"]["community"] == by_id["DNK"]["community"]  # seed 002, 1.3
    assert by_id["CAN"]["community"] != by_id["KEN"]["community"]
    # opposing is not cooperating: Italy and Greece only opposed Spain, so they are in no bloc
    assert by_id["ITA"]["community"] is None and by_id["GRC"]["community"] is None
    assert by_id["ESP"]["community"] is not None


# --- the web: API, exports, page, image --------------------------------------------------------

@pytest.fixture(scope="module")
def client(full: str):
    with TestClient(create_app(full)) as c:
        yield c


def test_api_answers_as_api_md(client: TestClient, net: dict, ids: dict[str, int]) -> None:
    answer = client.get("/api/network").json()
    assert answer["edges"] == net["edges"]
    assert {"id", "kind", "label"} <= set(answer["nodes"][0])
    assert {n["id"]: n["label"] for n in answer["nodes"]}["CAN"] == "Canada"
    assert {"source", "target", "relation", "weight", "evidence"} <= set(answer["edges"][0])
    only = client.get("/api/network", params={"relation": "co-sponsor",
                                               "meeting": ids["000.txt"]}).json()
    assert {e["relation"] for e in only["edges"]} == {"co-sponsor"}
    assert client.get("/api/network", params={"from": "2019-02-30"}).status_code == 400
    assert client.get("/api/network", params={"meeting": "abc"}).status_code == 400


def test_graphml_parses_back(client: TestClient, net: dict) -> None:
    response = client.get("/api/network", params={"format": "graphml"})
    assert response.status_code == 200 and "graphml" in response.headers["content-type"]
    g = nx.read_graphml(io.BytesIO(response.content))
    assert g.number_of_nodes() == len(net["nodes"])
    assert g.number_of_edges() == len(net["edges"])
    assert g.nodes["african-group"]["kind"] == "group"
    found = [d for _, _, d in g.edges("KEN", data=True) if d["relation"] == "on-behalf-of"]
    assert len(found) == 1 and found[0]["weight"] == 1 and found[0]["evidence"].endswith(":6.14")


def test_csv_lists_every_edge(client: TestClient, net: dict) -> None:
    response = client.get("/api/network", params={"format": "csv", "relation": "opposed"})
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {(r["source"], r["target"]) for r in rows} == {("CHL", "KEN"), ("ITA", "ESP"),
                                                         ("GRC", "ESP")}
    assert {r["relation"] for r in rows} == {"opposed"}
    assert rows[0]["source_label"] in ("Chile", "Italy", "Greece")


def test_svg_is_well_formed_and_draws_the_graph(client: TestClient, net: dict) -> None:
    response = client.get("/network.svg")
    assert response.status_code == 200 and response.headers["content-type"] == "image/svg+xml"
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(root.findall("s:g[@id='edges']/s:line", ns)) == len(net["edges"])
    assert len(root.findall("s:g[@id='nodes']/s:g", ns)) == len(net["nodes"])
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"opposed", "supported", "on-behalf-of", "co-sponsor", "KEN"} <= texts
    assert client.get("/network.svg", params={"relation": "opposed"}).status_code == 200


def test_page_shows_graph_matrix_tables_and_evidence(client: TestClient,
                                                     ids: dict[str, int]) -> None:
    response = client.get("/network")
    assert response.status_code == 200
    html = response.text
    assert 'data-chart="chart-network"' in html and 'data-chart="chart-network-matrix"' in html
    assert 'id="network-nodes"' in html and 'id="network-edges"' in html
    assert "Louvain" in html and 'href="/delegations/KEN"' in html
    assert f'href="/meetings/{ids["002.txt"]}#p-6.14"' in html
    assert 'href="/network.svg"' in html and "format=graphml" in html
    filtered = client.get("/network", params={"relation": "opposed"}).text
    assert 'href="/network.svg?relation=opposed"' in filtered  # downloads keep the filters
    assert 'href="/api/network?format=graphml&amp;relation=opposed"' in filtered
    assert f'href="/meetings/{ids["c19-77.txt"]}#p-1.2"' in filtered
    assert "african-group" not in filtered.split('id="network-edges"')[1]
    empty = client.get("/network", params={"session": "PP-99"}).text
    assert "No relation is recorded for these filters" in empty
    assert client.get("/network", params={"to": "nonsense"}).status_code == 400


def test_relations_are_named_as_api_md() -> None:
    assert [str(r) for r in Relation] == ["supported", "on-behalf-of", "co-sponsor", "opposed"]


def test_a_unit_whose_code_is_a_country_code_stays_apart() -> None:
    # the Strategic Planning and Membership Department (SPM) and Saint Pierre and Miquelon
    assert public_id(Node("SPM", NodeKind.UNIT)) == "SPM (unit)"
    assert public_id(Node("SPM", NodeKind.COUNTRY)) == "SPM"
    assert public_id(Node("CEPT", NodeKind.ORGANIZATION)) == "CEPT"


def test_openapi_lists_the_network_parameters(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/network"]["get"]["parameters"]}
    assert {"meeting", "session", "body", "item", "from", "to", "relation", "format"} <= names
