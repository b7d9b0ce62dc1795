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


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the record as contract JSON.")
@click.option("--language", default=None, help="Override language detection (fr, en, es).")
def parse(file: str, as_json: bool, language: str | None) -> None:
    """Parse FILE (.txt, .docx, .pdf) and print its structured record."""
    from .parse import parse_path
    from .parse.outline import outline

    try:
        record = parse_path(file, language=language)
    except PlenaryError as exc:
        fail(str(exc))
        return
    if as_json:
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(outline(record))


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
            summary = archive.ingest(sources, progress)
            total = archive.count()
    except PlenaryError as exc:
        fail(str(exc))
        return
    for file, reason in summary.failed:
        click.echo(f"plenary: {file}: {reason}", err=True)
    click.echo(f"plenary: {summary}; the demo archive holds {total} meeting(s)")
    if not no_serve:
        _serve(str(path), "127.0.0.1", port)


def _export_one(record: dict, fmt: str, out: Path | None, stem: str) -> list[Path]:
    from .export import akoma_ntoso, csv
    from .export import json as json_export

    module = {"json": json_export, "csv": csv, "akn": akoma_ntoso}[fmt]
    if out is None:
        click.echo(module.dumps(record), nl=False)
        return []
    out.mkdir(parents=True, exist_ok=True)
    return module.write(record, out, stem)


@main.command()
@click.argument("meeting_id", required=False, type=click.IntRange(1))
@click.option("--all", "all_", is_flag=True, help="Export every meeting.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "akn"]), default="json",
              show_default=True, help="Contract JSON, CSV tables, or Akoma Ntoso XML.")
@click.option("--db", default=None, metavar="URL", help="Archive URL or SQLite path.")
@click.option("-o", "--output", type=click.Path(file_okay=False), default=None,
              help="Folder to write into (default: standard output for one JSON/XML meeting,"
                   " else the current folder).")
def export(meeting_id: int | None, all_: bool, fmt: str, db: str | None,
           output: str | None) -> None:
    """Export MEETING_ID (or --all) from the archive as JSON, CSV or Akoma Ntoso."""
    from . import analyse
    from .store import Archive

    if (meeting_id is None) == (not all_):
        fail("give a MEETING_ID or --all (not both)")
        return
    try:
        archive = Archive.open(db, readonly=True)
    except PlenaryError as exc:
        fail(str(exc))
        return
    with archive:
        ids = [m["id"] for m in analyse.meetings(archive)] if all_ else [meeting_id]
        out = Path(output) if output else None
        if out is None and (all_ or fmt == "csv"):
            out = Path.cwd()
        for mid in ids:
            record = analyse.meeting(archive, mid)
            if record is None:
                fail(f"no meeting {mid} in {archive.url}")
                return
            for path in _export_one(record, fmt, out, f"meeting-{mid}"):
                click.echo(str(path), err=True)


# --- ingest, search (the archive side) ---------------------------------------------------------

DB_HELP = "Archive URL (sqlite:///path, postgresql://...) or SQLite path " \
          "(default: $PLENARY_DB, else archive.sqlite in the user data dir)."


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=None, metavar="URL", help=DB_HELP)
def ingest(paths: tuple[str, ...], db: str | None) -> None:
    """Parse and store files and folders (recursively: .txt, .docx, .pdf) in the archive.

    A file already stored is skipped; a changed file replaces its old version; a file that
    cannot be read is reported and skipped. Exits non-zero when any file failed.
    """
    from .store import Archive
    from .store.ingest import collect_files

    files = collect_files(paths)
    try:
        archive = Archive.open(db)
    except PlenaryError as exc:
        fail(str(exc))
        return
    with archive, click.progressbar(length=len(files), label="ingest", file=sys.stderr,
                                    show_pos=True) as bar:
        summary = archive.ingest(files, lambda _path, _status: bar.update(1))
    click.echo(f"plenary: {summary}", err=True)
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
