"""Shared fixtures: where the seeds and their gold annotations live (never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
DATA = Path(__file__).resolve().parent / "data"


def seed_path(prefix: str) -> Path:
    """The seed file whose name starts with `prefix` ("000", "002")."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not found under {SEEDS}")
    return found[0]


@pytest.fixture(params=["000", "002"])
def seed(request: pytest.FixtureRequest) -> Path:
    return seed_path(request.param)


# --- Records for the web and export tests ----------------------------------------------------
# Full contract records built from the gold annotations plus the seed's paragraph text (the gold
# files carry only the annotated fields), and one small hand-written record whose text holds
# markup that must come out escaped.

_SEED_HEADERS = {
    "000": {"symbol": "C17/124", "body": "council", "session": "Council 2017", "number": 7,
            "title": "Compte rendu de la septième séance plénière", "date": "2017-05-19",
            "start": "09:35", "end": "12:30", "chairs": [], "original_language": "fr"},
    "002": {"symbol": "PP-18/170", "body": "plenipotentiary", "session": "PP-18", "number": 17,
            "title": "Compte rendu de la dix-septième séance plénière", "date": "2018-11-15",
            "start": "14:40", "end": "05:25", "chairs": [], "original_language": "fr"},
}


def _seed_texts(path: Path) -> dict[str, str]:
    import re

    texts: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"\[bookmark: [^\]]*\]|\[footnoteRef:\d+\]|\s\[\d+:\s.*\]\s*$", "", line)
        m = re.match(r"\s*(\d+\.\d+)\t(.*)", line)
        if m:
            texts[m.group(1)] = m.group(2).strip()
    return texts


def gold_record(prefix: str) -> dict:
    """The gold annotation of seed `prefix` completed into a full contract record."""
    import copy
    import hashlib
    import json

    seed = seed_path(prefix)
    gold = json.loads((GOLD / f"{prefix}.json").read_text(encoding="utf-8"))
    texts = _seed_texts(seed)
    record = {
        "schema": "plenary/record@1",
        "source": {"name": seed.name, "sha256": hashlib.sha256(seed.read_bytes()).hexdigest(),
                   "format": "txt"},
        "language": "fr",
        "meeting": copy.deepcopy(_SEED_HEADERS[prefix]),
        "items": gold["items"], "events": gold["events"],
        "signatories": gold["signatories"], "warnings": [],
    }
    for item in record["items"]:
        for para in item["paragraphs"]:
            para.pop("_note", None)
            para["text"] = texts.get(para["number"] or "", "")
            para.setdefault("footnotes", [])
    return record


def _actor(kind: str, **kw: object) -> dict:
    base = {"kind": kind, "country": None, "id": None, "role": None, "count": None, "name": None,
            "on_behalf_of": [], "supported_by": []}
    base.update(kw)
    return base


def markup_record() -> dict:
    """A small English record whose text carries `<script>` and `&` (must appear escaped)."""
    resolution = {"kind": "resolution", "number": "130", "revised": True, "place": "Dubai",
                  "year": 2018, "draft": True, "suppressed": False,
                  "label": "Resolution 130 (Rev. Dubai, 2018)"}
    return {
        "schema": "plenary/record@1",
        "source": {"name": "markup.txt", "sha256": "ab" * 32, "format": "txt"},
        "language": "en",
        "meeting": {"symbol": "C19/99", "body": "council", "session": "Council 2019", "number": 3,
                    "title": "Summary record <b>of</b> the third Plenary Meeting",
                    "date": "2019-06-11", "start": "09:30", "end": "12:40",
                    "chairs": [_actor("official", role="chair", name="A. <i>Chair</i>")],
                    "original_language": "en"},
        "items": [{
            "number": "1", "title": "Security <script>alert('item')</script> matters",
            "continued": False, "documents": ["C19/55"], "texts": [resolution],
            "paragraphs": [
                {"number": "1.1",
                 "text": "The councillor of Canada <script>alert('x')</script> said that "
                         "cybersecurity & trust matter for Resolution 130.",
                 "speakers": [_actor(
                     "delegation", country="CAN", role="councillor",
                     on_behalf_of=[_actor("organization", id="CITEL")],
                     supported_by=[_actor("delegation", country="DNK", role="councillor"),
                                   _actor("delegation", country="MEX", role="councillor")])],
                 "documents": ["C19/55"], "texts": [resolution], "outcomes": [],
                 "footnotes": []},
                {"number": "1.2", "text": "The draft resolution, as amended, was approved.",
                 "speakers": [_actor("official", role="chair")], "documents": [],
                 "texts": [resolution],
                 "outcomes": [{"kind": "approved",
                               "objects": ["Resolution 130 (Rev. Dubai, 2018)", "C19/55"],
                               "reading": "first", "as_amended": True, "conditional": False,
                               "refers_to": None, "person": None, "post": None, "method": None,
                               "votes": None}],
                 "footnotes": []},
            ]}],
        "events": [{"kind": "suspended", "at": "11:00", "after_paragraph": "1.1"},
                   {"kind": "resumed", "at": "11:20", "after_paragraph": "1.1"},
                   {"kind": "closed", "at": "12:40", "after_paragraph": "1.2"}],
        "signatories": [_actor("official", role="secretary-general", name="H. <u>ZHAO</u>")],
        "warnings": [],
    }


@pytest.fixture(scope="session")
def web_records() -> list[dict]:
    """The records the web and export tests store: both seeds' gold, and the markup record."""
    return [gold_record("000"), gold_record("002"), markup_record()]


def build_archive(path: Path, records: list[dict]) -> str:
    """A SQLite archive at `path` holding `records`; returns its URL."""
    from plenary.record import Record
    from plenary.store import Archive

    url = f"sqlite:///{path}"
    with Archive.open(url) as archive:
        for record in records:
            archive.add_record(Record.from_dict(record))
    return url


@pytest.fixture(scope="session")
def web_archive(tmp_path_factory: pytest.TempPathFactory, web_records: list[dict]) -> str:
    """URL of a SQLite archive holding `web_records` (built once per test session)."""
    return build_archive(tmp_path_factory.mktemp("web") / "archive.sqlite", web_records)


@pytest.fixture(scope="session")
def make_record():
    """A factory of fresh record dicts: `make_record("000")`, `("002")`, `("markup")`."""

    def make(name: str) -> dict:
        return markup_record() if name == "markup" else gold_record(name)

    return make


# --- the archive on both backends (store and analyse tests) -----------------------------------
# `store_url` is parametrised over a real SQLite file and a real PostgreSQL server started for
# the session (initdb into a temporary folder; see plenary/store/pgtemp.py).

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the whole session (None when it cannot start)."""
    from plenary.store.pgtemp import PostgresUnavailable, TempPostgres

    try:
        server = TempPostgres().start()
    except PostgresUnavailable as exc:
        yield exc
        return
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a new empty archive database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'archive.sqlite'}"
    server = request.getfixturevalue("pg_server")
    if isinstance(server, Exception):
        pytest.fail(f"PostgreSQL tests need a server: {server}")
    return server.create_database()


@pytest.fixture
def store(store_url: str):
    """An open, empty archive on each backend."""
    from plenary.store import Archive

    with Archive.open(store_url) as archive:
        yield archive


def record_of(prefix: str, **meeting: object):
    """A Record from the gold annotation of seed `prefix`, header fields overridden."""
    from plenary.record import Record

    data = gold_record(prefix)
    data["meeting"].update(meeting)
    return Record.from_dict(data)


def varied_record(prefix: str, i: int, **meeting: object):
    """A gold record made distinct: its own source name and sha256, meeting number and date."""
    import hashlib

    record = record_of(prefix, number=1000 + i, date=f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}",
                       **meeting)
    record.source.name = f"{prefix}-{i:04d}.txt"
    record.source.sha256 = hashlib.sha256(f"{prefix}/{i}".encode()).hexdigest()
    return record


@pytest.fixture(scope="session")
def ids_by_symbol(web_archive: str) -> dict[str, int]:
    """Meeting ids of `web_archive` by record symbol."""
    from plenary import analyse
    from plenary.store import Archive

    with Archive.open(web_archive, readonly=True) as archive:
        return {m["symbol"]: m["id"] for m in analyse.meetings(archive)}


@pytest.fixture(scope="module")
def client(web_archive: str):
    """A test client of the web app over the test archive (one per test module)."""
    from fastapi.testclient import TestClient

    from plenary.web import create_app

    with TestClient(create_app(web_archive)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(client) -> dict[str, int]:
    """Meeting ids by record symbol."""
    return {m["symbol"]: m["id"] for m in client.get("/api/meetings").json()["meetings"]}


# --- shared by the migration tests -------------------------------------------------------------

# The columns the writer filled before migration 0004 (meetings, versions, sources).
OLD_MEETING_COLUMNS = ("id", "symbol", "body", "session", "number", "title", "date", "start",
                       "end", "language", "source_name", "sha256", "format", "record_json",
                       "ingested_at")


@pytest.fixture
def old_writer(monkeypatch: pytest.MonkeyPatch):
    """The writer as it was before 0004: meeting rows without sitting or version columns."""
    from plenary.store import writer

    monkeypatch.setitem(writer._COLUMNS, "meetings", OLD_MEETING_COLUMNS)
    monkeypatch.setattr(writer, "_SQL", {})
    yield writer


# --- a real server, for the browser tests ------------------------------------------------------

def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_archive: str):
    """A real uvicorn server over the web archive on a free localhost port, in a thread."""
    import threading
    import time

    import uvicorn

    from plenary.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(web_archive), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait until it listens (bounded)
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


# --- a real browser over that server (Debian's Chromium driven by Playwright) -----------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module (skips when /usr/bin/chromium is not installed)."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server: str):
    """A 1280 px wide page on `server`; `page.errors` collects console errors and script errors
    (a Content-Security-Policy violation is a console error)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  accept_downloads=True, base_url=server)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    context.close()


def open_at(page, width: int, path: str) -> None:
    """Open `path` with the viewport `width` px wide (and let its charts draw)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path, wait_until="networkidle")


def assert_fits(page, width: int) -> None:
    """The document never scrolls sideways; wide tables scroll inside their own wrapper."""
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width + 1, f"{page.url} scrolls sideways at {width} px ({scroll} px wide)"


def english_version(record, i: int):
    """The same meeting's record stored again as its English version (another source, not
    the reference): a second language of one meeting, for paging and benchmark archives."""
    from plenary.record import Record

    copy = Record.from_dict(record.to_dict())
    copy.language = "en"
    copy.source.name = f"en-{copy.source.name}"
    copy.source.sha256 = f"{i:064x}"
    return copy
