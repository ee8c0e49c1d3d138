"""Pack page text -> running-text blocks (paragraphs) and sentences with page offsets.

Enrichment reads ``pack.pages[i].text`` (furniture already removed). Lines are
joined into paragraphs with hyphen repair (the rules of
:func:`extract.textutil.join_lines`), breaking at bullets, numbered
paragraphs, ``Label: value`` header lines and short lines (headings, table
rows). A paragraph that runs over a page break continues into the next page,
so a sentence is whole even when the PDF splits it; every character offset
maps back to its physical page and agenda item.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from extract.model import Pack

_SOFT = "\xad"
_BULLET = re.compile(r"^(?:[•●▪◦■□➢►‣∙·*]|[-–—]\s|o\s)")
_NUMBERED = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+\S|\d{1,2}[.)]?\s+[A-Z(“\"']|\(?[a-z]\)\s|\(?[ivx]{1,4}\)\s)"
)
_LABEL = re.compile(r"^[A-Z][A-Za-z/&'’ ()-]{1,40}:\s*\S")
_END_PUNCT = re.compile(r"[.!?:;][\"'”’)]*$")
_CONT_END = re.compile(r"(?:[,;(/&-]|\b(?:and|or|of|the|to|for|in|with|a|an|by|from|on|at))$", re.I)


@dataclass(slots=True)
class Block:
    """A paragraph of running text; ``starts`` maps offsets to (page, agenda item)."""

    text: str
    starts: list[int] = field(default_factory=list)  # offset where each source line starts
    pages: list[int] = field(default_factory=list)  # page of each source line
    items: list[str | None] = field(default_factory=list)  # agenda item of each line

    @property
    def page(self) -> int:
        return self.pages[0]

    def where(self, offset: int) -> tuple[int, str | None]:
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.pages[i], self.items[i]

    def line_at(self, offset: int) -> str:
        """The source line holding ``offset`` (header lines are parsed line by line)."""
        i = max(0, bisect.bisect_right(self.starts, offset) - 1)
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i] : end]


def _typical_width(lines: list[str]) -> int:
    lengths = sorted(len(x) for x in lines)
    if not lengths:
        return 80
    return max(40, lengths[int(0.9 * (len(lengths) - 1))])


def _is_start(line: str) -> bool:
    return bool(_BULLET.match(line) or _NUMBERED.match(line) or _LABEL.match(line))


def _breaks_after(prev: str, cur: str, width: int) -> bool:
    """Does a new paragraph start between ``prev`` and ``cur``?"""
    if _is_start(cur):
        return True
    if prev.endswith(_SOFT) or _CONT_END.search(prev):
        return False
    if _LABEL.match(prev) and not prev.endswith(","):
        return True
    short = len(prev) < 0.7 * width
    if short and (_END_PUNCT.search(prev) or cur[:1].isupper() or cur[:1].isdigit()):
        return True
    return bool(short and not cur[:1].islower())


def _append(block: Block, line: str, page: int, item: str | None) -> None:
    text = block.text
    if not text:
        sep = ""
    elif text.endswith(_SOFT):
        block.text = text = text[:-1] + "-"
        sep = ""
    elif text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
        sep = ""
    else:
        sep = " "
    block.starts.append(len(text) + len(sep))
    block.pages.append(page)
    block.items.append(item)
    block.text = text + sep + line


def blocks_of(pack: Pack) -> list[Block]:
    """The pack's running text as paragraphs, in page order."""
    out: list[Block] = []
    current: Block | None = None
    prev_line = ""
    width = 80
    for info in pack.pages:
        lines = [ln.strip() for ln in info.text.split("\n")]
        lines = [ln for ln in lines if ln]
        if not lines:
            continue
        width = _typical_width(lines)
        for idx, line in enumerate(lines):
            if current is not None:
                if idx == 0:
                    # across a page break: continue only a sentence cut mid-way
                    cont = not _END_PUNCT.search(prev_line) and (
                        line[:1].islower() or bool(_CONT_END.search(prev_line))
                    )
                    new = not cont or _is_start(line)
                else:
                    new = _breaks_after(prev_line, line, width)
                if new:
                    out.append(_finish(current))
                    current = None
            if current is None:
                current = Block(text="")
            _append(current, line, info.number, info.agenda_item)
            prev_line = line
    if current is not None:
        out.append(_finish(current))
    return [b for b in out if b.text.strip()]


def _finish(block: Block) -> Block:
    block.text = block.text.replace(_SOFT, "-")
    return block


# ------------------------------------------------------------------ sentences

_ABBREV = {
    "e.g",
    "i.e",
    "etc",
    "mr",
    "mrs",
    "ms",
    "dr",
    "no",
    "nos",
    "st",
    "cllr",
    "approx",
    "para",
    "paras",
    "vs",
    "cf",
    "fig",
    "ref",
    "tel",
    "ie",
    "eg",
    "inc",
    "ltd",
    "co",
    "prof",
    "rev",
    "est",
    "max",
    "min",
}
_SENT_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(•]?[A-Z0-9])")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of the sentences of a paragraph."""
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start() + 1
        word = re.search(r"([A-Za-z.]+)\.$", text[start:end])
        if word:
            w = word.group(1).lower().rstrip(".")
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                continue
        # "2.1." paragraph numbers and decimals are not sentence ends
        if re.search(r"(?:^|\s)\d+(?:\.\d+)*\.$", text[start:end]) and end - start < 8:
            continue
        yield start, end
        start = m.end()
    if start < len(text):
        end = len(text.rstrip())
        if end > start:
            yield start, end


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    for s, e in sentences(text):
        if s <= offset < e:
            return s, e
    return 0, len(text)
