"""A .docx package (a zip of XML parts) read within limits.

Nothing in the zip's headers is trusted: the number of parts is counted before the archive is
opened, every part's declared size is checked before anything is inflated, and each part read
is inflated through a stream that stops at the cap. XML is parsed by lxml without entity
resolution, DTDs, network access or libxml2's "huge" mode (so no part nests past 256 levels).
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from .limits import (
    MAX_DEPTH,
    MAX_ELEMENTS,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_TOTAL_BYTES,
    Deadline,
    Refused,
    mb,
)

R_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
CENTRAL_ENTRY = b"PK\x01\x02"  # the signature every central-directory entry starts with


def _reason(exc: BaseException) -> str:
    """An exception's message on one line."""
    return " ".join(str(exc).split()) or type(exc).__name__


def xml_parser() -> etree.XMLParser:
    """The one way a part is parsed: no entities, no DTD, no network, no huge tree."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, remove_blank_text=True)


class Package:
    """The parts of a zip archive, read and parsed on demand within the limits."""

    def __init__(self, data: bytes, deadline: Deadline) -> None:
        # zipfile builds an object per central-directory entry: count them first.
        if data.count(CENTRAL_ENTRY) > MAX_PARTS:
            raise Refused(f".docx has more than {MAX_PARTS} parts")
        self.deadline = deadline
        self.zip = zipfile.ZipFile(io.BytesIO(data))  # BadZipFile for the caller
        infos = self.zip.infolist()
        if len(infos) > MAX_PARTS:
            raise Refused(f".docx has more than {MAX_PARTS} parts")
        for info in infos:
            if info.file_size > MAX_PART_BYTES:
                raise Refused(f".docx part {info.filename} expands past {mb(MAX_PART_BYTES)}")
        if sum(info.file_size for info in infos) > MAX_TOTAL_BYTES:
            raise Refused(f".docx parts expand past {mb(MAX_TOTAL_BYTES)} in all")
        self.names = {info.filename for info in infos}
        self.inflated = 0

    def blob(self, name: str) -> bytes:
        """A part's bytes, inflated through a stream capped at MAX_PART_BYTES."""
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zip.open(name) as f:
                while chunk := f.read(1 << 20):
                    size += len(chunk)
                    self.inflated += len(chunk)
                    if size > MAX_PART_BYTES:
                        raise Refused(f".docx part {name} expands past {mb(MAX_PART_BYTES)}")
                    if self.inflated > MAX_TOTAL_BYTES:
                        raise Refused(f".docx parts expand past {mb(MAX_TOTAL_BYTES)} in all")
                    chunks.append(chunk)
                    self.deadline.check()
        except Exception as exc:  # noqa: BLE001 - BadZipFile, zlib.error, encrypted, ...
            raise Refused(f"broken .docx: part {name} is damaged ({_reason(exc)})") from None
        return b"".join(chunks)

    def xml(self, name: str) -> etree._Element:
        """A part parsed as XML, its element count bounded before the tree is built."""
        blob = self.blob(name)
        # every element, comment and PI opens with "<" (not "</"): an upper bound on elements
        if blob.count(b"<") - blob.count(b"</") > MAX_ELEMENTS:
            raise Refused(f".docx part {name} has more than {MAX_ELEMENTS} XML elements")
        try:
            root = etree.fromstring(blob, xml_parser())
        except etree.XMLSyntaxError as exc:
            if "depth" in str(exc).lower():
                raise Refused(f".docx part {name} nests elements more than {MAX_DEPTH} levels "
                              "deep") from None
            raise Refused(f"broken .docx: invalid XML in {name} ({_reason(exc)})") from None
        if root is None:
            raise Refused(f"broken .docx: part {name} is empty")
        return root

    def rels(self, part: str) -> dict[str, list[str]]:
        """The internal targets `part` relates to, by relationship type."""
        rels_name = posixpath.join(posixpath.dirname(part), "_rels",
                                   posixpath.basename(part) + ".rels")
        out: dict[str, list[str]] = {}
        if rels_name not in self.names:
            return out
        for rel in self.xml(rels_name):
            target = rel.get("Target") or ""
            if not isinstance(rel.tag, str) or rel.get("TargetMode") == "External" or not target:
                continue
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
            out.setdefault(rel.get("Type") or "", []).append(resolved)
        return out

    def related(self, part: str, reltypes: str | tuple[str, ...]
                ) -> tuple[str, etree._Element | None]:
        """(name, parsed root) of the part that `part` relates to by one of `reltypes`;
        ("", None) when there is none."""
        types = (reltypes,) if isinstance(reltypes, str) else reltypes
        rels = self.rels(part)
        for t in types:
            for target in rels.get(t, []):
                if target in self.names:
                    return target, self.xml(target)
        return "", None

    def main_part(self) -> str | None:
        """The main document part's name: the package's officeDocument, or word/document.xml."""
        for t in R_OFFICE_DOCUMENT:
            for target in self.rels("").get(t, []):
                if target in self.names:
                    return target
        return "word/document.xml" if "word/document.xml" in self.names else None
