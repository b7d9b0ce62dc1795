"""The French parser on a record we wrote ourselves with constructions the seeds do not have."""

from __future__ import annotations

from conftest import DATA

from plenary.parse import parse_path
from plenary.parse.outline import actor_text

RECORD = DATA / "fr" / "council-2019-variants.txt"


def facts():
    r = parse_path(RECORD)
    speakers = {p.number: [actor_text(s) for s in p.speakers]
                for _, p in r.paragraphs() if p.number}
    outcomes = {p.number: [(o.kind, o.objects) for o in p.outcomes]
                for _, p in r.paragraphs() if p.outcomes}
    return r, speakers, outcomes


def test_header() -> None:
    m = facts()[0].meeting
    assert (m.symbol, m.body, m.session, m.number) == ("C19/118", "council", "Council 2019", 4)
    assert (m.date, m.start, m.end, m.original_language) == ("2019-06-11", "09:35", "12:40", "en")
    assert m.title == "COMPTE RENDU DE LA QUATRIÈME SÉANCE PLÉNIÈRE"
    assert [(c.name, c.country) for c in m.chairs] == [
        ("S. BIN GHELAITA", "ARE"), ("D. BOGDAN-MARTIN", "USA")]
    assert [a["documents"] for a in m.agenda] == [["C19/35", "C19/35(Add.1)"], ["C19/61"], []]


def test_agenda_matches_body_without_warnings() -> None:
    assert facts()[0].warnings == []


def test_speakers() -> None:
    s = facts()[1]
    assert s["1.1"] == ["deputy-secretary-general"]
    # "au nom des Etats Membres de la CITEL": the organisation, past the filler words
    assert s["1.2"] == ["councillor BRA for organization CITEL "
                        "[supported by councillor ARG, councillor MEX]"]
    # "qui s'exprime au nom de", then two speakers joined by "et"
    assert s["1.3"] == ["councillor SAU for group arab-group", "councillor KEN", "councillor GHA"]
    assert s["1.4"] == ["director BDT", "head FRMD"]
    assert s["2.1"] == ["representative secretariat", "chair CWG-LANG"]
    # "avec l'appui des Conseillers de ...", then "tout comme la Conseillère du Canada"
    assert s["2.2"] == ["councillor CHN [supported by councillor RUS, councillor DZA]",
                        "councillor FRA", "councillor CAN"]
    assert s["3.1"] == []  # an elected person is not a speaker
    assert s["3.3"] == ["several councillors"]


def test_outcomes() -> None:
    o = facts()[2]
    assert o["1.5"] == [("noted", ["C19/35"])]
    # "Il en est ainsi convenu." settles a proposal to postpone: decided + postponed, objects
    # from the sub-heading since the proposal names the draft without its number
    assert o["2.4"] == [("decided", ["Council Decision 612"]),
                        ("postponed", ["Council Decision 612"])]
    assert o["2.5"] == [("approved", ["Council Decision 612"])]
    elected = facts()[0].items[2].paragraphs[0].outcomes[0]
    assert (elected.person.name, elected.person.country, elected.post, elected.method) == (
        "Anna Kowalska", "POL", "Vice-Présidente du Conseil", "acclamation")


def test_events_and_signatures() -> None:
    r = facts()[0]
    assert [(e.kind, e.at, e.after_paragraph) for e in r.events] == [
        ("opened", "09:35", None), ("suspended", "11:05", "3.2"), ("resumed", "11:30", "3.2"),
        ("closed", "12:40", "3.3")]
    assert [(s.role, s.name) for s in r.signatories] == [
        ("secretary-general", "H. ZHAO"), ("chair", "S. BIN GHELAITA")]


def test_more_constructions() -> None:
    """Committees by name, "répondant au délégué", ";" clauses, "décide de", lists with
    a trailing "au nom de", appositions and elections with a printed count."""
    r = parse_path(DATA / "fr" / "pp-variants.txt")
    s = {p.number: [actor_text(a) for a in p.speakers] for _, p in r.paragraphs() if p.number}
    o = {p.number: [(x.kind, x.objects) for x in p.outcomes] for _, p in r.paragraphs()
         if p.number}
    assert s["1.1"] == ["chair committee-2"]
    assert s["1.2"] == ["observer PSE", "organization ATU"]
    # a direct decision to postpone is the postponement
    assert o["1.3"] == [("postponed", ["C17/60"])]
    assert o["1.4"] == [("noted", ["95"])]
    assert s["1.5"][-1] == "delegate EGY [supported by several delegates]"
    elected = r.items[0].paragraphs[5].outcomes[0]
    assert (elected.person.name, elected.post, elected.votes) == (
        "Houlin Zhao", "Secrétaire général de l'Union", {"for": 176})
    assert s["1.7"] == ["councillor CHN", "councillor IND", "councillor JPN"]
    assert s["1.8"] == ["delegate USA", "delegate CUB"]
    assert o["1.9"] == [("decided", [])]
    assert s["2.1"] == ["vice-chair"]  # the name in apposition is not a second speaker
    assert s["2.2"] == ["chair committee-5 [supported by delegate FRA]"]
    assert s["2.3"] == ["delegate DEU for organization CEPT", "delegate CHE for organization CEPT"]
    # "(La séance est suspendue de 12 h 30 à 14 h 30.)": a suspension and a resumption
    assert [(e.kind, e.at, e.after_paragraph) for e in r.events] == [
        ("suspended", "12:30", "1.9"), ("resumed", "14:30", "1.9")]
