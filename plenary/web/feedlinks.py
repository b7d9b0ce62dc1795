"""Which feed a page announces (`<link rel="alternate" type="application/atom+xml">`)."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode


def feed_for(path: str, query: str = "") -> str | None:
    """The feed URL a page at `path` (with `query`) announces, or None."""
    args = dict(parse_qsl(query))
    if path == "/decisions":
        return "/feeds/decisions.atom"
    if path.startswith("/delegations/") and path.count("/") == 2:
        return f"/feeds/delegations/{quote(path.rsplit('/', 1)[1])}.atom"
    if path == "/texts" and args.get("label"):
        return "/feeds/texts.atom?" + urlencode({"label": args["label"]})
    if path == "/search" and args:
        kept = {k: v for k, v in args.items() if k not in ("limit", "offset") and v}
        return "/feeds/search.atom?" + urlencode(kept) if kept else None
    return None
