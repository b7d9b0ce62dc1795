"""Load the shared scorer (../shared/score.py) to compare records fact by fact."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from conftest import SHARED


def scorer() -> ModuleType:
    path = SHARED / "score.py"
    if not path.exists():
        pytest.skip(f"{path} not found")
    spec = importlib.util.spec_from_file_location("plenary_shared_score", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def micro_f1(pred: dict, gold: dict) -> tuple[float, dict[str, set]]:
    """Overall micro F1 of `pred` against `gold`, and the differences per fact family."""
    s = scorer()
    fp, fg = s.facts(pred), s.facts(gold)
    tp = sum(len(fp[k] & fg[k]) for k in fg)
    n_pred = sum(len(v) for v in fp.values())
    n_gold = sum(len(v) for v in fg.values())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    diff = {k: (fg[k] - fp[k]) | (fp[k] - fg[k]) for k in fg if fg[k] ^ fp[k]}
    return f1, diff
