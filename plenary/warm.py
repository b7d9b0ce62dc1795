"""Load what every parse needs (the gazetteer's automaton, the language packs) once.

Imported by the worker pool's fork server, so that each worker forked from it starts with
them in memory, shared copy-on-write, and a file's time cap measures its own parsing only.
"""

from __future__ import annotations

import contextlib

from .errors import PlenaryError
from .parse import parse_bytes

# A few lines in the genre, enough to load the gazetteer and run every family of rules.
_SAMPLE = (
    "1 Adoption de l'ordre du jour\n"
    "1.1 Le délégué de la France, appuyé par l'Allemagne, propose un amendement.\n"
    "1.2 L'ordre du jour est adopté.\n"
).encode()


def warm_up() -> None:
    """Parse a small record, so that nothing is loaded lazily during a timed parse."""
    with contextlib.suppress(PlenaryError):
        parse_bytes(_SAMPLE, "warm-up.txt")


warm_up()
