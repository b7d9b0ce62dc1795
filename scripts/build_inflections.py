#!/usr/bin/env python3
"""Regenerate plenary/gazetteer/data/inflections.json: the declined forms of Russian names.

Russian records decline names ("от имени Российской Федерации", "делегат Кении", "с
Арменией и Беларусью"). For every Russian name of a country, organization, group or unit, and
every role noun ("при поддержке Советников от Кении"), this writes its forms in the five oblique
cases, made with pymorphy3 and its Russian dictionary:
the words up to and including the first noun agree in case and number ("Российская Федерация" ->
"Российской Федерации"); the words after it are a complement and stay as printed ("Республика
Корея" -> "Республики Корея"). Indeclinable words (tagged Fixd) and acronyms are left alone.

    .venv/bin/python scripts/build_inflections.py [--out DIR]

Deterministic: forms sorted; the pymorphy3 and dictionary versions are written beside them
and pinned exactly in pyproject.toml.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from importlib.metadata import version
from pathlib import Path

import pymorphy3

DATA_DIR = Path(__file__).resolve().parents[1] / "plenary" / "gazetteer" / "data"
SOURCES = ("countries.json", "organizations.json", "groups.json", "units.json")  # + roles.json
CASES = ("gent", "datv", "accs", "ablt", "loct")
DECLINABLE = {"NOUN", "ADJF", "PRTF", "NUMR"}


def nominative_parse(morph: pymorphy3.MorphAnalyzer, word: str) -> pymorphy3.analyzer.Parse | None:
    """The reading of `word` as a nominative noun or adjective, place names first; None if none."""
    parses = [p for p in morph.parse(word) if p.tag.POS in DECLINABLE and "nomn" in p.tag]
    if not parses or any("Fixd" in p.tag for p in parses[:1]):
        return None
    parses.sort(key=lambda p: ("Geox" not in p.tag, p.tag.POS != "NOUN"))
    return parses[0] if word[:1].isupper() else max(parses, key=lambda p: p.score)


def same_case_style(model: str, word: str) -> str:
    """`word` written like `model`: capitalised or not, segment by segment ("Кот-д'Ивуар" ->
    "Кот-д'Ивуара"), and without ё where the model has е."""
    if "ё" not in model.lower():
        word = word.replace("ё", "е").replace("Ё", "Е")
    if model.isupper():
        return word.upper()
    models, words = _SEGMENTS.split(model), _SEGMENTS.split(word)
    if len(models) != len(words):
        models, words = [model], [word]
    return "".join(_segment_case(m, w) for m, w in zip(models, words, strict=True))


# Hyphens and apostrophes split a name into segments, each with its own capital.
_SEGMENTS = re.compile(r"([-'’])")


def _segment_case(model: str, word: str) -> str:
    """One segment of `word` capitalised as the same segment of `model`."""
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def head_noun(morph: pymorphy3.MorphAnalyzer, words: list[str]) -> int | None:
    """The index of the first noun, when only adjectives (or participles) precede it."""
    for i, word in enumerate(words):
        parse = nominative_parse(morph, word)
        if parse is None or (word.isupper() and len(word) > 1):
            return None
        if parse.tag.POS == "NOUN":
            return i
    return None


def agreement(noun: pymorphy3.analyzer.Parse, case: str) -> set[str]:
    """The grammemes a word agreeing with `noun` takes in `case`."""
    grams = {case}
    if noun.tag.number:
        grams.add(noun.tag.number)
    if noun.tag.number == "sing" and noun.tag.gender:
        grams.add(noun.tag.gender)
    if case == "accs" and noun.tag.animacy and (noun.tag.number == "plur"
                                                or noun.tag.gender == "masc"):
        grams.add(noun.tag.animacy)
    return grams


def declined(morph: pymorphy3.MorphAnalyzer, name: str) -> set[str]:
    """The forms of a Russian name in the oblique cases (the name itself excluded)."""
    words = name.split(" ")
    head = head_noun(morph, words)
    if head is None:
        return set()
    noun = nominative_parse(morph, words[head])
    assert noun is not None
    forms: set[str] = set()
    for case in CASES:
        out = list(words)
        for i in range(head + 1):
            parse = nominative_parse(morph, words[i])
            grams = {case, noun.tag.number} if i == head and noun.tag.number else (
                {case} if i == head else agreement(noun, case))
            inflected = parse.inflect(grams) if parse is not None else None
            if inflected is None:
                break
            out[i] = same_case_style(words[i], inflected.word)
        else:
            if (form := " ".join(out)) != name and not _other_word(morph, form):
                forms.add(form)
    return forms


def _other_word(morph: pymorphy3.MorphAnalyzer, form: str) -> bool:
    """A one-word form that is first of all another word ("после", of "посол", is "after")."""
    return " " not in form and morph.parse(form.lower())[0].tag.POS not in DECLINABLE


def russian_names(data_dir: Path) -> list[str]:
    """Every Russian name and role noun in the gazetteer's data files."""
    names: set[str] = set()
    for source in SOURCES:
        for entry in json.loads((data_dir / source).read_text(encoding="utf-8")):
            names.update(entry["names"].get("ru", []))
    roles = json.loads((data_dir / "roles.json").read_text(encoding="utf-8"))
    for numbers in roles.values():
        for nouns in numbers.get("ru", {}).values():
            names.update(nouns)
    return sorted(names)


def build(data_dir: Path) -> dict[str, dict[str, list[str]]]:
    """{"ru": {dictionary form: [declined forms]}}."""
    morph = pymorphy3.MorphAnalyzer(lang="ru")
    table = {name: sorted(forms) for name in russian_names(data_dir)
             if (forms := declined(morph, name))}
    return {"ru": table}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)
    table = build(DATA_DIR)
    table["built-with"] = {"pymorphy3": version("pymorphy3"),  # type: ignore[assignment]
                           "pymorphy3-dicts-ru": version("pymorphy3-dicts-ru")}
    out = args.out / "inflections.json"
    out.write_text(json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"{out}: {len(table['ru'])} Russian names declined")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
