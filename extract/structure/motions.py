"""Motions recorded in minutes: a mover line, the motion's text, and its outcome.

Many councils (Canadian townships, boards, committees, some parish councils) minute a
decision as the motion that was put, not behind a RESOLVED marker:

    R2024-181 S. Kirkey, J. Scott:              Resolution No. 2024-55 - Moved by A
    That we pass By-Law Number 2024-40 ...      seconded by B that the minutes ... Carried
    Carried.
                                                MOTION NUMBER 2024-25
                                                Moved by: A  Seconded by: B
                                                THAT the Minutes ... are approved. Carried.

What the layout means, not one council's words: a **mover line** (a resolution or motion
number at the start of a line, or "Moved by" / "Proposed by ... seconded by") opens a
motion; its **text** is the "That ..." / "Whereas ..." paragraph that follows (or the
clause after "seconded by B that" on the mover line itself), running on over "AND THAT"
paragraphs; its **outcome** closes it: "Carried" / "Agreed" keeps it, "Defeated" / "Lost"
/ "Withdrawn" / "Deferred" drops it. A motion with no printed outcome is kept (a numbered
resolution records what was decided) unless a failed outcome follows it. Procedural
motions (call to order, adjourn) are not resolutions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.model import Line, Resolution
from extract.textutil import join_lines, paragraph_break

_NUMBERED = re.compile(
    r"^(?:(?:Resolution|Motion)\s*(?:No\.?|Number|#)?\s*[:.,]?\s*[A-Z]{0,2}\d[\w\-/.]*"
    r"|R\d{2,4}[-/]\d{1,4}\b)",
    re.I,
)
_MOVED = re.compile(
    r"\b(?:Moved|Proposed)\s*(?:by)?\s*:?\s+[A-Z].*\bSeconded\b|^Moved\s+by\b", re.I
)
_INLINE = re.compile(
    r"\b(?i:seconded)\s*(?:by)?\s*:?\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},?\s+(?P<text>(?:that|THAT)\s+\S.*)$"
)
_STARTS = re.compile(r"^(?:THAT|That|BE\s+IT\s+RESOLVED|WHEREAS|Whereas|NOW\s+THEREFORE)\b")
_AND = re.compile(r"^(?:AND|And)\s+(?:THAT|that|FURTHER|further|WHEREAS)\b|^(?:NOW\s+)?THEREFORE\b")
_CARRIED = re.compile(r"[\s.,;]*\b(?:CARRIED|Carried|AGREED|Agreed)\b(?:\s+unanimously)?\.?\s*$")
_FAILED = re.compile(r"\b(?:DEFEATED|Defeated|LOST|Lost|WITHDRAWN|Withdrawn|DEFERRED|Deferred)\b")
_PROCEDURAL = re.compile(
    r"\b(?:be\s+adjourned|(?:is|are)\s+(?:hereby\s+)?adjourned|called\s+to\s+order|recess)\b",
    re.I,
)
_READINGS = re.compile(r"\s*\bRead\s+(?:a|the)\s+first\b.*$", re.I | re.S)


def mover_line(text: str) -> bool:
    """A line that opens a motion: its number, or who moved and seconded it."""
    text = text.strip()
    return bool(_NUMBERED.match(text) or _MOVED.search(text))


@dataclass(slots=True)
class _Motion:
    page: int
    lines: list[str] = field(default_factory=list)
    outcome: str | None = None  # "carried" | "failed"

    def resolution(self) -> Resolution | None:
        text = _READINGS.sub("", join_lines(self.lines)).strip()
        text = _CARRIED.sub("", text).strip()
        if not text or self.outcome == "failed" or _PROCEDURAL.search(text):
            return None
        return Resolution(text[:1].upper() + text[1:], self.page)


def _outcome(text: str) -> str | None:
    if _CARRIED.search(text):
        return "carried"
    if _FAILED.search(text) and len(text.split()) <= 8:
        return "failed"
    return None


def motions(body: list[Line], pitch: float, used: set[int]) -> tuple[list[Resolution], set[int]]:
    """Resolutions minuted as motions in ``body`` (lines in ``used`` are skipped); also the
    indices of the lines they use."""
    out: list[Resolution] = []
    taken: set[int] = set()
    k = 0
    while k < len(body):
        if k in used or not mover_line(body[k].text):
            k += 1
            continue
        if _blank_form(body, k):
            k += 1  # a resolution form left blank for the meeting to fill in: nothing decided
            continue
        start = k
        motion = _Motion(body[k].page)
        inline = _INLINE.search(body[k].text)
        j = k + 1
        if inline:
            motion.lines.append(inline["text"])
        else:  # the text starts on one of the next lines
            while j < len(body) and j - k <= 2 and not _STARTS.match(body[j].text.strip()):
                if mover_line(body[j].text) or j in used:
                    break
                j += 1
            if j >= len(body) or not _STARTS.match(body[j].text.strip()):
                k += 1
                continue
            motion.page = body[j].page
            motion.lines.append(body[j].text)
            j += 1
        motion.outcome = _outcome(motion.lines[-1])
        j = _read_on(body, pitch, used, motion, j)
        resolution = motion.resolution()
        if resolution is not None:
            out.append(resolution)
        taken.update(range(start, j))
        k = j
    return out, taken


_BLANK_MOVER = re.compile(r"^(?:Moved|Proposed)\s+by\s*[:=_.…]*\s*$", re.I)
_BLANK_SECONDER = re.compile(r"^Seconded\s+by\s*[:=_.…]*\s*$", re.I)


def _blank_form(body: list[Line], k: int) -> bool:
    """A mover line that names no mover over a seconder line that names no seconder ("Moved by"
    / "Seconded by" with nothing after them): a draft resolution form printed in the agenda
    pack for the meeting to fill in, which records no decision."""
    return (
        bool(_BLANK_MOVER.match(body[k].text.strip()))
        and k + 1 < len(body)
        and bool(_BLANK_SECONDER.match(body[k + 1].text.strip()))
    )


def _read_on(body: list[Line], pitch: float, used: set[int], motion: _Motion, j: int) -> int:
    """Add the motion's further lines and its outcome; the index after the motion."""
    while j < len(body) and motion.outcome is None and j not in used:
        line, prev = body[j], body[j - 1]
        text = line.text.strip()
        if mover_line(text):
            break
        outcome = _outcome(text)
        if outcome == "failed" or (outcome and not _CARRIED.sub("", text).strip()):
            motion.outcome = outcome  # "Carried." or "Defeated." alone on its line
            j += 1
            break
        if paragraph_break(prev, line, pitch) and not (
            _AND.match(text) or _READINGS.match(text) or outcome
        ):
            break  # the next paragraph is not the motion's
        motion.lines.append(text)
        motion.outcome = outcome
        j += 1
    if motion.outcome is None and j < len(body) and j not in used:
        nxt = body[j].text.strip()
        if _FAILED.search(nxt) and len(nxt.split()) <= 8:
            motion.outcome = "failed"
    return j
