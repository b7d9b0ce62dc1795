"""pdfminer.six within limits: streams inflate through a cap, object look-ups are counted and
reference chains checked for cycles, font tables and character maps are bounded, and the
interpreter checks the deadline as it goes.

pdfminer decodes streams in `PDFStream.decode` and builds width tables and character maps
with loops whose bounds come from the file. Those entry points are replaced here by bounded
versions that apply while a `Budget` is active (`with Budget(...)`, as the PDF reader does);
outside one, pdfminer behaves as shipped.
"""

from __future__ import annotations

import contextvars
import io
import zlib
from collections.abc import Iterable
from typing import Any

from pdfminer import cmapdb, pdffont, pdftypes
from pdfminer.converter import PDFPageAggregator
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.utils import apply_png_predictor, apply_tiff_predictor, choplist

from .limits import (
    MAX_CMAP_ENTRIES,
    MAX_GLYPHS,
    MAX_LOOKUPS,
    MAX_PDF_BYTES,
    MAX_STREAM_BYTES,
    Deadline,
    Refused,
    mb,
)

CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("pdf_budget", default=None)
IMAGE_FILTERS = (*pdftypes.LITERALS_CCITTFAX_DECODE, *pdftypes.LITERALS_DCT_DECODE,
                 *pdftypes.LITERALS_JBIG2_DECODE, *pdftypes.LITERALS_JPX_DECODE)


class Budget:
    """What reading one PDF may still spend: time, inflated bytes, look-ups and glyphs."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.inflated = 0
        self.lookups = 0
        self.glyphs = 0
        self._token: contextvars.Token | None = None

    def __enter__(self) -> Budget:
        self._token = CURRENT.set(self)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._token is not None:
            CURRENT.reset(self._token)

    def lookup(self) -> None:
        self.lookups += 1
        if self.lookups > MAX_LOOKUPS:
            raise Refused(f"broken .pdf: more than {MAX_LOOKUPS} object look-ups")
        if self.lookups % 1024 == 0:
            self.deadline.check()

    def glyph(self) -> None:
        self.glyphs += 1
        if self.glyphs > MAX_GLYPHS:
            raise Refused(f"PDF has more than {MAX_GLYPHS} characters")
        if self.glyphs % 1024 == 0:
            self.deadline.check()

    def inflate(self, n: int) -> int:
        """Charge `n` inflated bytes; the room left in one stream (its cap, or less)."""
        self.inflated += n
        if self.inflated > MAX_PDF_BYTES:
            raise Refused(f"PDF streams expand past {mb(MAX_PDF_BYTES)} in all")
        self.deadline.check()
        return min(MAX_STREAM_BYTES, MAX_PDF_BYTES - self.inflated)


def _too_big() -> Refused:
    return Refused(f"a PDF stream expands past {mb(MAX_STREAM_BYTES)}")


def inflate(data: bytes, budget: Budget) -> bytes:
    """Flate-decode at most the room left; a damaged stream gives what came before the damage."""
    room = budget.inflate(0)
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, room + 1)
    except zlib.error:
        out = _inflate_damaged(data, room)
    if len(out) > room:
        raise _too_big()
    budget.inflate(len(out))
    return out


def _inflate_damaged(data: bytes, room: int) -> bytes:
    """Inflate piece by piece until the damage (pdfminer keeps such partial output too)."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    for i in range(0, len(data), 1024):
        try:
            piece = d.decompress(data[i:i + 1024], room + 1 - size)
        except zlib.error:
            break
        out.append(piece)
        size += len(piece)
        if size > room:
            raise _too_big()
    return b"".join(out)


def lzw(data: bytes, budget: Budget) -> bytes:
    room = budget.inflate(0)
    out: list[bytes] = []
    size = 0
    for piece in LZWDecoder(io.BytesIO(data)).run():
        out.append(piece)
        size += len(piece)
        if size > room:
            raise _too_big()
    budget.inflate(size)
    return b"".join(out)


def run_length(data: bytes, budget: Budget) -> bytes:
    """RunLengthDecode (each run expands at most 128 times), within the room left."""
    room = budget.inflate(0)
    out = bytearray()
    i = 0
    while i < len(data):
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1:i + 2 + n]
            i += 2 + n
        else:
            out += data[i + 1:i + 2] * (257 - n)
            i += 2
        if len(out) > room:
            raise _too_big()
    budget.inflate(len(out))
    return bytes(out)


def _predict(data: bytes, params: dict) -> bytes:
    """Undo a PNG or TIFF predictor whose row size is plausible for the data."""
    pred = pdftypes.int_value(params["Predictor"])
    if pred == 1:
        return data
    colors = pdftypes.int_value(params.get("Colors", 1))
    columns = pdftypes.int_value(params.get("Columns", 1))
    bpc = pdftypes.int_value(params.get("BitsPerComponent", 8))
    row = colors * columns * bpc // 8
    if not (0 < colors <= 64 and 0 < bpc <= 32 and columns > 0 and 0 < row <= len(data) + 1):
        raise Refused("broken .pdf: a stream's predictor does not fit its data")
    if pred == 2:
        return apply_tiff_predictor(colors, columns, bpc, data)
    if pred >= 10:
        return apply_png_predictor(pred, colors, columns, bpc, data)
    raise pdftypes.PDFNotImplementedError(f"Unsupported predictor: {pred!r}")


def _decode_filter(f: object, data: bytes, budget: Budget) -> bytes:
    if f in pdftypes.LITERALS_FLATE_DECODE:
        return inflate(data, budget)
    if f in pdftypes.LITERALS_LZW_DECODE:
        return lzw(data, budget)
    if f in pdftypes.LITERALS_ASCII85_DECODE:
        return pdftypes.ascii85decode(data)
    if f in pdftypes.LITERALS_ASCIIHEX_DECODE:
        return pdftypes.asciihexdecode(data)
    if f in pdftypes.LITERALS_RUNLENGTH_DECODE:
        return run_length(data, budget)
    if f == pdftypes.LITERAL_CRYPT:
        raise pdftypes.PDFNotImplementedError("/Crypt filter is unsupported")
    raise pdftypes.PDFNotImplementedError(f"Unsupported filter: {f!r}")


_shipped_decode = PDFStream.decode


def bounded_decode(self: PDFStream) -> None:
    """PDFStream.decode within the active budget (images are left encoded: the text layer
    never needs their pixels)."""
    budget = CURRENT.get()
    if budget is None:
        _shipped_decode(self)
        return
    data = self.rawdata or b""
    if self.decipher:
        data = self.decipher(self.objid, self.genno, data, self.attrs)
    for f, params in self.get_filters():
        if f in IMAGE_FILTERS:
            break
        data = _decode_filter(f, data, budget)
        if isinstance(params, dict) and "Predictor" in params:
            data = _predict(data, params)
    self.data = data
    self.rawdata = None


def _range_entries(objs: list[object], whole: bool) -> int:
    """How many entries a begincidrange/beginbfrange section's ranges would add."""
    total = 0
    for start, end, code in choplist(3, objs):
        if isinstance(start, bytes) and isinstance(end, bytes) and len(start) == len(end):
            s, e = (start, end) if whole else (start[-4:], end[-4:])
            n = max(0, int.from_bytes(e, "big") - int.from_bytes(s, "big") + 1)
            total += min(n, len(code)) if isinstance(code, list) else n
    return total


_shipped_do_keyword = cmapdb.CMapParser.do_keyword


def bounded_do_keyword(self: cmapdb.CMapParser, pos: int, token: object) -> None:
    """CMapParser.do_keyword, refusing a character map with too many entries."""
    if CURRENT.get() is not None and token in (self.KEYWORD_ENDCIDRANGE,
                                               self.KEYWORD_ENDBFRANGE):
        objs = [obj for _, obj in self.curstack]
        entries = getattr(self, "_plenary_entries", 0) + \
            _range_entries(objs, token is self.KEYWORD_ENDBFRANGE)
        if entries > MAX_CMAP_ENTRIES:
            raise Refused(f"a PDF font's character map has more than {MAX_CMAP_ENTRIES} entries")
        self._plenary_entries = entries
    _shipped_do_keyword(self, pos, token)


def _width_entries(seq: Iterable[object], group: int) -> int:
    """How many entries a font's /W (group 3) or /W2 (group 5) array would make."""
    total, r = 0, []
    for v in seq:
        if isinstance(v, list):
            total += len(v) if r else 0
            r = []
        elif isinstance(v, (int, float)):
            r.append(v)
            if len(r) == group:
                if isinstance(r[0], int) and isinstance(r[1], int):
                    total += max(0, r[1] - r[0] + 1)
                r = []
    return total


def _bounded_widths(shipped: Any, group: int) -> Any:
    def widths(seq: Iterable[object]) -> Any:
        seq = list(seq)
        if CURRENT.get() is not None and _width_entries(seq, group) > MAX_CMAP_ENTRIES:
            raise Refused(f"a PDF font's width table has more than {MAX_CMAP_ENTRIES} entries")
        return shipped(seq)

    return widths


def install() -> None:
    """Put the bounded entry points in place (once; idempotent)."""
    if PDFStream.decode is not bounded_decode:
        PDFStream.decode = bounded_decode  # type: ignore[method-assign]
        cmapdb.CMapParser.do_keyword = bounded_do_keyword  # type: ignore[method-assign]
        pdffont.get_widths = _bounded_widths(pdffont.get_widths, 3)
        pdffont.get_widths2 = _bounded_widths(pdffont.get_widths2, 5)


class BoundedDocument(PDFDocument):
    """A PDFDocument whose look-ups are counted and whose reference chains are followed here,
    so that a cycle (1 0 obj 2 0 R, 2 0 obj 1 0 R) is refused instead of looping forever."""

    def getobj(self, objid: int) -> object:
        budget = CURRENT.get()
        if budget is not None:
            budget.lookup()
        obj = super().getobj(objid)
        seen = {objid}
        while isinstance(obj, PDFObjRef):
            if obj.objid in seen:
                raise Refused(f"broken .pdf: object {objid} is a reference cycle")
            seen.add(obj.objid)
            if budget is not None:
                budget.lookup()
            obj = super().getobj(obj.objid)
        return obj


class BoundedInterpreter(PDFPageInterpreter):
    """Checks the deadline as a content stream's operands and operators go by."""

    _ops = 0

    def push(self, obj: Any) -> None:
        self._tick()
        super().push(obj)

    def do_q(self) -> None:
        self._tick()
        super().do_q()

    def _tick(self) -> None:
        self._ops += 1
        if self._ops % 4096 == 0 and (budget := CURRENT.get()) is not None:
            budget.deadline.check()


class BoundedAggregator(PDFPageAggregator):
    """Counts the glyphs drawn."""

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        if (budget := CURRENT.get()) is not None:
            budget.glyph()
        return super().render_char(*args, **kwargs)
