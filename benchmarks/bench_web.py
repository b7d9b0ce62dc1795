"""Page latency under load: serve an archive with uvicorn, hit it with concurrent clients.

    .venv/bin/python benchmarks/bench_web.py ARCHIVE [--clients 20] [--seconds 30] [--workers 2]

ARCHIVE is a SQLite path or URL (`benchmarks/bench_archive.py` builds one with 1,000
records). The server runs in a subprocess on a free localhost port (the same `plenary serve`
a user runs). The clients are cheap, so that they do not starve the server they measure on
a small machine: one asyncio task each, in one process, over a kept-alive HTTP/1.1
connection written and read with plain asyncio streams (a few tens of microseconds of CPU
a request, where a thread with an httpx client costs about a millisecond). They ask for
meeting pages and searches (HTML and JSON) until the time is up. Prints p50 / p95 latency
per route and requests per second. Goals: meeting page p95 < 100 ms, search p95 < 50 ms.
Localhost only.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

WORDS = ["résolution", "conseil", "délégué", "cybersécurité", "Internet", "budget", "adopté",
         "CEPT", "Afrique", "rapport", "propose", "document", "amendement", "plénière"]
GOALS = {"meeting page": 100.0, "search page": 50.0, "search api": 50.0}
MAX_REQUESTS = 1_000_000  # a hard bound on the loop, whatever the duration


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int) -> subprocess.Popen:
    argv = ["plenary", "serve", "--db", db, "--port", str(port), "--workers", str(workers)]
    code = f"import sys; from plenary.cli import main; sys.argv = {argv!r}; main()"
    root = Path(__file__).resolve().parents[1]
    return subprocess.Popen([sys.executable, "-c", code], cwd=root)


def wait_until_up(base: str, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with status {proc.returncode}")
        try:
            if httpx.get(base + "/api/meetings", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("server did not start")


class Connection:
    """One kept-alive HTTP/1.1 connection to the server: GET, read the whole answer."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        """The status of GET `path` (the body is read and dropped); reconnects if needed."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                          "Accept-Encoding: identity\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length, close = None, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        if length is None:
            raise RuntimeError(f"{path}: no Content-Length in the answer")
        await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def client(port: int, ids: list[int], until: float, seed: int,
                 out: dict[str, list[float]], errors: list[str], budget: list[int]) -> None:
    rnd = random.Random(seed)
    conn = Connection(port)
    try:
        while time.monotonic() < until and budget[0] > 0:
            budget[0] -= 1
            pick = rnd.random()
            if pick < 0.5:
                route, url = "meeting page", f"/meetings/{rnd.choice(ids)}"
            elif pick < 0.8:
                route, url = "search page", f"/search?q={quote(rnd.choice(WORDS))}"
            else:
                route, url = "search api", f"/api/search?q={quote(rnd.choice(WORDS))}&limit=20"
            start = time.perf_counter()
            try:
                status = await asyncio.wait_for(conn.get(url), timeout=30)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, RuntimeError,
                    ValueError) as exc:
                status = None
                errors.append(f"{url}: {type(exc).__name__}")
                await conn.close()
            out[route].append((time.perf_counter() - start) * 1000)
            if status is not None and status != 200:
                errors.append(f"{url}: {status}")
    finally:
        await conn.close()


async def load(port: int, ids: list[int], clients: int, seconds: float
               ) -> tuple[dict[str, list[float]], list[str], float]:
    out: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    budget = [MAX_REQUESTS]
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(client(port, ids, until, i, out, errors, budget)
                           for i in range(clients)))
    return out, errors, time.monotonic() - started


def run(coro: Any) -> Any:
    """Run the clients on uvloop when it is there (uvicorn's own loop), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("archive", help="SQLite path or database URL")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    args = parser.parse_args()
    clients = max(1, min(args.clients, 100))
    seconds = max(1.0, min(args.seconds, 600.0))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(args.archive, port, max(1, min(args.workers, 8)))
    try:
        wait_until_up(base, proc)
        ids = [m["id"] for m in httpx.get(base + "/api/meetings", timeout=60).json()["meetings"]]
        if not ids:
            raise SystemExit("the archive holds no meeting")
        for url in ("/", f"/meetings/{ids[0]}", "/search?q=conseil"):  # warm up
            httpx.get(base + url, timeout=60)
        print(f"{len(ids)} meetings; {clients} clients for {seconds:.0f} s on {base} "
              f"({args.workers} server worker(s))")
        cpu = time.process_time()
        out, errors, elapsed = run(load(port, ids, clients, seconds))
        cpu = time.process_time() - cpu
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()

    total = sum(len(v) for v in out.values())
    print(f"{'route':14} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}  goal")
    for route in ("meeting page", "search page", "search api"):
        values = out.get(route, [])
        if not values:
            continue
        p95 = pct(values, 95)
        goal = GOALS.get(route)
        verdict = "" if goal is None else f"p95 < {goal:.0f} ms: {'ok' if p95 < goal else 'MISSED'}"
        print(f"{route:14} {len(values):9d} {pct(values, 50):8.1f} {p95:8.1f} "
              f"{statistics.fmean(values):8.1f}  {verdict}")
    print(f"total {total} requests in {elapsed:.1f} s: {total / elapsed:.1f} requests/s; "
          f"{len(errors)} errors; the clients used {100 * cpu / elapsed:.0f}% of one core")
    for line in errors[:5]:
        print("  error:", line)


if __name__ == "__main__":
    main()
