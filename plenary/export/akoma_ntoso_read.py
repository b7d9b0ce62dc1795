"""Read an Akoma Ntoso export of `akoma_ntoso` back into a contract record dict.

The inverse of `akoma_ntoso.dumps` (see its docstring for the encoding): codes come from the
last path segment of the TLC `href` an inline reference points to, names and texts from the
elements' text, flags from the stable `class` tokens and the `pl:` attributes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import unquote

from .akoma_ntoso import LANG3, LINKS, TEXT_FIELDS, plq, q

_LANG2 = {v: k for k, v in LANG3.items()}
_LINK_KEYS = {cls: key for key, cls, _ in LINKS}
_INT_FIELDS = ("year",)
_BOOL_FIELDS = ("revised", "draft", "suppressed")


def _classes(el: ET.Element) -> list[str]:
    return (el.get("class") or "").split()


def _local(el: ET.Element) -> str:
    return el.tag.rsplit("}", 1)[-1]


class _Refs:
    """The document's TLC entries by eId: the code each one stands for."""

    def __init__(self, meta: ET.Element) -> None:
        self.codes: dict[str, str] = {}
        refs = meta.find(q("references"))
        for el in refs if refs is not None else []:
            href = el.get("href") or ""
            self.codes[el.get("eId") or ""] = unquote(href.rsplit("/", 1)[-1])

    def code(self, el: ET.Element) -> str | None:
        return self.codes.get((el.get("refersTo") or "").lstrip("#"))


def read_actor(el: ET.Element, refs: _Refs) -> dict[str, Any]:
    """The Actor dict encoded in `el` (a `class="actor KIND"` element)."""
    classes = _classes(el)
    actor: dict[str, Any] = {"kind": classes[1] if len(classes) > 1 else "person",
                             "country": None, "id": None, "role": None, "count": None,
                             "name": None, "on_behalf_of": [], "supported_by": []}
    for child in el:
        cls = _classes(child)[:1]
        if cls == ["name"]:
            actor["name"] = child.text or ""
        elif cls in (["role"], ["country"], ["id"]):
            actor[cls[0]] = refs.code(child)
        elif cls == ["count"]:
            actor["count"] = child.text
        elif cls and cls[0] in _LINK_KEYS:
            actor[_LINK_KEYS[cls[0]]] = [read_actor(s, refs) for s in child
                                         if "actor" in _classes(s)]
    return actor


def _text_ref(el: ET.Element) -> dict[str, Any]:
    text: dict[str, Any] = {"label": el.text or ""}
    for name in TEXT_FIELDS:
        value = el.get(plq(name))
        if value is None:
            text[name] = False if name in _BOOL_FIELDS else None
        elif name in _BOOL_FIELDS:
            text[name] = value == "true"
        elif name in _INT_FIELDS:
            text[name] = int(value)
        else:
            text[name] = value
    return text


def _references(block: ET.Element | None) -> tuple[list[str], list[dict[str, Any]]]:
    if block is None:
        return [], []
    docs = [el.get(plq("symbol")) or el.text or "" for el in block if _local(el) == "ref"]
    texts = [_text_ref(el) for el in block if _local(el) == "concept"]
    return docs, texts


def _number(text: str | None) -> Any:
    return int(text) if text and text.lstrip("-").isdigit() else text


def _votes(el: ET.Element, refs: _Refs) -> dict[str, Any]:
    votes: dict[str, Any] = {}
    for child in el:
        cls = (_classes(child) or [""])[0]
        if cls == "candidate":
            cand: dict[str, Any] = {}
            for part in child:
                if "actor" in _classes(part):
                    cand["person"] = read_actor(part, refs)
                elif _classes(part) == ["count"]:
                    cand["votes"] = _number(part.text)
            votes.setdefault("candidates", []).append(cand)
        else:
            votes[cls] = _number(child.text)
    return votes


def _outcome(p: ET.Element, refs: _Refs) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": None, "objects": [], "reading": None, "as_amended": False,
                           "conditional": False, "refers_to": None, "person": None,
                           "post": None, "method": None, "votes": None}
    for el in p:
        cls = (_classes(el) or [""])[0]
        if cls == "kind":
            out["kind"] = el.text
        elif cls == "object":
            out["objects"].append(el.get(plq("symbol")) or el.text or "")
        elif cls in ("reading", "post", "method"):
            out[cls] = el.text
        elif cls == "asAmended":
            out["as_amended"] = True
        elif cls == "conditional":
            out["conditional"] = True
        elif cls == "refersTo":
            out["refers_to"] = el.get(plq("paragraph")) or el.text
        elif cls == "person":
            out["person"] = read_actor(el[0], refs)
        elif cls == "votes":
            out["votes"] = _votes(el, refs)
    return out


def _blocks(container: ET.Element, para: dict[str, Any], refs: _Refs) -> None:
    for p in container.findall(q("p")):
        cls = (_classes(p) or [""])[0]
        if cls == "text":
            para["text"] = "".join(p.itertext())
        elif cls == "references":
            para["documents"], para["texts"] = _references(p)
        elif cls == "outcome":
            para["outcomes"].append(_outcome(p, refs))
        elif cls == "footnote":
            note = p.find(q("authorialNote"))
            if note is not None:
                para["footnotes"].append({"mark": note.get("marker"),
                                          "text": "".join(note.find(q("p")).itertext())})


def _paragraph(el: ET.Element, refs: _Refs) -> dict[str, Any]:
    num = el.find(q("num"))
    para: dict[str, Any] = {"number": num.text if num is not None else None, "text": "",
                            "speakers": [], "documents": [], "texts": [], "outcomes": [],
                            "footnotes": [], "heading": "heading" in _classes(el)}
    tag = _local(el)
    speeches = [el] if tag == "speech" else el.findall(q("speech")) if tag == "speechGroup" \
        else []
    for speech in speeches:
        para["speakers"].append(read_actor(speech.find(q("from")), refs))
    _blocks(speeches[0] if speeches else el, para, refs)
    return para


def _event(el: ET.Element) -> tuple[int, dict[str, Any]]:
    kind = _classes(el)[1]
    at = next((c.text for c in el if _classes(c) == ["at"]), None)
    order = int((el.get("eId") or "event_0").rsplit("_", 1)[-1])
    return order, {"kind": kind, "at": at, "after_paragraph": el.get(plq("afterParagraph"))}


def _section(section: ET.Element, paragraphs: list, events: list, refs: _Refs) -> None:
    for el in section:
        tag = _local(el)
        if tag in ("speech", "speechGroup", "tblock"):
            paragraphs.append(_paragraph(el, refs))
        elif tag == "debateSection":
            _section(el, paragraphs, events, refs)
        elif tag == "narrative":
            events.append(_event(el))


def _item(section: ET.Element, events: list, refs: _Refs) -> dict[str, Any]:
    docs, texts = _references(section.find(f"{q('p')}[@class='references']"))
    item: dict[str, Any] = {"number": section.findtext(q("num")) or "",
                            "title": section.findtext(q("heading")) or "",
                            "continued": "continued" in _classes(section),
                            "documents": docs, "texts": texts, "paragraphs": []}
    _section(section, item["paragraphs"], events, refs)
    return item


def _meeting(preface: ET.Element | None, refs: _Refs) -> dict[str, Any]:
    meeting: dict[str, Any] = {k: None for k in ("symbol", "body", "session", "number", "title",
                                                 "date", "start", "end", "original_language",
                                                 "place", "dates")}
    meeting.update(chairs=[], agenda=[])
    for p in preface if preface is not None else []:
        cls = (_classes(p) or [""])[0]
        if cls == "chairs":
            meeting["chairs"] = [read_actor(s, refs) for s in p]
        elif cls == "agenda":
            meeting["agenda"] = [_agenda_row(item) for item in p]
        elif cls == "title":
            title = p[0]
            meeting["title"] = None if "missing" in _classes(title) else title.text or ""
        elif cls in meeting and len(p):
            meeting[cls] = p[0].text or ""
    meeting["number"] = _number(meeting["number"])
    return meeting


def _agenda_row(item: ET.Element) -> dict[str, Any]:
    title = item.find(q("p"))
    text = (title.text or "") if title is not None else ""
    return {"number": item.findtext(q("num")), "title": text if text.strip() else "",
            "documents": [el.get(plq("symbol")) or el.text for el in title or []]}


def read(xml: str | bytes) -> dict[str, Any]:
    """The contract record encoded in an Akoma Ntoso export."""
    root = ET.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml)
    debate = root.find(q("debate"))
    meta = debate.find(q("meta"))
    refs = _Refs(meta)
    prop = meta.find(q("proprietary"))
    source = dict(prop.find(plq("source")).attrib)
    lang = meta.find(f"{q('identification')}/{q('FRBRExpression')}/{q('FRBRlanguage')}")
    events: list[tuple[int, dict[str, Any]]] = []
    items = [_item(s, events, refs) for s in debate.find(q("debateBody"))
             if s.get("name") == "agendaItem"]
    for s in debate.find(q("debateBody")):
        if s.get("name") == "proceedings":
            _section(s, [], events, refs)
    conclusions = debate.find(q("conclusions"))
    signatories = [read_actor(p.find(q("signature")), refs)
                   for p in (conclusions if conclusions is not None else [])]
    warnings = [{"paragraph": n.get(plq("paragraph")), "message": n.findtext(q("p")) or ""}
                for n in meta.iterfind(f"{q('notes')}/{q('note')}")]
    language = lang.get("language") if lang is not None else "und"
    return {
        "schema": prop.find(plq("record")).get("schema") or "plenary/record@1",
        "source": source,
        "language": _LANG2.get(language, language),
        "meeting": _meeting(debate.find(q("preface")), refs),
        "items": items,
        "events": [ev for _, ev in sorted(events, key=lambda x: x[0])],
        "signatories": signatories,
        "warnings": warnings,
    }
