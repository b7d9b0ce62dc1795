"""Parse throughput on the seeds (repeated to a few MB), beside spaCy's fr_core_news_sm.

Prints MB/s and records/s for plenary on one core, then the same text through spaCy's small
French pipeline (what a user would otherwise try), with how many of the speaking delegations'
countries (speakers, supporters, on-behalf-of in the gold annotations) each one finds.

    .venv/bin/python benchmarks/bench_parse.py [--mb 3] [--lang fr|en|es]
spaCy is optional: `pip install -e .[bench]` installs it and its French model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from plenary.gazetteer import gazetteer  # noqa: E402
from plenary.parse import parse_bytes  # noqa: E402


def sources(lang: str) -> list[tuple[str, bytes]]:
    if lang == "fr":
        paths = sorted((SHARED / "seeds").glob("*.txt"))
    else:
        paths = sorted((ROOT / "tests" / "data" / lang).glob("0*.txt"))
    return [(p.name, p.read_bytes()) for p in paths]


def gold_countries() -> dict[str, set[tuple[str, str]]]:
    """(paragraph, ISO3) of every delegation that speaks, supports or is represented."""
    out: dict[str, set[tuple[str, str]]] = {}
    for path in sorted((SHARED / "gold").glob("*.json")):
        found: set[tuple[str, str]] = set()
        for item in json.loads(path.read_text(encoding="utf-8"))["items"]:
            for p in item["paragraphs"]:
                stack = list(p.get("speakers") or [])
                while stack:
                    a = stack.pop()
                    if a.get("country"):
                        found.add((p["number"], a["country"]))
                    stack += a.get("on_behalf_of") or []
                    stack += a.get("supported_by") or []
        out[path.stem] = found
    return out


def plenary_countries(record: dict) -> set[tuple[str, str]]:
    found = set()
    for item in record["items"]:
        for p in item["paragraphs"]:
            stack = list(p["speakers"])
            while stack:
                a = stack.pop()
                if a.get("country"):
                    found.add((p["number"], a["country"]))
                stack += a["on_behalf_of"] + a["supported_by"]
    return found


def bench_plenary(docs: list[tuple[str, bytes]], target_mb: float) -> tuple[float, float, int]:
    size = sum(len(b) for _, b in docs)
    rounds = max(1, int(target_mb * 1e6 / size))
    for name, data in docs:  # warm the compiled patterns once
        parse_bytes(data, name)
    start = time.perf_counter()
    for _ in range(rounds):
        for name, data in docs:
            parse_bytes(data, name)
    seconds = time.perf_counter() - start
    return size * rounds / 1e6 / seconds, len(docs) * rounds / seconds, size * rounds


def bench_spacy(docs: list[tuple[str, bytes]]):
    try:
        import spacy
    except ImportError:
        return None
    try:
        nlp = spacy.load("fr_core_news_sm")
    except OSError:
        return None
    from plenary.read import read_bytes

    g = gazetteer()
    found: dict[str, set[tuple[str, str]]] = {}
    total = 0
    start = time.perf_counter()
    for name, data in docs:
        blocks = [b for b in read_bytes(data, name).blocks if b.number and "." in b.number]
        total += sum(len(b.text.encode()) for b in blocks)
        hits: set[tuple[str, str]] = set()
        for block, doc in zip(blocks, nlp.pipe(b.text for b in blocks), strict=True):
            for ent in doc.ents:
                text = ent.text
                for article in ("la ", "le ", "les ", "l'", "l’"):
                    if text.lower().startswith(article):
                        text = text[len(article):]
                iso = g.country_by_name(text, "fr")
                if iso:
                    hits.add((block.number, iso))
        found[name.split("_")[0]] = hits
    seconds = time.perf_counter() - start
    return total / 1e6 / seconds, len(docs) / seconds, found


def recall(found: set, gold: set) -> float:
    return len(found & gold) / len(gold) if gold else 1.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3.0, help="MB of text to parse (repeated)")
    ap.add_argument("--lang", default="fr")
    args = ap.parse_args()
    docs = sources(args.lang)
    mbps, rps, total = bench_plenary(docs, args.mb)
    print(f"plenary  [{args.lang}] {mbps:8.2f} MB/s {rps:9.1f} records/s   "
          f"({total / 1e6:.1f} MB, {len(docs)} records repeated, one core)")
    if args.lang != "fr":
        return
    gold = gold_countries()
    records = {name.split("_")[0]: parse_bytes(data, name).to_dict() for name, data in docs}
    mine = {k: plenary_countries(v) for k, v in records.items()}
    sp = bench_spacy(docs)
    if sp is None:
        print("spaCy: not installed (pip install -e .[bench])")
    else:
        s_mbps, s_rps, s_found = sp
        print(f"spaCy fr_core_news_sm {s_mbps:8.3f} MB/s {s_rps:9.2f} records/s   "
              f"plenary is {mbps / s_mbps:.0f}x faster")
    print("\ndelegations' countries found (speakers, supporters, on behalf of), recall:")
    for name in sorted(gold):
        line = f"  seed {name}: plenary {recall(mine.get(name, set()), gold[name]):.3f}"
        if sp is not None:
            line += f"   spaCy NER {recall(sp[2].get(name, set()), gold[name]):.3f}"
        print(line + f"   ({len(gold[name])} gold pairs)")


if __name__ == "__main__":
    main()
