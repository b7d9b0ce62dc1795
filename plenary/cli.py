"""The `plenary` command: thin wrappers over read, parse, store, serve and export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import PlenaryError


def fail(message: str) -> None:
    """Print one line on standard error and exit non-zero."""
    click.echo(f"plenary: {message}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="plenary")
def main() -> None:
    """Parse, store, explore and analyse summary records of intergovernmental meetings."""


def identity_options(command):
    """--symbol, --session, --body, --date: who a record without a header is."""
    for name, meaning in reversed([
        ("symbol", "The meeting's document symbol (C17/124), for a record without a header."),
        ("session", "The session (C17, PP-18), for a record without a header."),
        ("body", "The body (council, plenipotentiary, ...), for a record without a header."),
        ("date", "The meeting's date (YYYY-MM-DD), for a record without a header."),
    ]):
        command = click.option(f"--{name}", f"given_{name}", default=None, help=meaning)(command)
    return command


def given_identity(language: str | None, **given: str | None):  # -> store.identity.Identity
    """What the user said of the records' identity, or None when nothing was said."""
    fields = {key.removeprefix("given_"): value for key, value in given.items()}
    if not any(fields.values()) and not language:
        return None  # before importing the archive's modules: `parse` needs none of them
    from .store.identity import Identity

    return Identity(language=language, origin="given", **fields)


def with_identity(record, identity):  # (Record, Identity | None) -> Record
    """The record with the header fields it lacks filled in from the given identity."""
    if identity is None:
        return record
    meeting = record.meeting
    for name in ("symbol", "session", "body", "date"):
        if getattr(meeting, name) is None and getattr(identity, name):
            setattr(meeting, name, getattr(identity, name))
    return record


CAP_HELP = "Seconds a file may take (default: 20, plus 2 per MB of the file)."
MEMORY_HELP = "Megabytes of memory one file may use."


def caps_for(path: str | Path, seconds: float | None, megabytes: int):  # -> isolate.Caps
    """The caps of one file: a generous time for its size, unless given."""
    from .isolate import Caps

    if seconds is None:
        try:
            size_mb = Path(path).stat().st_size / 1e6
        except OSError:
            size_mb = 0.0
        seconds = 20.0 + 2.0 * min(size_mb, 100.0)
    return Caps(seconds=seconds, megabytes=megabytes)


def render_record(record, as_json: bool) -> bytes:  # record: plenary.record.Record
    """The record as contract JSON or as a readable outline, in UTF-8 (bytes cross from the
    worker process and reach the terminal without a decoding and an encoding on the way)."""
    if as_json:
        import orjson

        try:  # straight from the dataclasses, whose fields are in the contract's order
            return orjson.dumps(record, option=orjson.OPT_INDENT_2)
        except orjson.JSONEncodeError:  # an integer past 64 bits: the standard library has none
            return json.dumps(record.to_dict(), ensure_ascii=False, indent=2).encode()
    from .parse.outline import outline

    return outline(record).encode()


@main.command()
@click.argument("file", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the record as contract JSON.")
@click.option("--language", default=None, help="Override language detection (fr, en, es, ...).")
@click.option("--timeout", "seconds", type=click.FloatRange(min=0.1), default=None,
              help=CAP_HELP)
@click.option("--max-memory", "megabytes", type=click.IntRange(min=64), default=1536,
              show_default=True, help=MEMORY_HELP)
@click.option("--explain", is_flag=True,
              help="List, per paragraph, each mention that produced no fact, and why.")
@identity_options
def parse(file: str, as_json: bool, language: str | None, seconds: float | None,
          megabytes: int, explain: bool, **given: str | None) -> None:
    """Parse FILE (.txt, .docx, .pdf) and print its structured record.

    The file is read in a child process under a time and memory cap, so that no file can
    hang the command or exhaust the machine.
    """
    from .isolate import run_capped
    from .parse import parse_path

    identity = given_identity(None, **given)

    def task(path: str) -> bytes:
        record = with_identity(parse_path(path, language=language), identity)
        if explain:
            from .parse.explain import explain as misses
            from .parse.explain import format_misses

            return format_misses(misses(record)).encode()
        return render_record(record, as_json)

    result = run_capped(task, file, caps_for(file, seconds, megabytes))
    if isinstance(result, PlenaryError):
        fail(str(result))
        return
    write_out(result + b"\n")


def write_out(data: bytes) -> None:
    """UTF-8 bytes to standard output as they are (not click.echo: no scan of megabytes of
    JSON for terminal codes), through the text layer when there is no byte layer under it."""
    sys.stdout.flush()
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(data.decode())
        return
    out.write(data)
    out.flush()


# --- serve, demo, export (the web and export side) ---------------------------------------------

def _repo_root() -> Path:
    return Path(__file__).resolve().parents[1]


def _serve(db: str | None, host: str, port: int, workers: int = 1) -> None:
    """Serve the archive at `db` read-only with uvicorn until interrupted."""
    import os

    import uvicorn

    from .web import create_app

    try:
        app = create_app(db, readonly=True)  # opened here too, so errors show at once
    except PlenaryError as exc:
        fail(str(exc))
        return
    click.echo(f"plenary: serving {app.state.archive.url} read-only on http://{host}:{port}/")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"plenary: listening on {host}: reachable from other machines", err=True)
    if workers > 1:
        app.state.archive.close()
        if db:
            os.environ["PLENARY_DB"] = db
        uvicorn.run("plenary.web.app:app_from_env", factory=True, workers=workers, host=host,
                    port=port, log_level="warning")
    else:
        uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command()
@click.option("--db", default=None, metavar="URL",
              help="Archive URL or SQLite path (default: $PLENARY_DB, else the user data dir).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (localhost unless told otherwise).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (one per CPU core serves the most requests).")
def serve(db: str | None, host: str, port: int, workers: int) -> None:
    """Serve the web UI and the JSON API over an archive, read-only."""
    _serve(db, host, port, workers)


def demo_sources() -> list[Path]:
    """The sample records in `samples/`, plus the seeds when `../shared/seeds` exists."""
    root = _repo_root()
    sources = [p for p in (root / "samples", Path.cwd() / "samples") if p.is_dir()]
    seeds = root.parent / "shared" / "seeds"
    if seeds.is_dir():
        sources.append(seeds)
    return list(dict.fromkeys(p.resolve() for p in sources))


@main.command()
@click.option("--db", default=None, type=click.Path(dir_okay=False), metavar="PATH",
              help="SQLite file to build (default: demo.sqlite in the user data dir).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Build the archive and stop.")
def demo(db: str | None, port: int, no_serve: bool) -> None:
    """Build a fresh demo archive from the samples (and the seeds), then serve it."""
    import platformdirs

    from .store import Archive
    from .store import ingest as store_ingest

    path = Path(db) if db else Path(platformdirs.user_data_dir("plenary")) / "demo.sqlite"
    path = path.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    sources = demo_sources()
    if not sources:
        fail("no samples/ folder and no ../shared/seeds to build a demo from")
        return

    def progress(file: Path, status: str) -> None:
        click.echo(f"  {status:9} {file.name}")

    click.echo(f"plenary: building {path} from {', '.join(str(s) for s in sources)}")
    try:
        with Archive.open(str(path)) as archive:
            summary = store_ingest.ingest(archive, sources, progress)
            total = archive.count()
    except PlenaryError as exc:
        fail(str(exc))
        return
    for file, reason in summary.failed:
        click.echo(f"plenary: {file}: {reason}", err=True)
    click.echo(f"plenary: {summary}; the demo archive holds {total} meeting(s)")
    if not no_serve:
        _serve(str(path), "127.0.0.1", port)


@main.command()
@click.argument("meeting_id", required=False, type=click.IntRange(1))
@click.option("--all", "all_", is_flag=True, help="Export every meeting.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "akn", "popolo"]),
              default="json", show_default=True,
              help="Contract JSON, CSV tables, Akoma Ntoso XML (one per version), or Popolo JSON.")
@click.option("--db", default=None, metavar="URL", help="Archive URL or SQLite path.")
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="Folder to write into (default: standard output for one JSON/XML meeting,"
                   " else the current folder).")
def export(meeting_id: int | None, all_: bool, fmt: str, db: str | None,
           output: str | None) -> None:
    """Export MEETING_ID (or --all) from the archive as JSON, CSV, Akoma Ntoso or Popolo."""
    from .export import run
    from .store import Archive

    if (meeting_id is None) == (not all_):
        fail("give a MEETING_ID or --all (not both)")
        return
    out = Path(output) if output else None
    if out is None and ((all_ and fmt != "popolo") or fmt == "csv"):
        out = Path.cwd()
    try:
        with Archive.open(db, readonly=True) as archive, click.progressbar(
                length=run.total(archive, meeting_id), label="export", file=sys.stderr,
                show_pos=True) as bar:
            paths = run.export(archive, fmt, meeting_id, out, lambda: bar.update(1))
    except PlenaryError as exc:
        fail(str(exc))
        return
    for path in paths:
        click.echo(str(path), err=True)


# --- ingest, search (the archive side) ---------------------------------------------------------

DB_HELP = "Archive URL (sqlite:///path, postgresql://...) or SQLite path " \
          "(default: $PLENARY_DB, else archive.sqlite in the user data dir)."


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--language", default=None, help="The records' language, where detection fails.")
@identity_options
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Parsing processes (default: one per core; 0 parses in this process).")
@click.option("--timeout", "seconds", type=click.FloatRange(min=0.1), default=120.0,
              show_default=True, help="Seconds one file may take to parse.")
@click.option("--max-memory", "megabytes", type=click.IntRange(min=64), default=1536,
              show_default=True, help=MEMORY_HELP)
def ingest(paths: tuple[str, ...], db: str | None, language: str | None, workers: int | None,
           seconds: float, megabytes: int, **given: str | None) -> None:
    """Parse and store files and folders (recursively: .txt, .docx, .pdf) in the archive.

    Each file is parsed in a worker process under a time and memory cap. A file already
    stored is skipped; the language versions of one meeting are grouped into it; a file that
    cannot be read (and every link loop, FIFO or unreadable file met in a folder) is reported
    on its own line. Exits non-zero when any file failed.
    """
    from .isolate import Caps
    from .store import Archive
    from .store import ingest as store_ingest
    from .walk import walk

    found = walk(paths)
    try:
        archive = Archive.open(db)
    except PlenaryError as exc:
        fail(str(exc))
        return
    with archive, click.progressbar(length=len(found.files) + len(found.problems),
                                    label="ingest", file=sys.stderr, show_pos=True) as bar:
        summary = store_ingest.ingest(
            archive, paths, lambda _path, _status: bar.update(1),
            identity=given_identity(language, **given), workers=workers,
            caps=Caps(seconds=seconds, megabytes=megabytes))
    click.echo(f"plenary: {summary}", err=True)
    for line in summary.report():
        click.echo(f"plenary: {line}", err=True)
    for path, reason in summary.failed:
        click.echo(f"plenary: {path}: {reason}", err=True)
    if summary.failed:
        sys.exit(1)


def _actor_label(actor: dict) -> str:
    who = actor.get("country") or actor.get("id") or actor.get("name") or actor.get("kind")
    if actor.get("kind") == "collective":
        who = f"{actor.get('count')} {actor.get('role')}s"
    elif actor.get("kind") == "official":
        who = " ".join(x for x in (actor.get("role"), actor.get("id")) if x)
    groups = [b.get("id") or b.get("country") for b in actor.get("on_behalf_of", [])]
    return f"{who} (for {', '.join(g for g in groups if g)})" if any(groups) else str(who)


@main.command()
@click.argument("query")
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
@click.option("--meeting", type=int, default=None, help="A meeting id.")
@click.option("--country", default=None, help="ISO3 code of a speaker.")
@click.option("--group", default=None, help="Organisation or group id (CEPT, african-group).")
@click.option("--kind", default=None, help="Outcome kind (adopted, approved, ...).")
@click.option("--reading", default=None, help="first, second, first-and-second.")
@click.option("--text", "text_label", default=None, help="A text label.")
@click.option("--from", "date_from", default=None, help="Meetings on or after (YYYY-MM-DD).")
@click.option("--to", "date_to", default=None, help="Meetings on or before (YYYY-MM-DD).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def search(query: str, db: str | None, meeting: int | None, country: str | None,
           group: str | None, kind: str | None, reading: str | None, text_label: str | None,
           date_from: str | None, date_to: str | None, limit: int) -> None:
    """Search the archive's paragraphs (accents, case and word forms ignored)."""
    from . import analyse
    from .store import Archive

    try:
        archive = Archive.open(db, readonly=True)
    except PlenaryError as exc:
        fail(str(exc))
        return
    with archive:
        found = analyse.search(
            archive, query, meeting=meeting, country=country, group=group, kind=kind,
            reading=reading, text=text_label, date_from=date_from, date_to=date_to, limit=limit,
        )
    for r in found["results"]:
        m = r["meeting"]
        where = m["symbol"] or m["title"] or f"meeting {m['id']}"
        speakers = "; ".join(_actor_label(a) for a in r["speakers"])
        click.echo(f"{where} [{m['id']}] {m['date'] or ''} §{r['number'] or '-'}"
                   + (f" — {speakers}" if speakers else ""))
        snippet = "".join(f"[{s['text']}]" if s["hit"] else s["text"] for s in r["snippet"])
        click.echo(f"    {snippet}")
    click.echo(f"{found['total']} result(s)", err=True)


if __name__ == "__main__":
    main()
