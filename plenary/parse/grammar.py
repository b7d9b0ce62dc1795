"""The marks of a paragraph: role heads, names, collectives and the genre's cue phrases.

One pass per pattern over many paragraphs at once (see joined.py); the patterns come from the
language pack and the gazetteer, so nothing here names a word of any language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from ..gazetteer import Entity, gazetteer
from ..gazetteer.lookup import compile_alternation
from ..lang import LanguagePack
from ..lang.contract import NEVER, compile_rule
from ..lang.gates import Gated
from .joined import Joined


class Mark(StrEnum):
    """What a marked span of a paragraph is."""

    ENT = "ent"  # a country, group, organisation or unit of the gazetteer
    HEAD = "head"  # a role noun with its determiner ("la déléguée", "the Chairman")
    COLL = "coll"  # a collective ("plusieurs délégués", "les orateurs")
    BARE = "bare"  # a bare quantifier standing for delegates ("Certains ...")
    PERSON = "person"  # an honorific and a name
    OBO = "obo"  # "au nom de", "on behalf of"
    SUPPORT = "support"  # "appuyé par", "supported by"
    OPPOSE = "oppose"  # "avec l'opposition de", "opposed by"
    ALSO = "also"  # "tout comme", "as did"
    QUESTION = "question"  # "répondant à une question de"
    OBSERV = "observ"  # "suite aux observations de", "à la demande de"
    COSPONSOR = "cosponsor"  # "présenté par", "submitted by"
    OWN = "own"  # "son pays", "her delegation"
    OPINION = "opinion"  # "selon", "in the view of"

@dataclass(slots=True)
class Tok:
    """A marked span of a paragraph."""

    kind: Mark
    start: int
    end: int
    role: str | None = None
    plural: bool = False
    det: str = ""  # the kind of determiner before a head: definite, indefinite, contracted
    count: str | None = None
    entity: Entity | None = None
    name: str | None = None
    # the names printed before a role noun in languages that name the country first
    # ("埃及和印度代表": the delegates of Egypt and India)
    members: tuple[Entity, ...] = ()
    members_obo: tuple[tuple[Entity, ...], ...] = ()  # "马里（代表非洲集团）": spoken for


_OPEN_PAREN = re.compile(r"\s*[(（]\s*")
_CLOSE_PAREN = re.compile(r"\s*[)）]")
CUE_KINDS = frozenset((Mark.OBO, Mark.SUPPORT, Mark.OPPOSE, Mark.ALSO, Mark.QUESTION,
                       Mark.OBSERV, Mark.COSPONSOR, Mark.OWN, Mark.OPINION))


def resolve(toks: list[Tok]) -> list[Tok]:
    """Marks ordered and without overlaps: the earliest, then the longest, wins."""
    toks.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[Tok] = []
    for t in toks:
        if out and t.start < out[-1].end:
            prev = out[-1]
            # a cue spelt like a role noun ("代表", "on behalf of", after another role noun)
            if t.kind in CUE_KINDS and prev.kind == Mark.HEAD and \
                    (t.start, t.end) == (prev.start, prev.end):
                out[-1] = t
                continue
            # a collective or a person that starts inside a shorter head wins over the head
            if t.kind in (Mark.COLL, Mark.PERSON) and prev.kind == Mark.HEAD and t.end > prev.end:
                out[-1] = t
            continue
        out.append(t)
    return out


def boundaries(unspaced: str | None) -> tuple[str, str]:
    """Regex pieces for "no letter before" and "no letter after" a word; next to a letter of a
    script written without spaces (Han) a word needs no boundary."""
    if not unspaced:
        return r"(?<![^\W\d_])", r"(?![^\W\d_])"
    return (rf"(?:(?<![^\W\d_])|(?<={unspaced})|(?={unspaced}))",
            rf"(?:(?![^\W\d_])|(?={unspaced})|(?<={unspaced}))")


def _with_variants(forms: dict[str, tuple[str, bool]]) -> dict[str, tuple[str, bool]]:
    """Role nouns plus the spellings that lost their hyphen ("VicePrésident")."""
    out = dict(forms)
    for form, value in forms.items():
        if "-" in form:
            out.setdefault(form.replace("-", ""), value)
    return out


class ActorGrammar:
    """Compiled patterns of one language for finding actors."""

    def __init__(self, lp: LanguagePack) -> None:
        g = gazetteer()
        self.lp = lp
        self.recent: dict[str, list[Tok]] = {}  # the last `lex_many`'s marks, by paragraph text
        self.matcher = g.matcher(lp.code)
        self.roles = _with_variants(g.role_forms(lp.code))
        unspaced = lp.fragments.get("unspaced", NEVER)
        self.unspaced = re.compile(lp.expand("{unspaced}")) if unspaced != NEVER else None
        before, after = boundaries(lp.expand("{unspaced}") if self.unspaced else None)
        nouns = compile_alternation(self.roles)
        self._compile_heads(lp, nouns, after)
        self._compile_collectives(lp, before, after)
        self._compile_cues(lp)
        self._compile_people(lp, nouns)
        self._compile_gaps(lp)
        self._compile_clauses(lp, after)

    def _compile_heads(self, lp: LanguagePack, nouns: str, after: str) -> None:
        """Role heads: found from their noun, then their determiner is read backwards."""
        self.head_noun = re.compile(rf"(?P<noun>{nouns}){after}")
        # an open slot between the determiner and the noun: "the outgoing Chairman"
        self.head_det = re.compile(lp.expand(
            r"(?:(?<![^\W\d_])(?:(?P<definite>{det}(?:{premodifier})?)"
            r"|(?P<indefinite>{indef}(?:{premodifier})?)"
            r"|(?P<contracted>{contracted}(?:{premodifier})?)))?(?P<other>{other})?$"))
        self.pronoun_head = Gated(lp.pattern("actors.pronoun_head"))
        self.committee = Gated(lp.pattern("actors.committee"))

    def _compile_collectives(self, lp: LanguagePack, before: str, after: str) -> None:
        """Collectives ("plusieurs délégués", "les orateurs"): the packs' patterns with the
        gazetteer's councillor and delegate nouns in their NOUNS_PL / NOUNS_SG slots."""
        plural_forms = [f for f, (r, pl) in self.roles.items()
                        if pl and r in ("councillor", "delegate")]
        singular_forms = [f for f, (r, pl) in self.roles.items()
                          if not pl and r in ("councillor", "delegate")]
        self.collective_roles: dict[str, str] = dict(lp.get("actors.collective_roles", {}))
        plural_forms += list(self.collective_roles)
        singular_forms += list(self.collective_roles)
        pl_alt, sg_alt = compile_alternation(plural_forms), compile_alternation(singular_forms)
        self.collective_nouns = {"NOUNS_PL": pl_alt, "NOUNS_SG": sg_alt}
        self.collectives = [
            (count, Gated(compile_rule(lp.code, f"actors.collectives.{count}", src,
                                       lp.fragments, nouns=self.collective_nouns)))
            for count, src in lp.get("actors.collectives", {}).items() if count != "bare"
        ]
        self.noun_re = re.compile(rf"(?:{pl_alt}|{sg_alt})")
        extra_nouns = list(self.collective_roles)
        self.collective_words = Gated(re.compile(
            rf"{before}(?:{compile_alternation(extra_nouns)}){after}"
        )) if extra_nouns else None
        self.bare = Gated(lp.pattern("actors.collectives.bare", re.MULTILINE))
        self.bare_counts: dict[str, str] = lp.get("actors.bare_counts", {})

    def _compile_cues(self, lp: LanguagePack) -> None:
        """The cues that link actors: on behalf of, supported by, opposed by, ..."""
        self.cues = [
            (kind, Gated(lp.pattern(f"actors.{key}"))) for kind, key in (
                (Mark.OBO, "on_behalf"), (Mark.SUPPORT, "support"), (Mark.OPPOSE, "opposition"),
                (Mark.ALSO, "also"),
                (Mark.QUESTION, "question"), (Mark.OBSERV, "observations"),
                (Mark.COSPONSOR, "cosponsor"), (Mark.OWN, "own"), (Mark.OBSERV, "exchange"),
                (Mark.OPINION, "opinion"))
        ]

    def _compile_people(self, lp: LanguagePack, nouns: str) -> None:
        """Named persons: an honorific and a capitalised name, their country in brackets."""
        x = lp.expand
        honorific = lp.source("actors.honorific")
        upper = x("{upper}")
        # no leading \b, so that the regex engine skips ahead to the honorifics' first letters
        particle = x("{particles}") if "particles" in lp.fragments else "(?!x)x"
        self.person = re.compile(
            rf"{honorific}\s+(?P<name>(?:(?:{upper}[\w'’.-]*\.?|(?:{particle})(?=\s+{upper}))\s+)"
            rf"{{0,4}}{upper}[\w'’-]+)"
            rf"(?:\s*\((?P<country>[^()]+)\))?"
        )
        self.person_after = self._person_after(lp, upper, particle)
        self.cap_word = re.compile(rf"\s*{upper}")  # a capitalised name's first letter
        # after a Latin or an Arabic comma: "M. X, ambassadeur de ...", "السيد X، سفير ..."
        self.capacity = re.compile(rf"\s*[,،]\s*(?P<noun>{nouns})\s*(?:{x('{prep}')})?")

    def _compile_gaps(self, lp: LanguagePack) -> None:
        """What may stand between two marks of one noun phrase or list."""
        x = lp.expand
        prep = x("{prep}")
        art = x("{art}")
        # the agent of a passive, between the names of a list ("soumis par X et par Y")
        agent = x("{agent}") if "agent" in lp.fragments else "(?!x)x"
        post = x("{postnominal}") if "postnominal" in lp.fragments else "(?!x)x"
        deleg = x("{delegation_of}") if "delegation_of" in lp.fragments else "(?!x)x"
        self.prep_lead = re.compile(rf"\s*(?:{prep})")  # "of", "de" opening a complement
        self.prep_gap = re.compile(rf"^\s*(?:(?:{post})\s+)?(?:{deleg}|{prep})?\s*$")
        # a portfolio between a role and its country: " of Posts and Telecommunications of "
        self.portfolio_gap = re.compile(rf"^\s*(?:{prep})\s*[^,;:.()]{{1,80}}?\s(?:{prep})\s*$")
        self.list_gap = re.compile(lp.source("actors.list_gap"))
        self.item_gap = re.compile(
            rf"^(?:{lp.source('fragments.conj')}|\s*)(?:{agent}\s+)?(?:{prep}|{art})?\s*$"
        )
        self.and_gap = re.compile(rf"^(?:{lp.source('fragments.conj')})$")
        # an explicit "and" (not a bare comma) between two subjects or two supporters
        self.co_gap = lp.pattern("actors.co_gap")
        # ", par la déléguée du Japon": one more supporter after "appuyé par ..."
        self.agent_gap = re.compile(rf"^\s*,?\s*(?:{agent})\s+$")
        self.obo_filler = lp.pattern("actors.obo_filler")
        # languages that name the country before the role ("肯尼亚代表"): the gap between them
        gap = lp.get("actors.entity_role_gap")
        self.entity_role_gap = lp.pattern("actors.entity_role_gap") if gap else None

    def _compile_clauses(self, lp: LanguagePack, after: str) -> None:
        """What tells a subject speaks: clauses, leads, participles, reported speech."""
        # a clause of its own opens after these ("..., tandis que la déléguée de X dit ...")
        self.clause_subject = lp.pattern("actors.clause_subject")
        self.participle = lp.pattern("actors.participle")
        # verb-first languages: the verb a sentence may open with before its subject ("وقال")
        self.subject_lead = lp.pattern("actors.subject_lead")
        self.election_end = lp.pattern("actors.election_subject_end")
        self.reported = lp.pattern("actors.reported")
        pronouns = lp.get("layout.subject_pronouns", [])
        self.pronoun = re.compile(rf"^\s*(?:{'|'.join(map(re.escape, pronouns))}){after}")
        body = lp.get("actors.meeting_body")
        self.meeting_body = re.compile(lp.expand(body)) if body else None
        # "شكر الرئيس المجموعة العربية": a definite role noun does not take the next name
        self.definite_noun = lp.pattern("actors.definite_noun") \
            if lp.get("actors.definite_noun") else None

    def _person_after(self, lp: LanguagePack, upper: str, particle: str) -> re.Pattern | None:
        """A person whose honorific follows the name: "Mario Canazza先生（巴西）"."""
        if lp.get("actors.honorific_after") is None:
            return None
        letter = rf"(?!{lp.expand('{unspaced}')})[\w'’.-]" if self.unspaced else r"[\w'’.-]"
        word = rf"{upper}{letter}*"
        return re.compile(
            rf"(?P<name>{word}(?:\s+(?:(?:{particle})\s+)?{word}){{0,4}})\s*"
            rf"(?:{lp.source('actors.honorific_after')})"
            rf"(?:\s*[(（](?P<country>[^()（）]+)[)）])?"
        )

    def people(self, text: str) -> list[re.Match[str]]:
        """Every printed person ("M. X (Pays)", "X先生（国家）"), in order."""
        found = list(self.person.finditer(text))
        if self.person_after is not None:
            found += [m for m in self.person_after.finditer(text)
                      if not any(o.start() <= m.start() < o.end() for o in found)]
            found.sort(key=lambda m: m.start())
        return found

    def glued(self, text: str, i: int) -> bool:
        """A letter or digit right before text[i], in a script that separates its words."""
        if not i or not text[i - 1].isalnum():
            return False
        return not (self.unspaced and (self.unspaced.match(text, i - 1)
                                        or self.unspaced.match(text, i)))

    @staticmethod
    def _acronym_of(text: str, name: Tok, acronym: Tok) -> bool:
        """A name followed by its acronym in parentheses: "战略规划和成员部（SPM）"."""
        return bool(name.entity and acronym.entity and name.entity.id == acronym.entity.id
                    and _OPEN_PAREN.fullmatch(text, name.end, acronym.start))

    def fuse(self, text: str, toks: list[Tok]) -> list[Tok]:
        """Names printed just before a role noun become the head's members ("埃及和印度代表"),
        in languages that name the country first; elsewhere the marks are left as they are."""
        if self.entity_role_gap is None:
            return toks
        out: list[Tok] = []
        role_gap = self.entity_role_gap
        for t in toks:
            first = self._pop_member(text, out, t.start, role_gap.fullmatch) \
                if t.kind == Mark.HEAD and t.role else None
            if first is None:
                out.append(t)
                continue
            members = [first]
            while out and out[-1].kind == Mark.ENT and out[-1].entity:
                head_tok = members[0][0]
                if self._acronym_of(text, out[-1], head_tok):
                    # "战略规划和成员部（SPM）负责人": one unit named twice, one member
                    members[0] = (Tok(Mark.ENT, out.pop().start, head_tok.end,
                                      entity=head_tok.entity), members[0][1])
                    continue
                more = self._pop_member(text, out, head_tok.start, self.and_gap.fullmatch)
                if more is None:
                    break
                members.insert(0, more)
            out.append(Tok(Mark.HEAD, members[0][0].start, t.end, role=t.role,
                           plural=t.plural or len(members) > 1, det="definite",
                           members=tuple(m.entity for m, _ in members if m.entity),
                           members_obo=tuple(g for m, g in members if m.entity)))
        return self._noun_as_verb(text, out)

    @staticmethod
    def _noun_as_verb(text: str, toks: list[Tok]) -> list[Tok]:
        """"肯尼亚代表非洲集团发言": a role noun glued to a group's name is the verb "on behalf
        of" (no noun takes a name right after it here); an empty on-behalf mark goes between."""
        out: list[Tok] = []
        for i, t in enumerate(toks):
            out.append(t)
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if t.members and nxt is not None and nxt.kind == Mark.ENT and nxt.entity and \
                    nxt.entity.kind in ("group", "organization") and nxt.start == t.end:
                out.append(Tok(Mark.OBO, t.end, t.end))
        return out

    def _pop_member(self, text: str, out: list[Tok], nxt: int,
                    gap_ok: Callable[[str], re.Match[str] | None],
                    ) -> tuple[Tok, tuple[Entity, ...]] | None:
        """The name at the end of `out` that `gap_ok` joins to the mark at `nxt`, taken off
        with the group it speaks for in parentheses ("马里（代表非洲集团）")."""
        if len(out) >= 3 and out[-1].kind == Mark.ENT and out[-2].kind == Mark.OBO and \
                out[-3].kind == Mark.ENT and out[-1].entity and out[-3].entity and \
                _OPEN_PAREN.fullmatch(text, out[-3].end, out[-2].start) and \
                not text[out[-2].end: out[-1].start].strip():
            rest = text[out[-1].end: nxt]
            closed = _CLOSE_PAREN.match(rest)
            if closed and gap_ok(rest[closed.end():]):
                group = out.pop()
                out.pop()
                return out.pop(), (group.entity,)  # type: ignore[return-value]
        if out and out[-1].kind == Mark.ENT and out[-1].entity and gap_ok(text[out[-1].end: nxt]):
            return out.pop(), ()
        return None

    # -- lexing ---------------------------------------------------------------------------

    def lex(self, text: str) -> list[Tok]:
        """Every mark in `text`, ordered, without overlaps (earliest, then longest, wins)."""
        return self.fuse(text, resolve(self.marks(text)))

    def lex_many(self, texts: list[str]) -> list[list[Tok]]:
        """Marks of many paragraphs, scanning their joined text once per pattern."""
        joined = Joined(texts)
        out = [self.fuse(text, resolve(toks))
               for text, toks in zip(texts, joined.split(self.marks(joined.text)), strict=True)]
        self.recent = dict(zip(texts, out, strict=True))
        return out

    def lexed(self, text: str) -> list[Tok]:
        """The marks of `text`: from the last `lex_many` when it read this text, else lexed."""
        toks = self.recent.get(text)
        return list(toks) if toks is not None else self.lex(text)

    def marks(self, text: str) -> list[Tok]:
        """Every mark in `text`, overlapping ones included."""
        toks: list[Tok] = []
        for s, e, ent in self.matcher.find(text):
            toks.append(Tok(Mark.ENT, s, e, entity=ent))
        for m in self.committee.finditer(text):
            toks.append(Tok(Mark.ENT, m.start(), m.end(),
                            entity=Entity("unit", f"committee-{m.group('num')}")))
        collective_at: list[tuple[int, int]] = []
        for m in self.head_noun.finditer(text):
            if self.glued(text, m.start()):
                continue
            role, plural = self.roles.get(m.group("noun"), (None, False))
            if role in ("councillor", "delegate") or m.group("noun") in self.collective_roles:
                collective_at.append((m.start(), m.end()))
            if role:
                d = self.head_det.search(text, max(0, m.start() - 30), m.start())
                start = d.start() if d and d.end() > d.start() else m.start()
                det = ""
                if d:
                    det = next((k for k in ("definite", "indefinite", "contracted")
                                if d.group(k)), "")
                toks.append(Tok(Mark.HEAD, start, m.end(), role=role, plural=plural, det=det,
                                name="other" if d and d.group("other") else None))
        # collectives end with a councillor or delegate noun: look only around those
        if self.collective_words is not None:
            collective_at.extend((m.start(), m.end())
                                 for m in self.collective_words.finditer(text))
        n = len(text)
        for s, e in collective_at:
            lo, hi = max(0, s - 45), min(n, e + 45)
            for count, rx in self.collectives:
                if not rx.may_match_in(text, lo, hi):
                    continue
                # the match around this noun, not an earlier one inside the window
                m = next((c for c in rx.pattern.finditer(text, lo, hi) if c.end() > s), None)
                if m and m.start() <= s < m.end():
                    noun = self.noun_re.search(m.group(0))
                    role = self._collective_role(noun.group(0) if noun else "")
                    toks.append(Tok(Mark.COLL, m.start(), m.end(), role=role, count=count))
        # "tout comme ceux du Royaume-Uni": a pronoun standing for the role named before
        for m in self.pronoun_head.finditer(text):
            toks.append(Tok(Mark.HEAD, m.start(), m.end(), role=None, plural=True, det="definite"))
        for m in self.bare.finditer(text):
            word = m.group("word")
            count = self.bare_counts.get(word.lower()) or self.bare_counts.get(word)
            toks.append(Tok(Mark.BARE, m.start("word"), m.end("word"), count=count))
        for kind, rx in self.cues:
            for m in rx.finditer(text):
                if m.end() > m.start():
                    toks.append(Tok(kind, m.start(), m.end()))
        for m in self.people(text):
            if self.glued(text, m.start()):
                continue
            toks.append(Tok(Mark.PERSON, m.start(), m.end(), name=m.group("name").strip(),
                            entity=self._country(m.group("country"))))
        return toks

    def _collective_role(self, noun: str) -> str:
        """The role a collective's noun stands for; "speaker" is settled by the record."""
        if noun in self.collective_roles:
            return self.collective_roles[noun]
        role = self.roles.get(noun, ("delegate", True))[0]
        return role if role in ("councillor", "delegate") else "delegate"

    def _country(self, text: str | None) -> Entity | None:
        if not text:
            return None
        for _s, _e, ent in self.matcher.find(text):
            if ent.kind == "country":
                return ent
        return None
