"""Page latency under load: serve an archive with uvicorn, hit it with concurrent clients.

    .venv/bin/python benchmarks/bench_web.py ARCHIVE [--clients 20] [--seconds 30] [--workers 2]

ARCHIVE is a SQLite path or URL (`benchmarks/bench_archive.py` builds one with 1,000
records). The server runs in a subprocess on a free localhost port (the same `plenary serve`
a user runs); the clients are threads with one httpx client each, asking for meeting pages
and searches (HTML and JSON) until the time is up. Prints p50 / p95 latency per route and
requests per second. Goals: meeting page p95 < 100 ms, search p95 < 50 ms. Localhost only.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

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


def worker(base: str, ids: list[int], until: float, seed: int,
           out: dict[str, list[float]], errors: list[str], lock: threading.Lock,
           budget: list[int]) -> None:
    rnd = random.Random(seed)
    local: dict[str, list[float]] = defaultdict(list)
    with httpx.Client(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            pick = rnd.random()
            if pick < 0.5:
                route, url = "meeting page", f"/meetings/{rnd.choice(ids)}"
            elif pick < 0.8:
                route, url = "search page", f"/search?q={rnd.choice(WORDS)}"
            else:
                route, url = "search api", f"/api/search?q={rnd.choice(WORDS)}&limit=20"
            start = time.perf_counter()
            try:
                response = client.get(url)
                ok = response.status_code == 200
            except httpx.HTTPError as exc:
                ok, response = False, exc
            local[route].append((time.perf_counter() - start) * 1000)
            if not ok:
                errors.append(f"{url}: {getattr(response, 'status_code', response)}")
    with lock:
        for route, values in local.items():
            out[route].extend(values)


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
        out: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()
        budget = [MAX_REQUESTS]
        started = time.monotonic()
        until = started + seconds
        threads = [threading.Thread(target=worker,
                                    args=(base, ids, until, i, out, errors, lock, budget))
                   for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
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
          f"{len(errors)} errors")
    for line in errors[:5]:
        print("  error:", line)


if __name__ == "__main__":
    main()
