"""Who takes the floor in a paragraph: speakers, on whose behalf, supported by whom.

The grammar is language-free. The marks of grammar.py (role heads such as "Le délégué" or "The
delegate", names from the gazetteer, collectives, the genre's cue phrases: on behalf of,
supported by, as did, responding to a question from, following comments by) are read sentence
by sentence by a small state machine: a sentence's subject and the subject's modifiers are
speakers and their links; other mentions are not.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from ..gazetteer import Entity
from ..gazetteer.lookup import compile_alternation
from ..lang import LanguagePack, pack
from ..record import Actor
from .grammar import ActorGrammar, Mark, Tok

OFFICIAL_ROLES = {"chair", "vice-chair", "secretary-general", "deputy-secretary-general",
                  "legal-adviser"}
DELEGATION_ROLES = {"delegate", "councillor", "ambassador", "minister", "observer",
                    "representative"}
# a capital of the Latin or Cyrillic script, or a letter of a script without case (Arabic);
# Chinese ends its sentences with full-width stops
# a stop, then a letter or digit that is not lower case (any script: a caseless letter, Arabic
# or Han, may open a sentence); Chinese and Arabic stops need no space after them
_SENTENCE_END = re.compile(
    r"[.!?]\s+(?=[«\"“(\[]?(?P<next>[^\W_]))|;\s+|[。！？；]\s*|؛\s*")
# the punctuation of every script: Latin, Arabic ("،", "؛") and full-width CJK ("，", "、")
_PUNCT_ONLY = re.compile(r"^[\s,;:()，、；：（）]*$")
COMMAS = (",", "，", "、")
# A subject's lead ("Ensuite, ", "Pour sa part, ") is short; past this many characters the
# text before a mark is a clause, read by its ends only.
_MAX_LEAD = 1000
_OPEN_PAREN = re.compile(r"\s*[(（]\s*")
_WORD_BREAK = re.compile(r"[\s(]")
_COMMA_ONLY = re.compile(r"^\s*[,，、]\s*$")
_APPOSITION = re.compile(r"\s*,([^,;:]{1,160}),")
# the end of an apposition: a comma, after a closing quote the source may have left
_APPOSITION_END = re.compile(r"[\"'”’»]?\s*[,،]")
_NAME_THEN_ACRONYM = re.compile(r"^\s+\S+\s+[^,;.()]{0,160}\(\s*$")
SUBJECT_KINDS = (Mark.HEAD, Mark.COLL, Mark.PERSON, Mark.BARE)
NP_KINDS = (Mark.HEAD, Mark.COLL, Mark.PERSON)  # the marks a noun phrase of actors starts with


@dataclass
class Context:
    """What a paragraph's earlier sentences say that later ones need."""

    collective_role: str | None = None


def entity_actor(ent: Entity, role: str | None = None) -> Actor | None:
    """The actor an entity stands for when named after a role noun (or alone in a list)."""
    if ent.kind == "country":
        return Actor(kind="delegation", country=ent.id, role=role)  # type: ignore[arg-type]
    if ent.kind == "organization":
        if role in OFFICIAL_ROLES:
            return None  # the Secretary-General of another organisation is only named
        return Actor(kind="organization", id=ent.id, role=role if role else None)  # type: ignore[arg-type]
    if ent.kind == "group":
        return Actor(kind="group", id=ent.id, role=role if role else None)  # type: ignore[arg-type]
    if ent.kind == "unit":
        if ent.id == "council":
            return Actor(kind="official", role=role or "chair")  # type: ignore[arg-type]
        return Actor(kind="official", id=ent.id, role=role)  # type: ignore[arg-type]
    return None


@dataclass
class _Opening:
    """What a sentence's opening read: its subject, where the predicate starts, and what was
    set before the subject (a group spoken for, supporters)."""

    resume: tuple[int, int]
    main: Actor | None = None
    j: int = 0
    pos: int = 0
    intro_obo: int | None = None  # the token of an "au nom de" before the subject
    pending_support: list[Actor] = field(default_factory=list)


class SentenceReader:
    """Reads the actors of one paragraph, sentence by sentence."""

    def __init__(self, grammar: ActorGrammar, text: str, toks: list[Tok] | None = None) -> None:
        self.g = grammar
        self.text = text
        self.toks = grammar.lex(text) if toks is None else toks
        self.last_role: str | None = None  # the role a pronoun head ("ceux") stands for
        self.absolute = False  # the last subject read opens an absolute participle clause

    # -- helpers --------------------------------------------------------------------------

    def gap(self, a: int, b: int) -> str:
        return self.text[a:b]

    def skippable(self, gap: str) -> bool:
        """Only punctuation, "and", or participle clauses between two marks of one subject."""
        if _PUNCT_ONLY.match(gap) or self.g.and_gap.match(gap):
            return True
        chunks = gap.split(",")
        for chunk in chunks:
            c = chunk.strip()
            if not c or self.g.and_gap.match(" " + c + " ") or self.g.participle.match(c):
                continue
            if self.g.and_gap.match(" " + c.split(" ", 1)[0] + " ") and self.g.participle.match(
                c.split(" ", 1)[-1]
            ):
                continue
            return False
        return True

    # -- noun phrases ---------------------------------------------------------------------

    def entity_list(self, j: int, after: int, own: Actor | None,
                    single: bool) -> tuple[list[Actor], int, int]:
        """Names after "au nom de": entities joined by list gaps. Returns actors, next tok, end."""
        out: list[Actor] = []
        end = after
        first_kind: str | None = None
        toks = self.toks
        while j < len(toks):
            t = toks[j]
            gap = self.gap(end, t.start)
            ok_gap = (self.g.prep_gap.match(gap) or self.g.obo_filler.match(gap)) if not out \
                else self.g.item_gap.match(gap)
            if not ok_gap:
                break
            if t.kind == Mark.OWN and not out:
                if own is not None and own.country:
                    out.append(Actor(kind="delegation", country=own.country))
                else:
                    out.append(Actor(kind="delegation"))  # placeholder, dropped if alone
                first_kind = "country"
                end = t.end
                j += 1
                continue
            if t.kind != Mark.ENT or t.entity is None:
                break
            kind = "country" if t.entity.kind == "country" else "body"
            if first_kind and kind != first_kind and not (
                    out and out[0].country == (own.country if own else None)):
                break
            if out and single:
                break
            actor = entity_actor(t.entity)
            if actor is None or (t.entity.kind == "unit"):
                break
            first_kind = first_kind or kind
            out.append(actor)
            end = t.end
            j += 1
        own_only = len(out) == 1 and out[0].country in (None, own.country if own else None) \
            and first_kind == "country" and toks[j - 1].kind == Mark.OWN if out else False
        if own_only:
            out = []
        out = [a for a in out if a.country or a.id]
        return out, j, end

    def np(self, j: int) -> tuple[list[Actor], int, int]:
        """The actor(s) of a noun phrase starting at token j. Returns actors, next tok, end."""
        toks = self.toks
        t = toks[j]
        if t.kind == Mark.COLL:
            self.last_role = t.role
            return [Actor(kind="collective", role=t.role, count=t.count)], j + 1, t.end  # type: ignore[arg-type]
        if t.kind == Mark.PERSON:
            return self._person(j)
        if t.kind != Mark.HEAD:
            return [], j + 1, t.end
        if t.role is None:
            if self.last_role is None:
                return [], j + 1, t.end
            t.role = self.last_role
        self.last_role = t.role
        if t.members:
            return self._members(t), j + 1, t.end
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if self.g.entity_role_gap is not None:
            nxt = None  # the country comes first ("肯尼亚代表"): a name after the noun is not its
        adjacent = (nxt is not None and nxt.kind == Mark.ENT
                    and self.g.prep_gap.match(self.gap(t.end, nxt.start))
                    and not self._definite_alone(t, nxt))
        if not adjacent and nxt is not None and nxt.kind == Mark.ENT and nxt.entity and \
                nxt.entity.kind == "unit" and _NAME_THEN_ACRONYM.match(self.gap(t.end, nxt.start)):
            # "La Présidente du Groupe de travail du Conseil sur ... (GTC-PEF)"
            actor = entity_actor(nxt.entity, t.role)
            self.last_role = t.role
            return ([actor] if actor else []), j + 2, nxt.end
        if not adjacent and nxt is not None and self._portfolio(t, nxt):
            # "the Minister of Posts and Telecommunications of Cameroon": Cameroon's minister
            actor = entity_actor(nxt.entity, t.role)  # type: ignore[arg-type]
            return ([actor] if actor else []), j + 2, nxt.end
        if not adjacent:
            if t.role in OFFICIAL_ROLES and not t.plural and not self._unknown_complement(t.end):
                return [Actor(kind="official", role=t.role)], j + 1, t.end  # type: ignore[arg-type]
            if t.role in ("councillor", "delegate") and t.det == "indefinite":
                return [Actor(kind="collective", role=t.role, count="one")], j + 1, t.end  # type: ignore[arg-type]
            return [], j + 1, t.end
        if not t.plural:
            j, nxt = self._printed_acronym(j + 1)
            actor = entity_actor(nxt.entity, t.role)  # type: ignore[arg-type]
            return ([actor] if actor else []), j + 1, nxt.end
        return self._plural_list(t, j + 1)

    def _definite_alone(self, head: Tok, nxt: Tok) -> bool:
        """A definite role noun with only a space before the next name ("الرئيس المجموعة"):
        the name is the verb's object, not the noun's complement."""
        return self.g.definite_noun is not None and not self.gap(head.end, nxt.start).strip() \
            and bool(self.g.definite_noun.match(self.text, head.start, head.end))

    def _members(self, head: Tok) -> list[Actor]:
        """The actors of a head whose names were printed before it ("埃及和印度代表"); the
        delegate of a unit is its representative ("BDT的代表")."""
        out = []
        spoken_for = head.members_obo or tuple(() for _ in head.members)
        for ent, groups in zip(head.members, spoken_for, strict=True):
            role = "representative" if ent.kind == "unit" and head.role == "delegate" \
                else head.role
            actor = entity_actor(ent, role)
            if actor is not None:
                actor.on_behalf_of.extend(a for g in groups if (a := entity_actor(g)))
                out.append(actor)
        return out

    def _printed_acronym(self, j: int) -> tuple[int, Tok]:
        """The entity at j, or the unit whose acronym the record prints in parentheses after
        a longer name that starts with it: "the Council Working Group for ... (CWG-SFP)"."""
        toks = self.toks
        t = toks[j]
        if j + 1 < len(toks):
            nxt = toks[j + 1]
            if nxt.kind == Mark.ENT and nxt.entity and nxt.entity.kind == "unit" and \
                    _NAME_THEN_ACRONYM.match(self.gap(t.end, nxt.start)) and \
                    self.text[nxt.end: nxt.end + 1] == ")":
                return j + 1, nxt
        return j, t

    def _portfolio(self, head: Tok, nxt: Tok) -> bool:
        """A delegation's role, its portfolio, then its country: "of Posts ... of Cameroon"."""
        if head.role not in DELEGATION_ROLES or head.plural or nxt.kind != Mark.ENT or \
                not nxt.entity or nxt.entity.kind != "country":
            return False
        return bool(self.g.portfolio_gap.match(self.gap(head.end, nxt.start)))

    def _unknown_complement(self, pos: int) -> bool:
        """A head followed by "of <Capitalised name>" that the gazetteer does not know."""
        rest = self.text[pos: pos + 60]
        if self.g.meeting_body and self.g.meeting_body.match(rest):
            return False
        m = self.g.prep_lead.match(rest)
        return bool(m and self.g.cap_word.match(rest[m.end():]))

    def _plural_list(self, head: Tok, j: int) -> tuple[list[Actor], int, int]:
        """"Les délégués du Canada au nom de la CITEL, de la Suède et du Japon"."""
        toks = self.toks
        out: list[Actor] = []
        end = head.end
        last_obo: tuple[int, bool, list[Actor]] | None = None
        while j < len(toks):
            t = toks[j]
            gap = self.gap(end, t.start)
            if t.kind == Mark.ENT and t.entity and t.entity.kind == "country" and (
                (not out and self.g.prep_gap.match(gap)) or (out and self.g.item_gap.match(gap))
            ):
                out.append(Actor(kind="delegation", country=t.entity.id, role=head.role))  # type: ignore[arg-type]
                end = t.end
                j += 1
                continue
            if t.kind == Mark.OBO and out and (_PUNCT_ONLY.match(gap) or self.skippable(gap)):
                ents, j2, end2 = self.entity_list(j + 1, t.end, out[-1], single=True)
                if ents:
                    out[-1].on_behalf_of.extend(ents)
                    last_obo = (len(out), "," in gap, ents)
                    j, end = j2, end2
                    continue
            break
        # "Les délégués de X et de Y, au nom de la CEPT, proposent": set off by commas after
        # the last name, the organisation is spoken for by every delegate of the list
        if out and last_obo and last_obo[0] == len(out) and last_obo[1]:
            for actor in out[:-1]:
                if not actor.on_behalf_of:
                    actor.on_behalf_of.extend(Actor(kind=e.kind, id=e.id, country=e.country)
                                              for e in last_obo[2])
        return out, j, end

    def _person(self, j: int) -> tuple[list[Actor], int, int]:
        t = self.toks[j]
        cap = self.g.capacity.match(self.text, t.end)
        if cap:
            role = self.g.roles.get(cap.group("noun"), (None, False))[0]
            # skip the head token the capacity noun produced
            k = j + 1
            while k < len(self.toks) and self.toks[k].start < cap.end():
                k += 1
            nxt = self.toks[k] if k < len(self.toks) else None
            # "Ministre des technologies de l'information et de la communication du Paraguay":
            # the country closes the capacity, before the apposition's closing comma
            close = self.text.find(",", cap.end())
            while nxt is not None and not (nxt.kind == Mark.ENT and nxt.entity
                                           and nxt.entity.kind == "country") and \
                    nxt.kind in (Mark.ENT, Mark.HEAD) and (close < 0 or nxt.start < close) and \
                    k + 1 < len(self.toks):
                k += 1
                nxt = self.toks[k]
            if nxt is not None and nxt.kind == Mark.ENT and nxt.entity and (
                    self.g.prep_gap.match(self.gap(cap.end(), nxt.start)) or (
                        nxt.entity.kind == "country" and (close < 0 or nxt.start < close)
                        and "(" not in self.gap(cap.end(), nxt.start))):
                ent = nxt.entity
                if ent.kind == "country":
                    # "M. Andrius Krivas, ambassadeur de la Lituanie": a named delegation
                    return [Actor(kind="delegation", country=ent.id, name=t.name,  # type: ignore[arg-type]
                                  role=role if role in DELEGATION_ROLES else None)], k + 1, nxt.end
                if ent.kind == "unit" and role:
                    # "Mr Canazza (Brazil), Chairman of CWG-FHR": the official, named
                    actor = entity_actor(ent, role)
                    if actor is not None:
                        actor.name = t.name
                        return [actor], k + 1, nxt.end
        appo = _APPOSITION.match(self.text, t.end)
        if appo and not t.entity and not appo.group(1).strip()[:1].islower():
            k = j + 1
            while k < len(self.toks) and self.toks[k].start < appo.end():
                tk = self.toks[k]
                if tk.kind == Mark.ENT and tk.entity and tk.entity.kind == "country":
                    # a named speaker whose capacity is not in the role list
                    return [Actor(kind="delegation", country=tk.entity.id, name=t.name)], \
                        k + 1, tk.end
                k += 1
            # "Ms X, Secretary for Investment Promotion, Argentina, said": the country closes
            # the capacity as an apposition of its own
            tk = self.toks[k] if k < len(self.toks) else None
            if tk is not None and tk.kind == Mark.ENT and tk.entity and \
                    tk.entity.kind == "country" and not self.text[appo.end(): tk.start].strip() \
                    and _APPOSITION_END.match(self.text, tk.end):
                return [Actor(kind="delegation", country=tk.entity.id, name=t.name)], k + 1, tk.end
        country = t.entity.id if t.entity else None
        role = self._bracketed_capacity(t)
        if role:
            # "Andrius Krivas先生（立陶宛大使）": a delegation's role printed in the brackets
            return [Actor(kind="delegation", country=country, name=t.name,  # type: ignore[arg-type]
                          role=role)], j + 1, t.end
        return [Actor(kind="person", name=t.name, country=country)], j + 1, t.end

    def _bracketed_capacity(self, t: Tok) -> str | None:
        """The delegation role named with the country in a person's brackets, if any."""
        if not (t.entity and t.entity.kind == "country"):
            return None
        span = self.text[t.start:t.end]
        inner = max(span.rfind("("), span.rfind("（"))
        m = self.g.head_noun.search(span, inner + 1) if inner >= 0 else None
        role = self.g.roles.get(m.group("noun"), (None, False))[0] if m else None
        return role if role in DELEGATION_ROLES else None

    def _own_first(self, t: Tok, main: Actor) -> bool:
        """A co-sponsors' list that opens with the speaker's own delegation: "his country",
        or its name printed again ("вклад, внесенный Литвой совместно с Болгарией",
        "肯尼亚与……共同提交")."""
        if t.kind == Mark.OWN:
            return True
        return t.kind == Mark.ENT and t.entity is not None \
            and main.country is not None and t.entity.id == main.country

    # -- modifiers ------------------------------------------------------------------------

    def modifiers(self, j: int, end: int, speaker: Actor, target: Actor,
                  extra: list[Actor]) -> tuple[int, int]:
        """On-behalf-of, supporters and questioners that follow a subject."""
        toks = self.toks
        supporting: list[Actor] | None = None  # the list the supporters or opponents join
        while j < len(toks):
            t = toks[j]
            gap = self.gap(end, t.start)
            # "在南非代表（代表非洲集团）以及乌干达……代表的支持下": more backers after a bracket
            if not self.skippable(gap) and not (supporting is not None and self.g.co_gap.match(gap)
                                                and t.kind in (Mark.HEAD, Mark.PERSON)):
                break
            if t.kind == Mark.OBO:
                single = target is not speaker
                ents, j2, end2 = self.entity_list(j + 1, t.end, target, single=single)
                target.on_behalf_of.extend(ents)
                j, end = j2, max(end2, t.end)
                continue
            if t.kind in (Mark.SUPPORT, Mark.OPPOSE):
                actors, j2, end2 = self._np_after(j + 1, t.end)
                if not actors:
                    break
                supporting = speaker.supported_by if t.kind == Mark.SUPPORT else speaker.opposed_by
                supporting.extend(actors)
                target = actors[-1]
                j, end = j2, end2
                continue
            if t.kind == Mark.QUESTION:
                actors, j2, end2 = self._np_after(j + 1, t.end)
                if not actors:
                    break
                extra.extend(actors)
                target = actors[-1]
                j, end = j2, end2
                continue
            if supporting is not None and t.kind in (Mark.HEAD, Mark.PERSON) and (
                    self.g.co_gap.match(gap) or self.g.agent_gap.match(gap)):
                actors, j2, end2 = self.np(j)
                if not actors:
                    break
                supporting.extend(actors)
                target = actors[-1]
                j, end = j2, end2
                continue
            break
        return j, end

    def _np_after(self, j: int, pos: int) -> tuple[list[Actor], int, int]:
        """The noun phrase right after a cue (nothing but spaces in between)."""
        if j < len(self.toks) and self.toks[j].kind in (Mark.HEAD, Mark.COLL, Mark.PERSON) and \
                self.g.prep_gap.match(self.gap(pos, self.toks[j].start)):
            return self.np(j)
        return [], j, pos

    # -- sentences ------------------------------------------------------------------------

    def sentence(self, a: int, b: int, ctx: Context) -> list[Actor]:
        """The speakers of the sentence text[a:b], in order of appearance."""
        toks = tokens_between(self.toks, a, b)
        if not toks:
            return []
        saved, self.toks = self.toks, toks
        try:
            return self._sentence(a, b, ctx)
        finally:
            self.toks = saved

    def np_list(self, j: int, pos: int) -> tuple[list[Actor], int, int]:
        """Noun phrases right after a cue, joined by "and" or commas ("des délégués de X, de la
        déléguée de Y et du délégué de Z")."""
        actors, j, pos = self._np_after(j, pos)
        j, pos = self._bracketed_obo(actors, j, pos)
        while actors and j < len(self.toks) and self.toks[j].kind in NP_KINDS:
            gap = self.gap(pos, self.toks[j].start)
            if not (self.g.co_gap.match(gap) or _COMMA_ONLY.match(gap)):
                break
            more, j, pos = self.np(j)
            if not more:
                break
            actors.extend(more)
            j, pos = self._bracketed_obo(actors, j, pos)
        return actors, j, pos

    def _bracketed_obo(self, actors: list[Actor], j: int, pos: int) -> tuple[int, int]:
        """The group a listed actor speaks for, in parentheses right after it ("加拿大代表
        （同样代表CITEL）")."""
        toks = self.toks
        if actors and j < len(toks) and toks[j].kind == Mark.OBO and \
                _OPEN_PAREN.fullmatch(self.gap(pos, toks[j].start)):
            ents, j2, end = self.entity_list(j + 1, toks[j].end, actors[-1], single=True)
            if ents:
                actors[-1].on_behalf_of.extend(ents)
                return j2, end
        return j, pos

    def _opens_subject(self, t: Tok, pos: int, started: bool) -> bool:
        """Whether the mark `t` opens a subject, given the text since `pos` (the end of the
        last mark read): punctuation, a subject's lead ("Ensuite,"), or a clause ending
        in a comma. A lead past `_MAX_LEAD` characters is read by its last `_MAX_LEAD`
        (and its opening pronoun), so that a long sentence of marks costs linear time."""
        if t.kind not in SUBJECT_KINDS or t.det == "contracted":
            return False
        if t.start - pos > _MAX_LEAD:
            tail = self.gap(t.start - _MAX_LEAD, t.start)
            head = self.gap(pos, pos + _MAX_LEAD)
            return bool(self.g.subject_lead.fullmatch(tail)) or (
                started and tail.rstrip().endswith(COMMAS) and not self.g.pronoun.match(head))
        lead = self.gap(pos, t.start)
        return bool(_PUNCT_ONLY.match(lead)) or bool(self.g.subject_lead.fullmatch(lead)) or (
            lead.rstrip().endswith(COMMAS) and not self.g.pronoun.match(lead) and started)

    def _subject(self, j: int, ctx: Context, found: list[Actor]) -> tuple[Actor | None, int, int]:
        """The subject at token j with its modifiers; speakers appended to `found`."""
        toks = self.toks
        t = toks[j]
        if t.kind == Mark.BARE:
            if ctx.collective_role:
                found.append(Actor(kind="collective", role=ctx.collective_role,  # type: ignore[arg-type]
                                   count=t.count))  # type: ignore[arg-type]
            return None, j + 1, t.end
        actors, j, pos = self.np(j)
        if not actors or self._not_speaking(pos):
            return None, j, pos
        # "Une déléguée ayant demandé ..., le Secrétaire général indique": a participle right
        # after the subject makes it the subject of an absolute clause, not of the sentence
        follows = self.text[pos: pos + 40]
        self.absolute = follows[:1].isspace() and bool(self.g.participle.match(follows))
        mark = len(found)
        extra: list[Actor] = []
        j, pos = self.modifiers(j, pos, actors[-1] if len(actors) == 1 else actors[0],
                                actors[-1], extra)
        found.extend(actors)
        found.extend(extra)
        # "Le délégué de X et le délégué de Y disent ...", "le conseiller du Japon, la
        # conseillère du Mexique et le conseiller du Nigéria demandent ..."
        while j < len(toks) and toks[j].kind in (Mark.HEAD, Mark.COLL, Mark.PERSON):
            gap = self.gap(pos, toks[j].start)
            if not (self.g.co_gap.match(gap) or (
                    _COMMA_ONLY.match(gap) and toks[j].kind == Mark.HEAD
                    and toks[j].det == "definite")):
                break
            more, j, pos = self.np(j)
            if not more:
                break
            extra = []
            j, pos = self.modifiers(j, pos, more[-1], more[-1], extra)
            found.extend(more)
            found.extend(extra)
        if self._not_speaking(pos):
            del found[mark:]
            return None, j, pos
        return actors[0], j, pos

    def _not_speaking(self, pos: int) -> bool:
        """The subject ending at `pos` is elected, talked about or counted, not speaking
        ("M. X (Mali), ayant obtenu 98 voix, est élu ...", "... devrait ...", "X: 104 voix")."""
        text = self.text
        while True:  # past participle clauses set off by commas
            m = _APPOSITION.match(text, pos)
            if not m or not self.g.participle.match(m.group(1)):
                break
            pos = m.end()
        return bool(self.g.election_end.match(text, pos) or self.g.reported.match(text, pos)
                    or text.startswith(":", pos))

    def _sentence(self, a: int, b: int, ctx: Context) -> list[Actor]:
        found: list[Actor] = []
        opening = self._opening(a, ctx, found)
        main = opening.main
        if main is not None and opening.pending_support:
            main.supported_by[:0] = opening.pending_support
        if main is not None and opening.intro_obo is not None and not main.on_behalf_of:
            obo = opening.intro_obo
            ents, _j, _end = self.entity_list(obo + 1, self.toks[obo].end, main, single=False)
            main.on_behalf_of.extend(ents)
        self._predicate(opening.j, opening.pos, main, ctx, found)
        for actor in found:
            if actor.kind == "collective":
                ctx.collective_role = actor.role
        return found

    def _opening(self, a: int, ctx: Context, found: list[Actor]) -> _Opening:
        """The sentence up to its subject: questioners and commenters reported before it
        ("Suite aux observations formulées par les délégués de X et de Y, le Président ..."),
        "au nom de" set before it ("Au nom de la CEPT, la déléguée de la France ..."),
        supporters before it; then the subject and its modifiers."""
        toks = self.toks
        j, pos = 0, a
        opening = _Opening(resume=(0, a))  # the predicate's start if no subject speaks
        while j < len(toks):
            t = toks[j]
            if t.kind in (Mark.OBSERV, Mark.QUESTION) or (
                    t.kind == Mark.OPINION and _PUNCT_ONLY.match(self.gap(pos, t.start))):
                actors, j2, end = self.np_list(j + 1, t.end)
                if actors:
                    j, pos = self._listed(actors, j2, end, found)
                    opening.resume = (j, pos)
                    continue
            elif t.kind == Mark.OBO and opening.intro_obo is None:
                opening.intro_obo = j
            elif t.kind == Mark.SUPPORT and _PUNCT_ONLY.match(self.gap(pos, t.start)):
                backers, j2, end = self.np_list(j + 1, t.end)
                if backers:
                    opening.pending_support = backers
                    j, pos = j2, end
                    continue
            elif self._opens_subject(t, pos, pos > a or not found) or \
                    self._after_intro_obo(opening.intro_obo, j):
                main, j, pos = self._subject(j, ctx, found)
                if main is not None and self.absolute:
                    # "Une déléguée ayant demandé ..., le Secrétaire général indique ...":
                    # that subject asked; the sentence's own subject comes later
                    opening.resume = (j, pos)
                    continue
                opening.main, opening.j, opening.pos = main, j, pos
                return opening
            j += 1
        # "The draft was supported by ...", "they were joined by ...": no subject speaks,
        # and the cues of the whole sentence are read as its predicate
        opening.j, opening.pos = opening.resume
        return opening

    def _after_intro_obo(self, obo: int | None, j: int) -> bool:
        """The mark j opens the subject right after the sentence's opening "on behalf of" and
        its list, with no comma between ("От имени Индии и Туниса Советник Индии изложил")."""
        t = self.toks[j]
        if obo is None or t.kind not in SUBJECT_KINDS or t.det == "contracted":
            return False
        ents, j2, end = self.entity_list(obo + 1, self.toks[obo].end, None, single=False)
        return bool(ents) and j2 == j and not self.gap(end, t.start).strip()

    def _listed(self, actors: list[Actor], j: int, pos: int,
                found: list[Actor]) -> tuple[int, int]:
        """Actors listed after a cue, with their own modifiers, appended to `found`."""
        extra: list[Actor] = []
        j, pos = self.modifiers(j, pos, actors[-1], actors[-1], extra)
        found.extend(actors)
        found.extend(extra)
        return j, pos

    def _predicate(self, j: int, pos: int, main: Actor | None, ctx: Context,
                   found: list[Actor]) -> None:
        """The rest of the sentence: "tout comme le délégué de X", "répondant à une question
        de", co-sponsors, supporters, and a new subject after "tandis que", "alors que"."""
        toks = self.toks
        while j < len(toks):
            t = toks[j]
            read = self._predicate_mark(j, pos, main, ctx, found)
            if read is not None:
                j, pos, main = read
                continue
            if t.kind == Mark.BARE and ctx.collective_role:
                found.append(Actor(kind="collective", role=ctx.collective_role,  # type: ignore[arg-type]
                                   count=t.count))  # type: ignore[arg-type]
            j += 1
            pos = max(pos, t.end)

    def _predicate_mark(self, j: int, pos: int, main: Actor | None, ctx: Context,
                        found: list[Actor]) -> tuple[int, int, Actor | None] | None:
        """The actors the predicate's mark j brings in (`pos`: the end of what was read):
        where the reading goes on and the clause's subject, or None when it brings none."""
        t = self.toks[j]
        gap = self.gap(pos, t.start)
        if t.kind in (Mark.ALSO, Mark.QUESTION, Mark.OBSERV):
            actors, j2, end = self.np_list(j + 1, t.end)
            if actors:
                return (*self._listed(actors, j2, end, found), main)
        elif t.kind == Mark.OPINION and self.g.clause_subject.search(gap):
            # "..., tandis que, selon la conseillère de la Thaïlande, ..."
            actors, j2, end = self.np_list(j + 1, t.end)
            if actors:
                found.extend(actors)
                return j2, end, main
        elif t.kind in SUBJECT_KINDS and t.det != "contracted" and \
                self.g.clause_subject.search(gap):
            subject, j2, end = self._subject(j, ctx, found)
            # what follows this clause's verb belongs to this clause's subject
            if end > t.start:
                return j2, end, subject or main
            return j + 1, max(pos, t.end), subject or main  # the mark itself read
        elif t.kind == Mark.OBO and main is not None and gap.rstrip().endswith(COMMAS) \
                and not main.on_behalf_of:
            ents, j2, end = self.entity_list(j + 1, t.end, main, single=False)
            if ents:
                main.on_behalf_of.extend(ents)
                return j2, end, main
        elif t.kind == Mark.SUPPORT:
            return self._predicate_support(j, gap, main, found)
        elif t.kind == Mark.COSPONSOR and main is not None and j + 1 < len(self.toks) and \
                self._own_first(self.toks[j + 1], main) and not main.on_behalf_of:
            ents, j2, end = self.entity_list(j + 1, t.end, main, single=False)
            if len(ents) > 1:
                main.on_behalf_of.extend(ents)
                return j2, end, main
        return None

    def _predicate_support(self, j: int, gap: str, main: Actor | None,
                           found: list[Actor]) -> tuple[int, int, Actor | None] | None:
        """ "supported by" in the predicate: the speakers themselves when no subject speaks
        ("The draft was supported by the councillors from X and Y"), else the subject's
        supporters when set off by a comma ("propose, avec l'appui des délégués de X et de
        Y, un texte de compromis")."""
        t = self.toks[j]
        if main is not None and not gap.rstrip().endswith(COMMAS):
            return None
        actors, j2, end = self.np_list(j + 1, t.end)
        if not actors:
            return None
        if main is None:
            found.extend(actors)
        else:
            main.supported_by.extend(actors)
        return j2, end, main


def sentence_spans(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """Sentence boundaries: a stop followed by a letter that is not lower case, unless it
    ends an abbreviation or an initial."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        following = m.group("next")
        if following and following.islower():
            continue
        if text[m.start()] == ".":  # a full stop may end an abbreviation or an initial
            word = _WORD_BREAK.split(text[max(0, m.start() - 12): m.start()])[-1]
            initial = len(word) == 1 and word.isalpha() and not word.islower()
            if word in abbreviations or initial:
                continue
        spans.append((start, m.start() + 1))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def merge(speakers: list[Actor]) -> list[Actor]:
    """One entry per distinct actor, in order of first appearance, links merged."""
    out: dict[tuple, Actor] = {}
    for s in speakers:
        key = s.key()
        if key not in out:
            out[key] = s
            continue
        kept = out[key]
        for link in ("on_behalf_of", "supported_by", "opposed_by"):
            have = {a.key() for a in getattr(kept, link)}
            for a in getattr(s, link):
                if a.key() not in have:
                    getattr(kept, link).append(a)
                    have.add(a.key())
    return list(out.values())


class ActorFinder:
    """Finds the speakers of paragraphs in one language."""

    def __init__(self, lp: LanguagePack) -> None:
        self.grammar = ActorGrammar(lp)
        self.abbreviations = frozenset(lp.get("sentences.abbreviations", []))
        nouns = compile_alternation(self.grammar.roles)
        # "The Secretary-General", "The Acting Chairman" (a premodifier of office)
        self.title = re.compile(lp.expand(r"^\s*(?:{det})?(?:{premodifier})?")
                                + rf"(?P<noun>{nouns})\s*$")
        after = lp.get("actors.honorific_after")
        self.honorific_end = re.compile(rf"(?:{lp.source('actors.honorific_after')})\s*$") \
            if after else None

    def speakers_many(self, texts: list[str],
                      spans: list[list[tuple[int, int]]]) -> list[list[Actor]]:
        """The speakers of many paragraphs (their marks found in one scan per pattern)."""
        return [self.speakers(t, toks, s)
                for t, toks, s in zip(texts, self.grammar.lex_many(texts), spans, strict=True)]

    def sentences(self, text: str) -> list[tuple[int, int]]:
        return sentence_spans(text, self.abbreviations)

    def speakers(self, text: str, toks: list[Tok] | None = None,
                 spans: list[tuple[int, int]] | None = None) -> list[Actor]:
        """Everyone who takes the floor in the paragraph, in order, with their links."""
        reader = SentenceReader(self.grammar, text, toks)
        if not reader.toks:
            return []
        ctx = Context()
        found: list[Actor] = []
        for a, b in spans or sentence_spans(text, self.abbreviations):
            found.extend(reader.sentence(a, b, ctx))
        return merge(found)

    def title_role(self, text: str) -> str | None:
        """The role of a bare title such as "Le Secrétaire général" (signature blocks)."""
        m = self.title.match(text)
        if not m:
            return None
        return self.grammar.roles.get(m.group("noun"), (None, False))[0]

    def countries(self, text: str) -> list[str]:
        """The ISO3 codes of the countries named in `text`, in order."""
        return [e.id for _s, _e, e in self.grammar.matcher.find(text) if e.kind == "country"]

    def people(self, text: str) -> list[Actor]:
        """Every person printed in `text` ("Mme X (Chine) et M. Y (Argentine)"), else the one
        `person` reads."""
        found = [Actor(kind="person", name=m.group("name").strip(),
                       country=(e.id if (e := self.grammar._country(m.group("country"))) else None))
                 for m in self.grammar.people(text)]
        if found:
            return found
        one = self.person(text)
        return [one] if one and one.name else []

    def person(self, text: str) -> Actor | None:
        """A person as printed "M. Mario Canazza (Brésil)" or "Mme E. SPINA (Italie)"."""
        m = next(iter(self.grammar.people(text)), None)
        name = m.group("name").strip() if m else text.strip()
        country_text = m.group("country") if m else None
        if not m:
            paren = re.search(r"[(（]([^()（）]+)[)）]\s*$", text)
            if paren:
                country_text = paren.group(1)
                name = text[: paren.start()].strip()
            if self.honorific_end is not None:  # "赵厚麟先生（中国）": the honorific after the name
                name = self.honorific_end.sub("", name).strip()
        ent = self.grammar._country(country_text)
        return Actor(kind="person", name=name or None, country=ent.id if ent else None)


@cache
def finder(code: str) -> ActorFinder:
    """The compiled ActorFinder of a language (built once)."""
    return ActorFinder(pack(code))


def tokens_between(toks: list[Tok], a: int, b: int) -> list[Tok]:
    """The tokens starting in text[a:b], from tokens in text order: by bisection, so that a
    paragraph of many sentences costs its length, not its length times its sentences."""
    lo = bisect.bisect_left(toks, a, key=_start)
    return toks[lo:bisect.bisect_left(toks, b, lo=lo, key=_start)]


def _start(tok: Tok) -> int:
    return tok.start
