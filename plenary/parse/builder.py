"""One record from a laid-out document: items, paragraphs, speakers, references, outcomes.

The record's own knowledge of its texts (full labels, series codes by document) is learned from
its headings first, then every paragraph is read with the language's compiled finders.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..errors import InputError
from ..read import Document
from ..record import Footnote, Item, Paragraph, Record, Source, TextRef, Warning
from .actors import finder as actor_finder
from .explain import Read, count_warning, explain
from .header import HeaderTools, read_header
from .layout import ItemLayout, lay_out
from .outcomes import OutcomeContext
from .outcomes import reader as outcome_reader
from .refs import RefFinder, Series, series_ref
from .refs import finder as ref_finder


class ParaRefs:
    """The references of one line with their spans, to pick those of a phrase."""

    __slots__ = ("texts", "docs", "complete")

    def __init__(self, texts: list[tuple[int, int, TextRef]], docs: list[tuple[int, int, str]],
                 complete: Callable[[TextRef], str]) -> None:
        self.texts = texts
        self.docs = docs
        self.complete = complete

    def texts_between(self, a: int, b: int) -> list[TextRef]:
        out: dict[str, TextRef] = {}
        for s, _e, ref in self.texts:
            if a <= s < b:
                out.setdefault(ref.label, ref)
        return list(out.values())

    def documents_between(self, a: int, b: int) -> list[str]:
        return list(dict.fromkeys(d for s, _e, d in self.docs if a <= s < b))

    def objects(self, a: int, b: int) -> list[str]:
        """Outcome objects named in text[a:b]: completed text labels, then document symbols."""
        labels = [self.complete(t) for t in self.texts_between(a, b)]
        return list(dict.fromkeys(labels + self.documents_between(a, b)))


def settle_speakers(speakers: list[list]) -> None:
    """"Les orateurs", "speakers": the record's councillors in a Council record (one whose
    delegations speak as councillors), else its delegates."""
    roles = {a.role for said in speakers for a in said if a.kind == "delegation"}
    role = "councillor" if "councillor" in roles else "delegate"
    for said in speakers:
        for a in said:
            if a.kind == "collective" and a.role == "speaker":
                a.role = role
            for s in a.supported_by:
                if s.kind == "collective" and s.role == "speaker":
                    s.role = role


class TextIndex:
    """The record's own knowledge of its texts: full labels and series codes by document."""

    def __init__(self) -> None:
        self.full: dict[tuple[str, str], str] = {}
        self.series_by_doc: dict[str, str] = {}

    def learn(self, ref: TextRef) -> None:
        if ref.kind != "series" and ref.year:
            self.full.setdefault((ref.kind, ref.number), ref.label)

    def complete(self, ref: TextRef) -> str:
        if ref.kind != "series" and not ref.year:
            return self.full.get((ref.kind, ref.number), ref.label)
        return ref.label


class RecordBuilder:
    """Builds one Record from a laid-out document."""

    def __init__(self, doc: Document, lang: str) -> None:
        self.doc = doc
        self.lang = lang
        self.refs: RefFinder = ref_finder(lang)
        self.actors = actor_finder(lang)
        self.outcomes = outcome_reader(lang)
        self.index = TextIndex()
        # how a list joins its members in this language: ", ", "; ", " et "
        lp = self.actors.grammar.lp
        self.conj = re.compile(lp.expand(r"\s*;\s*|{conj}"))
        self.warnings: list[Warning] = []
        # each paragraph's sentence spans and candidate outcome verbs, for `explain`
        self.read: dict[int, Read] = {}

    # -- references -----------------------------------------------------------------------

    def scan(self, text: str) -> ParaRefs:
        """Texts (series included, their code tied by document if unprinted) and documents."""
        series = [Series(p, p + 1, c, o) for p, c, o in self.refs.series(text)]
        return self.refs_of(self.refs.documents(text), self.refs.texts(text), series)

    def scan_many(self, texts: list[str]) -> list[ParaRefs]:
        return [self.refs_of(*found) for found in self.refs.scan_many(texts)]

    def refs_of(self, found_docs: list, found_texts: list, series: list[Series]) -> ParaRefs:
        docs = [(f.start, f.end, f.symbol) for f in found_docs if f.symbol]
        texts = [(f.start, f.end, f.text) for f in found_texts if f.text]
        symbols = [d for _s, _e, d in docs]
        for s in series:
            pos, code = s.start, s.code
            if code is None:
                code = next((self.index.series_by_doc[d] for d in symbols
                             if d in self.index.series_by_doc), None)
            if code:
                texts.append((pos, pos + 1, series_ref(code)))
        texts.sort(key=lambda x: x[0])
        return ParaRefs(texts, docs, self.index.complete)

    def texts_in(self, text: str) -> list[TextRef]:
        return self.scan(text).texts_between(0, len(text))

    def documents_in(self, text: str) -> list[str]:
        return self.scan(text).documents_between(0, len(text))

    def learn_headings(self, items: list[ItemLayout]) -> None:
        """First pass: full labels of texts and the series codes their headings print."""
        for it in items:
            heads = [it.heading] + [e.block for e in it.entries if e.heading]
            for b in heads:
                for f in self.refs.texts(b.text):
                    if f.text:
                        self.index.learn(f.text)
            docs = self.documents_in(it.heading.text)
            for _pos, code, _ordinal in self.refs.series(it.heading.text):
                if code:
                    for d in docs:
                        self.index.series_by_doc.setdefault(d, code)

    # -- the record -----------------------------------------------------------------------

    def build(self) -> Record:
        finder = self.actors
        layout = lay_out(self.doc.blocks, finder.grammar.lp,
                         lambda b: self.signature_roles(b) is not None)
        if not layout.items and not layout.header_only:
            raise InputError(self.doc.name, "not a summary record (no numbered agenda items "
                                            "or paragraphs found)")
        self.learn_headings(layout.items)
        meeting, header_warnings = read_header(
            layout.header, self.lang,
            HeaderTools(self.actors.grammar.lp, self.conj, self.refs.normalise, self.actors.person))
        self.warnings.extend(header_warnings)
        entries = [e for it in layout.items for e in it.entries]
        self.scanned = dict(zip(map(id, entries), self.scan_many([e.block.text for e in entries]),
                                strict=True))
        said = [e for e in entries if not e.heading]
        self.spans = {id(e): self.actors.sentences(e.block.text) for e in said}
        speakers = self.actors.speakers_many([e.block.text for e in said],
                                             [self.spans[id(e)] for e in said])
        settle_speakers(speakers)
        self.said = dict(zip(map(id, said), speakers, strict=True))
        self.candidates = dict(zip(map(id, said), self.outcomes.candidates_many(
            [e.block.text for e in said]), strict=True))
        items = [self.item(it) for it in layout.items]
        for b in layout.unplaced:
            self.warnings.append(Warning(b.number, f"line outside any item: {b.text[:80]}"))
        self.check_agenda(meeting.agenda, items)
        record = Record(
            source=Source(self.doc.name, self.doc.sha256, self.doc.format),  # type: ignore[arg-type]
            language=self.lang,
            meeting=meeting,
            items=items,
            events=layout.events,
            signatories=self.signatories(layout.signature),
            warnings=self.warnings,
        )
        unaccounted = count_warning(explain(record, self.actors.grammar, self.outcomes,
                                            self.read))
        if unaccounted:
            record.warnings.append(unaccounted)
        return record

    def item(self, it: ItemLayout) -> Item:
        lp = self.actors.grammar.lp
        heading = it.heading.text
        title = lp.pattern("layout.heading_documents").sub("", heading).strip()
        continued = bool(lp.pattern("layout.continued").search(heading))
        scanned = self.scan(heading)
        texts = scanned.texts_between(0, len(heading))
        item = Item(number=it.heading.number or "", title=title, continued=continued,
                    documents=scanned.documents_between(0, len(heading)), texts=texts)
        ctx = OutcomeContext(item_reading=self.outcomes.reading(heading, last=True),
                             heading_texts=texts)
        just_above: list[TextRef] = []
        for entry in it.entries:
            b = entry.block
            scanned = self.scanned[id(entry)]
            refs = scanned.texts_between(0, len(b.text))
            if entry.heading:
                for r in refs:
                    if r.label not in {t.label for t in item.texts}:
                        item.texts.append(r)
                just_above.extend(refs)
                ctx.current_subheads = list(just_above)
                item.paragraphs.append(Paragraph(
                    number=None, text=b.text, texts=refs, heading=True,
                    documents=scanned.documents_between(0, len(b.text))))
                continue
            ctx.subheads_above = just_above
            ctx.refs = scanned
            ctx.number, ctx.text = b.number, b.text
            spans, candidates = self.spans[id(entry)], self.candidates[id(entry)]
            para = Paragraph(
                number=b.number,
                text=b.text,
                speakers=self.said[id(entry)],
                documents=scanned.documents_between(0, len(b.text)),
                texts=refs,
                outcomes=self.outcomes.outcomes(b.text, ctx, spans, candidates),
                footnotes=[Footnote(m, t) for m, t in b.footnotes],
            )
            self.read[id(para)] = (spans, candidates.verbs)
            item.paragraphs.append(para)
            just_above = []
            ctx.previous_number, ctx.previous_text = b.number, b.text
            ctx.previous_refs = scanned
        return item

    def signature_roles(self, block) -> list[str] | None:
        cells = block.cells or [block.text]
        if not 1 <= len(cells) <= 4:
            return None
        roles = [self.actors.title_role(c) for c in cells]
        return roles if all(roles) else None  # type: ignore[return-value]

    def signatories(self, blocks) -> list:
        from ..record import Actor

        if not blocks:
            return []
        roles = self.signature_roles(blocks[0]) or []
        names = (blocks[1].cells or [blocks[1].text]) if len(blocks) > 1 else []
        out = []
        for i, role in enumerate(roles):
            kind = "official"
            out.append(Actor(kind=kind, role=role,  # type: ignore[arg-type]
                             name=names[i] if i < len(names) else None))
        return out

    def check_agenda(self, agenda: list[dict], items: list[Item]) -> None:
        """The header's "Subjects discussed" table against the items found in the body."""
        if not agenda:
            return
        if not items:
            self.warnings.append(Warning(None, f"the record stops after its header: none of "
                                               f"the {len(agenda)} agenda items has a body"))
            return
        body = {i.number for i in items}
        listed = {str(a.get("number")) for a in agenda}
        for n in sorted(listed - body, key=_numeric):
            self.warnings.append(Warning(None, f"agenda item {n} of the header has no "
                                               "heading in the body"))
        for n in sorted(body - listed, key=_numeric):
            self.warnings.append(Warning(None, f"item {n} of the body is not in the "
                                               "header's agenda"))


def _numeric(n: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in n.split("."))
