"""The web UI and JSON API over an archive: `create_app(archive_url)` returns the FastAPI app."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
