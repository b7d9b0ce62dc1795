"""Search terms: words stemmed with Snowball (PyStemmer) for their language, then accent-folded.

A paragraph is indexed as, for each word, its folded stem and (when different) its folded
word: "adoptés" (fr) gives `adopt adoptes`. A query word is expanded to its folded form and its
folded stem in each language of the archive, and matches when any of them is indexed. The same
strings feed SQLite FTS5 and PostgreSQL `tsvector` ('simple' config), so both backends agree.

Chinese is written without spaces: a run of Han characters is indexed as its overlapping
character bigrams ("秘书长" gives `秘书 书长`), and a query is cut the same way. Arabic attaches
prepositions and conjunctions to the next word ("لكينيا"): the stem of the word without them
is indexed too, so that "كينيا" finds it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator

import Stemmer

WORD = re.compile(r"[^\W_]+")
# Han ideographs (CJK unified, extension A, compatibility): written without spaces
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# tatweel and the direction marks have no letter value
_MARKS = str.maketrans("", "", "\u0640\u200e\u200f\u061c")
# Arabic conjunctions, then prepositions, a word may carry in front
ARABIC_CONJUNCTIONS = "وف"
ARABIC_PREPOSITIONS = "بلك"
MAX_WORD = 60  # longer "words" are noise (and PostgreSQL refuses words over 2 KB)
MAX_QUERY_WORDS = 16

ALGORITHMS = {
    "fr": "french", "en": "english", "es": "spanish", "ru": "russian", "ar": "arabic",
    "de": "german", "it": "italian", "pt": "portuguese", "nl": "dutch",
}
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})
_local = threading.local()  # PyStemmer objects are not thread-safe: one set per thread
_fold_cache: dict[str, str] = {}


def fold(word: str) -> str:
    """Lower-case, accents removed: "Résolution" -> "resolution"."""
    cached = _fold_cache.get(word)
    if cached is not None:
        return cached
    out = word.lower().translate(_LIGATURES).translate(_MARKS)
    if not out.isascii():
        out = "".join(
            c for c in unicodedata.normalize("NFKD", out) if not unicodedata.combining(c)
        )
    if len(_fold_cache) < 200_000:
        _fold_cache[word] = out
    return out


def stemmer(language: str | None) -> Stemmer.Stemmer | None:
    """The Snowball stemmer of an ISO 639-1 language (None when there is none)."""
    algo = ALGORITHMS.get((language or "").lower())
    if algo is None:
        return None
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    if algo not in cache:
        cache[algo] = Stemmer.Stemmer(algo)
    return cache[algo]


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case word) for each word of a text; a run of Han characters gives
    its overlapping bigrams (a lone character stands for itself)."""
    out: list[tuple[int, int, str]] = []
    for m in WORD.finditer(text):
        word, start = m.group(), m.start()
        pos = 0
        for han in HAN.finditer(word):
            out += _plain(word[pos:han.start()], start + pos)
            run, at = han.group(), start + han.start()
            out += [(at + i, at + i + 2, run[i:i + 2]) for i in range(max(1, len(run) - 1))]
            pos = han.end()
        out += _plain(word[pos:], start + pos)
    return out


def _plain(piece: str, at: int) -> list[tuple[int, int, str]]:
    """A piece of a word without Han characters, as a token (none when empty or too long)."""
    if not piece or len(piece) > MAX_WORD:
        return []
    return [(at, at + len(piece), piece.lower())]


def _lazy_tokens(text: str) -> Iterator[tuple[int, int, str]]:
    """`tokens(text)` one at a time (without Han characters, one regular expression pass)."""
    if HAN.search(text) is not None:
        yield from tokens(text)
        return
    for m in WORD.finditer(text):
        word = m.group()
        if len(word) <= MAX_WORD:
            yield m.start(), m.end(), word.lower()


_hit_cache: dict[str | None, dict[str, tuple[str, str]]] = {}


def _is_hit(word: str, wanted: set[str], language: str | None) -> bool:
    """True when a lower-case word's folded stem or folded form is one of `wanted`."""
    cache = _hit_cache.get(language)
    if cache is None or len(cache) > 200_000:
        cache = _hit_cache[language] = {}
    terms = cache.get(word)
    if terms is None:
        terms = cache[word] = word_terms([word], language)[0]
    return terms[0] in wanted or terms[1] in wanted


def words(text: str) -> list[str]:
    """Lower-case words of a text (letters and digits; no underscores; Han as bigrams)."""
    if HAN.search(text) is None:  # the common case, without the positions `tokens` keeps
        return [w.lower() for w in WORD.findall(text) if len(w) <= MAX_WORD]
    return [w for _, _, w in tokens(text)]


def arabic_bare_forms(word: str) -> list[str]:
    """`word` without the conjunction and then the preposition it may carry ("وللمجموعة" ->
    "للمجموعة", "لمجموعة" is not made: "ل" before the article is "لل"), at least three letters
    left."""
    found: list[str] = []
    if len(word) > 3 and word[0] in ARABIC_CONJUNCTIONS:
        word = word[1:]
        found.append(word)
    if len(word) > 3 and word[0] in ARABIC_PREPOSITIONS:
        found.append("ال" + word[2:] if word.startswith("لل") else word[1:])
    return found


def extra_terms(word: str, language: str | None) -> list[str]:
    """Terms indexed besides a word's stem and folded form: the stems of its bare forms."""
    if language != "ar":
        return []
    st = stemmer(language)
    bare = arabic_bare_forms(word)
    return [fold(s) for s in (st.stemWords(bare) if st else bare)]


def word_terms(lowered: list[str], language: str | None) -> list[tuple[str, str]]:
    """(folded stem, folded word) for each lower-case word."""
    st = stemmer(language)
    stems = st.stemWords(lowered) if st else lowered
    return [(fold(s), fold(w)) for s, w in zip(stems, lowered, strict=True)]


_index_cache: dict[str | None, dict[str, str]] = {}


def index_text(text: str, language: str | None) -> str:
    """The search column of a paragraph: space-separated folded stems and folded words."""
    cache = _index_cache.get(language)
    if cache is None or len(cache) > 500_000:
        cache = _index_cache[language] = {}
    ws = words(text)
    missing = [w for w in set(ws) if w not in cache]
    if missing:
        for (stem, word), w in zip(word_terms(missing, language), missing, strict=True):
            cache[w] = " ".join(dict.fromkeys([stem, word, *extra_terms(w, language)]))
    return " ".join([cache[w] for w in ws])


def query_groups(q: str, languages: Iterable[str]) -> list[set[str]]:
    """One set of alternative terms per query word (all must match, any alternative will)."""
    langs = [lang for lang in dict.fromkeys(languages) if stemmer(lang)]
    groups: list[set[str]] = []
    for w in words(q)[:MAX_QUERY_WORDS]:
        alts = {fold(w)}
        for lang in langs:
            st = stemmer(lang)
            assert st is not None
            alts.add(fold(st.stemWord(w)))
        alts.discard("")
        if alts and alts not in groups:
            groups.append(alts)
    return groups


def fts5_query(groups: list[set[str]]) -> str:
    """An FTS5 MATCH expression; every term is a quoted string, so user input is inert."""
    return " AND ".join(
        "(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in sorted(g)) + ")"
        for g in groups
    )


def tsquery(groups: list[set[str]]) -> str:
    """A PostgreSQL `to_tsquery('simple', ...)` expression with every term quoted."""
    return " & ".join(
        "(" + " | ".join("'" + t.replace("'", "''").replace("\\", "") + "'" for t in sorted(g))
        + ")"
        for g in groups
    )


def snippet(
    text: str, groups: list[set[str]], language: str | None, before: int = 12, span: int = 40
) -> list[dict[str, object]]:
    """The text around the first match as segments `{"text", "hit"}` (no markup).

    The words are read up to the end of the snippet only, each stemmed once per process."""
    wanted = set().union(*groups) if groups else set()
    matches: list[tuple[int, int, str]] = []
    hits: list[int] = []
    needed = span + 1 if not wanted else None  # words to read: known from the first hit
    for token in _lazy_tokens(text):
        if needed is not None and len(matches) >= needed:
            break
        matches.append(token)
        if wanted and _is_hit(token[2], wanted, language):
            hits.append(len(matches) - 1)
            if needed is None:  # one word past the snippet says whether text follows
                needed = max(0, hits[0] - before) + span + 1
    first = hits[0] if hits else 0
    lo = max(0, first - before)
    hi = min(len(matches), lo + span)
    start = matches[lo][0] if lo > 0 else 0
    end = matches[hi - 1][1] if hi < len(matches) else len(text)
    segments: list[dict[str, object]] = []

    def add(piece: str, hit: bool) -> None:
        if not piece:
            return
        if segments and segments[-1]["hit"] is hit:  # Han bigram hits run together
            segments[-1]["text"] = str(segments[-1]["text"]) + piece
        else:
            segments.append({"text": piece, "hit": hit})

    if lo > 0:
        add("… ", False)
    pos = start
    for i in hits:
        if i < lo or i >= hi:
            continue
        m_start, m_end, _ = matches[i]
        m_start = max(m_start, pos)  # Han bigrams overlap
        add(text[pos:m_start], False)
        add(text[m_start:m_end], True)
        pos = m_end
    add(text[pos:end], False)
    if end < len(text):
        add(" …", False)
    return segments
