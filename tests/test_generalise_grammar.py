"""Open slots and common formulas: records written in the genre, annotated before parsing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHARED

from plenary.parse import parse_path

HEADER = """Council 2019
Geneva, 10-20 June 2019

Document C19/131-E
20 June 2019
Original: English
SUMMARY RECORD
OF THE
FIFTH plenary meeting
Wednesday, 12 June 2019, from 1430 to 1730 hours
Acting Chairman: Mr F. BIGI (Italy)
And later: Ms J. ZOLLER (United States)

Subjects discussed\tDocuments
1\tReports\tC19/40, C19/41
"""
BODY = """1\tReports (Documents C19/40 and C19/41)
1.1\tThe Minister of Posts and Telecommunications of Cameroon welcomed the reports.
1.2\tThe outgoing Chairman thanked the councillors.
1.3\tThe newly elected Vice-Chairman of the Council Working Group on Child Online \
Protection introduced Document C19/41.
1.4\tThe Chairman of the Council Working Group for Strategic and Financial Plans for \
2024-2027 (CWG-SFP) introduced Document C19/40.
1.5\tMs Ana Ruiz, Under-Secretary for Digital Policy, Argentina, supported the report.
1.6\tThe Council endorsed the report in Document C19/40 and accepted its recommendations.
1.7\tThe Council took note with satisfaction of Document C19/41.
1.8\tMr Ivan Petrov (Bulgaria) was electedChairman of the Council by acclamation.
"""
# annotated before the parser saw the text: paragraph -> speaker keys, outcome kinds
SPEAKERS = {"1.1": [("delegation", "CMR", None, "minister")],
            "1.2": [("official", None, None, "chair")],
            "1.3": [("official", None, "CWG-COP", "vice-chair")],
            "1.4": [("official", None, "CWG-SFP", "chair")],
            "1.5": [("delegation", "ARG", None, None)]}
OUTCOMES = {"1.6": ["approved", "approved"], "1.7": ["noted"], "1.8": ["elected"]}


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("gen") / "c19-131.txt"
    path.write_text(HEADER + BODY, encoding="utf-8")
    return parse_path(path)


def _paragraphs(record) -> dict:
    return {p.number: p for it in record.items for p in it.paragraphs}


def test_header_of_open_forms(record) -> None:
    m = record.meeting
    assert (m.symbol, m.body, m.number, m.date, m.start, m.end) == (
        "C19/131", "council", 5, "2019-06-12", "14:30", "17:30")
    assert [(c.name, c.country) for c in m.chairs] == [("F. BIGI", "ITA"),
                                                       ("J. ZOLLER", "USA")]


@pytest.mark.parametrize("number", sorted(SPEAKERS))
def test_open_role_slots(record, number: str) -> None:
    got = [(a.kind, a.country, a.id, a.role) for a in _paragraphs(record)[number].speakers]
    assert got == SPEAKERS[number]


def test_a_named_speaker_with_capacity_and_country_keeps_the_name(record) -> None:
    assert _paragraphs(record)["1.5"].speakers[0].name == "Ana Ruiz"


@pytest.mark.parametrize("number", sorted(OUTCOMES))
def test_common_formulas(record, number: str) -> None:
    assert [o.kind for o in _paragraphs(record)[number].outcomes] == OUTCOMES[number]


def test_glued_election_names_the_post(record) -> None:
    (outcome,) = _paragraphs(record)["1.8"].outcomes
    assert outcome.person and outcome.person.country == "BGR"
    assert outcome.post == "Chairman of the Council" and outcome.method == "acclamation"


def test_header_only_record_parses_without_items(tmp_path: Path) -> None:
    path = tmp_path / "header-only.txt"
    path.write_text(HEADER, encoding="utf-8")
    record = parse_path(path, language="en")
    assert record.items == [] and record.meeting.symbol == "C19/131"
    assert any("stops after its header" in w.message for w in record.warnings)


REAL = SHARED / "real"


@pytest.mark.skipif(not (REAL / "README.md").exists(), reason="no real development set")
def test_real_development_set_pooled(tmp_path: Path) -> None:
    """The 12 real excerpts: pooled micro F1 (shared/pool.py) and every header exact."""
    for txt in sorted(REAL.glob("*.txt")):
        out = tmp_path / f"{txt.stem}.json"
        out.write_text(json.dumps(parse_path(txt).to_dict(), ensure_ascii=False),
                       encoding="utf-8")
        header = subprocess.run([sys.executable, str(SHARED / "header.py"), str(out),
                                 str(REAL / f"{txt.stem}.json")], capture_output=True, text=True)
        assert header.returncode == 0, (txt.stem, header.stdout)
    pooled = subprocess.run([sys.executable, str(SHARED / "pool.py"), str(tmp_path), str(REAL),
                             "--min", "0.98"], capture_output=True, text=True)
    assert pooled.returncode == 0, pooled.stdout


OPPOSITION = """1\tProposals (Document C19/50)
1.1\tThe councillor from Spain, opposed by the councillors from Italy and Greece, proposed a \
new text.
1.2\tThe councillor from Kenya, supported by the councillor from Ghana and opposed by the \
councillor from Chile, asked for a vote.
1.3\tThe councillor from Peru objected to the proposal.
"""


def test_opposed_by_in_the_speakers_own_clause(tmp_path: Path) -> None:
    path = tmp_path / "opposition.txt"
    path.write_text(HEADER + OPPOSITION, encoding="utf-8")
    paragraphs = _paragraphs(parse_path(path))
    links = {n: [(a.country, [s.country for s in a.supported_by],
                  [s.country for s in a.opposed_by]) for a in p.speakers]
             for n, p in paragraphs.items()}
    assert links == {"1.1": [("ESP", [], ["ITA", "GRC"])],
                     "1.2": [("KEN", ["GHA"], ["CHL"])],
                     "1.3": [("PER", [], [])]}  # who objects is a speaker of its own
    data = parse_path(path).to_dict()
    assert data["items"][0]["paragraphs"][0]["speakers"][0]["opposed_by"][0]["country"] == "ITA"
