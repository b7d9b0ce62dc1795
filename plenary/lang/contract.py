"""The language-pack contract: every key the parser core reads from a pack, declared once.

Each key has a kind (a regex, a list of regexes, a list of literal words, a map, a list of rule
tables, a plain string), the named groups its matches must offer, whether a pack may leave it out,
and a one-line meaning. `check(code, data)` rejects a pack with an unknown, missing or malformed
key (a regex that does not compile, a required group missing, a `{placeholder}` no fragment
expands) with a message naming the pack and the key; nothing is left to match silently nothing.

A regex rule may be written as a plain string or as a table `{pattern, examples, not}`: its
`examples` are sentences of the genre it must match (a string, or `{text, groups}` with the text
each named group must capture), its `not` sentences it must not match (tests run them all).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class PackError(ValueError):
    """A language pack that breaks the contract; the message names the pack and the key."""


class Kind(Enum):
    """What a pack key holds."""

    TEXT = "text"  # a plain string (the pack's name)
    REGEX = "regex"  # one regular expression, `{fragment}` placeholders allowed
    REGEX_LIST = "regex list"  # one regex or a list of alternatives tried in turn
    WORDS = "words"  # a list of literal words
    MAP = "map"  # a table from a printed word (or a prefix) to a value
    RULES = "rules"  # a list of tables, each with a `pattern` and its own fields
    FRAGMENTS = "fragments"  # shared pieces of regex, strings or literal word lists


@dataclass(frozen=True)
class Key:
    """One key of the contract."""

    path: str
    kind: Kind
    meaning: str
    groups: tuple[str, ...] = ()
    optional: bool = False
    flags: int = 0
    # RULES: the fields of each table besides `pattern` (name -> allowed values, () = any text)
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    required_fields: tuple[str, ...] = ()


R, RL, W, M = Kind.REGEX, Kind.REGEX_LIST, Kind.WORDS, Kind.MAP
OUTCOME_KINDS = ("adopted", "approved", "noted", "decided", "postponed", "withdrawn",
                 "not-adopted", "elected")

# fragments the core itself expands (the others must be used by a pattern of the pack)
CORE_FRAGMENTS: dict[str, tuple[str, bool]] = {
    "det": ("a definite determiner before a role noun", True),
    "indef": ("an indefinite article before a role noun with a complement", True),
    "contracted": ("a preposition fused with an article (\"du\"); never-match where none", True),
    "other": ("\"another\"/\"new\" before a role noun with a complement", True),
    "prep": ("the preposition between a role and its country (\"of\", \"from\")", False),
    "art": ("the definite article before a name", True),
    "conj": ("the gap between two items of a list (\", \", \" and \")", False),
    "upper": ("a capital letter of the script (the first letter of a name)", False),
    "particles": ("lower-case particles inside a person's name (\"de\", \"van\")", True),
    "agent": ("the agent marker of a passive (\"by\")", True),
    "postnominal": ("a word between a role noun and its preposition", True),
    "premodifier": ("an open slot between a determiner and a role noun (\"outgoing\")", True),
    "delegation_of": ("\"of the delegation of\" between a role and its country", True),
    "unspaced": ("letters of a script written without spaces: no word boundary needed", True),
}

CONTRACT: tuple[Key, ...] = (
    Key("code", Kind.TEXT, "the pack's language code"),
    Key("name", Kind.TEXT, "the language's English name"),
    Key("fragments", Kind.FRAGMENTS, "shared regex pieces, expanded as {name} in patterns"),
    Key("detect.words", W, "frequent words nearly exclusive to the language, for detection"),
    Key("sentences.abbreviations", W, "abbreviations whose period does not end a sentence"),
    # layout
    Key("layout.continued", R, "an item heading's \"(continued)\" mark"),
    Key("layout.heading_documents", R, "the trailing \"(Document ...)\" of an item heading"),
    Key("layout.event_line", R, "a line that records the meeting opening, rising, suspending"),
    Key("layout.event_clause", R, "the verb and the time of a meeting event",
        groups=("verb", "time")),
    Key("layout.time", R, "hours and minutes of a printed time", groups=("h", "m")),
    Key("layout.subject_pronouns", W, "pronouns that open a sentence as its subject"),
    Key("layout.time_words", M, "times written as words (\"noon\") -> HH:MM"),
    Key("layout.event_verbs", M, "an event verb as printed -> the event kind"),
    # references
    Key("refs.document_word", R, "the word \"Document(s)\" before a symbol"),
    Key("refs.document_after", R, "the word \"Document(s)\" printed after the symbols",
        optional=True),
    Key("refs.revision_word", R, "the word \"Revision\" before its number"),
    Key("refs.addendum_word", R, "the word \"Addendum\" before its number"),
    Key("refs.corrigendum_word", R, "the word \"Corrigendum\" before its number"),
    Key("refs.to_document", R, "between \"Revision 1\" and \"Document 161\""),
    Key("refs.and", R, "\"and\" between a document and its revision"),
    Key("refs.rev_abbrev", R, "the abbreviation of \"revision\" in a symbol (\"Rev.\")"),
    Key("refs.draft", R, "\"draft\" (\"new\", \"revised\") before a text's kind"),
    Key("refs.suppressed", R, "the mark of a suppressed text (\"SUP\")"),
    Key("refs.council_suffix", R, "\"of the Council\" after a text's number"),
    Key("refs.council_prefix", R, "\"Council\" before a text's kind",
        optional=True),
    Key("refs.series_word", R, "the word \"series\" (of Council documents)"),
    Key("refs.series_ordinal", R, "an ordinal series (\"2nd series\")", groups=("ord",)),
    Key("refs.kind_modifier", R, "a word between a text's kind and its number "
        "(\"Resolución revisada 12\")", optional=True),
    Key("refs.text_numbered", R, "a text whose number comes before its kind (\"第102号决议\")",
        groups=("num", "kind"), optional=True),
    Key("refs.plural", R, "a kind word or draft prefix that names several texts "
        "(\"Resolutions\", \"القرارات\"): the numbers after it are a list", optional=True),
    Key("refs.kinds", M, "a text's kind word as printed -> resolution/decision/recommendation"),
    Key("refs.places", M, "a conference place's spelling -> the contract's spelling"),
    # actors
    Key("actors.on_behalf", R, "\"on behalf of\" before the group spoken for"),
    Key("actors.support", R, "\"supported by\" before the supporters"),
    Key("actors.opposition", R, "\"opposed by\" before those who opposed", optional=True),
    Key("actors.opinion", R, "\"in the view of\" before a view's holder"),
    Key("actors.also", R, "\"as did\", \"joined by\": more speakers of the same view"),
    Key("actors.question", R, "\"responding to a question from\" (the questioner is named)"),
    Key("actors.exchange", R, "\"at the proposal of\", \"involving\": participants named"),
    Key("actors.observations", R, "\"following comments by\" opening a sentence"),
    Key("actors.cosponsor", R, "\"submitted by\" before the co-sponsors of a document"),
    Key("actors.own", R, "\"his/her country\": the speaker's own delegation"),
    Key("actors.participle", R, "a participle or relative clause after a subject"),
    Key("actors.obo_filler", R, "words between \"on behalf of\" and the group's name"),
    Key("actors.list_gap", R, "the gap between two names of one list"),
    Key("actors.honorific", R, "an honorific before a person's name (\"Mr\")"),
    Key("actors.honorific_after", R, "an honorific printed after a person's name (\"先生\")",
        optional=True),
    Key("actors.definite_noun", R, "a role noun that takes no name after it without a "
        "preposition (Arabic \"الرئيس\")", optional=True),
    Key("actors.entity_role_gap", R, "the gap between a name and the role noun after it, in "
        "languages that print the country first (\"肯尼亚代表\")", optional=True),
    Key("actors.committee", R, "a committee named by its number", groups=("num",)),
    Key("actors.meeting_body", R, "\"of the Council\" after a role noun (the meeting's own)"),
    Key("actors.reported", R, "what makes a subject talked about rather than speaking"),
    Key("actors.pronoun_head", R, "a pronoun standing for the role named before (\"those\")",
        optional=True),
    Key("actors.clause_subject", R, "what opens a new subject inside a sentence (\"while\")"),
    Key("actors.co_gap", R, "an explicit \"and\" between two subjects or supporters"),
    Key("actors.election_subject_end", R, "what ends the subject of \"was elected\"",
        optional=True),
    Key("actors.subject_lead", R, "a verb a sentence opens with before its subject (\"وقال\")",
        optional=True),
    Key("actors.collectives.one", R, "one unnamed councillor or delegate (NOUNS_SG)"),
    Key("actors.collectives.several", R, "several unnamed ones (NOUNS_PL)"),
    Key("actors.collectives.many", R, "many unnamed ones (NOUNS_PL)"),
    Key("actors.collectives.all", R, "all of them (NOUNS_PL)"),
    Key("actors.collectives.bare", R, "a bare count word for those named before",
        groups=("word",), flags=re.MULTILINE, optional=True),
    Key("actors.bare_counts", M, "a bare count word -> the collective's count"),
    Key("actors.collective_roles", M, "a plural noun outside the gazetteer -> its role"),
    # outcomes
    Key("outcomes.exception", R, "\"with the exception of\": an excluded text follows"),
    Key("outcomes.body_subject", R, "the body as a sentence's subject (coordinated verbs count)"),
    Key("outcomes.decided", R, "\"It was so agreed\": settles the proposal before"),
    Key("outcomes.proposal", R, "a chair's proposal that a later \"so agreed\" settles"),
    Key("outcomes.reading", R, "the reading of a text", groups=("reading",)),
    Key("outcomes.readings", M, "a reading as printed -> first/second/first-and-second"),
    Key("outcomes.as_amended", R, "\"as amended\""),
    Key("outcomes.conditional", R, "\"on the understanding that\", \"subject to\""),
    Key("outcomes.amended_and_conditional", R, "\"subject to those amendments\" (both)"),
    Key("outcomes.hypothetical", R, "opens a clause whose verb is hypothetical (\"if\")"),
    Key("outcomes.negation", R, "a negation that denies an outcome verb"),
    Key("outcomes.intent_end", R, "where the objects of a proposal's intent stop"),
    Key("outcomes.bare", R, "a bare verbless outcome paragraph (\"Adopted.\")",
        groups=("verb",)),
    Key("outcomes.bare_kinds", M, "a bare outcome word's prefix -> the outcome kind"),
    Key("outcomes.draft_kinds", M, "a verb's kind -> its kind when the objects are drafts"),
    Key("outcomes.draft_words", R, "a draft named without its number (\"the draft Decision\")",
        optional=True),
    Key("outcomes.reported", R, "a verb of saying whose complement is reported speech",
        optional=True),
    Key("outcomes.intents", M, "an outcome kind -> the regex of a proposal's intent"),
    Key("outcomes.verbs", Kind.RULES, "the phrases that record a decision",
        fields={"kind": OUTCOME_KINDS, "objects": ("before", "after"),
                "draft_kind": OUTCOME_KINDS, "coordinated": ()},
        required_fields=("kind", "objects")),
    # elections
    Key("elections.pattern", RL, "an election sentence", groups=("who", "rest")),
    Key("elections.acclamation", R, "\"by acclamation\""),
    Key("elections.ballot", R, "\"by secret ballot\", \"with N votes\""),
    Key("elections.votes_for", R, "N votes in favour", groups=("n",)),
    Key("elections.votes_against", R, "N votes against", groups=("n",)),
    Key("elections.votes_abstaining", R, "N abstentions", groups=("n",)),
    Key("elections.post_cleanup", R, "words before the post (\"as\", \"to the post of\")"),
    Key("elections.post_end", R, "where the post printed after \"was elected\" ends"),
    # header
    Key("header.agenda", R, "the heading of the agenda table (\"Subjects discussed\")"),
    Key("header.title", R, "the record's title line (\"SUMMARY RECORD\", \"MINUTES\")"),
    Key("header.later", R, "a later chair (\"Later:\")", groups=("rest",)),
    Key("header.chair", R, "the chair line (\"Chairman:\")", groups=("rest",)),
    Key("header.symbol", R, "the record's own symbol", groups=("symbol",)),
    Key("header.original", R, "the original language line", groups=("lang",)),
    Key("header.ordinal", R, "the meeting's ordinal in its title", groups=("ord",)),
    Key("header.inaugural", R, "an inaugural or opening meeting (no number)"),
    Key("header.date", R, "the meeting's date and hours",
        groups=("day", "month", "year", "start", "end", "weekday"), flags=re.IGNORECASE),
    Key("header.place_dates", R, "the conference's place and dates", groups=("place", "dates")),
    Key("header.months", M, "a month name (lower case) -> its number"),
    Key("header.languages", M, "a language name (lower case) -> its code"),
    Key("header.bodies", Kind.RULES, "a letterhead line -> the body and the session",
        fields={"body": (), "session": ()}, required_fields=("body", "session")),
)

BY_PATH: dict[str, Key] = {k.path: k for k in CONTRACT}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z_0-9]*)\}")
COLLECTIVE_NOUNS = ("NOUNS_SG", "NOUNS_PL")
NEVER = "(?!x)x"  # what an optional key the pack leaves out compiles to


@dataclass
class Example:
    """A sentence a rule must match (with the groups it must capture) or must not."""

    text: str
    groups: dict[str, str] = field(default_factory=dict)
    match: bool = True


def fail(code: str, path: str, reason: str) -> PackError:
    return PackError(f"language pack {code!r}: {path}: {reason}")


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Dotted path -> value, stopping at keys of the contract (and unknown leaves)."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        path = f"{prefix}{k}"
        if path in BY_PATH or not isinstance(v, dict):
            out[path] = v
        else:
            out.update(_flatten(v, path + "."))
    return out


def _is_rule_table(v: Any) -> bool:
    return isinstance(v, dict) and "pattern" in v


def split_rule(code: str, path: str, value: Any) -> tuple[Any, list[Example]]:
    """A rule's pattern and its examples, from a plain value or a `{pattern, examples}` table."""
    if not _is_rule_table(value):
        return value, []
    unknown = set(value) - {"pattern", "examples", "not"}
    if unknown:
        raise fail(code, path, f"unknown field(s) {sorted(unknown)}")
    examples = [_example(code, path, e, True) for e in value.get("examples", [])]
    examples += [_example(code, path, e, False) for e in value.get("not", [])]
    return value["pattern"], examples


def _example(code: str, path: str, raw: Any, match: bool) -> Example:
    if isinstance(raw, str):
        return Example(raw, match=match)
    if isinstance(raw, dict) and isinstance(raw.get("text"), str) and match:
        groups = raw.get("groups", {})
        if set(raw) - {"text", "groups"} or not isinstance(groups, dict):
            raise fail(code, path, f"malformed example {raw!r}")
        return Example(raw["text"], {str(k): str(v) for k, v in groups.items()})
    raise fail(code, path, f"malformed example {raw!r}")


def expand(code: str, path: str, source: str, fragments: dict[str, str]) -> str:
    """`source` with every `{name}` replaced by its fragment; an unknown name is an error."""

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in fragments:
            raise fail(code, path, f"unexpanded placeholder {{{name}}} (no such fragment)")
        return f"(?:{fragments[name]})"

    for _ in range(10):
        expanded = PLACEHOLDER.sub(sub, source)
        if expanded == source:
            return expanded
        source = expanded
    raise fail(code, path, "fragments expand into each other without end")


def compile_rule(code: str, path: str, source: str, fragments: dict[str, str],
                 flags: int = 0, nouns: dict[str, str] | None = None) -> re.Pattern[str]:
    """A rule compiled as the core compiles it.

    NOUNS_SG/NOUNS_PL (the gazetteer's role nouns) come from `nouns`, else stand for any word.
    """
    if source.strip() == NEVER:
        raise fail(code, path, "a pattern that never matches: leave the optional key out")
    text = expand(code, path, source, fragments)
    for noun in COLLECTIVE_NOUNS:
        text = text.replace(noun, (nouns or {}).get(noun, r"[^\W\d_]+"))
    try:
        return re.compile(text, flags)
    except re.error as exc:
        raise fail(code, path, f"bad regex: {exc}") from None


def _check_groups(code: str, path: str, rx: re.Pattern[str], groups: tuple[str, ...]) -> None:
    missing = [g for g in groups if g not in rx.groupindex]
    if missing:
        raise fail(code, path, f"missing named group(s) {missing}")


def _check_regex(code: str, key: Key, value: Any, fragments: dict[str, str],
                 examples: dict[str, list[Example]]) -> None:
    values = value if key.kind is Kind.REGEX_LIST and isinstance(value, list) else [value]
    for i, v in enumerate(values):
        where = key.path if len(values) == 1 else f"{key.path}[{i}]"
        v, ex = split_rule(code, where, v)
        if not isinstance(v, str):
            raise fail(code, where, f"expected a regex string, got {type(v).__name__}")
        rx = compile_rule(code, where, v, fragments, key.flags)
        _check_groups(code, where, rx, key.groups)
        examples[where] = ex


def _check_rules(code: str, key: Key, value: Any, fragments: dict[str, str],
                 examples: dict[str, list[Example]]) -> None:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise fail(code, key.path, "expected a list of tables")
    for i, rule in enumerate(value):
        where = f"{key.path}[{i}]"
        unknown = set(rule) - set(key.fields) - {"pattern", "examples", "not"}
        missing = [f for f in ("pattern", *key.required_fields) if f not in rule]
        if unknown or missing:
            raise fail(code, where, f"unknown field(s) {sorted(unknown)}, missing {missing}")
        for name, allowed in key.fields.items():
            if allowed and name in rule and rule[name] not in allowed:
                raise fail(code, where, f"{name} {rule[name]!r} is not one of {list(allowed)}")
        source, ex = split_rule(code, where, {k: rule[k] for k in ("pattern", "examples", "not")
                                              if k in rule})
        rx = compile_rule(code, where, source, fragments)
        session = rule.get("session")
        if isinstance(session, str):
            wanted = set(PLACEHOLDER.findall(session)) - {"yy"} if "year" in rx.groupindex \
                else set(PLACEHOLDER.findall(session))
            _check_groups(code, where, rx, tuple(sorted(wanted)))
        examples[where] = ex


def _check_fragments(code: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise fail(code, "fragments", "expected a table")
    out: dict[str, str] = {}
    for name, v in value.items():
        if isinstance(v, list) and all(isinstance(w, str) for w in v):
            out[name] = "|".join(re.escape(w) for w in sorted(set(v), key=len, reverse=True))
        elif isinstance(v, str):
            out[name] = v
        else:
            raise fail(code, f"fragments.{name}", "expected a regex or a list of words")
    for name, (_meaning, optional) in CORE_FRAGMENTS.items():
        if name not in out and not optional:
            raise fail(code, f"fragments.{name}", "missing (the core expands it)")
    return out


def core_fragments(fragments: dict[str, str]) -> dict[str, str]:
    """The fragments with every optional core fragment the pack leaves out never matching."""
    return {name: NEVER for name in CORE_FRAGMENTS} | fragments


def _used_fragments(values: dict[str, Any]) -> set[str]:
    used: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, str):
            used.update(PLACEHOLDER.findall(v))
        elif isinstance(v, dict):
            for k, w in v.items():
                if k not in ("examples", "not", "session"):
                    walk(w)
        elif isinstance(v, list):
            for w in v:
                walk(w)

    walk(values)
    return used


def _check_plain(code: str, key: Key, value: Any) -> None:
    if key.kind is Kind.TEXT and not isinstance(value, str):
        raise fail(code, key.path, "expected a string")
    if key.kind is Kind.WORDS and not (isinstance(value, list)
                                       and all(isinstance(w, str) for w in value)):
        raise fail(code, key.path, "expected a list of words")
    if key.kind is Kind.MAP and not isinstance(value, dict):
        raise fail(code, key.path, "expected a table")


def check(code: str, data: dict[str, Any]) -> dict[str, list[Example]]:
    """Validate a pack's data against the contract; its examples by rule path.

    Raises PackError naming the pack and the first offending key.
    """
    values = _flatten(data)
    unknown = sorted(set(values) - set(BY_PATH))
    if unknown:
        raise fail(code, unknown[0], "unknown key (not in plenary/lang/contract.py)")
    for key in CONTRACT:
        if key.path not in values and not key.optional:
            raise fail(code, key.path, "missing")
    fragments = _check_fragments(code, values["fragments"])
    for name, text in fragments.items():
        compile_rule(code, f"fragments.{name}", text, fragments)
    examples: dict[str, list[Example]] = {}
    for key in CONTRACT:
        if key.path not in values or key.kind is Kind.FRAGMENTS:
            continue
        value = values[key.path]
        if key.kind in (Kind.REGEX, Kind.REGEX_LIST):
            _check_regex(code, key, value, fragments, examples)
        elif key.kind is Kind.RULES:
            _check_rules(code, key, value, fragments, examples)
        else:
            _check_plain(code, key, value)
    for kind, raw in values.get("outcomes.intents", {}).items():
        where = f"outcomes.intents.{kind}"
        source, examples[where] = split_rule(code, where, raw)
        if not isinstance(source, str):
            raise fail(code, where, "expected a regex string")
        compile_rule(code, where, source, fragments)
    dead = sorted(set(fragments) - set(CORE_FRAGMENTS) - _used_fragments(
        {k: v for k, v in values.items() if k != "fragments"} | {"f": list(fragments.values())}))
    if dead:
        raise fail(code, f"fragments.{dead[0]}", "unused fragment (no pattern expands it)")
    return examples


def strip_examples(code: str, data: dict[str, Any]) -> dict[str, Any]:
    """The pack's data with every rule table replaced by its bare pattern (what the core reads)."""
    out: dict[str, Any] = {}
    for k, v in data.items():
        if _is_rule_table(v) and set(v) <= {"pattern", "examples", "not"}:
            out[k] = v["pattern"]
        elif isinstance(v, dict):
            out[k] = strip_examples(code, v)
        elif isinstance(v, list):
            out[k] = [
                (w["pattern"] if _is_rule_table(w) and set(w) <= {"pattern", "examples", "not"}
                 else {kk: vv for kk, vv in w.items() if kk not in ("examples", "not")}
                 if isinstance(w, dict) else w)
                for w in v
            ]
        else:
            out[k] = v
    return out
