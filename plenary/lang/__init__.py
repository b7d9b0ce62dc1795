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
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _alternation(words: list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _expand(template: str, fragments: dict[str, str]) -> str:
    """Replace `{name}` placeholders by the pack's shared fragments (non-capturing)."""

    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in fragments:
            return m.group(0)
        return f"(?:{fragments[key]})"

    previous = None
    while previous != template:
        previous = template
        template = re.sub(r"\{([a-z_]+)\}", sub, template)
    return template


@dataclass
class LanguagePack:
    """A language's knowledge of the genre, compiled for the parser."""

    code: str
    name: str
    data: dict[str, Any]
    ordinal: Callable[[str], int | None]
    fragments: dict[str, str] = field(default_factory=dict)
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict)

    def get(self, path: str, default: Any = None) -> Any:
        """A raw value from genre.toml by dotted path ("outcomes.verbs")."""
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def pattern(self, path: str, flags: int = 0) -> re.Pattern[str]:
        """A compiled regex from genre.toml, with `{fragment}` placeholders expanded."""
        key = f"{path}/{flags}"
        found = self._compiled.get(key)
        if found is None:
            source = self.get(path)
            if source is None:
                source = "(?!x)x"  # a pack without this pattern matches nothing
            elif isinstance(source, list):
                source = _alternation(source)
            found = self._compiled[key] = re.compile(_expand(source, self.fragments), flags)
        return found

    def expand(self, source: str) -> str:
        return _expand(source, self.fragments)

    def words(self, path: str) -> str:
        """A regex alternation of the literal words listed at `path`."""
        return _alternation(self.get(path, []))


def _load(code: str) -> LanguagePack:
    folder = HERE / code
    with open(folder / "genre.toml", "rb") as fh:
        data = tomllib.load(fh)
    module = importlib.import_module(f"{__name__}.{code}")
    fragments = {k: v if isinstance(v, str) else _alternation(v)
                 for k, v in data.get("fragments", {}).items()}
    return LanguagePack(
        code=code,
        name=data.get("name", code),
        data=data,
        ordinal=getattr(module, "ordinal", lambda word: None),
        fragments=fragments,
    )


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
