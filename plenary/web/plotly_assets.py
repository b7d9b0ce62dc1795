"""plotly.js and its stylesheet, served from the installed plotly package (never a CDN).

plotly.js normally injects its CSS rules into a `<style>` element at run time, which a strict
Content-Security-Policy (`style-src 'self'`) blocks. plotly.js skips that injection when the
page already has an element `#plotly.js-style-global.no-inline-styles`, so the pages link a
stylesheet with that id, and this module builds it once from the rule table inside
`plotly.min.js` itself (so it always matches the installed version).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

_TABLE = re.compile(r'\{"X,X div":.*?\};for\(', re.S)
_STRING = r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
_PAIR = re.compile(_STRING + r"\s*:\s*" + _STRING)

# Hover colours of the mode bar buttons (plotly adds these per plot at run time).
_EXTRA = """
.js-plotly-plot .plotly .modebar-btn path { fill: rgba(68, 68, 68, 0.3); }
.js-plotly-plot .plotly .modebar-btn:hover path,
.js-plotly-plot .plotly .modebar-btn.active path { fill: rgba(68, 68, 68, 0.7); }
"""


def plotly_js() -> Path:
    """The path of `plotly.min.js` inside the installed plotly package."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


_GUARDED_STYLE = re.compile(
    r'document\.getElementById\("([0-9a-f]{32,64})"\)\)\{'
    r'var \w+=document\.createElement\("style"\)')


@lru_cache(maxsize=1)
def guarded_style_ids() -> tuple[str, ...]:
    """Ids of `<style>` blocks plotly.js injects only when no element has that id yet.

    (The map libraries' CSS, unused here.) A page that holds an empty element with each id
    keeps plotly.js from trying, and failing, to inject inline CSS under the strict policy.
    """
    try:
        source = plotly_js().read_text(encoding="utf-8")
    except OSError:
        return ()
    return tuple(dict.fromkeys(_GUARDED_STYLE.findall(source)))


def _unquote(token: str) -> str:
    return token[1:-1].replace("\\'", "'").replace('\\"', '"')


@lru_cache(maxsize=1)
def plotly_css() -> str:
    """plotly.js's own CSS rules as a stylesheet (empty-ish when the table is not found)."""
    try:
        source = plotly_js().read_text(encoding="utf-8")
    except OSError:
        return _EXTRA
    match = _TABLE.search(source)
    if not match:
        return _EXTRA
    rules = []
    for key, value in _PAIR.findall(match.group(0)):
        selector = re.sub(r"^,", " ,", _unquote(key))
        selector = selector.replace("X", ".js-plotly-plot .plotly").replace("Y", ".plotly-notifier")
        rules.append(f"{selector} {{ {_unquote(value)} }}")
    return "\n".join(rules) + "\n" + _EXTRA
