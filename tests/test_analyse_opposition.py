"""Opposition in the analyses: an opposer is counted as one, never as a supporter.

The record is ours, in the genre: a Council plenary where Chile speaks with Peru opposing and
Argentina supporting, and Peru then speaks for itself.
"""

from __future__ import annotations

from plenary import analyse
from plenary.parse import parse_bytes

RECORD = """\
1\tProposition relative au calendrier des réunions
1.1\tLe délégué du Chili, avec l'opposition de la déléguée du Pérou, demande un vote.
1.2\tLe délégué de l'Argentine appuie la proposition du Chili.
1.3\tLa déléguée du Pérou estime que la question doit être renvoyée au groupe de travail.
"""


def _stored(store) -> None:
    record = parse_bytes(RECORD.encode("utf-8"), "opposition.txt", "fr")
    [chile] = record.items[0].paragraphs[0].speakers
    assert chile.country == "CHL" and [a.country for a in chile.opposed_by] == ["PER"]
    store.add_record(record)


def test_an_opposer_is_counted_as_opposer(store) -> None:
    _stored(store)
    peru = analyse.delegation(store, "PER")
    assert (peru["speaker"], peru["supporter"], peru["opposer"]) == (1, 0, 1)
    opposed = [i for i in peru["interventions"] if i["as"] == "opposer"]
    assert [o["country"] for i in opposed for o in i["opposed"]] == ["CHL"]
    assert all(i["supported"] == [] for i in peru["interventions"])
    assert peru["supported"] == []  # opposing Chile is not supporting it


def test_the_opposed_speaker_carries_its_opposers(store) -> None:
    _stored(store)
    chile = analyse.delegation(store, "CHL")
    [spoke] = [i for i in chile["interventions"] if i["as"] == "speaker"]
    assert [a["country"] for a in spoke["opposed_by"]] == ["PER"]
    assert spoke["supported_by"] == []
    assert chile["supporters"] == []
    index = {c["country"]: c for c in analyse.countries_index(store)}
    assert (index["PER"]["opposer"], index["PER"]["supporter"]) == (1, 0)
    assert (index["ARG"]["speaker"], index["ARG"]["opposer"]) == (1, 0)
