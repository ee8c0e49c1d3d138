"""A meeting's figures, keeping those whose ``about`` says what they measure.

Extraction gives every figure an ``about`` label; when it found no noun for the figure the
label is a leftover: the unit itself ("GBP", "percent"), a multiplier ("m", "k"), another
number ("285k"), a fragment ending in a function word ("compared with") or a word that names
a kind of quantity but not of what ("total", "average", "proportion"). Such a label does not
tell a reader what the figure is, so lists meant for reading leave those figures out (the
JSON and CSV say how many). The test is on the label's words alone, in any council's
wording: no list of topics, bodies or phrases.
"""

from __future__ import annotations

import re
from typing import Any

from service.query.search import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# units and multipliers extraction writes or reads next to a number
_UNITS = """gbp percent per cent count counts year years k m mn bn million billion thousand
    pound pounds pence p"""
UNIT_WORDS = frozenset(_UNITS.split())
# words naming a kind of quantity without saying of what
_QUANTITIES = """total totals figure figures number numbers amount amounts sum average mean
    median proportion percentage majority minority rate value values increase decrease rise
    fall change difference"""
QUANTITY_WORDS = frozenset(_QUANTITIES.split())
MIN_WORD = 3  # letters: shorter words (units, initials) say nothing on their own


def content_words(about: str) -> list[str]:
    """The words of ``about`` that can say what is measured (lower case)."""
    return [
        w
        for w in (m.group(0).lower() for m in _WORD.finditer(about))
        if len(w) >= MIN_WORD and w not in STOPWORDS | UNIT_WORDS | QUANTITY_WORDS
    ]


def says_what_it_measures(about: str | None) -> bool:
    """True when the label names what the figure measures (see the module docstring)."""
    words = [w.lower() for w in _WORD.findall(about or "")]
    if not words or words[-1] in STOPWORDS:
        return False  # no words, or a fragment cut at a function word ("compared with")
    return bool(content_words(about or ""))


def meeting_figures(pack_json: dict[str, Any], *, everything: bool = False) -> dict[str, Any]:
    """The pack's figures in page order: ``{figures, total, omitted}``; with ``everything``
    every figure, else only those whose ``about`` says what they measure."""
    figures = sorted(pack_json.get("figures") or [], key=lambda f: f.get("page") or 0)
    kept = figures if everything else [f for f in figures if says_what_it_measures(f.get("about"))]
    return {"figures": kept, "total": len(figures), "omitted": len(figures) - len(kept)}
