"""Exports of a record (contract JSON dict) to files: JSON, CSV tables and Akoma Ntoso XML.

Every exporter takes a record dict in the shape of `record-format.md`, so it works on the
parser's output alone as well as on a record read back from the archive.
"""

from __future__ import annotations

FORMATS = ("json", "csv", "akn")
