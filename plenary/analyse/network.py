"""Who acts with whom: the network of countries, groups, organisations and units.

Nodes are the countries (ISO3), groups (`african-group`), organisations (`CEPT`) and units
(an official's unit: `committee-6`, `TSB`) seen in the archive. Edges (`Relation`) run from the
one who acts to the one acted for:

- `supported`: a supporter -> the speaker it supported ("supported by X" in the speaker's clause);
- `opposed`: an opposer -> the speaker it opposed ("opposed by X");
- `on-behalf-of`: a speaker (or supporter) -> the group or organisation it spoke for;
- `co-sponsor`: a country -> each other country listed with it ("on behalf of his country and
  of Bangladesh", the co-sponsors of a document it presents).

Counting: only the reference version of each meeting is read, so a meeting stored in several
languages counts once. An edge's `weight` is the number of paragraphs of evidence behind it
(the same pair twice in one paragraph counts once); `meetings` is the number of distinct
meetings among them; `evidence` lists every paragraph (`meeting`, `number`, `position`,
`item`, `date`) in document order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, false, select

from ..store import Archive
from ..store.filters import meeting_id
from ..store.writer import ACTORS, INTERVENTIONS, ITEMS, MEETINGS, ON_BEHALF_OF, PARAGRAPHS
from .common import OPPOSER, REFERENCE, SUPPORTER, chunked
from .graph import analyse_graph


class Relation(StrEnum):
    """The kinds of edge, named as in `api.md`."""

    SUPPORTED = "supported"
    ON_BEHALF_OF = "on-behalf-of"
    CO_SPONSOR = "co-sponsor"
    OPPOSED = "opposed"


class NodeKind(StrEnum):
    """What a node stands for."""

    COUNTRY = "country"
    GROUP = "group"
    ORGANIZATION = "organization"
    UNIT = "unit"


# Which intervention role (`interventions.role`), pointing at the speaker it names, makes
# which relation.
LINK_RELATIONS = {SUPPORTER: Relation.SUPPORTED, OPPOSER: Relation.OPPOSED}


@dataclass(frozen=True, slots=True)
class NetworkFilters:
    """Which meetings and relations the network covers (None: no restriction)."""

    meeting: int | None = None
    session: str | None = None
    body: str | None = None
    item: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    relation: str | None = None

    def impossible(self) -> bool:
        """True when a value can match nothing (an unknown relation)."""
        return self.relation is not None and self.relation not in set(Relation)

    def relations(self) -> set[Relation]:
        return {Relation(self.relation)} if self.relation else set(Relation)

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (API names: `from`, `to`)."""
        names = {"date_from": "from", "date_to": "to"}
        return {names.get(k, k): str(v) for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind


@dataclass(frozen=True, slots=True)
class Place:
    """One paragraph of evidence."""

    meeting: int
    number: str | None
    position: int
    item: str | None
    date: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"meeting": self.meeting, "number": self.number, "position": self.position,
                "item": self.item, "date": self.date}


def node_of(kind: str | None, country: str | None, code: str | None) -> Node | None:
    """The node an actor stands for, or None (a chair without a unit, a collective...)."""
    if country and kind in ("delegation", "person"):
        return Node(country, NodeKind.COUNTRY)
    if not code:
        return None
    return {"group": Node(code, NodeKind.GROUP),
            "organization": Node(code, NodeKind.ORGANIZATION),
            "official": Node(code, NodeKind.UNIT)}.get(kind or "")


@lru_cache(maxsize=4096)
def gazetteer_name(kind: str, code: str) -> str | None:
    """The gazetteer's English name of a country, group or organisation; None if unknown."""
    try:
        from plenary.gazetteer import gazetteer

        name = gazetteer().name(kind, code, "en")
    except Exception:  # no gazetteer entry, or no gazetteer: no name
        return None
    return name if isinstance(name, str) and name else None


def node_label(node: Node) -> str:
    """An English label from the gazetteer; the id itself when it does not know it."""
    kind = {NodeKind.COUNTRY: "country", NodeKind.GROUP: "group",
            NodeKind.ORGANIZATION: "organization"}.get(node.kind)
    name = gazetteer_name(kind, node.id) if kind is not None else None
    if name:
        return name
    if node.kind in (NodeKind.GROUP, NodeKind.UNIT) and node.id.islower():
        return node.id.replace("-", " ").capitalize()
    return node.id


def public_id(node: Node) -> str:
    """The node's id in the answer: its code, unless a non-country's code is also a
    country's (the unit `SPM` and Saint Pierre and Miquelon): then `SPM (unit)`."""
    if node.kind is not NodeKind.COUNTRY and gazetteer_name("country", node.id):
        return f"{node.id} ({node.kind})"
    return node.id


# --- the archive's rows ---------------------------------------------------------------------

def scope_conditions(f: NetworkFilters) -> list[ColumnElement[bool]]:
    """Conditions on MEETINGS (reference versions only) and ITEMS for the filters."""
    out: list[ColumnElement[bool]] = [REFERENCE]
    if f.meeting is not None:
        mid = meeting_id(f.meeting)
        out.append(MEETINGS.c.sitting_id == mid if mid is not None else false())
    for value, column in ((f.session, MEETINGS.c.session), (f.body, MEETINGS.c.body),
                          (f.item, ITEMS.c.number)):
        if value is not None:
            out.append(column == value)
    if f.date_from is not None:
        out.append(MEETINGS.c.date >= f.date_from)
    if f.date_to is not None:
        out.append(MEETINGS.c.date <= f.date_to)
    return out


def intervention_rows(conn: Connection, f: NetworkFilters) -> list[Any]:
    """Every intervention in scope with its actor and paragraph."""
    i = INTERVENTIONS.c
    stmt = (
        select(i.id, i.role, i.supports_id, ACTORS.c.kind, ACTORS.c.country, ACTORS.c.code,
               MEETINGS.c.sitting_id, MEETINGS.c.date, ITEMS.c.number.label("item"),
               PARAGRAPHS.c.number, PARAGRAPHS.c.position)
        .select_from(INTERVENTIONS)
        .join(ACTORS, ACTORS.c.id == i.actor_id)
        .join(PARAGRAPHS, PARAGRAPHS.c.id == i.paragraph_id)
        .join(ITEMS, ITEMS.c.id == PARAGRAPHS.c.item_id)
        .join(MEETINGS, MEETINGS.c.id == i.meeting_id)
        .where(*scope_conditions(f))
    )
    return conn.execute(stmt).all()


def behalf_rows(conn: Connection, intervention_ids: list[int]) -> list[Any]:
    """`(intervention_id, kind, country, code)` of everyone those interventions acted for."""
    rows: list[Any] = []
    for chunk in chunked(sorted(intervention_ids)):
        rows += conn.execute(
            select(ON_BEHALF_OF.c.intervention_id, ACTORS.c.kind, ACTORS.c.country,
                   ACTORS.c.code)
            .join(ACTORS, ACTORS.c.id == ON_BEHALF_OF.c.actor_id)
            .where(ON_BEHALF_OF.c.intervention_id.in_(chunk))
        ).all()
    return rows


# --- edges ----------------------------------------------------------------------------------

EdgeKey = tuple[Node, Node, Relation]


class EdgeBook:
    """Edges being collected: for each (source, target, relation), its paragraphs."""

    def __init__(self, relations: set[Relation]) -> None:
        self.relations = relations
        self.places: dict[EdgeKey, set[Place]] = defaultdict(set)

    def add(self, source: Node | None, target: Node | None, relation: Relation,
            where: Place) -> None:
        if source is None or target is None or source == target:
            return
        if relation in self.relations:
            self.places[(source, target, relation)].add(where)


def place_of(row: Any) -> Place:
    return Place(row.sitting_id, row.number, row.position, row.item, row.date)


def add_link_edges(book: EdgeBook, rows: list[Any]) -> None:
    """`supported` and `opposed`: from the supporter/opposer to the speaker it names."""
    by_id = {r.id: r for r in rows}
    for r in rows:
        relation = LINK_RELATIONS.get(r.role)
        speaker = by_id.get(r.supports_id)
        if relation is None or speaker is None:
            continue
        book.add(node_of(r.kind, r.country, r.code),
                 node_of(speaker.kind, speaker.country, speaker.code), relation, place_of(r))


def behalf_relation(source: Node, target: Node) -> Relation:
    """A country listed with a country is a co-sponsor; anyone else is spoken for."""
    if source.kind is NodeKind.COUNTRY and target.kind is NodeKind.COUNTRY:
        return Relation.CO_SPONSOR
    return Relation.ON_BEHALF_OF


def add_behalf_edges(book: EdgeBook, rows: list[Any], behalf: list[Any]) -> None:
    """`on-behalf-of` and `co-sponsor`, from each intervention's `on_behalf_of` list."""
    by_id = {r.id: r for r in rows}
    for b in behalf:
        actor = by_id[b.intervention_id]
        source = node_of(actor.kind, actor.country, actor.code)
        target = node_of(b.kind, b.country, b.code)
        if source is not None and target is not None:
            book.add(source, target, behalf_relation(source, target), place_of(actor))


def evidence_order(p: Place) -> tuple:
    return (p.date or "", p.meeting, p.position)


def edge_dict(key: EdgeKey, places: set[Place]) -> dict[str, Any]:
    source, target, relation = key
    ordered = sorted(places, key=evidence_order)
    return {"source": public_id(source), "target": public_id(target), "relation": str(relation),
            "weight": len(ordered), "meetings": len({p.meeting for p in ordered}),
            "evidence": [p.as_dict() for p in ordered]}


def edge_order(edge: dict[str, Any]) -> tuple:
    return (-edge["weight"], edge["relation"], edge["source"], edge["target"])


def node_dicts(book: EdgeBook) -> list[dict[str, Any]]:
    """Every node an edge touches, with its total weight, heaviest first."""
    weight: dict[Node, int] = defaultdict(int)
    for (source, target, _), places in book.places.items():
        weight[source] += len(places)
        weight[target] += len(places)
    ordered = sorted(weight, key=lambda n: (-weight[n], n.kind, n.id))
    return [{"id": public_id(n), "kind": str(n.kind), "label": node_label(n), "weight": weight[n]}
            for n in ordered]


def collect_edges(conn: Connection, f: NetworkFilters) -> EdgeBook:
    book = EdgeBook(f.relations())
    rows = intervention_rows(conn, f)
    if book.relations & set(LINK_RELATIONS.values()):
        add_link_edges(book, rows)
    if book.relations & {Relation.ON_BEHALF_OF, Relation.CO_SPONSOR}:
        add_behalf_edges(book, rows, behalf_rows(conn, [r.id for r in rows]))
    return book


def network_data(archive: Archive, f: NetworkFilters) -> dict[str, Any]:
    """`{"nodes", "edges"}` for the filters (no graph measures)."""
    if f.impossible():
        return {"nodes": [], "edges": []}
    with archive.read() as conn:
        book = collect_edges(conn, f)
    edges = sorted((edge_dict(k, p) for k, p in book.places.items()), key=edge_order)
    return {"nodes": node_dicts(book), "edges": edges}


def network(archive: Archive, meeting: Any = None, session: str | None = None,
            body: str | None = None, item: str | None = None, date_from: str | None = None,
            date_to: str | None = None, relation: str | None = None) -> dict[str, Any]:
    """The network as `api.md` gives it, with graph measures.

    `{"nodes": [{"id", "kind", "label", "weight", "centrality": {...}, "community"}],
    "edges": [{"source", "target", "relation", "weight", "meetings", "evidence"}],
    "communities": {"method", "modularity", "groups"}, "centrality": {"methods"},
    "relations", "filters"}`. A malformed meeting id matches nothing.
    """
    given = meeting not in (None, "")
    mid = meeting_id(meeting) if given else None
    f = NetworkFilters(meeting=mid, session=session, body=body, item=item,
                       date_from=date_from, date_to=date_to, relation=relation)
    found = {"nodes": [], "edges": []} if given and mid is None else network_data(archive, f)
    return {**analyse_graph(found), "relations": [str(r) for r in Relation],
            "filters": f.query()}
