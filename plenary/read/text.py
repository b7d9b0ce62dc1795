"""Helpers shared by the readers: number prefixes and whitespace."""

from __future__ import annotations

import re

# "6.15<TAB>", "6 <TAB>", "12.1ii)<TAB>" is not a number; a number is digits and dots only.
NUMBER_PREFIX = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,3})\.?\s*\t\s*")
SPACES = re.compile(r"[ \u00a0\u2007\u202f]+")


def split_number(line: str) -> tuple[str | None, str]:
    """Split "6.15\\tLe délégué ..." into ("6.15", "Le délégué ...")."""
    m = NUMBER_PREFIX.match(line)
    if m:
        return m.group(1), line[m.end():]
    return None, line


def clean_spaces(text: str) -> str:
    """Fold runs of spaces (including non-breaking ones and tabs) and trim."""
    return " ".join(text.split())
