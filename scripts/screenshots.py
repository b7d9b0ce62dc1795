"""Screenshots of the web UI's pages at desktop and phone widths, for review and release notes.

    .venv/bin/python scripts/screenshots.py --db sqlite:///archive.sqlite --out shots/ \
        /network /delegations/KEN "/texts?label=Resolution 130" /people

Serves the archive with uvicorn on a free local port, opens each path in Debian's Chromium
(driven by Playwright) at 1280 and 375 px wide, and writes one full-page PNG per path and
width. Prints each file with the page's title and the script errors it logged (none expected).
"""

from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = (1280, 375)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str, port: int) -> subprocess.Popen:
    """`plenary serve` on `port`, once it answers."""
    proc = subprocess.Popen([sys.executable, "-m", "plenary", "serve", "--db", db,
                             "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("screenshots: the server did not start")


def file_name(path: str, width: int) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "home"
    return f"{slug}-{width}.png"


def shoot(base: str, paths: list[str], out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900},
                                          base_url=base)
            for path in paths:
                page = context.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.goto(path, wait_until="networkidle")
                target = out / file_name(path, width)
                page.screenshot(path=str(target), full_page=True)
                print(f"{target}  {page.title()!r}  errors: {errors or 'none'}")
                page.close()
            context.close()
        browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", type=Path, default=Path("shots"))
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = serve(args.db, port)
    try:
        shoot(f"http://127.0.0.1:{port}", args.paths, args.out)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
