"""Our Arabic, Chinese and Russian renderings of seed 000 (tests/data/<lang>/000.txt) as contract
records: the gold annotation's facts (language-independent) with each paragraph's text taken
from the rendering, so that the archive indexes the text of that language."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from conftest import DATA, gold_record

from plenary.record import Record

RENDERED = ("ar", "zh", "ru")
_NOISE = re.compile(r"\[bookmark: [^\]]*\]")
_PARAGRAPH = re.compile(r"\s*(\d+\.\d+)\t(.*)")


def rendering_path(lang: str, name: str = "000") -> Path:
    """tests/data/<lang>/<name>.txt."""
    return DATA / lang / f"{name}.txt"


def rendered_paragraphs(lang: str) -> dict[str, str]:
    """Paragraph number -> text of our rendering of seed 000 in `lang`."""
    texts: dict[str, str] = {}
    for line in rendering_path(lang).read_text(encoding="utf-8").splitlines():
        m = _PARAGRAPH.match(_NOISE.sub("", line))
        if m:
            texts[m.group(1)] = m.group(2).strip()
    return texts


def rendered_record(lang: str) -> Record:
    """The gold record of seed 000 in `lang`: gold facts, the rendering's paragraph texts."""
    data = gold_record("000")
    texts = rendered_paragraphs(lang)
    path = rendering_path(lang)
    data["language"] = lang
    data["source"] = {"name": f"000-{lang}.txt", "format": "txt",
                      "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    data["meeting"]["number"] = {"ar": 101, "zh": 102, "ru": 103}[lang]
    for item in data["items"]:
        for para in item["paragraphs"]:
            para["text"] = texts[para["number"]]
    return Record.from_dict(data)
