"""Finding names in text fast: one regular expression, factored as a trie, over every form."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from .model import Entity
from .variants import arabic_matching_form

_END = ""  # the trie key marking that a word ends at this node

# Languages written without spaces between words: names are not word-bounded there.
UNSPACED_LANGUAGES = frozenset({"zh", "ja"})
# Arabic attaches one-letter conjunctions and prepositions to the next word ("وفرنسا").
ARABIC_PROCLITICS = "وفبلك"


def _trie(words: Iterable[str]) -> dict:
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _emit(node: dict) -> str:
    """The regex source for a trie node: alternatives by next character, greedy so that a
    longer name is tried before the shorter one it extends."""
    leaves = sorted(c for c, child in node.items() if c != _END and list(child) == [_END])
    inner = sorted(c for c, child in node.items() if c != _END and list(child) != [_END])
    branches = [re.escape(c) + _emit(node[c]) for c in inner]
    if len(leaves) == 1:
        branches.append(re.escape(leaves[0]))
    elif leaves:
        branches.append("[" + "".join(_class_escape(c) for c in leaves) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return (body if len(branches) > 1 else "(?:" + body + ")") + "?"
    return body


def _class_escape(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def compile_alternation(words: Iterable[str]) -> str:
    """Regex source matching any of `words`, longest first, built as a trie.

    Branches are factored by common prefix, so a pattern over thousands of names stays small
    and each text position costs one walk down the trie.
    """
    root = _trie(words)
    if not root:
        return "(?!)"
    return "(?:" + _emit(root) + ")"


def _boundaries(lang: str | None) -> tuple[str, str]:
    """The lookarounds that keep a name from matching inside a longer word."""
    if lang in UNSPACED_LANGUAGES:
        return "", ""
    left = r"(?<!\w)"
    if lang == "ar":
        left = rf"(?:(?<!\w)|(?<=(?<!\w)[{ARABIC_PROCLITICS}]))"
    return left, r"(?!\w)"


def _past_marks(text: str, end: int) -> int:
    """`end` moved past the vowel marks that belong to the letter before it."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


class Matcher:
    """Finds surface forms in text: leftmost-longest, non-overlapping, word-bounded.

    Case-sensitive: names are capitalised, and "Chine" must not be found in lower-case text.
    """

    def __init__(self, forms: Mapping[str, Entity], lang: str | None = None) -> None:
        self.lang = lang
        self._normalise = lang == "ar"
        if self._normalise:  # the forms folded as the text will be; the first form keeps it
            folded: dict[str, Entity] = {}
            for form, entity in forms.items():
                folded.setdefault(arabic_matching_form(form)[0], entity)
            forms = folded
        self._forms = dict(forms)
        left, right = _boundaries(lang)
        # A plain left boundary is checked in Python instead: a pattern that starts with a
        # lookbehind cannot skip ahead to the names' first letters, and runs several times slower.
        self._check_left = left == r"(?<!\w)"
        if self._check_left:
            left = ""
        self.pattern = re.compile(left + compile_alternation(self._forms) + right)

    def find(self, text: str) -> list[tuple[int, int, Entity]]:
        """Every match as (start, end, entity), in text order."""
        forms = self._forms
        offsets: list[int] | None = None
        printed = text
        if self._normalise:
            text, offsets = arabic_matching_form(text)
        out = []
        for m in self.pattern.finditer(text):
            s, e = m.start(), m.end()
            if self._check_left and s and (text[s - 1].isalnum() or text[s - 1] == "_"):
                continue
            if offsets is not None:  # back to the offsets of the text as printed
                s, e = offsets[s], _past_marks(printed, offsets[e - 1] + 1)
            out.append((s, e, forms[m.group()]))
        return out
