"""Find the record files under the paths a user names, and say what could not be taken.

Walking a folder meets more than records: symbolic links that loop or lead nowhere, files
the user may not read, FIFOs and devices. Each is reported on its own line (a FIFO named
`f.txt` must not hang the ingest, and a dangling link must not vanish silently); only files
whose names say they are not records (`notes.xlsx`) and hidden or Word lock files (`.DS_Store`,
`~$record.docx`) are passed over, and counted.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .read import check_regular_file

RECORD_SUFFIXES = (".txt", ".docx", ".pdf")


@dataclass(slots=True)
class Walk:
    """The files to read, the paths refused with their reason, and how many were passed over."""

    files: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)
    passed_over: int = 0


def stat_problem(path: Path) -> tuple[os.stat_result | None, str | None]:
    """`os.stat` of a path (following links), or why it cannot be had."""
    try:
        return path.stat(), None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "symbolic link loop"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return None, f"dangling symbolic link (to {os.readlink(path)})"
        if exc.errno == errno.ENOENT:
            return None, "no such file or directory"
        return None, exc.strerror or "cannot be read"


def _hidden(name: str) -> bool:
    return name.startswith((".", "~$"))


class _Walker:
    def __init__(self) -> None:
        self.out = Walk()
        self.seen_dirs: set[tuple[int, int]] = set()

    def named(self, path: Path) -> None:
        """A path the user named: a file is taken whatever its suffix, a folder is walked."""
        st, problem = stat_problem(path)
        if st is None:
            self.out.problems.append((path, problem or "cannot be read"))
        elif stat.S_ISDIR(st.st_mode):
            self.folder(path, st)
        else:
            self.file(path, named=True)

    def file(self, path: Path, named: bool = False) -> None:
        """Take a file, or say why not (a FIFO or a device, too large, unreadable)."""
        try:
            check_regular_file(path)
        except InputError as exc:
            self.out.problems.append((path, exc.reason))
            return
        if not named and path.suffix.lower() not in RECORD_SUFFIXES:
            self.out.passed_over += 1
        elif not os.access(path, os.R_OK):
            self.out.problems.append((path, "permission denied"))
        else:
            self.out.files.append(path)

    def folder(self, root: Path, root_stat: os.stat_result) -> None:
        """Walk a folder without recursion, following links to folders once each."""
        stack = [(root, root_stat)]
        while stack:
            folder, st = stack.pop()
            if (st.st_dev, st.st_ino) in self.seen_dirs:
                self.out.problems.append((folder, "symbolic link loop (a folder already walked)"))
                continue
            self.seen_dirs.add((st.st_dev, st.st_ino))
            subfolders = self.entries(folder)
            stack.extend(reversed(subfolders))

    def entries(self, folder: Path) -> list[tuple[Path, os.stat_result]]:
        """Take the files of one folder; return its subfolders, in name order."""
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            self.out.problems.append((folder, exc.strerror or "cannot be listed"))
            return []
        subfolders = []
        for name in names:
            if _hidden(name):
                self.out.passed_over += 1
                continue
            path = folder / name
            st, problem = stat_problem(path)
            if st is None:
                self.out.problems.append((path, problem or "cannot be read"))
            elif stat.S_ISDIR(st.st_mode):
                subfolders.append((path, st))
            else:
                self.file(path)
        return subfolders


def walk(paths: list[str | Path] | tuple[str | Path, ...]) -> Walk:
    """The record files named or under the folders named, in order, and the problems met."""
    walker = _Walker()
    for raw in paths:
        walker.named(Path(raw))
    return walker.out
