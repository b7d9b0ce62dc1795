"""What a paragraph records as decided, with its objects resolved from context.

"Adoptés." takes the sub-headings just above; "Il en est ainsi décidé." settles the proposal of
the paragraph before and takes what that proposal names (else the texts of the sub-heading the
discussion stands under); a reading missing from the sentence comes from the item heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from ..lang import LanguagePack, pack
from ..lang.contract import NEVER
from ..lang.gates import Gated
from ..record import Actor, Outcome, TextRef
from .actors import ActorFinder, sentence_spans
from .grammar import boundaries
from .joined import Joined

_PARENS = re.compile(r"[(（][^()（）]*[)）]")  # Latin or full-width brackets
_CLAUSE_BREAK = re.compile(r"[,，]")  # a Latin or a full-width comma


def clause_before(text: str) -> str:
    """The clause that ends `text`: after its last comma, brackets left out."""
    return _CLAUSE_BREAK.split(_PARENS.sub("", text))[-1]


@dataclass
class OutcomeContext:
    """What the paragraphs around say, for resolving an outcome's objects."""

    item_reading: str | None = None
    subheads_above: list[TextRef] = field(default_factory=list)
    current_subheads: list[TextRef] = field(default_factory=list)
    previous_number: str | None = None
    previous_text: str = ""
    refs: Any = None
    previous_refs: Any = None
    heading_texts: list[TextRef] = field(default_factory=list)
    number: str | None = None  # the paragraph being read, and its text
    text: str = ""


@dataclass
class Verb:
    kind: str
    pattern: Gated
    objects: str
    # the kind when the objects hold a draft resolution or decision ("se aprueba")
    draft_kind: str | None = None
    # "..., et approuve ...": counts only in a sentence whose subject is the body
    coordinated: bool = False


class Candidates(NamedTuple):
    """What may record an outcome in a paragraph: the verbs and the election formulas whose
    required words it holds."""

    verbs: list[Verb]
    elections: list[re.Pattern[str]]


def _may_hold(gated: Gated, words: frozenset[str]) -> bool:
    """Whether a pattern may match a text that holds these of the required words."""
    return gated.gate is None or not gated.gate.isdisjoint(words)


class OutcomeReader:
    """Reads outcomes with one language's formulas."""

    def __init__(self, lp: LanguagePack, actors: ActorFinder) -> None:
        self.lp = lp
        self.actors = actors
        self.verbs = [Verb(v["kind"], Gated(re.compile(lp.expand(v["pattern"]))), v["objects"],
                           v.get("draft_kind"), v.get("coordinated", False))
                      for v in lp.get("outcomes.verbs", [])]
        # the body as the sentence's subject ("Le Conseil ..."): coordinated verbs count then
        self.body_subject = lp.pattern("outcomes.body_subject")
        self.decided = lp.pattern("outcomes.decided")
        self.bare = lp.pattern("outcomes.bare")
        self.bare_kinds: dict[str, str] = lp.get("outcomes.bare_kinds", {})
        # "se aprueba" is 'adopted' for a draft resolution or decision, 'approved' otherwise
        self.draft_kinds: dict[str, str] = lp.get("outcomes.draft_kinds", {})
        self.proposal = lp.pattern("outcomes.proposal")
        self.reading_re = lp.pattern("outcomes.reading")
        self.readings: dict[str, str] = lp.get("outcomes.readings", {})
        self.as_amended = lp.pattern("outcomes.as_amended")
        self.conditional = lp.pattern("outcomes.conditional")
        self.both = lp.pattern("outcomes.amended_and_conditional")
        self.negation = lp.pattern("outcomes.negation")
        self.hypothetical = lp.pattern("outcomes.hypothetical")
        self.reported = lp.pattern("outcomes.reported")
        self.exception = lp.pattern("outcomes.exception")
        # a draft resolution or decision named without its number ("el proyecto de Decisión")
        self.draft_words = lp.pattern("outcomes.draft_words")
        self.intents = {k: re.compile(lp.expand(v))
                        for k, v in lp.get("outcomes.intents", {}).items()}
        self.intent_end = lp.pattern("outcomes.intent_end")
        unspaced = lp.fragments.get("unspaced", NEVER)
        after = boundaries(lp.expand("{unspaced}") if unspaced != NEVER else None)[1]
        self.pronoun = re.compile(
            r"^\s*(?:" + "|".join(map(re.escape, lp.get("layout.subject_pronouns", []))) + r")"
            + after, re.IGNORECASE)
        patterns = lp.get("elections.pattern")
        self.elections = [Gated(re.compile(lp.expand(p))) for p in (
            patterns if isinstance(patterns, list) else [patterns])]
        # the words one of which each verb's or formula's every match holds (its gate)
        self.gate_words = sorted({w for g in [v.pattern for v in self.verbs] + self.elections
                                  for w in g.gate or ()})
        self.acclamation = lp.pattern("elections.acclamation")
        self.ballot = lp.pattern("elections.ballot")
        self.votes = {k: lp.pattern(f"elections.votes_{k}")
                      for k in ("for", "against", "abstaining")}
        self.post_cleanup = lp.pattern("elections.post_cleanup")
        self.post_end = lp.pattern("elections.post_end")
        self.abbreviations = frozenset(lp.get("sentences.abbreviations", []))

    # -- pieces ---------------------------------------------------------------------------

    def reading(self, text: str, last: bool = False) -> str | None:
        found = None
        for m in self.reading_re.finditer(text):
            key = re.sub(r"\s+", " ", m.group("reading").lower())
            found = self.readings.get(key, found)
            if not last:
                return found
        return found

    def _bare_kind(self, word: str) -> str | None:
        low = word.lower()
        for prefix, kind in self.bare_kinds.items():
            if low.startswith(prefix):
                return kind
        return None

    def _draft_kind(self, kind: str, texts: list[TextRef]) -> str:
        if kind in self.draft_kinds and _has_draft(texts):
            return self.draft_kinds[kind]
        return kind

    def _flags(self, sentence: str) -> tuple[bool, bool]:
        both = bool(self.both.search(sentence))
        amended = both or bool(self.as_amended.search(sentence))
        conditional = both or bool(self.conditional.search(sentence))
        return amended, conditional

    def proposal_objects(
            self, ctx: OutcomeContext) -> tuple[list[str], list[tuple[str, list[str]]]]:
        """Objects and extra outcome kinds of the proposal a "so decided" settles."""
        text = ctx.previous_text
        m = self.proposal.search(text)
        start = m.start() if m else 0
        clause = text[start:]
        objects = ctx.previous_refs.objects(start, len(text)) if ctx.previous_refs else []
        if not objects:
            objects = [t.label for t in ctx.current_subheads] or [
                t.label for t in ctx.heading_texts if t.kind != "series"]
        kinds = []
        for k, rx in self.intents.items():
            im = rx.search(clause)
            if im:
                # the objects the intent itself governs: "prendre note du Document X et de ..."
                end = self.intent_end.search(clause, im.end())
                stop = start + (end.start() if end else len(clause))
                own = ctx.previous_refs.objects(start + im.start(), stop) \
                    if ctx.previous_refs else []
                kinds.append((k, own or objects))
        return objects, kinds

    # -- a paragraph ----------------------------------------------------------------------

    def candidates(self, text: str) -> Candidates:
        """The outcome verbs and election formulas whose required words the paragraph holds
        (an election formula opens a sentence of the paragraph: its words are in it)."""
        return Candidates([v for v in self.verbs if v.pattern.may_match(text)],
                          [g.pattern for g in self.elections if g.may_match(text)])

    def candidates_many(self, texts: list[str]) -> list[Candidates]:
        """`candidates` of many paragraphs: each required word found in their joined text (at
        most once a paragraph), then the verbs and formulas of each set of words found."""
        joined = Joined(texts)
        found: list[set[str]] = [set() for _ in texts]
        for word in self.gate_words:
            for i in joined.first_in_each(word):
                found[i].add(word)
        by_words: dict[frozenset[str], Candidates] = {}
        out = []
        for words in map(frozenset, found):
            chosen = by_words.get(words)
            if chosen is None:
                chosen = by_words[words] = Candidates(
                    [v for v in self.verbs if _may_hold(v.pattern, words)],
                    [g.pattern for g in self.elections if _may_hold(g, words)])
            out.append(chosen)
        return out

    def outcomes(self, text: str, ctx: OutcomeContext,
                 spans: list[tuple[int, int]] | None = None,
                 candidates: Candidates | None = None) -> list[Outcome]:
        verbs, elections = candidates or self.candidates(text)
        out: list[Outcome] = []
        for a, b in spans or sentence_spans(text, self.abbreviations):
            raw = text[a:b]
            base = a + len(raw) - len(raw.lstrip())
            out.extend(self._sentence(raw.strip(), base, ctx, verbs, elections))
        return out

    def _sentence(self, s: str, base: int, ctx: OutcomeContext,
                  verbs: list[Verb], elections: list[re.Pattern[str]]) -> list[Outcome]:
        if self.decided.match(s):
            refers_to = ctx.previous_number
            if base > 0:
                # "Le Président propose ... Il en est ainsi décidé." in one paragraph
                ctx = OutcomeContext(**{**ctx.__dict__, "previous_text": ctx.text[:base],
                                        "previous_refs": ctx.refs})
                refers_to = ctx.number
            objects, kinds = self.proposal_objects(ctx)
            amended, conditional = self._flags(s)
            first = Outcome(kind="decided", objects=objects, refers_to=refers_to,
                            as_amended=amended, conditional=conditional)
            return [first] + [Outcome(kind=k, objects=list(o)) for k, o in kinds]  # type: ignore[arg-type]
        # "Adoptés.", or after an introduction: "Con esa corrección, aprobado en ..."
        tail = s.rsplit(", ", 1)[-1]
        phrase = s if self.bare.match(s) else tail[:1].upper() + tail[1:]
        bare = self.bare.match(phrase)
        if bare:
            kind = self._bare_kind(bare.group("verb"))
            if kind:
                amended, conditional = self._flags(s)
                # the sub-headings just above, else those the discussion stands under
                heads = ctx.subheads_above or ctx.current_subheads
                kind = self._draft_kind(kind, heads)
                # the reading of the verb phrase, not of a condition after it
                return [Outcome(kind=kind, objects=[t.label for t in heads],  # type: ignore[arg-type]
                                reading=self.reading(phrase.split(",", 1)[0]) or ctx.item_reading,
                                as_amended=amended, conditional=conditional)]
        elected = self._election(s, elections) if elections else None
        if elected:
            return elected
        found: list[tuple[Verb, re.Match[str]]] = []
        by_body = bool(self.body_subject.match(s))
        for verb in verbs:
            if verb.coordinated and not by_body:
                continue
            for m in verb.pattern.pattern.finditer(s):
                if any(m.start() < o.end() and m.end() > o.start() for _v, o in found):
                    continue
                if self._hypothetical(s, m.start()) or (
                        verb.kind != "not-adopted"
                        and self.negation.search(s[max(0, m.start() - 40): m.start()])):
                    continue
                found.append((verb, m))
                break
        # "Le Conseil prend note du Document X et approuve Y": each verb's objects stop
        # where the next verb starts, and begin where the previous one ended
        found.sort(key=lambda vm: vm[1].start())
        out = []
        for i, (verb, m) in enumerate(found):
            lo = found[i - 1][1].end() if i else 0
            hi = found[i + 1][1].start() if i + 1 < len(found) else len(s)
            outcome = self._verb_outcome(verb, m, s, base, ctx, lo, hi)
            if outcome.kind == "decided":
                # "Il est décidé de reporter l'examen du Document X": what was decided is
                # the postponement itself (a "so decided" settling a proposal keeps both)
                rest = s[m.end(): hi]
                kinds = [k for k, rx in self.intents.items() if rx.search(rest)]
                if kinds:
                    out.extend(Outcome(kind=k, objects=list(outcome.objects))  # type: ignore[arg-type]
                               for k in kinds)
                    continue
            out.append(outcome)
        return out

    def _hypothetical(self, s: str, at: int) -> bool:
        """An outcome verb inside a clause opened by "if", "no", "when": nothing decided."""
        clause = clause_before(s[:at])
        # "recalled that Resolution 71 was adopted at PP-14": reported, not decided here
        return bool(self.hypothetical.search(clause) or self.reported.search(s[:at]))

    def _verb_outcome(self, verb: Verb, m: re.Match[str], s: str, base: int,
                      ctx: OutcomeContext, lo: int, hi: int) -> Outcome:
        subject, rest = s[lo: m.start()], s[m.start(): hi]
        a, b = (base + lo, base + m.start()) if verb.objects == "before" else (
            base + m.end(), base + hi)
        if verb.objects == "after":
            # "..., on the understanding that draft Resolution X would be resubmitted"
            cm = self.conditional.search(s, m.end(), hi)
            if cm:
                b = base + cm.start()
        objects = ctx.refs.objects(a, b)
        heads = ctx.subheads_above or ctx.current_subheads
        if not objects and verb.objects == "after" and m.start() == 0 and heads and \
                not ctx.text[b:].strip() and not s[m.end():].strip(" .").count(" ") > 3:
            # "Se aprueban sin modificaciones." under sub-headings: like "Aprobados."
            objects = [t.label for t in heads]
            if verb.draft_kind and _has_draft(heads):
                return Outcome(kind=verb.draft_kind, objects=objects,  # type: ignore[arg-type]
                               reading=self.reading(s) or ctx.item_reading,
                               as_amended=self._flags(s)[0], conditional=self._flags(s)[1])
        # "with the exception of draft Resolution 64": named, but not approved
        for ex in self.exception.finditer(s, a - base, b - base):
            stop = s.find(",", ex.end())
            stop = b - base if stop < 0 or stop > b - base else stop
            excluded = set(ctx.refs.objects(base + ex.start(), base + stop))
            objects = [o for o in objects if o not in excluded]
        if not objects and verb.objects == "before" and self.pronoun.match(
                _PARENS.sub("", subject).rsplit(",", 1)[-1]):
            # "... est mis aux voix. ..., il n'est pas adopté": the text of the sentence before
            a = 0
            objects = ctx.refs.objects(0, base)
        kind = verb.kind
        if verb.draft_kind and (_has_draft(ctx.refs.texts_between(a, b))
                                or self.draft_words.search(ctx.text, a, b)):
            kind = verb.draft_kind
        amended, conditional = self._flags(s)
        reading = None
        if kind in ("adopted", "approved"):
            reading = self.reading(rest) or self.reading(subject) or ctx.item_reading
        return Outcome(kind=kind, objects=objects, reading=reading,  # type: ignore[arg-type]
                       as_amended=amended, conditional=conditional, votes=self._votes(s))

    def _votes(self, s: str) -> dict | None:
        """A printed count: {"for": 52, "against": 89, "abstaining": 14}, else None."""
        counts = {}
        for k, rx in self.votes.items():
            vm = rx.search(s)
            if vm:
                counts[k] = int(next(g for g in vm.groups() if g))
        return counts or None

    def _election(self, s: str, elections: list[re.Pattern[str]]) -> list[Outcome] | None:
        m = next((m for rx in elections if (m := rx.match(s))), None)
        if not m:
            return None
        people = self.actors.people(m.group("who"))
        if not people:
            # "Burkina Faso and Rwanda were elected Member States of the Council"
            people = [Actor(kind="delegation", country=c)
                      for c in self.actors.countries(m.group("who"))]
        if not people:
            return None
        rest = m.group("rest")
        method = None
        if self.acclamation.search(s):
            method = "acclamation"
        elif self.ballot.search(s):
            method = "ballot"
        post = self.acclamation.sub("", rest)
        post = self.post_end.split(post, maxsplit=1)[0]
        post = self.post_cleanup.sub("", re.sub(r"\s+", " ", post).strip(" ,."))
        return [Outcome(kind="elected", person=_person(p), post=post or None,  # type: ignore[arg-type]
                        method=method, votes=self._votes(s) if len(people) == 1 else None)
                for p in people]


def _has_draft(texts: list[TextRef]) -> bool:
    """A draft resolution or decision (the Council's included) among the texts."""
    return any(t.draft and t.kind not in ("series", "recommendation") for t in texts)


def _person(actor: Actor) -> Actor:
    if actor.kind == "delegation":
        return Actor(kind="delegation", country=actor.country)
    return Actor(kind="person", name=actor.name, country=actor.country)


@cache
def reader(code: str) -> OutcomeReader:
    """The compiled OutcomeReader of a language (built once)."""
    from .actors import finder

    return OutcomeReader(pack(code), finder(code))
