"""Spelling variants a record may print for a stored name, generated rather than stored.

Conversion and house style make one name appear in several spellings: a hyphen lost in
conversion ("EtatsUnis") or printed as a space, an accent dropped from a capital ("Etats" /
"États"), a curly apostrophe, later words capitalised or not ("République Dominicaine").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

_ARTICLES = frozenset({"La", "Le", "Les", "L'", "El", "Los", "Las", "The"})
_PARTICLES = frozenset({
    "and", "the", "for", "del", "des", "los", "las", "les", "aux", "sur", "und", "pour", "avec",
})
# A word after the first: preceded by a space, a hyphen or an opening bracket (not by an
# apostrophe, so the "Iran" of "d'Iran" stays as printed).
_LATER_WORD = re.compile(r"(?<=[\s\-(])(\w)(\w*)")


def _unaccent(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0]
    return base if base.isalpha() else char


def curly_apostrophe(form: str) -> str:
    """Straight apostrophes as typographic ones ("Côte d’Ivoire")."""
    return form.replace("'", "\u2019")


def straight_apostrophe(form: str) -> str:
    """Typographic apostrophes as straight ones."""
    return form.replace("\u2019", "'")


def capitals_unaccented(form: str) -> str:
    """Accents dropped from capital letters ("États-Unis" -> "Etats-Unis")."""
    return "".join(_unaccent(c) if c.isupper() else c for c in form)


def capital_e_accented(form: str) -> str:
    """A word-initial capital E before a consonant given its acute accent ("Etats" -> "États")."""
    return re.sub(r"\bE(?=[b-df-hj-np-tv-z])", "É", form)


def later_words_lowercase(form: str) -> str:
    """Capitalised words after the first in lower case ("Royaume-Uni" -> "Royaume-uni").

    Left alone when the name starts with an article ("La Réunion" is not "La réunion") and for
    words in capitals ("DONA").
    """
    first = re.split(r"[\s\-]", form, maxsplit=1)[0]
    if first in _ARTICLES or first[:2] in _ARTICLES:
        return form

    def lower(match: re.Match[str]) -> str:
        head, rest = match.group(1), match.group(2)
        return head.lower() + rest if rest.islower() else match.group(0)

    return _LATER_WORD.sub(lower, form)


def later_words_capitalised(form: str) -> str:
    """Lower-case words after the first capitalised, except short particles
    ("République dominicaine" -> "République Dominicaine")."""

    def upper(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < 3 or word in _PARTICLES or not word.islower():
            return word
        return word[0].upper() + word[1:]

    return _LATER_WORD.sub(upper, form)


def hyphens_dropped(form: str) -> str:
    """Hyphens lost in conversion ("Etats-Unis" -> "EtatsUnis")."""
    return form.replace("-", "")


def hyphens_spaced(form: str) -> str:
    """Hyphens printed as spaces ("Etats-Unis" -> "Etats Unis")."""
    return form.replace("-", " ")


def first_letter_cases(form: str) -> set[str]:
    """The form with its first letter in upper and in lower case."""
    if not form:
        return set()
    return {form, form[0].upper() + form[1:], form[0].lower() + form[1:]}


def _transforms(lang: str) -> list[Callable[[str], str]]:
    found: list[Callable[[str], str]] = [straight_apostrophe, curly_apostrophe,
                                         capitals_unaccented]
    if lang == "fr":
        found.append(capital_e_accented)
    found += [later_words_lowercase, later_words_capitalised, hyphens_dropped, hyphens_spaced]
    return found


def spelling_variants(form: str, lang: str) -> set[str]:
    """Every spelling of `form` the transformations above generate, the form included."""
    found = {form}
    for transform in _transforms(lang):
        found |= {transform(variant) for variant in found}
    return {variant for variant in found if variant.strip()}


def all_variants(forms: Iterable[str], lang: str) -> set[str]:
    """The spelling variants of every form."""
    found: set[str] = set()
    for form in forms:
        found |= spelling_variants(form, lang)
    return found


# Arabic: letters a record may print in several shapes, and marks without letter value. Matching
# reads a normalised copy of the text; the stored text keeps what was printed.
# Arabic-Indic and Extended (Persian) digits, as ASCII digits
_ARABIC_DIGITS = {chr(base + d): str(d) for base in (0x0660, 0x06F0) for d in range(10)}
_ARABIC_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", **_ARABIC_DIGITS,
})
_ASCII_DIGITS = str.maketrans({**_ARABIC_DIGITS,
                               **{chr(0xFF10 + d): str(d) for d in range(10)}})  # full-width


def ascii_digits(text: str) -> str:
    """`text` with its Arabic-Indic, Persian and full-width digits as ASCII digits
    ("٢٠١٧" -> "2017"): for identifiers, which are the same in every version."""
    return text.translate(_ASCII_DIGITS)
# tatweel, harakat and shadda, superscript alef, direction marks (RLM, LRM, ALM)
_ARABIC_DROPPED = frozenset("\u0640\u0670\u200e\u200f\u061c" + "".join(
    chr(c) for c in range(0x064B, 0x0653)))
# The one-letter prepositions that attach to the next word (the conjunctions و and ف are
# allowed before any form by the matcher's left boundary).
ARABIC_PREPOSITIONS = "بلك"


def arabic_matching_form(text: str) -> tuple[str, list[int]]:
    """`text` normalised for matching (alef forms, ta marbuta, alef maqsura, Arabic-Indic
    digits; tatweel, vowel marks and direction marks dropped), and for each of its characters
    the offset in `text` it comes from (one more entry: the end)."""
    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        if char in _ARABIC_DROPPED:
            continue
        out.append(char.translate(_ARABIC_FOLD))
        offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


def arabic_clitic_forms(form: str) -> set[str]:
    """A name with a preposition attached: "كينيا" -> "لكينيا", "بكينيا"; with the article,
    "ل" + "ال" is written "لل" ("المجموعة الأفريقية" -> "للمجموعة الأفريقية")."""
    found = set()
    for prep in ARABIC_PREPOSITIONS:
        if prep == "ل" and form.startswith("ال"):
            found.add("لل" + form[2:])
        else:
            found.add(prep + form)
    return found
