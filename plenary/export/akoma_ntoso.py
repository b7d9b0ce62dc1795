"""Akoma Ntoso 3.0 export: a record as a `<debate>` document (OASIS LegalDocML).

Shape: `<akomaNtoso><debate name="summaryRecord">` with `<meta>` (FRBR work / expression /
manifestation identification and `<references>`: a `TLCOrganization` for each delegation,
organisation and group that speaks, a `TLCPerson` for each official, person and collective),
a `<preface>` with the header facts, a `<debateBody>` with one `<debateSection>` per agenda
item holding a `<speech by="#...">` per paragraph that has speakers (other speakers of the same
paragraph in `<from>`), a `<summary>` per paragraph without one, and a `<narrative>` per
procedural event (suspended, resumed, closed) placed after the paragraph it follows;
`<conclusions>` carries the signatures.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date as _date
from pathlib import Path
from typing import Any

from .labels import actor_label, role_label

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_LANG3 = {"fr": "fra", "en": "eng", "es": "spa", "ar": "ara", "zh": "zho", "ru": "rus"}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EVENT_TEXT = {"opened": "The meeting opened", "suspended": "The meeting was suspended",
               "resumed": "The meeting resumed", "closed": "The meeting rose"}

ET.register_namespace("", NS)


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _clean(text: Any) -> str:
    return _INVALID_XML.sub("", str(text or ""))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: Any) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {k: _clean(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = _clean(text)
    return el


def actor_ref(actor: dict[str, Any]) -> str:
    """The `eId` of an actor's TLC reference (stable across paragraphs)."""
    kind = actor.get("kind") or "actor"
    if kind == "delegation":
        base = f"delegation-{actor.get('country') or actor.get('name') or 'unknown'}"
    elif kind in ("organization", "group"):
        base = f"{kind}-{actor.get('id') or actor.get('name') or 'unknown'}"
    elif kind == "collective":
        base = f"collective-{actor.get('count') or 'some'}-{actor.get('role') or 'speaker'}"
    else:
        parts = [kind, actor.get("role"), actor.get("id"), actor.get("name")]
        base = "-".join(p for p in parts if p)
    return _slug(base)


def _tlc_tag(actor: dict[str, Any]) -> str:
    kind = actor.get("kind")
    return "TLCOrganization" if kind in ("delegation", "organization", "group") else "TLCPerson"


def _identifiers(record: dict[str, Any]) -> tuple[str, str, str]:
    meeting = record.get("meeting") or {}
    when = meeting.get("date") or "0001-01-01"
    symbol = meeting.get("symbol") or (record.get("source") or {}).get("sha256", "")[:16]
    name = _slug(symbol or "record")
    return f"/akn/int/debate/{when}/{name}", when, name


def _actors(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every speaker, supporter and signatory by reference id, in first-seen order."""
    seen: dict[str, dict[str, Any]] = {}

    def add(actor: dict[str, Any]) -> None:
        seen.setdefault(actor_ref(actor), actor)
        for other in (actor.get("supported_by") or []) + (actor.get("on_behalf_of") or []):
            add(other)

    for item in record.get("items") or []:
        for para in item.get("paragraphs") or []:
            for actor in para.get("speakers") or []:
                add(actor)
    for actor in record.get("signatories") or []:
        add(actor)
    return seen


def _meta(root: ET.Element, record: dict[str, Any], actors: dict[str, dict[str, Any]]) -> None:
    work, when, _ = _identifiers(record)
    lang = _LANG3.get(record.get("language") or "", record.get("language") or "und")
    expr = f"{work}/{lang}@"
    meta = _sub(root, "meta")
    ident = _sub(meta, "identification", source="#plenary")
    frbr = _sub(ident, "FRBRWork")
    _sub(frbr, "FRBRthis", value=f"{work}/!main")
    _sub(frbr, "FRBRuri", value=work)
    _sub(frbr, "FRBRdate", date=when, name="meeting")
    _sub(frbr, "FRBRauthor", href="#itu", **{"as": "#author"})
    _sub(frbr, "FRBRcountry", value="int")
    frbr = _sub(ident, "FRBRExpression")
    _sub(frbr, "FRBRthis", value=f"{expr}/!main")
    _sub(frbr, "FRBRuri", value=expr)
    _sub(frbr, "FRBRdate", date=when, name="meeting")
    _sub(frbr, "FRBRauthor", href="#itu", **{"as": "#author"})
    _sub(frbr, "FRBRlanguage", language=lang)
    frbr = _sub(ident, "FRBRManifestation")
    _sub(frbr, "FRBRthis", value=f"{expr}/!main.xml")
    _sub(frbr, "FRBRuri", value=f"{expr}.akn")
    _sub(frbr, "FRBRdate", date=_date.today().isoformat(), name="generation")
    _sub(frbr, "FRBRauthor", href="#plenary", **{"as": "#editor"})
    refs = _sub(meta, "references", source="#plenary")
    _sub(refs, "TLCOrganization", eId="itu", href="/ontology/organization/itu",
         showAs="International Telecommunication Union")
    _sub(refs, "TLCOrganization", eId="plenary", href="/ontology/organization/plenary",
         showAs="plenary")
    for ref, actor in actors.items():
        kind = "organization" if _tlc_tag(actor) == "TLCOrganization" else "person"
        _sub(refs, _tlc_tag(actor), eId=ref, href=f"/ontology/{kind}/{ref}",
             showAs=actor_label(actor))
    _sub(refs, "TLCRole", eId="author", href="/ontology/role/author", showAs="Author")
    _sub(refs, "TLCRole", eId="editor", href="/ontology/role/editor", showAs="Editor")
    for role in dict.fromkeys(a["role"] for a in record.get("signatories") or [] if a.get("role")):
        _sub(refs, "TLCRole", eId=f"role-{_slug(role)}", href=f"/ontology/role/{_slug(role)}",
             showAs=role_label(role))


def _preface(root: ET.Element, record: dict[str, Any]) -> None:
    meeting = record.get("meeting") or {}
    preface = _sub(root, "preface")
    if meeting.get("symbol"):
        _sub(_sub(preface, "p"), "docNumber", meeting["symbol"])
    _sub(_sub(preface, "p"), "docTitle", meeting.get("title") or "Summary record")
    if meeting.get("date"):
        _sub(_sub(preface, "p"), "docDate", meeting["date"], date=meeting["date"])
    if meeting.get("session"):
        _sub(_sub(preface, "p"), "session", meeting["session"], value=meeting["session"])


def _narrative(parent: ET.Element, event: dict[str, Any], index: int) -> None:
    text = _EVENT_TEXT.get(event.get("kind") or "", str(event.get("kind")))
    if event.get("at"):
        text += f" at {event['at']}"
    el = _sub(parent, "narrative", eId=f"event_{index}", refersTo=f"#{event.get('kind')}")
    _sub(el, "p", text + ".")


def _paragraph(section: ET.Element, para: dict[str, Any], index: str) -> None:
    number = para.get("number")
    eid = f"para_{_slug(number)}" if number else f"para_{index}"
    speakers = para.get("speakers") or []
    if speakers:
        el = _sub(section, "speech", by=f"#{actor_ref(speakers[0])}", eId=eid)
    else:
        el = _sub(section, "summary", eId=eid)
    if number:
        _sub(el, "num", number)
    if speakers:
        _sub(el, "from", "; ".join(actor_label(a) for a in speakers))
    _sub(el, "p", para.get("text") or "")


def _body(root: ET.Element, record: dict[str, Any]) -> None:
    body = _sub(root, "debateBody")
    events = list(enumerate(record.get("events") or [], start=1))
    after: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    loose: list[tuple[int, dict[str, Any]]] = []
    for i, ev in events:
        if ev.get("after_paragraph"):
            after.setdefault(ev["after_paragraph"], []).append((i, ev))
        else:
            loose.append((i, ev))
    placed: set[int] = set()
    sections = []
    for n, item in enumerate(record.get("items") or [], start=1):
        section = _sub(body, "debateSection", name="agendaItem", eId=f"item_{n}")
        sections.append(section)
        _sub(section, "num", item.get("number") or "")
        _sub(section, "heading", item.get("title") or "")
        if n == 1:
            for i, ev in loose:
                if ev.get("kind") == "opened":
                    _narrative(section, ev, i)
                    placed.add(i)
        for k, para in enumerate(item.get("paragraphs") or [], start=1):
            _paragraph(section, para, f"{n}-{k}")
            for i, ev in after.get(para.get("number") or "", []):
                if i not in placed:
                    _narrative(section, ev, i)
                    placed.add(i)
        if len(section) == 2:  # num and heading only: a section needs some content
            _sub(section, "summary", eId=f"item_{n}_empty")
    rest = [(i, ev) for i, ev in events if i not in placed]
    if rest:
        target = sections[-1] if sections else _sub(body, "debateSection", name="proceedings",
                                                    eId="proceedings")
        for i, ev in rest:
            _narrative(target, ev, i)


def _conclusions(root: ET.Element, record: dict[str, Any]) -> None:
    signatories = record.get("signatories") or []
    if not signatories:
        return
    conclusions = _sub(root, "conclusions")
    for actor in signatories:
        p = _sub(conclusions, "p")
        sig = _sub(p, "signature")
        _sub(sig, "person", actor.get("name") or actor_label(actor),
             refersTo=f"#{actor_ref(actor)}")
        if actor.get("role"):
            _sub(sig, "role", role_label(actor["role"]),
                 refersTo=f"#role-{_slug(actor['role'])}")


def to_element(record: dict[str, Any]) -> ET.Element:
    """The record as an `<akomaNtoso>` element tree."""
    root = ET.Element(_q("akomaNtoso"))
    debate = _sub(root, "debate", name="summaryRecord")
    _meta(debate, record, _actors(record))
    _preface(debate, record)
    _body(debate, record)
    _conclusions(debate, record)
    return root


def dumps(record: dict[str, Any]) -> str:
    """The record as Akoma Ntoso 3.0 XML text (UTF-8, with an XML declaration)."""
    root = to_element(record)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="unicode", xml_declaration=False).join(
        ['<?xml version="1.0" encoding="UTF-8"?>\n', "\n"])


def write(record: dict[str, Any], directory: Path, stem: str) -> list[Path]:
    """Write `{stem}.akn.xml` into `directory`; return the paths written."""
    path = Path(directory) / f"{stem}.akn.xml"
    path.write_text(dumps(record), encoding="utf-8")
    return [path]
