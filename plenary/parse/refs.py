"""Document symbols and texts (resolutions, decisions, series) named in a line of a record."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from ..lang import LanguagePack, pack
from ..lang.gates import Gated
from ..record import TextRef
from .joined import Joined

KIND_LABELS = {
    "resolution": "Resolution",
    "decision": "Decision",
    "recommendation": "Recommendation",
    "council-decision": "Council Decision",
    "council-resolution": "Council Resolution",
    "series": "Series",
}

# A document symbol: "C17/55", "C17/INF/6", "162", "PP18/12", with "(Rév.1)" style suffixes.
# The ITU prints its symbols in Latin capitals in every language version, Arabic and Chinese too.
# a stray slash may stand before a revision mark: "C17/55/(Rev.1)"
_SYMBOL_CORE = r"(?:[A-Z]{1,4}\d{2}/)?(?:[A-Z]{2,5}/)*\d{1,4}(?!\d|/[^\W_])"
_SYMBOL_CORE_RE = re.compile(_SYMBOL_CORE)
_SERIES_CODE = re.compile(r"[(（](?P<code>[BR]\d{1,2})[)）]")
_NUMBER = r"\[?(?:[A-Z]{2,6}\d{0,2}[-/])?\d{1,4}(?:[A-Z]\b)?\]?"


def fold(text: str) -> str:
    """Lower-case ASCII folding ("Dubaï" -> "dubai")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def text_label(kind: str, number: str, revised: bool, place: str | None,
               year: int | None) -> str:
    """The canonical English label: "Resolution 102 (Rev. Dubai, 2018)"."""
    label = f"{KIND_LABELS[kind]} {number}"
    if place and year:
        label += f" ({'Rev. ' if revised else ''}{place}, {year})"
    return label


@dataclass(slots=True)
class Found:
    """A reference found in a line, with its span."""

    start: int
    end: int
    symbol: str | None = None
    text: TextRef | None = None


class RefFinder:
    """Finds document symbols and text references with one language's words."""

    def __init__(self, lp: LanguagePack) -> None:
        self.lp = lp
        rev = lp.source("refs.rev_abbrev")
        # "(Rev.1)", and its full-width parentheses in Chinese: "（Rev.1）"
        suffix = rf"(?:/?\s*[(（](?:{rev}|Rev\.|Add\.|Corr\.)\s*\d+[)）])*"
        symbol = rf"(?P<sym>{_SYMBOL_CORE}{suffix})"
        more = rf"(?P<more>(?:(?:{lp.source('fragments.conj')})(?:{_SYMBOL_CORE}{suffix}))*)"
        revision = lp.source("refs.revision_word")
        addendum = lp.source("refs.addendum_word")
        corrigendum = lp.source("refs.corrigendum_word")
        to_doc = lp.source("refs.to_document")
        docword = lp.source("refs.document_word")
        unspaced = lp.source("fragments.unspaced") if "unspaced" in lp.data.get(
            "fragments", {}) else None
        # "Document C17/18"; "文件C17/18": no space after a word of an unspaced script
        space = rf"(?:\s+|(?<={unspaced})\s*)" if unspaced else r"\s+"
        self.documents_re = Gated(re.compile(
            rf"(?:(?P<pre>{revision}|{addendum}|{corrigendum})\s+(?P<pren>\d+){to_doc})?"
            rf"{docword}{space}{symbol}{more}"
            rf"(?:{lp.source('refs.and')}(?P<post>{revision}|{addendum}|{corrigendum})\s+(?P<postn>\d+))?"
        ))
        # "C17/18和C17/87号文件": the word printed after the symbols, in some languages
        after = lp.get("refs.document_after")
        # no letter or digit glued before the symbol, unless a letter of an unspaced script
        start = rf"(?:(?<![^\W_/])|(?<={unspaced}))" if unspaced else r"(?<![^\W_/])"
        self.documents_after_re = Gated(re.compile(
            rf"{start}(?P<sym>{_SYMBOL_CORE}{suffix}){more}\s*(?:{lp.source('refs.document_after')})"
        )) if after else None
        self.one_symbol = re.compile(rf"{_SYMBOL_CORE}{suffix}")
        self.rev_re = re.compile(rf"[(（](?:{rev}|Rev\.)\s*(\d+)[)）]")
        self.add_re = re.compile(r"[(（]Add\.\s*(\d+)[)）]")
        self.corr_re = re.compile(r"[(（]Corr\.\s*(\d+)[)）]")
        self.pre_kind = {"rev": re.compile(revision), "add": re.compile(addendum)}

        kinds: dict[str, str] = lp.get("refs.kinds", {})
        kind_alt = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
        desig = (
            # "(Rev. Dubai, 2018)", "(Пересм. Дубай, 2018 г.)" (a short abbreviation after the
            # year), "(المراجَع في دبي، 2018)" (the Arabic comma)
            rf"\s*\(\s*\[?\s*(?P<rev>{rev}\s*|Rev\.\s*)?(?P<place>[^\W\d][^,،()\[\]]*?)[,،]?\s*"
            rf"(?P<year>\d{{4}})(?:\s*[^\W\d_]{{1,3}}\.)?\s*\]?\s*\)"
        )
        self.kinds = kinds
        # A text is found from its kind word ("Résolution"); what precedes it ("projet de",
        # "SUP", "Council") is then read backwards and the rest forwards: much faster than
        # one pattern with optional prefixes tried at every position.
        self.kind_word = re.compile(rf"(?:{kind_alt})(?![^\W\d_])")
        self.text_prefix = re.compile(
            rf"(?:(?<![^\W\d_])(?P<sup>{lp.source('refs.suppressed')}))?"
            rf"(?:(?<![^\W\d_])(?P<draft>{lp.source('refs.draft')}))?"
            rf"(?:(?<![^\W\d_])(?P<cpre>{lp.source('refs.council_prefix')})\s+)?$"
        )
        self.text_re = re.compile(
            rf"(?P<kind>{kind_alt})(?:\s+(?:{lp.source('refs.kind_modifier')}))?\s+(?P<num>{_NUMBER})"
            rf"(?:{desig})?(?P<csuf>{lp.source('refs.council_suffix')})?"
        )
        self.text_more = re.compile(
            rf"(?:{lp.source('fragments.conj')})(?P<num>{_NUMBER})(?:{desig})?(?![\w/])"
        )
        self.places: dict[str, str] = lp.get("refs.places", {})
        self.plural = lp.pattern("refs.plural") if lp.get("refs.plural") else None
        # "第102号决议（2018年，迪拜，修订版）草案": the number printed before the kind
        numbered = lp.get("refs.text_numbered")
        self.text_numbered = Gated(lp.pattern("refs.text_numbered")) if numbered else None
        self.sup_before = re.compile(rf"(?:{lp.source('refs.suppressed')})\s*$")
        # "理事会第588号决定": the Council before a number printed before its kind
        self.council_before = re.compile(rf"(?:{lp.source('refs.council_prefix')})\s*$") \
            if lp.get("refs.council_prefix") else None
        self.series_word = lp.pattern("refs.series_word")
        self.series_ordinal = lp.pattern("refs.series_ordinal")

    # -- documents ------------------------------------------------------------------------

    def normalise(self, raw: str) -> str:
        """"C17/55 (Rév.1)" -> "C17/55(Rev.1)"."""
        base = self.one_symbol.match(raw)
        core = _SYMBOL_CORE_RE.match(raw)
        out = core.group(0) if core else raw.strip()
        if base:
            for n in self.rev_re.findall(raw):
                out += f"(Rev.{n})"
            for n in self.add_re.findall(raw):
                out += f"(Add.{n})"
            for n in self.corr_re.findall(raw):
                out += f"(Corr.{n})"
        return out

    def _suffix(self, word: str, n: str) -> str:
        if self.pre_kind["rev"].match(word):
            return f"(Rev.{n})"
        if self.pre_kind["add"].match(word):
            return f"(Add.{n})"
        return f"(Corr.{n})"

    def documents(self, text: str) -> list[Found]:
        """Every document symbol, normalised, in order of appearance."""
        out: list[Found] = []
        matches = list(self.documents_re.finditer(text))
        if self.documents_after_re is not None:
            matches = sorted(matches + list(self.documents_after_re.finditer(text)),
                             key=lambda m: m.start())
        for m in matches:
            groups = m.groupdict()
            symbols = [self.normalise(m.group("sym"))]
            if m.group("more"):
                symbols += [self.normalise(s.group(0))
                            for s in self.one_symbol.finditer(m.group("more"))]
            if groups.get("pre"):
                symbols = [s + self._suffix(m.group("pre"), m.group("pren")) for s in symbols]
            if groups.get("post"):
                symbols.append(symbols[-1] + self._suffix(m.group("post"), m.group("postn")))
            for s in symbols:
                out.append(Found(m.start(), m.end(), symbol=s))
        return out

    # -- texts ----------------------------------------------------------------------------

    def _place(self, raw: str | None) -> str | None:
        if not raw:
            return None
        raw = raw.strip()
        return self.places.get(raw) or fold(raw).title().replace(" El-", " el-")

    def _ref(self, kind: str, num: str, m: re.Match[str], draft: bool, sup: bool) -> TextRef:
        groups = m.groupdict()
        place = self._place(groups.get("place"))
        year = int(groups["year"]) if groups.get("year") else None
        revised = bool(groups.get("rev")) and bool(place)
        num = num.strip("[]").replace("-", "/")
        return TextRef(kind=kind, number=num, revised=revised, place=place, year=year,  # type: ignore[arg-type]
                       draft=draft, suppressed=sup,
                       label=text_label(kind, num, revised, place, year))

    def numbered_texts(self, text: str) -> list[Found]:
        """Texts whose number is printed before their kind ("第102号决议（2018年，迪拜）草案")."""
        if self.text_numbered is None:
            return []
        out: list[Found] = []
        for m in self.text_numbered.finditer(text):
            kind = self.kinds.get(m.group("kind"))
            if not kind:
                continue
            sup = self.sup_before.search(text, max(0, m.start() - 8), m.start())
            start = sup.start() if sup else m.start()
            council = self.council_before.search(text, max(0, m.start() - 12), m.start()) \
                if self.council_before else None
            if council:
                kind, start = f"council-{kind}", min(start, council.start())
            draft = bool(m.groupdict().get("draft"))
            out.append(Found(start, m.end(),
                             text=self._ref(kind, m.group("num"), m, draft, bool(sup))))
        return out

    def texts(self, text: str) -> list[Found]:
        """Every resolution, decision or recommendation named, with lists expanded."""
        out: list[Found] = self.numbered_texts(text)
        for k in self.kind_word.finditer(text):
            if k.start() and text[k.start() - 1].isalnum():
                continue
            m = self.text_re.match(text, k.start())
            if not m:
                continue
            pre = self.text_prefix.search(text, max(0, k.start() - 60), k.start())
            start = pre.start() if pre and pre.end() > pre.start() else k.start()
            kind = self.kinds[m.group("kind")]
            if m.group("csuf") or (pre and pre.group("cpre")):
                kind = f"council-{kind}"
            draft_text = (pre.group("draft") if pre else None) or ""
            draft, sup = bool(draft_text), bool(pre and pre.group("sup"))
            ref = self._ref(kind, m.group("num"), m, draft, sup)
            out.append(Found(start, m.end(), text=ref))
            pos = m.end()
            plural = self.names_several(m.group("kind"), draft_text)
            while True:
                nxt = self.text_more.match(text, pos)
                if not nxt or not (plural or nxt.group("year")):
                    break
                out.append(Found(nxt.start("num"), nxt.end(),
                                 text=self._ref(kind, nxt.group("num"), nxt, draft, sup)))
                pos = nxt.end()
        if self.text_numbered is not None:
            out.sort(key=lambda f: f.start)
        return out

    def names_several(self, kind: str, draft: str) -> bool:
        """Whether the kind word ("Resolutions") or its draft prefix is plural (the pack's
        `refs.plural`): then the numbers after it are a list, with or without their years."""
        return self.plural is not None and bool(
            self.plural.search(kind) or self.plural.search(draft.rstrip()))

    def scan_many(self, texts: list[str]) -> list[tuple[list[Found], list[Found], list[Series]]]:
        """Documents, texts and series of many lines, each pattern run once over all of them."""
        joined = Joined(texts)
        docs = joined.split(self.documents(joined.text))
        refs = joined.split(self.texts(joined.text))
        series = joined.split([Series(p, p + 1, c, o) for p, c, o in self.series(joined.text)])
        return list(zip(docs, refs, series, strict=True))

    def series(self, text: str) -> list[tuple[int, str | None, int | None]]:
        """Series of texts named: (position, printed code "B21" or None, ordinal or None)."""
        out = []
        for m in self.series_word.finditer(text):
            window = text[m.end(): m.end() + 160]
            code = _SERIES_CODE.search(window)
            ordm = None
            for o in self.series_ordinal.finditer(text[max(0, m.start() - 40): m.end() + 1]):
                ordm = o
            ordinal = self.lp.ordinal(ordm.group("ord")) if ordm else None
            # a code belongs to this series only if no other series word comes first
            if code and self.series_word.search(window[: code.start()]):
                code = None
            out.append((m.start(), code.group("code") if code else None, ordinal))
        return out


@dataclass(slots=True)
class Series:
    """A series of texts named in a line: its printed code and ordinal, when given."""

    start: int
    end: int
    code: str | None
    ordinal: int | None


def series_ref(code: str) -> TextRef:
    return TextRef(kind="series", number=code, label=f"Series {code}")


@cache
def finder(code: str) -> RefFinder:
    """The compiled RefFinder of a language (built once)."""
    return RefFinder(pack(code))
