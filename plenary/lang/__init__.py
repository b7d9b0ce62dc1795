"""Language packs: the genre's words in each language, as data plus a small module.

A pack is a folder `plenary/lang/<code>/` holding `genre.toml` (regular-expression fragments and
word lists) and an `__init__.py` that may add what data cannot say (ordinal numbers). The parser
core only ever sees a compiled `LanguagePack`; adding a language means adding a folder.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .contract import (
    BY_PATH,
    NEVER,
    Example,
    PackError,
    check,
    compile_rule,
    core_fragments,
    expand,
    strip_examples,
)

__all__ = ["LanguagePack", "PackError", "available", "load", "pack"]

HERE = Path(__file__).resolve().parent


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class LanguagePack:
    """A language's knowledge of the genre, compiled for the parser."""

    code: str
    name: str
    data: dict[str, Any]
    ordinal: Callable[[str], int | None]
    fragments: dict[str, str] = field(default_factory=dict)
    examples: dict[str, list[Example]] = field(default_factory=dict)
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def get(self, path: str, default: Any = None) -> Any:
        """A raw value from genre.toml by dotted path ("outcomes.verbs"), a declared key."""
        _declared(path)
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def pattern(self, path: str, flags: int = 0) -> re.Pattern[str]:
        """A compiled regex from genre.toml, with `{fragment}` placeholders expanded.

        An optional key the pack leaves out matches nothing (the contract allows it).
        """
        key = f"{path}/{flags}"
        found = self._compiled.get(key)
        if found is None:
            source = self.get(path)
            if source is None:
                found = self._compiled[key] = re.compile(NEVER)
                return found
            if isinstance(source, list):
                source = _alternation(source)
            found = self._compiled[key] = compile_rule(self.code, path, source, self.fragments,
                                                       flags)
        return found

    def source(self, path: str) -> str:
        """The expanded regex source at `path`; never-matching for an optional key left out."""
        value = self.get(path)
        if value is None:
            return NEVER
        if isinstance(value, list):
            return _alternation(value)
        return expand(self.code, path, value, self.fragments)

    def expand(self, source: str) -> str:
        """`source` with the pack's `{fragment}` placeholders expanded (unknown ones fail)."""
        return expand(self.code, "pattern", source, self.fragments)

    def words(self, path: str) -> str:
        """A regex alternation of the literal words listed at `path`."""
        return _alternation(self.get(path, []))


def _declared(path: str) -> None:
    """A path the core may read: a contract key, a parent of some, or a fragment."""
    if path in BY_PATH or path.startswith("fragments.") or any(
            k.startswith(path + ".") for k in BY_PATH):
        return
    raise KeyError(f"{path!r} is not declared in plenary/lang/contract.py")


def load(folder: Path, code: str | None = None,
         ordinal: Callable[[str], int | None] | None = None) -> LanguagePack:
    """The pack in `folder` (its genre.toml), checked against the contract.

    Raises PackError naming the pack and the key when the data breaks the contract.
    """
    code = code or folder.name
    raw = _read(folder, code)
    examples = check(code, raw)
    data = strip_examples(code, raw)
    fragments = core_fragments({k: v if isinstance(v, str) else _alternation(v)
                                for k, v in data.get("fragments", {}).items()})
    return LanguagePack(
        code=code,
        name=data.get("name", code),
        data=data,
        # a pure function of a word, asked again for every series and title: kept per word
        ordinal=lru_cache(maxsize=4096)(ordinal) if ordinal else (lambda word: None),
        fragments=fragments,
        examples=examples,
    )


def _read(folder: Path, code: str) -> dict[str, Any]:
    """A pack's genre.toml as data, unchecked."""
    try:
        with open(folder / "genre.toml", "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"language pack {code!r}: genre.toml: {exc}") from None


@cache
def telltales(code: str) -> frozenset[str]:
    """The words that tell a record is in this language (`detect.words`), read without
    compiling the pack: detection weighs every pack, and only the one chosen is compiled."""
    if code not in available():
        raise KeyError(code)
    words = _read(HERE / code, code).get("detect", {}).get("words", [])
    return frozenset(w for w in words if isinstance(w, str))


def _load(code: str) -> LanguagePack:
    module = importlib.import_module(f"{__name__}.{code}")
    return load(HERE / code, code, getattr(module, "ordinal", None))


@cache
def available() -> tuple[str, ...]:
    """Codes of the installed packs (folders holding a genre.toml)."""
    return tuple(sorted(
        m.name for m in pkgutil.iter_modules([str(HERE)])
        if m.ispkg and (HERE / m.name / "genre.toml").exists()
    ))


@cache
def pack(code: str) -> LanguagePack:
    """The compiled pack for `code`; KeyError when there is none."""
    if code not in available():
        raise KeyError(code)
    return _load(code)
