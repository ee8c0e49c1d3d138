"""Label-value blocks: a report's header grid, a contact block, a front sheet's labelled rows.

A header is a run of "Label: value" pairs, one or several to a printed row:

    From:     Sue Chandler, Cabinet Member for Integrated       (a value wrapping in
              Children's Services                                its value column)
    Meeting:  Cabinet              Date:  10 December 2025       (two pairs on one row;
              Council                     29 January 2026         each column goes on below)
    Report Authors:        Lead Directors                        (a two-column contact table:
    Sharon Howard          Kevin Kasaven, Director of ...         one block per column)

Rows are split into cells where the printed gap is wide (``extract.pages.cells_of``); a
cell that starts with a short capitalised phrase and a colon is a label. A cell under a
value (at its x) continues that value; a value cell that starts where the one above
stopped short of its column's right edge is a new entry of the same field (a second
meeting, a second author), not a wrapped line. Nothing here knows which labels mean
what: callers map label text to their own fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.model import Line
from extract.pages import CELL_GAP, cells_of
from extract.textutil import join_lines

LABEL_CELL = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?P<label>[A-Z][\w/&()'’.,-]*(?:\s+[\w/&()'’.,-]+){0,5}?)"
    r"\s*(?::|(?<=\?))\s*(?P<value>.*)$"
)
PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d ()\-]{4,}\d(?![\w.])")
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:[.,][\w-]+)+")
_ALIGN = 10.0  # a value cell lines up with the one above within this many points


def _key(label: str) -> str:
    return " ".join(label.lower().replace("’", "'").split())


@dataclass(slots=True)
class Pair:
    """One labelled value: the label as printed (no colon) and its entries.

    ``entries`` are the separate values printed under one label (one per paragraph:
    several authors, two meetings), each the joined text of its wrapped lines.
    """

    label: str
    label_x: float
    value_x: float
    right: float  # where the value's column ends
    page: int
    top: float
    lines: list[Line] = field(default_factory=list)
    entries: list[list[str]] = field(default_factory=list)

    @property
    def key(self) -> str:
        return _key(self.label)

    @property
    def values(self) -> list[str]:
        return [v for v in (join_lines(e).strip(" :-–") for e in self.entries) if v]

    @property
    def text(self) -> str:
        return "; ".join(self.values)


def label_of(text: str, max_words: int = 6) -> tuple[str, str] | None:
    """(label, value) when ``text`` opens with a short capitalised label and a colon."""
    m = LABEL_CELL.match(text.strip())
    if not m:
        return None
    label = m["label"].strip(" ,")
    words = label.split()
    if not words or len(words) > max_words or label.endswith((".", ",")):
        return None
    if any(w[:1].isdigit() for w in words) and not re.search(r"[A-Za-z]{3}", label):
        return None  # "10.30:" is a time, not a label
    return label, m["value"].strip()


def _value_x(line: Line, cell: tuple[float, float, str], value: str) -> float:
    """Where a value printed after its label (in the same cell) starts."""
    for x0, _x1, text in line.runs:
        if cell[0] < x0 <= cell[1] and value.startswith(text.split()[0] if text.split() else text):
            return x0
    label_len = len(cell[2]) - len(value)
    width = cell[1] - cell[0]
    return cell[0] + width * label_len / max(len(cell[2]), 1)


def _fits(prev_x1: float, text: str, right: float, size: float) -> bool:
    """Would the first word of ``text`` have fitted on the line that ended at ``prev_x1``?

    Characters are taken as 0.55 of the line height wide (generous: a wrapped line must
    clearly have had no room left).
    """
    first = text.split()[0] if text.split() else ""
    return prev_x1 + 0.55 * size * (len(first) + 1) < right


@dataclass(slots=True)
class Grid:
    pairs: list[Pair] = field(default_factory=list)
    start: int = 0  # index of its first label row
    end: int = 0  # index of the first line after the grid (0 when there is none)

    def first(self, keys: Sequence[str]) -> Pair | None:
        """The first pair whose key is one of ``keys`` (in the order of ``keys``)."""
        for key in keys:
            for pair in self.pairs:
                if pair.key == key:
                    return pair
        return None


def read_grid(
    lines: Sequence[Line],
    *,
    known: frozenset[str] | None = None,
    start: int = 0,
    limit: int = 40,
    pitch: float = 14.0,
) -> Grid:
    """The label-value grid starting at ``lines[start]`` (or at the first label row in reach).

    ``known`` (label keys) decides which label rows may open the grid; once open, a
    label row continues it when its label is known or its value is short (a long value
    after an unknown label is the body's first paragraph: "Summary: The report ...").
    The grid ends at the first line that is neither a label row nor a value continuing
    one, or at a vertical gap of more than 3 pitches.
    """
    grid = Grid()
    right_edge = max((ln.bbox[2] for ln in lines[start : start + limit]), default=600.0)
    active: list[Pair] = []  # pairs of the last label row, left to right
    prev: Line | None = None
    for i in range(start, min(len(lines), start + limit)):
        line = lines[i]
        far = prev is not None and (
            line.page != prev.page or line.bbox[1] - prev.bbox[3] > 3 * pitch
        )
        if far and grid.pairs:
            break
        cells = cells_of(line)
        row = _label_row(line, cells, known if not grid.pairs else None, right_edge, known)
        if row and grid.pairs and known is not None and not _belongs(row, known):
            break
        if row:
            if not grid.pairs:
                grid.start = i
            grid.pairs += row
            active = row
            grid.end = i + 1
            prev = line
            continue
        if not grid.pairs:
            continue
        column_row = _column_label_row(line, cells, grid.pairs, right_edge)
        if column_row:
            grid.pairs += column_row
            active = column_row
            grid.end = i + 1
            prev = line
            continue
        if not _continue(line, cells, active, pitch):
            break
        grid.end = i + 1
        prev = line
    return grid


def _column_label_row(
    line: Line, cells: list[tuple[float, float, str]], pairs: list[Pair], right_edge: float
) -> list[Pair]:
    """A row of a colon-less label column whose label the vocabulary does not know
    ("Relevant | Interim Corporate Director Finance; John Betts"): a short first cell in the
    grid's label column, back at the labels' x, with a value cell in the values' column."""
    first = pairs[0]
    if len(cells) < 2 and len(line.runs) >= 2:
        # label and value closer than a cell gap: split where the value column starts
        cells = list(line.runs)
    if len(cells) < 2 or not first.lines or not first.entries or not first.entries[0]:
        return []
    if ":" in cells_of(first.lines[0])[0][2]:
        return []  # a grid of "Label:" cells reads its unknown labels by their colons
    label = cells[0][2].strip()
    if (
        abs(cells[0][0] - first.label_x) > _ALIGN
        or abs(cells[1][0] - first.value_x) > _ALIGN
        or len(label.split()) > 3
        or ":" in label
        or not label[:1].isupper()
        or re.search(r"\d", label)
    ):
        return []
    pair = Pair(label, cells[0][0], cells[0][1], right_edge, line.page, line.bbox[1])
    pair.entries.append([" ".join(c[2] for c in cells[1:])])
    pair.value_x = cells[1][0]
    pair.lines.append(line)
    return [pair]


def _belongs(row: list[Pair], known: frozenset[str]) -> bool:
    """A label row goes on with an open grid when its label is known, or when an unknown
    label has a short value beside it ("Budget/Policy Framework: No"); a bare unknown
    label is a heading ("Recommendations:", "Cabinet is asked to:")."""
    first = row[0]
    value = " ".join(first.entries[0]) if first.entries else ""
    return first.key in known or 0 < len(value) <= 50


def _label_row(
    line: Line,
    cells: list[tuple[float, float, str]],
    known: frozenset[str] | None,
    right_edge: float,
    bare: frozenset[str] | None = None,
) -> list[Pair]:
    """The pairs a row opens, when its first cell is a label (and a known one, if asked).

    A label is "Label:"; in a table printed without colons, a cell that is one of the
    ``bare`` labels and has a value cell beside it ("Meeting   Cabinet") is one too.
    """
    out: list[Pair] = []
    k = 0
    while k < len(cells):
        cell = cells[k]
        # the cell after a bare label is its value, even one with a colon in it
        found = label_of(cell[2])
        if out and not out[-1].entries[-1] and not _label_over_value(cell[2], found, bare):
            found = None
        colonless = bare is not None and k + 1 < len(cells) and _key(cell[2]) in bare
        if found is None and colonless and (not out or out[-1].entries[-1]):
            found = (cell[2].strip(), "")
        if found is None:
            if not out:
                return []
            out[-1].entries[-1].append(cell[2])  # a value cell after the label cell
            out[-1].value_x = out[-1].value_x if out[-1].entries[-1][:-1] else cell[0]
            k += 1
            continue
        label, value = found
        pair = Pair(label, cell[0], cell[1], right_edge, line.page, line.bbox[1])
        if known is not None and not out and pair.key not in known:
            return []
        pair.entries.append([value] if value else [])
        if value:
            pair.value_x = _value_x(line, cell, value)
        pair.lines.append(line)
        out.append(pair)
        k += 1
    for a, b in zip(out, out[1:], strict=False):
        a.right = b.label_x
    return out


def _label_over_value(
    text: str, found: tuple[str, str] | None, labels: frozenset[str] | None
) -> bool:
    """A known "Label:" cell right after a bare label: a row of labels over a row of their
    values ("DECISION TO BE TAKEN BY:   DECISION NO:" over "Cabinet   24/00096")."""
    return (
        found is not None
        and not found[1]
        and text.rstrip().endswith(":")
        and labels is not None
        and _key(found[0]) in labels
    )


def _continue(
    line: Line, cells: list[tuple[float, float, str]], active: list[Pair], pitch: float
) -> bool:
    """Add the row's cells to the values above them; False when a cell lines up with none."""
    if not active:
        return False
    placed: list[tuple[Pair, tuple[float, float, str]]] = []
    for cell in cells:
        target = next((p for p in active if abs(cell[0] - p.value_x) <= _ALIGN), None)
        if target is None:  # a value under a bare label of a row of labels
            target = next(
                (
                    p
                    for p in active
                    if not p.entries[-1] and p.label_x - _ALIGN <= cell[0] < p.right
                ),
                None,
            )
        if target is None and (PHONE.fullmatch(cell[2]) or EMAIL.fullmatch(cell[2])):
            target = active[-1]  # a squeezed grid pushes a number or address under its label
        if target is None and len(cells) == 1:
            # a wrapped value indented under the value column (not back at the label's x)
            last = active[-1]
            if cell[0] > last.label_x + 30 and cell[0] < last.right:
                target = last
        if target is None:
            return False
        placed.append((target, cell))
    for pair, cell in placed:
        prev = pair.lines[-1]
        gap = line.bbox[1] - prev.bbox[3]
        last_x1 = _last_x1(prev, pair)
        size = max(line.size, prev.size, 0.8 * pitch)
        new_entry = gap > 0.6 * pitch or _fits(last_x1, cell[2], pair.right, size)
        if new_entry and pair.entries[-1]:
            pair.entries.append([])
        pair.entries[-1].append(cell[2])
        pair.lines.append(line)
    return True


def _last_x1(line: Line, pair: Pair) -> float:
    """Where the pair's value ended on ``line`` (its cell in the pair's column)."""
    ends = [c[1] for c in cells_of(line) if pair.value_x - _ALIGN <= c[0] < pair.right]
    return max(ends) if ends else line.bbox[2]


# ------------------------------------------------------------------ contact blocks

_ROLE_WORDS = frozenset(
    [
        "author",
        "authors",
        "officer",
        "officers",
        "contact",
        "contacts",
        "details",
        "director",
        "directors",
        "manager",
        "head",
        "chief",
        "assistant",
        "deputy",
        "executive",
        "lead",
        "leader",
        "service",
        "services",
        "team",
        "report",
        "member",
        "members",
        "cabinet",
        "council",
        "corporate",
        "strategic",
        "democratic",
        "governance",
        "clerk",
        "secretary",
        "treasurer",
        "chair",
        "chairman",
        "committee",
        "department",
        "directorate",
        "unit",
        "portfolio",
        "name",
        "email",
        "e-mail",
        "tel",
        "telephone",
        "phone",
        "mobile",
        "address",
        "room",
        "floor",
        "house",
        "hall",
        "county",
        "city",
        "borough",
        "district",
        "town",
        "parish",
        "the",
        "of",
        "and",
        "for",
        "to",
        "by",
    ]
)
_NAME_WORD = re.compile(
    r"^(?:[A-Z][a-z'’-]+(?:-[A-Z][a-z'’-]+)?|[A-Z]\.?|Mc[A-Z][a-z]+|O’[A-Z][a-z]+)$"
)


def person_name(text: str) -> str | None:
    """``text`` (before any comma or dash) when it reads as a person's name, else None.

    Two to four capitalised words or initials, none of them a role or label word
    ("Assistant Director", "Report Author", "Contact Officer" are not names).
    """
    head = re.split(r",|\s[–—-]\s|\s\(|\t", text.strip())[0]
    head = EMAIL.sub("", PHONE.sub("", head)).strip(" .:;")
    head = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+", "", head)
    words = head.split()
    if not 2 <= len(words) <= 4:
        return None
    if any(w.lower().strip(".") in _ROLE_WORDS or not _NAME_WORD.match(w) for w in words):
        return None
    if all(len(w.rstrip(".")) == 1 for w in words):
        return None
    return head


def column_text(line: Line, x0: float, x1: float) -> list[str]:
    """The cells of ``line`` that start in the column [x0, x1), split at the column's edge.

    Runs printed close together across a column edge (a left cell running up to the
    right column's text) are split by where each run starts.
    """
    out: list[tuple[float, float, str]] = []
    runs = line.runs or [(line.bbox[0], line.bbox[2], line.text)]
    for a, b, text in runs:
        if not x0 - _ALIGN <= a < x1 - 1:
            continue
        if out and a - out[-1][1] <= CELL_GAP * max(line.size, 1.0):
            out[-1] = (out[-1][0], b, f"{out[-1][2]} {text}")
        else:
            out.append((a, b, text))
    return [t for _a, _b, t in out]


@dataclass(slots=True)
class ContactBlock:
    name: str | None = None
    tel: str | None = None
    email: str | None = None


def read_contact_column(
    lines: Sequence[Line], start: int, x0: float, x1: float, *, rows: int = 8
) -> ContactBlock:
    """Name, phone and e-mail printed under a contact label, in the column [x0, x1).

    Only the cells of each row that start inside the column count, so a two-column
    contact table ("Report Author | Relevant Director") gives the first column's person.
    The block ends at a blank gap, a new numbered heading or ``rows`` rows.
    """
    block = ContactBlock()
    prev: Line | None = None
    for line in lines[start : start + rows]:
        gap = prev is not None and (
            line.page != prev.page or line.bbox[1] - prev.bbox[3] > 1.6 * max(line.size, 8.0)
        )
        if gap and (block.name or block.tel or block.email):
            break
        prev = line
        for text in column_text(line, x0, x1):
            found = label_of(text)
            value = found[1] if found else text
            key = found[0].lower() if found else ""
            if re.match(r"^\d{1,2}\.?\s+[A-Z]", text) and not found:
                return block  # the next numbered section
            email = EMAIL.search(value)
            if email and block.email is None:
                block.email = email.group(0).rstrip(".,")
            phone = PHONE.search(EMAIL.sub("", value))
            if phone and block.tel is None and (not key or key.startswith(("tel", "phone"))):
                block.tel = " ".join(phone.group(0).split())
            if block.name is None and not email and (not key or "name" in key):
                block.name = person_name(value)
    return block
