"""What a record names but the parser could not turn into a fact, paragraph by paragraph.

For every paragraph: each country, group or organisation, each role noun standing where the
genre names its actors (a sentence's opening noun phrase, the list after "supported by", "on
behalf of", ...) and each outcome verb of the pack that produced no speaker, supporter, group
spoken for or outcome, with the reason. A mention that a rule of the grammar set aside on
purpose (a subject talked about, a verb in a hypothetical clause or in reported speech) is
listed as accounted for; the others are unaccounted, and the builder's warnings count them.
`plenary parse FILE --explain` prints them all.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from ..lang import pack
from ..record import Actor, Paragraph, Record, Warning
from .actors import sentence_spans, tokens_between
from .grammar import ActorGrammar, Mark, Tok
from .outcomes import OutcomeReader, Verb, clause_before


class Mention(Enum):
    """The kind of word a record names."""

    COUNTRY = "country"
    GROUP = "group"
    ROLE = "role noun"
    VERB = "outcome verb"


@dataclass(frozen=True)
class Miss:
    """One mention that produced no fact, and why."""

    paragraph: str | None
    kind: Mention
    text: str
    reason: str
    accounted: bool = False  # a rule set it aside on purpose

    def line(self) -> str:
        mark = " (accounted for)" if self.accounted else ""
        return f"{self.paragraph or '-'}: {self.kind.value} \"{self.text}\": {self.reason}{mark}"


# cues whose list names actors of the paragraph ("supported by", "on behalf of", ...)
CUES = (Mark.OBO, Mark.SUPPORT, Mark.ALSO, Mark.QUESTION, Mark.OBSERV, Mark.OPINION)
OPENING_CUES = (Mark.OBSERV, Mark.OPINION)
ATTACHED_CUES = (Mark.OBO, Mark.SUPPORT)
_APPOSITION = re.compile(r"^\s*[,،][^,،;:]{1,160}[,،]\s*$")
_PUNCT = re.compile(r"^[\s,،;:\"'”’«»()]*$")
_POSSESSIVE = re.compile(r"['’]s?\b")
_LABEL = re.compile(r"\s*:")
TALKED_ABOUT = "the subject is talked about (reported), not taking the floor"
REPORTED_ON = "inside the reported speech of the paragraph's speaker"


class Slot(NamedTuple):  # a named tuple: made for every actor mark of every sentence
    """A mark where the genre names an actor, and why a rule may have set it aside."""

    tok: Tok
    aside: str | None = None
    capacity: bool = False  # a role noun in apposition to a named person ("the Director, Ms X")


def _ids(actors: list[Actor]) -> set[str]:
    """Every country, unit and role an actor list names, groups spoken for and supporters too."""
    out: set[str] = set()
    for a in actors:
        out.update(x for x in (a.country, a.id, a.role) if x)
        out |= _ids(a.on_behalf_of) | _ids(a.supported_by)
        out |= _ids(getattr(a, "opposed_by", None) or [])
    return out


def _linked(grammar: ActorGrammar, gap: str) -> bool:
    """A gap inside one noun phrase or list: punctuation, a preposition, "and"."""
    return bool(_PUNCT.match(gap) or grammar.prep_gap.match(gap) or grammar.item_gap.match(gap))


def _sentence_slots(grammar: ActorGrammar, text: str, toks: list[Tok],
                    start: int) -> list[Slot]:
    """The slots of the sentence at `start`: its opening noun phrase, then cues' lists."""
    opening: list[Tok] = []
    listed: list[Tok] = []
    pos, is_opening, listing, np_end = start, True, False, start
    for t in toks:
        gap = text[pos:t.start]
        linked = _linked(grammar, gap)
        # "Ms X, Secretary for ..., Argentina": an apposition stays inside the opening phrase
        is_opening = is_opening and (linked or bool(_APPOSITION.match(gap)))
        if t.kind in CUES:
            # "Following comments by ..." only opens a sentence; "on behalf of", "supported
            # by" follow an actor directly ("views expressed on behalf of X" names no actor)
            listing = (is_opening if t.kind in OPENING_CUES else
                       linked and bool(opening or listed) if t.kind in ATTACHED_CUES else True)
            is_opening = False
        elif t.kind in (Mark.ENT, Mark.HEAD, Mark.PERSON, Mark.COLL) and is_opening:
            opening.append(t)
            np_end = t.end
        elif t.kind in (Mark.ENT, Mark.HEAD, Mark.PERSON, Mark.COLL) and listing and linked:
            if not _POSSESSIVE.match(text, t.end):  # "for the Secretary-General's proposal"
                listed.append(t)
        else:
            listing = False
        pos = t.end
    aside = None
    if opening and (grammar.reported.match(text, np_end) or _POSSESSIVE.match(text, np_end)
                    or grammar.election_end.match(text, np_end)):
        aside = TALKED_ABOUT
    elif opening and _LABEL.match(text, np_end):
        aside = "a label (a vote count, a list's heading), not an actor"
    # a country or a group opening a sentence alone ("Some 20 United Nations agencies had
    # attended") is talked about; the genre brings its actors in with a role noun or a name
    if not any(t.kind in (Mark.HEAD, Mark.PERSON, Mark.COLL) for t in opening):
        opening = []
    named_person = any(t.kind == Mark.PERSON for t in opening)
    return [Slot(t, aside, named_person) for t in opening] + [Slot(t) for t in listed]


def _slots(grammar: ActorGrammar, text: str, toks: list[Tok],
           spans: list[tuple[int, int]], has_speaker: bool) -> list[Slot]:
    out: list[Slot] = []
    for i, (a, b) in enumerate(spans):
        slots = _sentence_slots(grammar, text, tokens_between(toks, a, b), a)
        if i and has_speaker:
            # after the speaker's first sentence, the record goes on in indirect speech
            slots = [Slot(s.tok, s.aside or REPORTED_ON, s.capacity) for s in slots]
        out.extend(slots)
    return out


_ACTOR_ENTITIES = ("country", "group", "organization")


def _may_miss(t: Tok, named: set[str]) -> bool:
    """Whether the mark could be a miss in some slot: an actor's name or a role noun that
    no fact of the paragraph names (`_slot_miss` gives None for every other mark)."""
    if t.kind == Mark.ENT:
        return bool(t.entity) and t.entity.kind in _ACTOR_ENTITIES and t.entity.id not in named
    if t.kind == Mark.HEAD:
        return t.role is not None and t.role not in named and \
            not any(e.id in named for e in t.members)
    return False


def _slot_miss(p: Paragraph, slot: Slot, named: set[str]) -> Miss | None:
    t = slot.tok
    if t.kind == Mark.ENT and t.entity and t.entity.kind in _ACTOR_ENTITIES:
        if t.entity.id in named:
            return None
        kind = Mention.COUNTRY if t.entity.kind == "country" else Mention.GROUP
        reason = slot.aside or "named where an actor stands, but attached to no role noun"
    elif t.kind == Mark.HEAD and t.role is not None:
        if t.role in named or slot.capacity or any(e.id in named for e in t.members):
            return None
        kind = Mention.ROLE
        reason = slot.aside or ("role noun with no determiner" if not t.det else
                                "role noun whose complement is not a known country, group "
                                "or unit")
    else:
        return None
    return Miss(p.number, kind, p.text[t.start:t.end], reason, accounted=slot.aside is not None)


def _verb_misses(p: Paragraph, reader: OutcomeReader,
                 verbs: list[Verb] | None = None) -> list[Miss]:
    """Outcome verbs of a paragraph that records no outcome, and why (`verbs`: the reader's
    candidate verbs of this paragraph, when the caller has them)."""
    if p.outcomes or p.heading:
        return []
    out = []
    for verb in reader.verbs if verbs is None else verbs:
        for m in verb.pattern.finditer(p.text, gate_passed=verbs is not None):
            before = p.text[max(0, m.start() - 160): m.start()]
            accounted = True
            if reader.negation.search(m.group(0)) or reader.hypothetical.search(
                    clause_before(before)):
                reason = "verb in a hypothetical or denied clause"
            elif reader.reported.search(before):
                reason = "verb in reported speech"
            elif verb.coordinated and not reader.body_subject.search(p.text):
                reason = "coordinated verb whose subject is not the body"
            else:
                reason, accounted = "verb whose objects or subject were not found", False
            out.append(Miss(p.number, Mention.VERB, m.group(0).strip(), reason, accounted))
    return out


# what the builder already read of a paragraph: its sentence spans and candidate verbs
Read = tuple[list[tuple[int, int]], list[Verb]]


def explain(record: Record, grammar: ActorGrammar | None = None,
            reader: OutcomeReader | None = None,
            read: Mapping[int, Read] | None = None) -> list[Miss]:
    """Every mention of a paragraph that produced no fact, in the record's order (`read`:
    what the builder read of each paragraph, by `id(paragraph)`, not to read it again)."""
    lp = pack(record.language)
    grammar = grammar or ActorGrammar(lp)
    reader = reader or OutcomeReader(lp, None)  # type: ignore[arg-type]
    abbreviations = frozenset(lp.get("sentences.abbreviations", []))
    out: list[Miss] = []
    for item in record.items:
        for p in item.paragraphs:
            if p.heading:
                continue
            spans, verbs = read[id(p)] if read and id(p) in read else (
                sentence_spans(p.text, abbreviations), None)
            toks = grammar.lexed(p.text)
            named = _ids(p.speakers) if toks else set()
            if any(_may_miss(t, named) for t in toks):  # else no slot can hold a miss
                for slot in _slots(grammar, p.text, toks, spans, bool(p.speakers)):
                    miss = _slot_miss(p, slot, named)
                    if miss:
                        out.append(miss)
            out.extend(_verb_misses(p, reader, verbs))
    return out


def count_warning(misses: list[Miss]) -> Warning | None:
    """The warning that counts the unaccounted mentions, none when there are none."""
    open_ = [m for m in misses if not m.accounted]
    if not open_:
        return None
    kinds = ", ".join(f"{sum(m.kind is k for m in open_)} {k.value}"
                      for k in Mention if any(m.kind is k for m in open_))
    return Warning(None, f"{len(open_)} mention(s) produced no fact ({kinds}); "
                         "plenary parse --explain lists them")


def format_misses(misses: list[Miss]) -> str:
    """The lines `--explain` prints, and the counts last."""
    lines = [m.line() for m in misses]
    open_ = sum(not m.accounted for m in misses)
    lines.append(f"{len(misses)} mention(s) produced no fact, {open_} unaccounted")
    return "\n".join(lines)
