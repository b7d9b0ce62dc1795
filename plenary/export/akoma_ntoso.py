"""Akoma Ntoso 3.0 export: one record (one language version of a meeting) as a `<debate>`.

Valid against the OASIS LegalDocML schema (`akomantoso30.xsd`); `akoma_ntoso_read.read` reads
an export back into the record. The `debate` document type is used (not `debateReport`, whose
`mainBody` cannot hold `<speech>`); one XML document per language version.

Identification (AKN4UN-style IRIs, `int` jurisdiction, the body as author):
    work           /akn/int/debate/itu-council/2017-05-19/c17-124/!main
    expression     /akn/int/debate/itu-council/2017-05-19/c17-124/fra@/!main
    manifestation  /akn/int/debate/itu-council/2017-05-19/c17-124/fra@/!main.xml

`<references>` holds one TLC entry per thing that appears: `TLCOrganization` for each country
(`delegation-can`, href `/ontology/organization/iso3166-1/CAN`), organisation
(`organization-cept`), group (`group-african-group`) and unit an official speaks for
(`unit-committee-6`); `TLCPerson` for each named person (`person-mario-canazza`), each unnamed
official post (`official-chair-committee-6`) and each collective (`collective-several-councillor`);
`TLCRole` per role (`role-councillor`); `TLCConcept` per text (`text-resolution-130-rev-dubai-2018`)
and per outcome kind (`outcome-adopted`); `TLCEvent` per event kind (`event-suspended`).
The last path segment of a TLC `href` is the contract's code (ISO3, acronym, slug, role).

Body: a `debateSection name="agendaItem"` per item (`class="continued"` for a resumed one), a
nested `debateSection name="subheading"` per unnumbered sub-heading (holding the paragraphs under
it), and per paragraph:
- one speaker: `<speech by as>` with `<num>`, `<from>`, then the blocks below;
- several speakers: `<speechGroup by as>` (the first speaker's) with `<num>` and one `<speech>`
  per speaker; the first carries the blocks, the others `<p class="jointStatement"/>`;
- no speaker: `<tblock class="paragraph">` (`class="paragraph heading"` for a sub-heading).
Blocks: `<p class="text">` (the paragraph text), `<p class="references">` (`<ref class="document">`
per document symbol, `<concept class="text">` per text, with `pl:` attributes for the text's
kind, number, revised, place, year, draft and suppressed), `<p class="outcome">` per outcome,
`<p class="footnote">` holding an `<authorialNote marker>`.

Actors (speaker in `<from>`, signatory in `<signature>`, chair, elected person) are encoded as a
`class="actor KIND"` element holding inline references, each with a stable class:
`<person class="name">`, `<role class="role">`, `<organization class="country">`,
`<organization class="id">`, `<span class="count">`. On-behalf-of, supporters and opponents
(AKN has no attribute for them) are nested `<span class="onBehalfOf">`, `<span class="supportedBy">`
and `<span class="opposedBy">` inside the actor element, each holding one
`<span class="actor KIND">` per actor, recursively (a supporter's own on-behalf-of is kept).

An outcome `<p class="outcome">` holds `<concept class="kind">`, its objects (`<concept
class="object">` for a text, `<ref class="object">` for a document), `<span>`s with class
`reading`, `asAmended`, `conditional`, `post`, `method`, `<ref class="refersTo">` (to the
paragraph it settles), `<span class="person">` (the elected actor) and `<span class="votes">`
(`<span class="for|against|abstaining">N</span>`, `<span class="candidate">` per candidate).
Events are `<narrative class="event KIND">` with `<time>`, `pl:afterParagraph` and `eId="event_N"`
(N = order in the record). The source file is in `<proprietary>`, warnings in `<notes>`.
Attributes of the `pl:` namespace (`PL` below) are allowed by the schema on every element.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .labels import actor_label, country_name, entity_name, group_label, role_label

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
PL = "https://plenary.example/ns/akn/1"
LANG3 = {"fr": "fra", "en": "eng", "es": "spa", "ar": "ara", "zh": "zho", "ru": "rus"}
LINKS = (("on_behalf_of", "onBehalfOf", "on behalf of"),
         ("supported_by", "supportedBy", "supported by"),
         ("opposed_by", "opposedBy", "opposed by"))
TEXT_FIELDS = ("kind", "number", "revised", "place", "year", "draft", "suppressed")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_LABEL = re.compile(r"^(Resolution|Decision|Recommendation|Council|Series|Opinion) ")
_EVENT_TEXT = {"opened": "The meeting opened", "suspended": "The meeting was suspended",
               "resumed": "The meeting resumed", "closed": "The meeting rose"}

ET.register_namespace("", NS)
ET.register_namespace("pl", PL)


def q(tag: str) -> str:
    """The qualified AKN name of `tag`."""
    return f"{{{NS}}}{tag}"


def plq(name: str) -> str:
    """The qualified name of a plenary extension attribute."""
    return f"{{{PL}}}{name}"


def _clean(text: Any) -> str:
    return _INVALID_XML.sub("", str(text if text is not None else ""))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "x"


def _sub(parent: ET.Element, tag: str, text: Any = None, **attrs: Any) -> ET.Element:
    el = ET.SubElement(parent, q(tag), {k.rstrip("_"): _clean(v) for k, v in attrs.items()
                                        if v is not None})
    if text is not None:
        el.text = _clean(text)
    return el


def _tail(el: ET.Element, text: str) -> None:
    el.tail = (el.tail or "") + text


class References:
    """The TLC entries of one document: one per (kind, code), with unique eIds."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], tuple[str, str, str, str]] = {}
        self._eids: set[str] = set()

    def add(self, tag: str, kind: str, code: str, show: str, prefix: str | None = None,
            eid: str | None = None) -> str:
        """The eId of the entry for `code` of `kind` (created when new)."""
        key = (kind, code)
        if key not in self.entries:
            base = eid or f"{prefix or kind}-{_slug(code)}"
            eid, n = base, 1
            while eid in self._eids:
                n += 1
                eid = f"{base}-{n}"
            self._eids.add(eid)
            href = f"/ontology/{tag[3:].lower()}/{_ontology(kind)}/{quote(code, safe='')}"
            self.entries[key] = (tag, eid, href, show)
        return self.entries[key][1]

    def country(self, code: str) -> str:
        return self.add("TLCOrganization", "country", code, country_name(code), "delegation")

    def entity(self, kind: str, code: str) -> str:
        """An organisation, group or unit (`kind` organization / group / unit)."""
        show = group_label(code) if kind == "group" else entity_name("organization", code) or code
        return self.add("TLCOrganization", kind, code, show)

    def role(self, role: str) -> str:
        return self.add("TLCRole", "role", role, role_label(role))

    def person(self, name: str) -> str:
        return self.add("TLCPerson", "person", name, name)

    def text(self, label: str) -> str:
        return self.add("TLCConcept", "text", label, label)

    def write(self, parent: ET.Element) -> None:
        for tag, eid, href, show in self.entries.values():
            _sub(parent, tag, eId=eid, href=href, showAs=show)


def _ontology(kind: str) -> str:
    return {"country": "iso3166-1", "text": "itu/text", "outcome": "itu/outcome",
            "event": "itu/event", "official": "itu/official", "collective": "itu/collective",
            }.get(kind, "itu")


# --- identification -----------------------------------------------------------------------------

def work_iri(record: dict[str, Any]) -> str:
    """The work IRI of the meeting (language-independent)."""
    meeting = record.get("meeting") or {}
    when = meeting.get("date") or "0001-01-01"
    author = f"itu-{_slug(meeting['body'])}" if meeting.get("body") else "itu"
    symbol = meeting.get("symbol") or (record.get("source") or {}).get("sha256", "")[:16]
    return f"/akn/int/debate/{author}/{when}/{_slug(symbol or 'record')}"


def expression_iri(record: dict[str, Any]) -> str:
    """The expression IRI of this language version."""
    lang = record.get("language") or "und"
    return f"{work_iri(record)}/{LANG3.get(lang, lang)}@"


def _frbr(ident: ET.Element, level: str, this: str, uri: str, when: str, author: str) -> \
        ET.Element:
    frbr = _sub(ident, level)
    _sub(frbr, "FRBRthis", value=this)
    _sub(frbr, "FRBRuri", value=uri)
    _sub(frbr, "FRBRdate", date=when, name="meeting")
    _sub(frbr, "FRBRauthor", href=author, as_="#author")
    return frbr


def _identification(meta: ET.Element, record: dict[str, Any]) -> None:
    meeting = record.get("meeting") or {}
    work, expr = work_iri(record), expression_iri(record)
    when = meeting.get("date") or "0001-01-01"
    lang = record.get("language") or "und"
    ident = _sub(meta, "identification", source="#plenary")
    frbr = _frbr(ident, "FRBRWork", f"{work}/!main", work, when, "#itu")
    _sub(frbr, "FRBRcountry", value="int")
    if meeting.get("symbol"):
        _sub(frbr, "FRBRnumber", value=meeting["symbol"])
    if meeting.get("session"):
        _sub(frbr, "FRBRname", value=meeting["session"])
    frbr = _frbr(ident, "FRBRExpression", f"{expr}/!main", expr, when, "#itu")
    _sub(frbr, "FRBRlanguage", language=LANG3.get(lang, lang))
    _frbr(ident, "FRBRManifestation", f"{expr}/!main.xml", f"{expr}.akn", when, "#plenary")


def _proprietary(meta: ET.Element, record: dict[str, Any]) -> None:
    source = record.get("source") or {}
    prop = _sub(meta, "proprietary", source="#plenary")
    ET.SubElement(prop, plq("source"), {k: _clean(source.get(k)) for k in
                                        ("name", "sha256", "format") if source.get(k)})
    ET.SubElement(prop, plq("record"), {"schema": _clean(record.get("schema") or ""),
                                        "language": _clean(record.get("language") or "")})


def _notes(meta: ET.Element, record: dict[str, Any]) -> None:
    warnings = record.get("warnings") or []
    if not warnings:
        return
    notes = _sub(meta, "notes", source="#plenary")
    for i, w in enumerate(warnings, start=1):
        note = _sub(notes, "note", eId=f"warning_{i}", class_="warning")
        if w.get("paragraph") is not None:
            note.set(plq("paragraph"), _clean(w["paragraph"]))
        _sub(note, "p", w.get("message") or "")


# --- actors -------------------------------------------------------------------------------------

def speaker_ref(actor: dict[str, Any], refs: References) -> str:
    """The eId of the TLC entry that `<speech by>` names for `actor`."""
    kind = actor.get("kind") or "person"
    if actor.get("name"):
        return refs.person(actor["name"])
    if kind == "delegation" and actor.get("country"):
        return refs.country(actor["country"])
    if kind in ("organization", "group") and actor.get("id"):
        return refs.entity(kind, actor["id"])
    if kind == "collective":
        code = f"{actor.get('count') or 'some'}-{actor.get('role') or 'speaker'}"
        return refs.add("TLCPerson", "collective", code, actor_label(actor))
    code = "-".join(p for p in (actor.get("role"), actor.get("id")) if p) or kind
    return refs.add("TLCPerson", "official" if kind == "official" else kind, code,
                    actor_label(actor))


def _role_ref(actor: dict[str, Any], refs: References) -> str | None:
    return f"#{refs.role(actor['role'])}" if actor.get("role") else None


def actor_tokens(el: ET.Element, actor: dict[str, Any], refs: References) -> None:
    """Fill `el` (a `<from>`, `<signature>` or `<span>`) with the inline encoding of `actor`."""
    kind = actor.get("kind") or "person"
    el.set("class", f"actor {kind}")
    last: ET.Element | None = None

    def add(tag: str, text: str, cls: str, **attrs: Any) -> None:
        nonlocal last
        if last is not None:
            _tail(last, ", ")
        last = _sub(el, tag, text, class_=cls, **attrs)

    if actor.get("name"):
        add("person", actor["name"], "name", refersTo=f"#{refs.person(actor['name'])}",
            as_=_role_ref(actor, refs))
    if actor.get("role"):
        add("role", role_label(actor["role"]), "role", refersTo=_role_ref(actor, refs))
    if actor.get("country"):
        add("organization", country_name(actor["country"]), "country",
            refersTo=f"#{refs.country(actor['country'])}")
    if actor.get("id"):
        unit = kind if kind in ("organization", "group") else "unit"
        eid = refs.entity(unit, actor["id"])
        add("organization", refs.entries[(unit, actor["id"])][3], "id", refersTo=f"#{eid}")
    if actor.get("count"):
        add("span", actor["count"], "count")
    if last is None:
        el.text = actor_label(actor)
    for key, cls, words in LINKS:
        others = actor.get(key) or []
        if not others:
            continue
        group = _sub(el, "span", class_=cls)
        group.text = f" ({words} "
        for i, other in enumerate(others):
            span = _sub(group, "span")
            actor_tokens(span, other, refs)
            _tail(span, ", " if i < len(others) - 1 else ")")


# --- paragraphs ---------------------------------------------------------------------------------

def _text_ref(parent: ET.Element, text: dict[str, Any], refs: References, cls: str) -> None:
    label = text.get("label") or ""
    flags = [f for f in ("draft", "suppressed") if text.get(f)]
    el = _sub(parent, "concept", label, class_=" ".join([cls, *flags]),
              refersTo=f"#{refs.text(label)}")
    for name in TEXT_FIELDS:
        value = text.get(name)
        if value is not None:
            el.set(plq(name), _clean(str(value).lower() if isinstance(value, bool) else value))


def _doc_ref(parent: ET.Element, symbol: str, cls: str) -> None:
    href = f"/akn/int/doc/itu/{quote(_slug(symbol), safe='')}"
    el = _sub(parent, "ref", symbol, class_=cls, href=href)
    el.set(plq("symbol"), _clean(symbol))


def _references_block(parent: ET.Element, documents: list[str], texts: list[dict[str, Any]],
                      refs: References) -> None:
    if not documents and not texts:
        return
    p = _sub(parent, "p", class_="references")
    for symbol in documents:
        _doc_ref(p, symbol, "document")
        _tail(p[-1], " ")
    for text in texts:
        _text_ref(p, text, refs, "text")
        _tail(p[-1], " ")


def _object(parent: ET.Element, obj: str, ctx: _Context) -> None:
    if obj in ctx.labels or _TEXT_LABEL.match(obj):
        _sub(parent, "concept", obj, class_="object", refersTo=f"#{ctx.refs.text(obj)}")
    else:
        _doc_ref(parent, obj, "object")


def _votes(parent: ET.Element, votes: dict[str, Any], refs: References) -> None:
    span = _sub(parent, "span", class_="votes")
    for key, value in votes.items():
        if key == "candidates" and isinstance(value, list):
            for cand in value:
                c = _sub(span, "span", class_="candidate")
                if cand.get("person"):
                    actor_tokens(_sub(c, "span"), cand["person"], refs)
                if cand.get("votes") is not None:
                    _sub(c, "span", cand["votes"], class_="count")
        elif value is not None:
            _sub(span, "span", value, class_=key)
            _tail(span[-1], " ")


def _outcome(parent: ET.Element, outcome: dict[str, Any], ctx: _Context) -> None:
    kind = outcome.get("kind") or "decided"
    p = _sub(parent, "p", class_="outcome")
    eid = ctx.refs.add("TLCConcept", "outcome", kind, kind.replace("-", " ").capitalize())
    _tail(_sub(p, "concept", kind, class_="kind", refersTo=f"#{eid}"), ": ")
    for obj in outcome.get("objects") or []:
        _object(p, obj, ctx)
        _tail(p[-1], " ")
    for key, cls in (("reading", "reading"), ("post", "post"), ("method", "method")):
        if outcome.get(key):
            _tail(_sub(p, "span", outcome[key], class_=cls), " ")
    for key, cls, words in (("as_amended", "asAmended", "as amended"),
                            ("conditional", "conditional", "conditional")):
        if outcome.get(key):
            _tail(_sub(p, "span", words, class_=cls), " ")
    if outcome.get("refers_to"):
        target = ctx.by_number.get(outcome["refers_to"], f"para-{_slug(outcome['refers_to'])}")
        el = _sub(p, "ref", outcome["refers_to"], class_="refersTo", href=f"#{target}")
        el.set(plq("paragraph"), _clean(outcome["refers_to"]))
    if outcome.get("person"):
        actor_tokens(_sub(_sub(p, "span", class_="person"), "span"), outcome["person"], ctx.refs)
    if outcome.get("votes"):
        _votes(p, outcome["votes"], ctx.refs)


def _blocks(el: ET.Element, para: dict[str, Any], ctx: _Context, eid: str) -> None:
    _sub(el, "p", para.get("text") or "", class_="text")
    _references_block(el, para.get("documents") or [], para.get("texts") or [], ctx.refs)
    for outcome in para.get("outcomes") or []:
        _outcome(el, outcome, ctx)
    for i, note in enumerate(para.get("footnotes") or [], start=1):
        wrap = _sub(el, "p", class_="footnote")
        an = _sub(wrap, "authorialNote", marker=note.get("mark") or str(i),
                  eId=f"{eid}__authorialNote_{i}", placement="bottom")
        _sub(an, "p", note.get("text") or "")


def _speech(parent: ET.Element, actor: dict[str, Any], ctx: _Context, eid: str,
            number: str | None) -> ET.Element:
    speech = _sub(parent, "speech", eId=eid, by=f"#{speaker_ref(actor, ctx.refs)}",
                  as_=_role_ref(actor, ctx.refs))
    if number is not None:
        _sub(speech, "num", number)
    actor_tokens(_sub(speech, "from"), actor, ctx.refs)
    return speech


def _paragraph(section: ET.Element, para: dict[str, Any], ctx: _Context, eid: str) -> None:
    number = para.get("number")
    speakers = para.get("speakers") or []
    if len(speakers) == 1:
        _blocks(_speech(section, speakers[0], ctx, eid, number), para, ctx, eid)
    elif speakers:
        group = _sub(section, "speechGroup", eId=eid,
                     by=f"#{speaker_ref(speakers[0], ctx.refs)}",
                     as_=_role_ref(speakers[0], ctx.refs))
        if number is not None:
            _sub(group, "num", number)
        for i, actor in enumerate(speakers, start=1):
            speech = _speech(group, actor, ctx, f"{eid}__speech_{i}", None)
            if i == 1:
                _blocks(speech, para, ctx, eid)
            else:
                _sub(speech, "p", class_="jointStatement")
    else:
        cls = "paragraph heading" if para.get("heading") else "paragraph"
        block = _sub(section, "tblock", eId=eid, class_=cls)
        if number is not None:
            _sub(block, "num", number)
        _blocks(block, para, ctx, eid)


# --- body ---------------------------------------------------------------------------------------

class _Context:
    """What the body writer needs across items: references, labels, paragraph eIds, events."""

    def __init__(self, record: dict[str, Any], refs: References) -> None:
        self.record = record
        self.refs = refs
        self.labels = {t.get("label") for _, p in _paragraphs(record) for t in p.get("texts") or []}
        self.labels |= {t.get("label") for it in record.get("items") or []
                        for t in it.get("texts") or []}
        self.by_number: dict[str, str] = {}
        for n, item in enumerate(record.get("items") or [], start=1):
            for k, para in enumerate(item.get("paragraphs") or [], start=1):
                if para.get("number"):
                    self.by_number.setdefault(para["number"], _para_eid(n, k))
        self.events_after: dict[str, list[int]] = {}
        for i, ev in enumerate(record.get("events") or [], start=1):
            self.events_after.setdefault(ev.get("after_paragraph") or "", []).append(i)
        self.placed: set[int] = set()


def _paragraphs(record: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for item in record.get("items") or []:
        for para in item.get("paragraphs") or []:
            yield item, para


def _para_eid(item: int, para: int) -> str:
    return f"dbsect_{item}__para_{para}"


def _time_value(at: str) -> str | None:
    return f"{at}:00" if re.fullmatch(r"\d{2}:\d{2}", at or "") else None


def _narrative(parent: ET.Element, index: int, ctx: _Context) -> None:
    event = (ctx.record.get("events") or [])[index - 1]
    kind = event.get("kind") or "event"
    eid = ctx.refs.add("TLCEvent", "event", kind, _EVENT_TEXT.get(kind, kind))
    el = _sub(parent, "narrative", eId=f"event_{index}", class_=f"event {kind}",
              refersTo=f"#{eid}")
    if event.get("after_paragraph") is not None:
        el.set(plq("afterParagraph"), _clean(event["after_paragraph"]))
    el.text = _EVENT_TEXT.get(kind, kind)
    at = event.get("at")
    if at:
        el.text += " at "
        when = _time_value(at)
        t = _sub(el, "time", at, time=when) if when else _sub(el, "span", at)
        t.set("class", "at")
        t.tail = "."
    else:
        el.text += "."
    ctx.placed.add(index)


def _events_after(parent: ET.Element, number: str | None, ctx: _Context) -> None:
    for i in ctx.events_after.get(number or "\0", []):
        if i not in ctx.placed:
            _narrative(parent, i, ctx)


def _item(body: ET.Element, item: dict[str, Any], n: int, ctx: _Context) -> ET.Element:
    section = _sub(body, "debateSection", name="agendaItem", eId=f"dbsect_{n}",
                   class_="continued" if item.get("continued") else None)
    _sub(section, "num", item.get("number") or "")
    _sub(section, "heading", item.get("title") or "")
    _references_block(section, item.get("documents") or [], item.get("texts") or [], ctx.refs)
    if n == 1:
        for i in ctx.events_after.get("", []):
            if (ctx.record["events"][i - 1].get("kind")) == "opened":
                _narrative(section, i, ctx)
    target, sub = section, 0
    for k, para in enumerate(item.get("paragraphs") or [], start=1):
        if para.get("heading"):
            sub += 1
            target = _sub(section, "debateSection", name="subheading",
                          eId=f"dbsect_{n}__subsect_{sub}")
            _sub(target, "heading", para.get("text") or "")
        _paragraph(target, para, ctx, _para_eid(n, k))
        _events_after(target, para.get("number"), ctx)
    return section


def _body(root: ET.Element, record: dict[str, Any], ctx: _Context) -> None:
    body = _sub(root, "debateBody")
    last = None
    for n, item in enumerate(record.get("items") or [], start=1):
        last = _item(body, item, n, ctx)
    rest = [i for i in range(1, len(record.get("events") or []) + 1) if i not in ctx.placed]
    if rest or last is None:
        target = last if last is not None else _sub(body, "debateSection", name="proceedings",
                                                    eId="proceedings")
        for i in rest:
            _narrative(target, i, ctx)


# --- preface and conclusions --------------------------------------------------------------------

def _preface(root: ET.Element, record: dict[str, Any], refs: References) -> None:
    meeting = record.get("meeting") or {}
    preface = _sub(root, "preface")
    if meeting.get("symbol"):
        _sub(_sub(preface, "p", class_="symbol"), "docNumber", meeting["symbol"])
    _sub(_sub(preface, "p", class_="title"), "docTitle", meeting.get("title") or "",
         class_=None if meeting.get("title") is not None else "missing")
    if meeting.get("date"):
        _sub(_sub(preface, "p", class_="date"), "docDate", meeting["date"],
             date=meeting["date"])
    if meeting.get("session"):
        _sub(_sub(preface, "p", class_="session"), "session", meeting["session"],
             value=meeting["session"])
    for key in ("body", "number", "place", "dates", "original_language"):
        if meeting.get(key) is not None:
            _sub(_sub(preface, "p", class_=key), "span", meeting[key], class_=key)
    for key in ("start", "end"):
        if meeting.get(key):
            when = _time_value(meeting[key])
            p = _sub(preface, "p", class_=key)
            _sub(p, "time", meeting[key], time=when) if when else _sub(p, "span", meeting[key])
    if meeting.get("chairs"):
        p = _sub(preface, "p", class_="chairs")
        for actor in meeting["chairs"]:
            actor_tokens(_sub(p, "span"), actor, refs)
    _agenda(preface, meeting.get("agenda") or [])


def _agenda(preface: ET.Element, agenda: list[dict[str, Any]]) -> None:
    if not agenda:
        return
    blist = _sub(preface, "blockList", class_="agenda", eId="agenda")
    for i, row in enumerate(agenda, start=1):
        item = _sub(blist, "item", eId=f"agenda__item_{i}")
        if row.get("number") is not None:
            _sub(item, "num", row["number"])
        p = _sub(item, "p", row.get("title") or "", class_="title")
        for symbol in row.get("documents") or []:
            _tail(p[-1] if len(p) else p, " ")
            _doc_ref(p, symbol, "document")


def _conclusions(root: ET.Element, record: dict[str, Any], refs: References) -> None:
    signatories = record.get("signatories") or []
    if not signatories:
        return
    conclusions = _sub(root, "conclusions")
    for actor in signatories:
        actor_tokens(_sub(_sub(conclusions, "p", class_="signatory"), "signature"), actor, refs)


# --- document -----------------------------------------------------------------------------------

def to_element(record: dict[str, Any]) -> ET.Element:
    """The record as an `<akomaNtoso>` element tree."""
    refs = References()
    refs.add("TLCOrganization", "author", "ITU", "International Telecommunication Union",
             eid="itu")
    refs.add("TLCOrganization", "author", "plenary", "plenary", eid="plenary")
    refs.add("TLCRole", "document-role", "author", "Author", eid="author")
    root = ET.Element(q("akomaNtoso"))
    debate = _sub(root, "debate", name="summaryRecord")
    meta = _sub(debate, "meta")
    _identification(meta, record)
    ctx = _Context(record, refs)
    _preface(debate, record, refs)
    _body(debate, record, ctx)
    _conclusions(debate, record, refs)
    refs_el = ET.Element(q("references"), {"source": "#plenary"})
    refs.write(refs_el)
    meta.append(refs_el)
    _notes(meta, record)
    _proprietary(meta, record)
    return root


def dumps(record: dict[str, Any]) -> str:
    """The record as Akoma Ntoso 3.0 XML text (UTF-8, with an XML declaration)."""
    root = to_element(record)
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") \
        + "\n"


def write(record: dict[str, Any], directory: Path, stem: str) -> list[Path]:
    """Write `{stem}.akn.xml` into `directory`; return the paths written."""
    path = Path(directory) / f"{stem}.akn.xml"
    path.write_text(dumps(record), encoding="utf-8")
    return [path]
