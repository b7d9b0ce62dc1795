"""Run each file's work in a worker process with a time and a memory cap.

A hostile file (a PDF whose objects point at each other, a zip bomb that slipped past a
reader's limits) must cost at most its cap and be reported; the other files go on. So every
file is handed to a worker process; a worker that runs past the time cap is killed and
replaced, one that exhausts its memory cap reports it, and the result of each file comes back
in input order, as the value or as the `InputError` that says why there is none.

The pool is also what makes ingest use every core (issue "speed"): `workers` processes parse
while the caller, the one writer, stores what they return.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

from .errors import InputError, PlenaryError

T = TypeVar("T")
R = TypeVar("R")

_READY = "ready"  # what a worker says once it has started, before its first item
_START_SECONDS = 120.0  # how long a worker may take to start (not counted in any file's cap)
_PRELOAD = ["plenary.warm"]  # imported once in the fork server, so each worker starts warm


@dataclass(frozen=True, slots=True)
class Caps:
    """What one file may cost: wall-clock seconds and megabytes of address space."""

    seconds: float = 60.0
    megabytes: int = 2048

    def limit_memory(self) -> None:
        """Cap this process's address space (a no-op where the platform cannot)."""
        if self.megabytes <= 0:
            return
        cap = self.megabytes * 1024 * 1024
        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            if hard != resource.RLIM_INFINITY:
                cap = min(cap, hard)
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
        except (ValueError, OSError):
            pass


def failure_reason(exc: BaseException, caps: Caps) -> str:
    """The one-line reason a task failed, whatever it raised."""
    if isinstance(exc, InputError):
        return exc.reason
    if isinstance(exc, MemoryError):
        return f"reading it needs more than {caps.megabytes} MB of memory"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if isinstance(exc, PlenaryError):
        return str(exc)
    first = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {first}".rstrip(": ")


def run_one(task: Callable[[T], R], item: T, caps: Caps) -> R | InputError:
    """Run `task(item)` here, turning every failure into an InputError naming the item."""
    try:
        return task(item)
    except Exception as exc:  # noqa: BLE001 - a file may make the task raise anything
        return InputError(str(item), failure_reason(exc, caps))


def _worker_main(conn: Connection, task: Callable[[T], R], caps: Caps) -> None:
    """A worker's loop: receive an item, send back its result or its error, until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    caps.limit_memory()
    conn.send(_READY)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        result = run_one(task, item, caps)
        try:
            conn.send(result)
        except MemoryError:
            conn.send(InputError(str(item), failure_reason(MemoryError(), caps)))


@dataclass(slots=True)
class _Job(Generic[T]):
    index: int
    item: T
    deadline: float


class _Worker(Generic[T]):
    """One worker process and the job it is on."""

    def __init__(self, ctx, task: Callable, caps: Caps) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, task, caps), daemon=True)
        self.process.start()
        child.close()
        self.job: _Job[T] | None = None
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        """Block until the worker has started, so that start-up never counts against a cap."""
        try:
            ready = self.conn.poll(_START_SECONDS) and self.conn.recv() == _READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.process.kill()
            raise PlenaryError("a parsing worker process could not start")

    def give(self, job: _Job[T]) -> None:
        self.job = job
        self.conn.send(job.item)

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()

    def death_reason(self) -> str:
        self.process.join(timeout=5)
        code = self.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            return f"the reading process died ({name})"
        return f"the reading process died (exit status {code})"


def preload_in_workers(*modules: str) -> None:
    """Have the fork server import `modules` too (a task's own module: what it imports would
    otherwise be imported again by each worker, a third of a second for the archive's). Call it
    at import time, before any pool starts: a fork server that has started keeps its modules."""
    _PRELOAD.extend(m for m in modules if m not in _PRELOAD)


def _context(method: str | None = None):
    """How workers start: a fork server that has imported the parser, where there is one."""
    methods = multiprocessing.get_all_start_methods()
    if method in methods:
        return multiprocessing.get_context(method)
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class Pool(Generic[T, R]):
    """`workers` processes running `task` (a module-level function) on items, each capped.

    `map(items)` yields `(item, result or InputError)` in input order; it keeps at most a few
    items per worker in flight, so memory stays flat however many items there are.
    With `workers=0` the task runs in this process, uncapped (for debugging).
    """

    def __init__(self, task: Callable[[T], R], workers: int | None = None,
                 caps: Caps | None = None, start_method: str | None = None) -> None:
        self.task = task
        self.workers = default_workers() if workers is None else workers
        self.caps = caps or Caps()
        self._ctx = _context(start_method) if self.workers > 0 else None
        self._pool: list[_Worker[T]] = []

    def __enter__(self) -> Pool[T, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker (killing those still busy)."""
        for worker in self._pool:
            worker.stop(kill=worker.job is not None)
        self._pool.clear()

    def map(self, items: Iterable[T]) -> Iterator[tuple[T, R | InputError]]:
        """Each item with its result, in input order."""
        if self.workers <= 0:
            for item in items:
                yield item, run_one(self.task, item, self.caps)
            return
        yield from self._map_in_workers(iter(items))

    def _map_in_workers(self, items: Iterator[T]) -> Iterator[tuple[T, R | InputError]]:
        ahead = 4 * self.workers  # how far past the next result to yield work may run
        pending: list[T] = []
        done: dict[int, tuple[T, R | InputError]] = {}
        next_out = dispatched = 0
        exhausted = False
        while True:
            while not exhausted and dispatched < next_out + ahead and self._idle() is not None:
                try:
                    item = next(items)
                except StopIteration:
                    exhausted = True
                    break
                pending.append(item)
                self._idle().give(_Job(dispatched, item, time.monotonic() + self.caps.seconds))
                dispatched += 1
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if exhausted and next_out == dispatched:
                return
            for job, result in self._collect():
                done[job.index] = (job.item, result)

    def _idle(self) -> _Worker[T] | None:
        for worker in self._pool:
            if worker.job is None:
                return worker
        if len(self._pool) < self.workers:
            assert self._ctx is not None
            self._pool.append(_Worker(self._ctx, self.task, self.caps))
            return self._pool[-1]
        return None

    def _collect(self) -> Iterator[tuple[_Job[T], R | InputError]]:
        """Wait for the next results, killing workers past their deadline."""
        busy = [w for w in self._pool if w.job is not None]
        if not busy:
            return
        soonest = min(w.job.deadline for w in busy if w.job)
        ready = set(wait([w.conn for w in busy], timeout=max(0.0, soonest - time.monotonic())))
        now = time.monotonic()
        for worker in busy:
            job = worker.job
            assert job is not None
            if worker.conn in ready:
                try:
                    result = worker.conn.recv()
                except (EOFError, OSError):
                    result = InputError(str(job.item), worker.death_reason())
                    self._replace(worker)
                except Exception as exc:  # noqa: BLE001 - a result that does not unpickle
                    result = InputError(str(job.item), f"its result could not be received ({exc})")
                worker.job = None
                yield job, result
            elif now >= job.deadline:
                self._replace(worker, kill=True)
                yield job, InputError(
                    str(job.item), f"reading it took longer than {self.caps.seconds:g} s")

    def _replace(self, worker: _Worker[T], kill: bool = False) -> None:
        worker.job = None
        if kill:
            worker.stop(kill=True)
        else:  # it has died already
            worker.process.join(timeout=5)
            worker.conn.close()
        self._pool.remove(worker)


def run_capped(task: Callable[[T], R], item: T, caps: Caps | None = None) -> R | InputError:
    """`task(item)` in one forked child under `caps`: for a single file, as `plenary parse`.

    Forking (not the fork server) starts the child in a millisecond with everything this
    process has imported; the caller must not hold threads that a fork would copy mid-work.
    """
    with Pool(task, workers=1, caps=caps, start_method="fork") as pool:
        for _item, result in pool.map([item]):
            return result
    raise AssertionError("unreachable: one item gives one result")
