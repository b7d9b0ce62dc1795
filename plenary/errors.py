"""Errors that reach the user as one line naming the file and the reason."""

from __future__ import annotations

from pathlib import Path


class PlenaryError(Exception):
    """Base class of every error plenary reports to a user."""


class InputError(PlenaryError):
    """A file that cannot be read as a summary record, and why."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # so that it crosses a process boundary (the worker pool) intact
        return (InputError, (self.path, self.reason))
