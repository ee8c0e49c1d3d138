#!/usr/bin/env python3
"""Generate the fictional sample corpus in ``corpora/sample``.

Four short agenda packs for successive meetings of Borsetshire County Council's
Children's Services Scrutiny Committee, laid out the way ModernGov publishes
English county council packs (front sheet, minutes of the previous meeting,
officer reports, "Agenda Item N" stamps, "Page N" footers and "This page is
intentionally left blank" fillers), each with a ``.truth.json`` recording by
construction every page number, minute item, resolution and recommendation.

Everything here (council, people, places, figures, prose) is invented. The output
is deterministic: no randomness, and reportlab's ``invariant`` mode fixes the
creation date and document ID, so re-running produces identical files.

The same packs can be laid out in other councils' house styles (``--style NAME``, see
``--list-styles``): hanging minute numbers, "(Item N)" headings, parish minute references,
PRESENT paragraphs, apologies minutes, substitutes, By:/To:/Subject: report headers,
landscape appendices on offset page boxes. Each style writes its own ``.truth.json`` recording
the same content as that style prints it; the default style is the committed corpus.

Usage: ``python corpora/make_sample.py [--out DIR] [--style NAME|all]`` (default:
corpora/sample, style moderngov; ``all`` writes OUT/<style>/).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfdoc import PDFArray
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

# ----------------------------------------------------------------------- geometry

PAGE_W, PAGE_H = A4
LEFT = 70.9
RIGHT = PAGE_W - 70.9
INDENT = 106.0
TOP = 72.0  # first line's top, points from the top edge
BOTTOM = 772.0  # no line may extend below this
FOOTER_BASELINE = 808.0
STAMP_BASELINE = 45.0
REG = "Helvetica"
BOLD = "Helvetica-Bold"
SIZE = 11.0
LEAD = 14.0
PARA_GAP = 5.0

BLANK_TEXT = "This page is intentionally left blank"
# landscape appendix pages: A4 turned, with a page box that does not start at (0, 0), as
# publishing systems that stitch packs together often leave it
LANDSCAPE_BOTTOM = PAGE_W - 72.0
LANDSCAPE_RIGHT = PAGE_H - 70.9
PAGE_BOX_OFFSET = (18.0, 36.0)

# --------------------------------------------------------------------- the council

COUNCIL = "Borsetshire County Council"
COUNCIL_CAPS = COUNCIL.upper()
BODY = "Children's Services Scrutiny Committee"
ENQUIRIES = "democratic.services@borsetshire.gov.uk"
COUNTY_HALL = "County Hall, Felpersham"
CHIEF_EXECUTIVE = ("Sian Blackwood", "Chief Executive", "County Hall, Felpersham FP1 2CH")
DIRECTOR = "Director of Children's Services"
CHAIRMAN = "Councillor Margaret Holloway"
MEMBERS = [
    "Councillor David Okafor",
    "Councillor Priya Raman",
    "Councillor Geoffrey Tillett",
    "Councillor Sarah Whitcombe",
    "Councillor Alan Pearce",
    "Councillor Bethan Lloyd",
    "Councillor Tom Ashdown",
    "Councillor Nadia Hussain",
]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def front_date(d: dt.date) -> str:
    """Monday 15th January 2024"""
    return f"{WEEKDAYS[d.weekday()]} {ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}"


def minutes_date(d: dt.date) -> str:
    """Monday, 15th January, 2024"""
    return f"{WEEKDAYS[d.weekday()]}, {ordinal(d.day)} {MONTHS[d.month - 1]}, {d.year}"


def plain_date(d: dt.date) -> str:
    """15 January 2024"""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def clock(hhmm: str) -> str:
    """'14:00' -> '2.00 pm'"""
    h, m = (int(x) for x in hhmm.split(":"))
    return f"{(h - 1) % 12 + 1}.{m:02d} {'pm' if h >= 12 else 'am'}"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# -------------------------------------------------------------------- layout engine


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap on spaces."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}" if cur else word
        if cur and stringWidth(trial, font, size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines or [""]


@dataclass
class Page:
    number: int
    ops: list[tuple[Any, ...]] = field(default_factory=list)
    stamp: str | None = None
    blank: bool = False
    landscape: bool = False


Part = tuple[float, str, str, float]  # x, text, font, size


class Flow:
    """Places lines top to bottom, starting new pages as needed.

    Every placing call returns the page number(s) used, which is how the truth
    files get their page numbers: by construction, never by hand.
    """

    def __init__(self, first_page: int) -> None:
        self.first = first_page
        self.pages: list[Page] = []
        self.y = TOP
        self.landscape = False  # new pages are landscape while set
        self.last_base: tuple[int, float] | None = None  # (page, baseline) of the last line

    @property
    def bottom(self) -> float:
        return LANDSCAPE_BOTTOM if self.landscape else BOTTOM

    @property
    def number(self) -> int:
        return self.pages[-1].number

    def new_page(self, stamp: str | None = None) -> int:
        self.pages.append(Page(self.first + len(self.pages), stamp=stamp, landscape=self.landscape))
        self.y = TOP
        return self.number

    def blank_page(self) -> int:
        self.pages.append(Page(self.first + len(self.pages), blank=True))
        self.y = TOP
        return self.number

    def need(self, height: float) -> None:
        if self.y + height > self.bottom + 0.01:
            self.new_page()

    def gap(self, height: float) -> None:
        if self.y > TOP + 0.01:
            self.y += height

    def op(self, *args: Any) -> None:
        self.pages[-1].ops.append(args)

    def line(self, parts: Sequence[Part], lead: float = LEAD, align: str = "left") -> int:
        self.need(lead)
        for x, text, font, size in parts:
            self.op("text", x, self.y + size, text, font, size, align)
            self.last_base = (self.number, self.y + size)
        self.y += lead
        return self.number

    def para(
        self,
        text: str,
        x: float = INDENT,
        right: float = RIGHT,
        font: str = REG,
        size: float = SIZE,
        label: str | None = None,
        label_x: float = LEFT,
        label_font: str | None = None,
        after: float = PARA_GAP,
        lead: float = LEAD,
        keep: bool = False,
    ) -> tuple[int, int]:
        lines = wrap(text, font, size, right - x)
        if keep:
            self.need(lead * len(lines))
        first = last = 0
        for i, ln in enumerate(lines):
            parts: list[Part] = []
            if i == 0 and label:
                parts.append((label_x, label, label_font or font, size))
            parts.append((x, ln, font, size))
            last = self.line(parts, lead)
            first = first or last
        self.gap(after)
        return first, last

    def heading(
        self, text: str, label: str | None = None, before: float = 6.0, size: float = SIZE
    ) -> int:
        self.gap(before)
        self.need(LEAD * 3)  # keep with the next two lines
        x = INDENT if label else LEFT
        first, _ = self.para(text, x=x, font=BOLD, size=size, label=label, after=3.0)
        return first

    def bullets(
        self, items: Sequence[str], x: float = INDENT, right: float = RIGHT
    ) -> tuple[int, int]:
        first = last = 0
        for item in items:
            f, last = self.para(
                item, x=x + 16, right=right, label="\u2022", label_x=x + 4, after=3.0
            )
            first = first or f
        self.gap(2.0)
        return first, last

    def table(
        self,
        rows: Sequence[Sequence[str]],
        cols: Sequence[float],
        header: bool = True,
        label_col: bool = False,
        total_row: bool = False,
        align: Sequence[str] | None = None,
        pad: float = 4.0,
    ) -> tuple[int, int]:
        """A ruled grid; ``cols`` are the x positions of the column edges.

        Rows are never split; the table itself may continue on the next page, but
        not before its first three rows.
        """
        laid = []
        for r, row in enumerate(rows):
            bold_row = (header and r == 0) or (total_row and r == len(rows) - 1)
            cells = []
            for c, value in enumerate(row):
                font = BOLD if bold_row or (label_col and c == 0) else REG
                width = cols[c + 1] - cols[c] - 2 * pad
                cell = [ln for part in value.split("\n") for ln in wrap(part, font, SIZE, width)]
                cells.append((font, cell))
            laid.append((cells, max(len(lines) for _, lines in cells) * LEAD + 2 * pad - 2))
        self.need(sum(height for _, height in laid[:3]))
        first = last = 0
        for r, (cells, height) in enumerate(laid):
            self.need(height)
            top = self.y
            for c, (font, lines) in enumerate(cells):
                x0, x1 = cols[c], cols[c + 1]
                self.op("rect", x0, top, x1 - x0, height)
                how = (align[c] if align else "left") if not (header and r == 0) else "left"
                for k, ln in enumerate(lines):
                    base = top + pad + SIZE - 1 + k * LEAD
                    if how == "right":
                        self.op("text", x1 - pad, base, ln, font, SIZE, "right")
                    else:
                        self.op("text", x0 + pad, base, ln, font, SIZE, "left")
            self.y = top + height
            last = self.number
            first = first or last
        self.gap(8.0)
        return first, last


def render(pages: Sequence[Page], path: Path, title: str) -> None:
    c = rl_canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(COUNCIL)
    c.setSubject("Agenda pack (fictional sample)")
    c.setCreator("boardpapers corpora/make_sample.py")
    c.setKeywords("fictional sample; generated")
    for page in pages:
        if page.landscape:
            c.setPageSize((PAGE_H, PAGE_W))
            c.saveState()
            c.translate(*PAGE_BOX_OFFSET)
            draw_page(c, page, PAGE_H, PAGE_W)
            c.restoreState()
            c.showPage()
            x, y = PAGE_BOX_OFFSET
            c._doc.Pages.pages[-1].MediaBox = PDFArray([x, y, x + PAGE_H, y + PAGE_W])
            c.setPageSize(A4)
            continue
        draw_page(c, page, PAGE_W, PAGE_H)
        c.showPage()
    c.save()


def draw_page(c: rl_canvas.Canvas, page: Page, width: float, height: float) -> None:
    c.setLineWidth(0.6)
    footer = PAGE_H - FOOTER_BASELINE  # the same distance from the bottom edge on every page
    if page.blank:
        c.setFont(REG, 10)
        c.drawCentredString(width / 2, footer, f"Page {page.number}")
        c.setFont(REG, SIZE)
        c.drawCentredString(width / 2, height / 2, BLANK_TEXT)
        return
    for op in page.ops:
        if op[0] == "text":
            _, x, base, text, font, size, align = op
            c.setFont(font, size)
            y = height - base
            if align == "centre":
                c.drawCentredString(x, y, text)
            elif align == "right":
                c.drawRightString(x, y, text)
            else:
                c.drawString(x, y, text)
        elif op[0] == "rect":
            _, x, top, w, h = op
            c.rect(x, height - top - h, w, h, stroke=1, fill=0)
        elif op[0] == "hline":
            _, x0, x1, y = op
            c.line(x0, height - y, x1, height - y)
    c.setFont(REG, 10)
    c.drawCentredString(width / 2, footer, f"Page {page.number}")
    if page.stamp:  # ModernGov adds the stamp last, as an overlay
        c.setFont(BOLD, 12)
        c.drawRightString(RIGHT, height - STAMP_BASELINE, page.stamp)


# ------------------------------------------------------------------ content model


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Plain:
    """An unnumbered paragraph (lead-in to a list, a table caption)."""

    text: str
    bold: bool = False


@dataclass
class Table:
    rows: list[list[str]]
    widths: list[float]  # fractions of the text width from INDENT to RIGHT
    align: list[str]
    total_row: bool = False


Block = str | Bullets | Plain | Table


@dataclass
class Resolved:
    clauses: list[str]


@dataclass
class MinuteItem:
    title: str
    body: list[str | Bullets | Resolved]


@dataclass
class MinutesSpec:
    date: dt.date
    held_at: str
    absent: set[str]
    first_number: int
    items: list[MinuteItem]
    # substitute -> the member they replaced; the moderngov style (frozen before substitutes
    # were modelled) does not print them, every other house style does
    substitutes: dict[str, str] = field(default_factory=dict)


@dataclass
class ReportSpec:
    title: str
    date: dt.date
    report_from: str
    contact_name: str
    contact_role: str
    tel: str
    email: str
    style: str  # "para": Purpose / Recommendation(s) / numbered 1, 2, 3 ...; "decimal": 1.1.
    recommendations: list[str]
    sections: list[tuple[str, list[Block]]]
    purpose: str | None = None
    decision_maker: str | None = None  # a Decision Report when set
    previous_decisions: list[tuple[str, str]] | None = None  # legal-information page
    appendix: tuple[str, list[Block]] | None = None  # on its own page(s) after the report


@dataclass
class AgendaEntry:
    title: str
    description: str
    papers: MinutesSpec | ReportSpec | None = None


@dataclass
class PackSpec:
    date: dt.date
    time: str
    place: str
    items: list[AgendaEntry]

    @property
    def slug(self) -> str:
        return f"borsetshire-childrens-services-scrutiny-{self.date.isoformat()}"


# ----------------------------------------------------------------- papers layout


def layout_minutes(flow: Flow, spec: MinutesSpec) -> dict[str, Any]:
    first = flow.number
    flow.para(
        f"AT A MEETING of the {BODY} of {COUNCIL_CAPS} held at {spec.held_at} on "
        f"{minutes_date(spec.date)}",
        x=LEFT,
        after=10.0,
    )
    chair_present = CHAIRMAN not in spec.absent
    flow.line(
        [
            (72.9, "Chairman:", BOLD, SIZE),
            (146.6, "p" if chair_present else "a", REG, SIZE),
            (166.4, CHAIRMAN, REG, SIZE),
        ]
    )
    flow.gap(6.0)
    attendance = [{"name": CHAIRMAN, "present": chair_present}]
    for i in range(0, len(MEMBERS), 2):
        parts: list[Part] = []
        for name, (mx, nx) in zip(MEMBERS[i : i + 2], [(72.9, 92.7), (299.6, 319.5)], strict=False):
            present = name not in spec.absent
            attendance.append({"name": name, "present": present})
            parts += [(mx, "p" if present else "a", REG, SIZE), (nx, name, REG, SIZE)]
        flow.line(parts)
    flow.gap(10.0)

    items_truth = []
    straddles = []
    for k, item in enumerate(spec.items):
        number = str(spec.first_number + k)
        flow.gap(6.0)
        flow.need(LEAD * 3)
        start, _ = flow.para(item.title, font=BOLD, label=f"{number}.", label_font=BOLD, after=3.0)
        resolutions: list[str] = []
        for block in item.body:
            if isinstance(block, Bullets):
                flow.bullets(block.items)
            elif isinstance(block, Resolved):
                resolutions += block.clauses
                if len(block.clauses) == 1:
                    flow.para(f"Resolved: {block.clauses[0]}")
                    continue
                flow.para("Resolved:", after=2.0)
                pages = []
                for n, clause in enumerate(block.clauses, start=1):
                    numeral = ["i", "ii", "iii", "iv", "v"][n - 1] + "."
                    pages.append(flow.para(clause, x=INDENT + 32, label=numeral, label_x=INDENT))
                if pages[0][0] != pages[-1][1]:
                    straddles.append(number)
            else:
                flow.para(block)
        items_truth.append(
            {
                "number": number,
                "title": item.title,
                "resolutions": resolutions,
                "pages": [start, flow.number],
            }
        )
    flow.gap(30.0)
    flow.need(LEAD * 2 + 6)
    flow.op("hline", LEFT, LEFT + 200, flow.y)
    flow.y += 4
    flow.line([(LEFT, f"Chairman, {BODY}", REG, SIZE)])
    return {
        "date": spec.date.isoformat(),
        "held_at": spec.held_at,
        "chairman": CHAIRMAN,
        "attendance": attendance,
        "items": items_truth,
        "pages": [first, flow.number],
        "_straddles": straddles,
    }


def _block(flow: Flow, block: Block, label: str | None) -> None:
    if isinstance(block, Bullets):
        flow.bullets(block.items)
    elif isinstance(block, Plain):
        if block.bold:  # a caption: keep it with the start of its table
            flow.need(LEAD + 3 * (LEAD + 6))
        flow.para(block.text, font=BOLD if block.bold else REG, keep=block.bold)
    elif isinstance(block, Table):
        span = RIGHT - INDENT
        cols = [INDENT]
        for w in block.widths:
            cols.append(cols[-1] + w * span)
        cols[-1] = RIGHT
        flow.table(block.rows, cols, align=block.align, total_row=block.total_row)
    else:
        flow.para(block, label=label)


def layout_report(flow: Flow, spec: ReportSpec) -> dict[str, Any]:
    first = flow.number
    report_header_table(flow, spec)
    report_body(flow, spec)
    if spec.previous_decisions is not None:
        layout_legal_information(flow, spec)
    if spec.appendix:
        heading, blocks = spec.appendix
        flow.new_page()
        flow.para(heading, x=LEFT, font=BOLD, size=12.0, after=8.0)
        for block in blocks:
            _block(flow, block, None)
    return report_truth(spec, first, flow.number)


def report_header_table(flow: Flow, spec: ReportSpec) -> None:
    """The ModernGov county header: 'Report' / 'Decision Report' over ruled label tables."""
    flow.line([(PAGE_W / 2, COUNCIL_CAPS, BOLD, 13.0)], lead=18.0, align="centre")
    kind = "Decision Report" if spec.decision_maker else "Report"
    flow.line([(PAGE_W / 2, kind, BOLD, 15.0)], lead=22.0, align="centre")
    flow.gap(8.0)
    cols = [LEFT, 190.0, RIGHT]
    head = [
        ["Decision Maker:" if spec.decision_maker else "Committee:", spec.decision_maker or BODY],
        ["Date:", plain_date(spec.date)],
        ["Title:", spec.title],
        ["Report From:", spec.report_from],
    ]
    flow.table(head, cols, header=False, label_col=True)
    contact = f"{spec.contact_name}, {spec.contact_role}"
    flow.table(
        [["Contact name:", contact], ["Tel:", spec.tel], ["Email:", spec.email]],
        cols,
        header=False,
        label_col=True,
    )
    flow.gap(6.0)


def report_truth(spec: ReportSpec, first: int, last: int) -> dict[str, Any]:
    return {
        "title": spec.title,
        "date": spec.date.isoformat(),
        "report_from": spec.report_from,
        "committee": spec.decision_maker or BODY,
        "decision_report": spec.decision_maker is not None,
        "contact": {
            "name": spec.contact_name,
            "role": spec.contact_role,
            "tel": spec.tel,
            "email": spec.email,
        },
        "recommendations": list(spec.recommendations),
        "pages": [first, last],
    }


def report_body(
    flow: Flow, spec: ReportSpec, rec_label: Callable[[int], str] | None = None
) -> None:
    """Purpose, recommendations and sections, numbered in the report's own style.

    ``rec_label(k)`` labels the k-th recommendation (from 1) instead of the paragraph number.
    """
    if spec.style == "para":
        n = 0

        def numbered() -> str:
            nonlocal n
            n += 1
            return f"{n}."

        if spec.purpose:
            flow.heading("Purpose of this Report")
            flow.para(spec.purpose, label=numbered())
        flow.heading("Recommendation(s)")
        for k, rec in enumerate(spec.recommendations, start=1):
            flow.para(rec, label=rec_label(k) if rec_label else numbered())
        for heading, blocks in spec.sections:
            flow.heading(heading)
            for block in blocks:
                _block(flow, block, numbered() if isinstance(block, str) else None)
    else:
        rec_heading = "Recommendation" if len(spec.recommendations) == 1 else "Recommendations"
        flow.heading(rec_heading, label="1.")
        for k, rec in enumerate(spec.recommendations, start=1):
            flow.para(rec, label=rec_label(k) if rec_label else f"1.{k}.")
        for s, (heading, blocks) in enumerate(spec.sections, start=2):
            flow.heading(heading, label=f"{s}.")
            k = 0
            for block in blocks:
                label = None
                if isinstance(block, str):
                    k += 1
                    label = f"{s}.{k}."
                _block(flow, block, label)


def layout_legal_information(flow: Flow, spec: ReportSpec) -> None:
    flow.new_page()
    flow.para("REQUIRED CORPORATE AND LEGAL INFORMATION:", x=LEFT, font=BOLD, after=8.0)
    flow.para("Links to the Council Strategy", x=LEFT, font=BOLD, after=4.0)
    for aim, answer in [
        ("Borsetshire has a thriving and resilient economy:", "No"),
        ("People in Borsetshire live safe, healthy and independent lives:", "Yes"),
        ("Borsetshire's countryside and towns are protected and improved:", "No"),
        ("Communities in Borsetshire are strong and inclusive:", "Yes"),
    ]:
        flow.line([(LEFT, aim, REG, SIZE), (RIGHT - 30, answer, REG, SIZE)])
    flow.gap(10.0)
    flow.para("Other Significant Links", x=LEFT, font=BOLD, after=4.0)
    flow.para("Links to previous Member decisions:", x=LEFT, after=4.0)
    rows = [["Title", "Date"], *[list(r) for r in spec.previous_decisions or [("None", "")]]]
    flow.table(rows, [LEFT, 400.0, RIGHT])
    flow.para("Section 100 D - Local Government Act 1972 - background documents", x=LEFT, font=BOLD)
    flow.para(
        "No unpublished documents have been relied on to a material extent in preparing this "
        "report. Published works, and documents that would disclose exempt or confidential "
        "information, are not listed.",
        x=LEFT,
        after=12.0,
    )
    flow.para("EQUALITIES IMPACT ASSESSMENT:", x=LEFT, font=BOLD, after=6.0)
    flow.para("1. Equality Duty", x=LEFT, font=BOLD, after=3.0)
    flow.para(
        "In making decisions the County Council must have due regard to the need to eliminate "
        "unlawful discrimination, to advance equality of opportunity and to foster good "
        "relations between people who share a protected characteristic and people who do not, "
        "as required by section 149 of the Equality Act 2010.",
        x=LEFT,
    )
    flow.para("2. Equalities Impact Assessment:", x=LEFT, font=BOLD, after=3.0)
    flow.para(
        "An equality impact assessment has been completed for the proposals in this report and "
        "is available from the report's author on request. Where it identifies an adverse "
        "impact on a group with a protected characteristic, the mitigation is described in the "
        "body of the report.",
        x=LEFT,
    )


# ------------------------------------------------------------------ house styles
#
# The same content laid out the way other councils publish it. Each style is a set of
# choices seen in real minutes and reports (county ModernGov output, committee minutes headed
# "(Item N)", town/parish/community council minutes); no style copies one document. The
# truth of every style records the same content: the same meeting, agenda, attendance,
# minute titles, resolutions and reports; only what a style prints differently differs (page
# numbers, minute labels, titles in Title Case, the wording of a noted outcome), and
# ``content_view`` maps each truth onto what they share.


@dataclass(frozen=True)
class HouseStyle:
    name: str
    summary: str
    title_case: bool = False  # agenda and minute titles in Title Case instead of capitals
    agenda_label: str = "{n}."
    opening: str = (
        "at-a-meeting"  # at-a-meeting | minutes-of | council-heading | caps-lines | title-line
    )
    attendance: str = "pa-grid"  # pa-grid | pa-table | present-para | name-role | star-grid
    apologies: str = "grid"  # where absent members are named in full: grid | opening | minute
    heads: str = "label"  # label | hanging | item-ref | ref-column | line-start | grid
    refs: str = "continuing"  # minute labels: continuing | restart | yy.mm.n | mm.yy.nn | none
    outcome: str = "resolved-colon"  # resolved-colon | resolved-alone | resolved-that | ...
    report_header: str = "table"  # table | by-to | from-to | grid | lines
    report_contact: str = "header"  # header | contact-details | author-director
    rec_label: str = "number"  # number | letter-paren | letter
    landscape_appendix: bool = False
    closing: str = "chairman-body"  # chairman-body | chairman-date | signed-chair | none
    signed_footer: bool = False  # "Signed ... Dated ..." at the foot of every minutes page
    running_head: bool = False  # "<Body> – Minutes – <date>" atop every later minutes page
    # the first resolution with several clauses runs over a page break after its first clause
    # (the clauses go on under the next page's running head, after this page's footer)
    break_clauses: bool = False
    front: str = "notice"  # notice | summons | date-time-lines | title-block
    chair: str = "role"  # role | in-the-chair | post-first | chair-dash | presiding
    # outcome, report_header, front and chair may list forms joined by "|": the style uses
    # them in turn (outcome per minute item, report header per report, front sheet and chair
    # per pack), as one council's clerks vary them from meeting to meeting


def turn(d: dt.date) -> int:
    """Which of a year's four meetings (by quarter) a date belongs to: a style's turn."""
    return (d.month - 1) // 3


def form(choices: str, k: int) -> str:
    """The k-th form (from 0, in turn) of a style's "a|b|c" choice."""
    forms = choices.split("|")
    return forms[k % len(forms)]


MODERNGOV = HouseStyle(
    "moderngov",
    "the committed corpus: ModernGov county minutes, p/a attendance grid, 'N. TITLE' heads, "
    "'Resolved:' with i./ii. clauses, report header tables",
)
STYLES: dict[str, HouseStyle] = {
    s.name: s
    for s in [
        MODERNGOV,
        HouseStyle(
            "hanging",
            "county minutes with minute numbers in a hanging left column set higher than the "
            "title (in text order a number lands on the line before its title, or alone), "
            "'RESOLVED:' alone on a line, a ruled p/a table, By:/To:/Subject: report headers "
            "with a 'Contact details' block, a landscape appendix on an offset page box",
            opening="minutes-of",
            attendance="pa-table",
            heads="hanging",
            outcome="resolved-alone",
            report_header="by-to",
            report_contact="contact-details",
            landscape_appendix=True,
            closing="chairman-date",
        ),
        HouseStyle(
            "item-ref",
            "committee minutes whose items are a bold Title Case heading and '(Item N)' with no "
            "minute number, a PRESENT paragraph, apologies and substitutes stated only in the "
            "apologies minute, 'RESOLVED that ...', From:/To:/Subject: reports with a two-column "
            "'Report Author | Relevant Director' contact table, lettered recommendations",
            title_case=True,
            agenda_label="{n}",
            opening="council-heading",
            attendance="present-para",
            apologies="minute",
            heads="item-ref",
            refs="none",
            outcome="resolved-that",
            report_header="from-to",
            report_contact="author-director",
            rec_label="letter-paren",
            landscape_appendix=True,
            closing="none",
        ),
        HouseStyle(
            "parish",
            "town and parish council minutes: centred capitals heading, Present block of names "
            "and roles, an apologies paragraph, minute references like '24.01.3' in a left "
            "column with the text indented, 'Resolved – ...', 'Signed ... Dated ...' on every "
            "page, a ruled report header grid with the contact officer in one cell",
            title_case=True,
            opening="caps-lines",
            attendance="name-role",
            apologies="opening",
            heads="ref-column",
            refs="yy.mm.n",
            outcome="resolved-dash",
            report_header="grid",
            rec_label="letter",
            landscape_appendix=True,
            closing="signed-chair",
            signed_footer=True,
        ),
        HouseStyle(
            "noted",
            "panel minutes with a one-line '<Body> – <date>' title, a '*Present' grid, "
            "'N. Title' heads at the line start, outcomes as 'The Committee noted ...' or "
            "'AGREED:', report headers as unruled label lines",
            title_case=True,
            agenda_label="{n})",
            opening="title-line",
            attendance="star-grid",
            heads="line-start",
            outcome="noted",
            report_header="lines",
            closing="chairman-date",
        ),
        HouseStyle(
            "community",
            "community council minutes: the body as a heading over 'Minutes of a Meeting held "
            "on ...', attendance as a grid of names and initials with the chair named in a "
            "sentence, minute references like '01.24.03' numbered afresh at each meeting, "
            "apologies and substitutes in "
            "the apologies minute, a bold 'Resolved' line over unlabelled resolution paragraphs",
            title_case=True,
            agenda_label="{n}",
            opening="heading-held-on",
            attendance="initials-grid",
            apologies="minute",
            heads="line-start",
            refs="mm.yy.nn",
            outcome="resolved-paras",
            closing="chairman-date",
        ),
        HouseStyle(
            "borough",
            "borough and district committee minutes: the chair named on a line of its own "
            "('In the Chair:', 'Chairman – X', 'Presiding:') or first in the PRESENT paragraph "
            "with the post before the name, an apologies paragraph, 'N. Title' heads, outcomes "
            "as 'It was RESOLVED that:', 'RESOLVED – That ...', 'DECISION:' and 'The Committee "
            "agreed:' with numbered or lettered clauses; front sheets that print the start "
            "time in a summons sentence ('commencing at 2pm'), as 'Date:'/'Time:' lines "
            "('14:00') or alone under the date in a title block; report headers as 'Report "
            "to:' lines, 'Meeting:'/'Date:' lines or a ruled 'Date of meeting'/'Report of'/"
            "'Subject' table without colons, or a '<BODY> – <DATE>' heading over the title",
            title_case=True,
            opening="minutes-of",
            attendance="present-para",
            apologies="opening",
            heads="line-start",
            outcome="it-was-resolved|resolved-dash-that|decision|committee-agreed",
            report_header="report-to|meeting-lines|dom-table|body-date-heading",
            closing="chairman-date",
            front="summons|date-time-lines|title-block|notice",
            chair="in-the-chair|post-first|chair-dash|presiding",
            break_clauses=True,
        ),
        HouseStyle(
            "unitary",
            "unitary council minutes: the council and body as centred headings, a ruled p/a "
            "table naming the chair '(Chair)' or '(in the Chair)' (or a sentence after it: 'The "
            "Chairman, X, welcomed ...', 'X presided.'), minute numbers in a left "
            "column, decisions in a ruled table headed 'Decision' with a label column, or "
            "'Resolved:' over lettered clauses, 'RESOLVED that:' over bullets; front sheets with the time as a 'Time:' line "
            "under the date in a title block, or in a summons sentence; report headers as a "
            "cover sheet over a contents list, or a ruled table without colons",
            title_case=True,
            agenda_label="{n}",
            opening="council-heading",
            attendance="pa-table",
            heads="ref-column",
            outcome="decision-table|resolved-lettered|resolved-bullets",
            report_header="cover-contents|dom-table",
            closing="chairman-date",
            front="title-time-label|summons",
            chair="paren-chair|chair-welcomed|in-the-chair-paren|presided",
            break_clauses=True,
        ),
        HouseStyle(
            "town",
            "town council minutes: a centred capitals heading, a PRESENT paragraph with the "
            "chair as 'X, Chairman;' or named in a sentence ('X chaired the meeting.', 'X "
            "(Chairman) welcomed ...', 'Chairman X opened the meeting ...'), an apologies "
            "paragraph, 'N. Title' heads, a running head atop every later minutes page; the other styles' outcomes, front sheets and report "
            "headers in another order",
            title_case=True,
            opening="caps-lines",
            attendance="present-para",
            apologies="opening",
            heads="line-start",
            outcome="resolved-dash-that|it-was-resolved|resolved-bullets|decision",
            report_header="body-date-heading|report-to|cover-contents|dom-table",
            closing="chairman-date",
            front="date-time-lines|title-time-label|summons|title-block",
            chair="comma-post|chaired-sentence|paren-sentence|chairman-opened",
            running_head=True,
            break_clauses=True,
        ),
        HouseStyle(
            "grid",
            "town and parish council minutes set as one ruled Minute / Discussion / Decision "
            "table, a row per minute item: the minute number, the title over the discussion, "
            "the decision in its own column ('(a)', '(b)' clauses); rows run over page breaks; in "
            "turn a 'Min No. | Item | Resolution' header repeated atop every page with "
            "'RESOLVED:' opening the decision cells; in the third a fourth 'Action by' column "
            "and minutes numbered '24/31'; the chair in 'X called the meeting to order at ...' "
            "or 'X declared the meeting open at ...'; "
            "'Signed ... Dated ...' at the foot of every page",
            title_case=True,
            opening="caps-lines",
            attendance="present-para",
            apologies="opening",
            heads="grid",
            chair="called-to-order|role|declared-open",
            outcome="decision-column",
            report_header="lines",
            closing="chairman-date",
            signed_footer=True,
        ),
    ]
}
DEFAULT_STYLE = MODERNGOV.name

_SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "by", "with"}
NOTED_PREFIX = "That the Committee note "
NOTED_PRINTED = "The Committee noted "


def title_case(text: str) -> str:
    """'PRE-DECISION SCRUTINY: CHILDREN'S SERVICES' -> 'Pre-Decision Scrutiny: Children's Services'."""
    out = []
    for i, word in enumerate(text.split(" ")):
        lw = word.lower()
        if any(c.isdigit() for c in word) or not any(c.isalpha() for c in word):
            out.append(word)
        elif i and lw in _SMALL_WORDS:
            out.append(lw)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in lw.split("-")))
    return " ".join(out)


def titled(style: HouseStyle, text: str) -> str:
    return title_case(text) if style.title_case else text


def name_list(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def minute_label(style: HouseStyle, spec: MinutesSpec, k: int) -> str | None:
    """The printed minute number of the k-th item (from 0), None when the style prints none."""
    if style.refs == "none":
        return None
    if style.refs == "mm.yy.nn":  # month.year.item, zero-padded, afresh at each meeting
        return f"{spec.date.month:02d}.{spec.date:%y}.{k + 1:02d}"
    if style.refs == "yy.mm.n":  # year.month.item, numbered afresh at each meeting
        return f"{spec.date:%y}.{spec.date.month:02d}.{k + 1}"
    if style.refs == "restart":
        return str(k + 1)
    return str(spec.first_number + k)


def outcome_texts(style: HouseStyle, clauses: list[str]) -> list[str]:
    """The resolutions as the style prints them (what extraction must return)."""
    if style.outcome == "noted" and len(clauses) == 1 and clauses[0].startswith(NOTED_PREFIX):
        return [NOTED_PRINTED + clauses[0][len(NOTED_PREFIX) :]]
    return list(clauses)


# ---- minutes


def attendance_truth(spec: MinutesSpec, style: HouseStyle) -> list[dict[str, Any]]:
    people: list[dict[str, Any]] = [
        {"name": name, "present": name not in spec.absent} for name in [CHAIRMAN, *MEMBERS]
    ]
    if style.name != DEFAULT_STYLE:
        people += [
            {"name": sub, "present": True, "substitute_for": member}
            for sub, member in spec.substitutes.items()
        ]
    return people


def _apologies_sentence(spec: MinutesSpec, substitutes: bool = True) -> str:
    absent = [name for name in [CHAIRMAN, *MEMBERS] if name in spec.absent]
    text = f"Apologies for absence were received from {name_list(absent)}."
    for sub, member in spec.substitutes.items() if substitutes else []:
        text += f" {sub} attended as a substitute for {member}."
    return text


def styled_opening(flow: Flow, spec: MinutesSpec, style: HouseStyle) -> None:
    when = minutes_date(spec.date)
    if style.opening == "minutes-of":
        flow.para(
            f"MINUTES of a meeting of the {BODY} of {COUNCIL} held at {spec.held_at} on "
            f"{front_date(spec.date)}",
            x=LEFT,
            after=10.0,
        )
    elif style.opening == "council-heading":
        flow.line([(PAGE_W / 2, COUNCIL_CAPS, BOLD, 12.0)], lead=20.0, align="centre")
        flow.line([(PAGE_W / 2, BODY.upper(), BOLD, 12.0)], lead=24.0, align="centre")
        flow.para(
            f"MINUTES of a meeting of the {BODY} held in the Council Chamber, {spec.held_at} "
            f"on {when}.",
            x=LEFT,
            after=10.0,
        )
    elif style.opening == "caps-lines":
        for text in [
            f"MINUTES OF THE MEETING OF THE {BODY.upper()}",
            f"HELD AT {spec.held_at.upper()}",
            f"ON {ordinal(spec.date.day)} {MONTHS[spec.date.month - 1]} {spec.date.year}",
        ]:
            flow.line([(PAGE_W / 2, text, BOLD, SIZE)], lead=20.0, align="centre")
        flow.gap(8.0)
    elif style.opening == "heading-held-on":
        flow.line([(LEFT, BODY, BOLD, 14.0)], lead=26.0)
        flow.para(f"Minutes of a Meeting held on {front_date(spec.date)}", x=LEFT, after=0.0)
        flow.para(f"at {spec.held_at}", x=LEFT, after=10.0)
    elif style.opening == "title-line":
        title = f"{BODY} – {ordinal(spec.date.day)} {MONTHS[spec.date.month - 1]} {spec.date.year}"
        flow.line([(PAGE_W / 2, title, BOLD, 13.0)], lead=24.0, align="centre")
        flow.para(f"Minutes of the meeting held at {spec.held_at}.", x=LEFT, after=10.0)
    else:
        raise ValueError(f"unknown opening {style.opening!r}")


# the chair named in a sentence under the attendance list (some with the time the minuted
# meeting began: the committee's usual time)
MINUTES_START = "2.00 pm"
CHAIR_SENTENCES = {
    "chair-welcomed": "The Chairman, {chair}, welcomed Members and officers to the meeting.",
    "presided": "{chair} presided.",
    "chaired-sentence": "{chair} chaired the meeting.",
    "paren-sentence": "{chair} (Chairman) welcomed everyone to the meeting.",
    "chairman-opened": "Chairman {chair} opened the meeting and welcomed those present.",
    "called-to-order": "{chair} called the meeting to order at {time}.",
    "declared-open": "{chair} declared the meeting open at {time} and welcomed those present.",
}


def styled_attendance(flow: Flow, spec: MinutesSpec, style: HouseStyle) -> None:
    members = [CHAIRMAN, *MEMBERS]
    subs = list(spec.substitutes.items())

    chair = form(style.chair, turn(spec.date))

    def with_role(name: str) -> str:
        if chair in CHAIR_SENTENCES:
            return name  # the chair is named in a sentence after the list
        post = {"paren-chair": "Chair", "in-the-chair-paren": "in the Chair"}.get(chair, "Chairman")
        return f"{name} ({post})" if name == CHAIRMAN else name

    if style.attendance == "pa-table":
        flow.para("PRESENT", x=LEFT, font=BOLD, after=4.0)
        cells = [("p" if m not in spec.absent else "a", with_role(m)) for m in members]
        rows = []
        for i in range(0, len(cells), 2):
            pair = cells[i : i + 2] + [("", "")] * (2 - len(cells[i : i + 2]))
            rows.append([pair[0][0], pair[0][1], pair[1][0], pair[1][1]])
        # a longer chair's note ("(in the Chair)") sits in a wider first name column
        cols = [LEFT, 88.0, 306.0, 324.0, RIGHT] if chair == "role" else [LEFT, 88, 340, 358, RIGHT]
        flow.table(rows, cols, header=False)
        if subs:
            flow.para("Substitute Members", x=LEFT, font=BOLD, after=4.0)
            rows = [["p", f"{sub} (substitute for {member})"] for sub, member in subs]
            flow.table(rows, [LEFT, 88.0, RIGHT], header=False)
    elif style.attendance == "present-para":
        present = [with_role(m) for m in members if m not in spec.absent]
        chair_line = {
            "in-the-chair": "In the Chair:",
            "chair-dash": "Chairman –",
            "presiding": "Presiding:",
        }.get(chair)
        if chair_line:  # the chair on a line of its own, the others after PRESENT
            flow.para(f"{chair_line} {CHAIRMAN}", x=LEFT, after=4.0)
            present = [m for m in members if m not in spec.absent and m != CHAIRMAN]
        elif chair == "post-first":  # "PRESENT: Chair Councillor X, Councillor Y, ..."
            present = [f"Chair {CHAIRMAN}"] + [
                m for m in members if m not in spec.absent and m != CHAIRMAN
            ]
        present += [f"{sub} (substitute for {member})" for sub, member in subs]
        if chair == "comma-post":  # "PRESENT: Councillor X, Chairman; Councillor Y; ..."
            listed = "; ".join(f"{p}, Chairman" if p == CHAIRMAN else p for p in present)
            flow.para(f"PRESENT: {listed}", x=LEFT, after=10.0)
        else:
            flow.para(f"PRESENT: {name_list(present)}", x=LEFT, after=10.0)
    elif style.attendance == "name-role":
        flow.para("Present:", x=LEFT, font=BOLD, after=4.0)
        rows = [(m, "Chairman" if m == CHAIRMAN else "") for m in members if m not in spec.absent]
        rows += [(sub, f"Substitute for {member}") for sub, member in subs]
        for name, role in rows:
            parts: list[Part] = [(LEFT + 18, name, REG, SIZE)]
            if role:
                parts.append((300.0, role, REG, SIZE))
            flow.line(parts)
        flow.gap(8.0)
    elif style.attendance == "star-grid":
        mark = "*" if CHAIRMAN not in spec.absent else ""
        flow.line(
            [
                (72.9, "Chairman:", BOLD, SIZE),
                (146.6, mark, REG, SIZE),
                (166.4, CHAIRMAN, REG, SIZE),
            ]
        )
        flow.gap(6.0)
        for i in range(0, len(MEMBERS), 2):
            parts = []
            for name, (mx, nx) in zip(
                MEMBERS[i : i + 2], [(72.9, 92.7), (299.6, 319.5)], strict=False
            ):
                if name not in spec.absent:
                    parts.append((mx, "*", REG, SIZE))
                parts.append((nx, name, REG, SIZE))
            flow.line(parts)
        for sub, member in subs:
            flow.line(
                [
                    (72.9, "Substitute:", BOLD, SIZE),
                    (146.6, "*", REG, SIZE),
                    (166.4, f"{sub} (substitute for {member})", REG, SIZE),
                ]
            )
        flow.line([(72.9, "*Present", REG, 9.0)])
        flow.gap(6.0)
    elif style.attendance == "initials-grid":
        present = [m for m in members if m not in spec.absent] + [sub for sub, _ in subs]

        def initials(name: str) -> str:
            return "".join(w[0] for w in name.split()[1:])

        for i in range(0, len(present), 2):
            parts: list[Part] = [(LEFT, "Present", BOLD, SIZE)] if i == 0 else []
            for name, x in zip(present[i : i + 2], [LEFT + 54, 312.0], strict=False):
                parts += [(x, name, REG, SIZE), (x + 158, initials(name), REG, SIZE)]
            flow.line(parts)
        flow.gap(8.0)
        flow.para(f"The meeting was chaired by {CHAIRMAN}.", x=LEFT, after=10.0)
    else:
        raise ValueError(f"unknown attendance {style.attendance!r}")
    if chair in CHAIR_SENTENCES:
        said = CHAIR_SENTENCES[chair].format(chair=CHAIRMAN, time=MINUTES_START)
        flow.para(said, x=LEFT, after=10.0)
    if style.apologies == "opening" and spec.absent:
        flow.para(_apologies_sentence(spec, substitutes=False), x=LEFT, after=10.0)
    flow.gap(6.0)


def styled_head(
    flow: Flow, style: HouseStyle, label: str | None, title: str, k: int
) -> tuple[int, float]:
    """Lay out a minute heading; (page, x of the item's text column)."""
    flow.gap(6.0 if style.heads in ("label", "hanging") else 8.0)
    flow.need(LEAD * 3)
    if style.heads == "hanging":
        page, base, prev = flow.pages[-1], flow.y + SIZE, flow.last_base
        flow.para(title, font=BOLD, after=3.0)
        # the number column is set higher than the title: level with it, alone on a line
        # between the items, or level with the last line of the item before
        number_base = base
        if k % 3 == 1:
            number_base = base - 12.0
        elif k % 3 == 2 and prev is not None and prev[0] == page.number:
            number_base = prev[1]
        page.ops.append(("text", LEFT, number_base, label, BOLD, SIZE, "left"))
        return page.number, INDENT
    if style.heads == "item-ref":
        start, _ = flow.para(title, x=LEFT, font=BOLD, after=2.0)
        flow.para(f"(Item {k + 1})", x=LEFT, after=6.0)
        return start, LEFT
    if style.heads == "ref-column":
        start, _ = flow.para(
            title, x=LEFT + 50, font=BOLD, label=label, label_x=LEFT, label_font=BOLD, after=3.0
        )
        return start, LEFT + 72
    if style.heads == "line-start":
        printed = f"{label} {title}" if "." in str(label) else f"{label}. {title}"
        start, _ = flow.para(printed, x=LEFT, font=BOLD, after=3.0)
        return start, LEFT + 18
    raise ValueError(f"unknown heads {style.heads!r}")


def styled_outcome(flow: Flow, style: HouseStyle, clauses: list[str], x: float, k: int = 0) -> None:
    lettered = [f"({c})" for c in "abcdefgh"]
    outcome = form(style.outcome, k)
    if outcome == "it-was-resolved":  # "It was RESOLVED that:" over (a), (b) ...
        if len(clauses) == 1:
            assert clauses[0].startswith("That "), clauses[0]
            flow.para("It was RESOLVED that " + clauses[0][5:], x=x)
            return
        flow.para("It was RESOLVED that:", x=x, after=2.0)
        for label, clause in zip(lettered, clauses, strict=False):
            flow.para(clause, x=x + 28, label=label, label_x=x)
    elif outcome == "resolved-dash-that":  # "RESOLVED – (1) That ..." on the marker line
        if len(clauses) == 1:
            flow.para(f"RESOLVED – {clauses[0]}", x=x)
            return
        for n, clause in enumerate(clauses, start=1):
            lead = "RESOLVED – " if n == 1 else ""
            flow.para(f"{lead}({n}) {clause}", x=x if n == 1 else x + 28)
    elif outcome == "decision":  # "DECISION:" alone, numbered clauses under it
        if len(clauses) == 1:
            flow.para(f"DECISION: {clauses[0]}", x=x)
            return
        flow.para("DECISION:", x=x, font=BOLD, after=2.0)
        for n, clause in enumerate(clauses, start=1):
            flow.para(clause, x=x + 28, label=f"{n}.", label_x=x)
    elif outcome == "decision-table":  # a ruled table: a label column and a "Decision" column
        rows = [["", "Decision"]]
        if len(clauses) == 1:
            rows.append(["", clauses[0]])
        else:
            rows += [[label, clause] for label, clause in zip(lettered, clauses, strict=False)]
        flow.table(rows, [x, x + 36, RIGHT])
    elif outcome == "resolved-bullets":  # "RESOLVED that:" over bulleted clauses
        if len(clauses) == 1:
            flow.para(f"RESOLVED: {clauses[0]}", x=x)
            return
        flow.para("RESOLVED that:", x=x, after=2.0)
        flow.bullets(clauses, x=x)
    elif outcome == "resolved-lettered":  # "Resolved:" alone, lettered clauses under it
        if len(clauses) == 1:
            flow.para(f"Resolved: {clauses[0]}", x=x)
            return
        flow.para("Resolved:", x=x, after=2.0)
        for label, clause in zip(["a)", "b)", "c)", "d)", "e)"], clauses, strict=False):
            flow.para(clause, x=x + 28, label=label, label_x=x)
    elif outcome == "committee-agreed":  # "The Committee agreed:" over (i), (ii) ...
        if len(clauses) == 1:
            flow.para(f"AGREED – {clauses[0]}", x=x)
            return
        flow.para("The Committee agreed:", x=x, after=2.0)
        for n, clause in enumerate(clauses, start=1):
            numeral = ["i", "ii", "iii", "iv", "v"][n - 1]
            flow.para(clause, x=x + 28, label=f"({numeral})", label_x=x)
    elif style.outcome == "resolved-alone":
        flow.para("RESOLVED:", x=x, after=2.0)
        if len(clauses) == 1:
            flow.para(clauses[0], x=x)
            return
        for label, clause in zip(lettered, clauses, strict=False):
            flow.para(clause, x=x + 28, label=label, label_x=x)
    elif style.outcome == "resolved-that":
        if len(clauses) == 1:
            assert clauses[0].startswith("That "), clauses[0]
            flow.para("RESOLVED that " + clauses[0][5:], x=x)
            return
        flow.para("RESOLVED:", x=x, after=2.0)
        for n, clause in enumerate(clauses, start=1):
            flow.para(clause, x=x + 28, label=f"({n})", label_x=x)
    elif style.outcome == "resolved-dash":
        for clause in clauses:
            flow.para(f"Resolved – {clause}", x=x)
    elif style.outcome == "resolved-paras":
        flow.para("Resolved", x=x, font=BOLD, after=2.0)
        for clause in clauses:
            flow.para(clause, x=x)
    elif style.outcome == "noted":
        printed = outcome_texts(style, clauses)
        if printed != clauses:
            flow.para(printed[0], x=x)
        elif len(clauses) == 1:
            flow.para(f"AGREED: {clauses[0]}", x=x)
        else:
            flow.para("AGREED:", x=x, after=2.0)
            for n, clause in enumerate(clauses, start=1):
                numeral = ["i", "ii", "iii", "iv", "v"][n - 1]
                flow.para(clause, x=x + 28, label=f"({numeral})", label_x=x)
    else:
        raise ValueError(f"unknown outcome {style.outcome!r}")


def styled_closing(flow: Flow, style: HouseStyle) -> None:
    flow.gap(24.0)
    flow.need(LEAD * 3)
    if style.closing == "chairman-date":
        flow.line([(LEFT, "Chairman ........................................", REG, SIZE)])
        flow.gap(8.0)
        flow.line([(LEFT, "Date ........................................", REG, SIZE)])
    elif style.closing == "signed-chair":
        flow.line([(LEFT, f"Signed ………………………………………… Chair, {BODY}", REG, SIZE)])
        flow.gap(8.0)
        flow.line([(LEFT, "Date ……………………………………", REG, SIZE)])
    elif style.closing != "none":
        raise ValueError(f"unknown closing {style.closing!r}")


def layout_minutes_styled(flow: Flow, spec: MinutesSpec, style: HouseStyle) -> dict[str, Any]:
    first = flow.number
    first_page = len(flow.pages) - 1
    styled_opening(flow, spec, style)
    styled_attendance(flow, spec, style)
    if style.heads == "grid":
        items_truth, straddles = layout_minutes_grid(flow, spec, style)
        return _styled_minutes_end(flow, spec, style, first, first_page, items_truth, straddles)
    items_truth = []
    straddles: list[str] = []
    for k, item in enumerate(spec.items):
        label = minute_label(style, spec, k)
        title = titled(style, item.title)
        start, x = styled_head(flow, style, label, title, k)
        body = item.body
        if k == 0 and style.apologies == "minute":
            assert "APOLOGIES" in item.title, item.title
            body = [_apologies_sentence(spec)]
        resolutions: list[str] = []
        for block in body:
            if isinstance(block, Bullets):
                flow.bullets(block.items, x=x)
            elif isinstance(block, Resolved):
                resolutions += outcome_texts(style, block.clauses)
                before = flow.number
                if style.break_clauses and not straddles and len(block.clauses) > 1:
                    # leave room for the marker and the first clause only: the others go
                    # on over the page's footer and the next page's running head
                    width = RIGHT - x - 28
                    room = LEAD * (1 + len(wrap(block.clauses[0], REG, SIZE, width))) + 4.0
                    if flow.y + room + LEAD < flow.bottom:
                        flow.y = flow.bottom - room
                styled_outcome(flow, style, block.clauses, x, k + turn(spec.date))
                if style.break_clauses and not straddles and flow.number != before:
                    straddles.append(str(label))
            else:
                flow.para(block, x=x)
        truth: dict[str, Any] = {
            "number": label,
            "title": title,
            "resolutions": resolutions,
            "pages": [start, flow.number],
        }
        if style.heads == "item-ref":
            truth["agenda_item"] = str(k + 1)
        items_truth.append(truth)
    return _styled_minutes_end(flow, spec, style, first, first_page, items_truth, straddles)


def _styled_minutes_end(
    flow: Flow,
    spec: MinutesSpec,
    style: HouseStyle,
    first: int,
    first_page: int,
    items_truth: list[dict[str, Any]],
    straddles: list[str],
) -> dict[str, Any]:
    styled_closing(flow, style)
    if style.running_head:
        head = f"{BODY} – Minutes – {plain_date(spec.date)}"
        for page in flow.pages[first_page + 1 :]:
            page.ops.append(("text", LEFT, TOP - 12.0, head, REG, 9.0, "left"))
    if style.signed_footer:
        for page in flow.pages[first_page:]:
            text = "Signed _______________________ Dated _______________"
            page.ops.append(("text", LEFT, BOTTOM + 16.0, text, REG, SIZE, "left"))
    return {
        "date": spec.date.isoformat(),
        "held_at": spec.held_at,
        "chairman": CHAIRMAN,
        "attendance": attendance_truth(spec, style),
        "items": items_truth,
        "pages": [first, flow.number],
        "_straddles": straddles,
    }


# the grid's header row, in turn from meeting to meeting; in the second and fourth meetings
# it is repeated atop every page the table runs onto, and there the decision cells open
# with the clerk's "RESOLVED:" as well; in the third, a fourth column names who acts
# ("Action by") and the minutes are numbered "<year>/<n>" ("24/31")
GRID_HEADERS = [
    ["Minute", "Discussion", "Decision"],
    ["Min No.", "Item", "Resolution"],
    ["Minute", "Discussion", "Decision", "Action by"],
]
GRID_COLUMNS = [LEFT, LEFT + 52.0, LEFT + 290.0, RIGHT]  # the grid's column edges
GRID_ACTION_COLUMNS = [LEFT, LEFT + 52.0, LEFT + 250.0, RIGHT - 64.0, RIGHT]
GRID_ACTORS = ["Clerk", "Chairman", "Clerk / RFO"]  # who acts on a row's decision


def layout_minutes_grid(
    flow: Flow, spec: MinutesSpec, style: HouseStyle
) -> tuple[list[dict[str, Any]], list[str]]:
    """The items as one ruled Minute / Discussion / Decision table, a row per item.

    A row runs on over a page break (the rules close at the foot of the page and open again
    at the top of the next); the header row is printed atop the table, and in some meetings
    again atop every later page, whose decision cells also open with "RESOLVED:"."""
    form_k = turn(spec.date)
    header = GRID_HEADERS[form_k % len(GRID_HEADERS)]
    cols = GRID_ACTION_COLUMNS if len(header) == 4 else GRID_COLUMNS
    repeat = form_k % 2 == 1
    pad = 4.0
    flow.gap(6.0)

    def cell(blocks: list[tuple[str, str]], c: int) -> list[tuple[str, str]]:
        """(font, line) pairs of a cell: each (font, paragraph) wrapped, a blank between."""
        width = cols[c + 1] - cols[c] - 2 * pad
        out: list[tuple[str, str]] = []
        for n, (font, text) in enumerate(blocks):
            if n:
                out.append((REG, ""))
            out += [(font, ln) for ln in wrap(text, font, SIZE, width)]
        return out

    def row(cells: list[list[tuple[str, str]]]) -> tuple[int, int]:
        height = max(len(c) for c in cells)
        first = last = 0
        k = 0
        while k < height:
            flow.need(LEAD + 2 * pad)
            top, n = flow.y, 0
            while k + n < height and top + (n + 1) * LEAD + 2 * pad <= flow.bottom + 0.01:
                n += 1
            for c, lines in enumerate(cells):
                x0, x1 = cols[c], cols[c + 1]
                flow.op("rect", x0, top, x1 - x0, n * LEAD + 2 * pad)
                for j, (font, ln) in enumerate(lines[k : k + n]):
                    if ln:
                        flow.op(
                            "text",
                            x0 + pad,
                            top + pad + SIZE - 1 + j * LEAD,
                            ln,
                            font,
                            SIZE,
                            "left",
                        )
            flow.y = top + n * LEAD + 2 * pad
            last = flow.number
            first = first or last
            k += n
            if k < height:
                next_page()
        return first, last

    def next_page() -> None:
        flow.new_page()
        if repeat:
            row(header_cells)

    header_cells = [cell([(BOLD, h)], c) for c, h in enumerate(header)]
    flow.need(LEAD * 4)
    row(header_cells)
    items_truth: list[dict[str, Any]] = []
    straddles: list[str] = []
    for k, item in enumerate(spec.items):
        label = minute_label(style, spec, k)
        if len(header) == 4:
            label = f"{spec.date:%y}/{spec.first_number + k}"  # "24/31"
        title = titled(style, item.title)
        if flow.y + LEAD * 3 + 8.0 > flow.bottom:  # a row starts with three lines at least
            next_page()
        discussion: list[tuple[str, str]] = [(BOLD, title)]
        decision: list[tuple[str, str]] = []
        resolutions: list[str] = []
        for block in item.body:
            if isinstance(block, Bullets):
                discussion += [(REG, f"\u2022 {b}") for b in block.items]
            elif isinstance(block, Resolved):
                resolutions += block.clauses
                if len(block.clauses) == 1:
                    decision.append((REG, ("RESOLVED: " if repeat else "") + block.clauses[0]))
                else:
                    if repeat:
                        decision.append((BOLD, "RESOLVED:"))
                    lettered = [f"({c})" for c in "abcdefgh"]
                    decision += [
                        (REG, f"{lab} {c}") for lab, c in zip(lettered, block.clauses, strict=False)
                    ]
            else:
                discussion.append((REG, block))
        cells = [cell([(BOLD, str(label))], 0), cell(discussion, 1), cell(decision, 2)]
        if len(header) == 4:  # who acts on the decision, beside it
            actor = GRID_ACTORS[k % len(GRID_ACTORS)] if decision else ""
            cells.append(cell([(REG, actor)] if actor else [], 3))
        start, end = row(cells)
        if len(resolutions) > 1 and start != end:
            straddles.append(str(label))
        items_truth.append(
            {"number": label, "title": title, "resolutions": resolutions, "pages": [start, end]}
        )
    flow.gap(8.0)
    return items_truth, straddles


# ---- reports


def _decision_number(spec: ReportSpec) -> str:
    return f"{spec.date:%y}/{spec.date.month:02d}{spec.date.day:03d}"


def _label_lines(flow: Flow, rows: Sequence[tuple[str, str]], value_x: float) -> None:
    for label, value in rows:
        flow.para(value, x=value_x, label=label, label_x=LEFT, label_font=BOLD, after=4.0)


def styled_report_header(flow: Flow, spec: ReportSpec, style: HouseStyle, k: int = 0) -> None:
    committee = spec.decision_maker or BODY
    decision = spec.decision_maker is not None
    header = form(style.report_header, k)
    contact = f"{spec.contact_name}, {spec.contact_role}"
    if header in ("report-to", "meeting-lines"):
        flow.line([(LEFT, COUNCIL, BOLD, 14.0)], lead=24.0)
        if header == "report-to":
            rows = [
                ("Decision maker:" if decision else "Report to:", committee),
                ("Date of meeting:", plain_date(spec.date)),
                ("Report of:", spec.report_from),
                ("Subject:", spec.title),
            ]
        else:
            rows = [
                ("Decision Maker:" if decision else "Meeting:", committee),
                ("Date:", plain_date(spec.date)),
                ("Subject:", spec.title),
                ("Report of:", spec.report_from),
            ]
        if decision:
            rows.append(("Key Decision:", "Yes"))
        rows += [("Contact Officer:", contact), ("Tel:", spec.tel), ("Email:", spec.email)]
        _label_lines(flow, rows, 190.0)
        flow.gap(10.0)
        return
    if header == "body-date-heading":  # "<BODY> – <DATE>" over the title, no "To:" label
        heading = f"{committee} – {plain_date(spec.date)}".upper()
        flow.line([(PAGE_W / 2, heading, BOLD, SIZE)], lead=20.0, align="centre")
        flow.para(spec.title, x=LEFT, font=BOLD, size=13.0, after=8.0)
        rows = [("Report of:", spec.report_from)]
        if decision:
            rows.append(("Key Decision:", "Yes"))
        rows += [("Contact Officer:", contact), ("Tel:", spec.tel), ("Email:", spec.email)]
        _label_lines(flow, rows, 190.0)
        flow.gap(10.0)
        return
    if header == "cover-contents":  # a cover sheet: title and header over a contents list
        flow.line([(LEFT, COUNCIL, BOLD, 14.0)], lead=24.0)
        flow.para(spec.title, x=LEFT, font=BOLD, size=14.0, after=10.0)
        rows = [
            ("Decision maker:" if decision else "Report to:", committee),
            ("Date of meeting:", plain_date(spec.date)),
            ("Report of:", spec.report_from),
        ]
        if decision:
            rows.append(("Key Decision:", "Yes"))
        rows += [("Contact Officer:", contact), ("Tel:", spec.tel), ("Email:", spec.email)]
        _label_lines(flow, rows, 190.0)
        flow.gap(10.0)
        flow.para("Contents", x=LEFT, font=BOLD, after=4.0)
        headings = ["Recommendations", *(heading for heading, _ in spec.sections)]
        if spec.style == "para":
            headings = ["Purpose of this Report", *headings] if spec.purpose else headings
            entries = [(None, h) for h in headings]
        else:
            entries = [(f"{n}.", h) for n, h in enumerate(headings, start=1)]
        for label, heading in entries:
            parts: list[Part] = [(LEFT + 30 if label else LEFT, heading, REG, SIZE)]
            if label:
                parts.insert(0, (LEFT, label, REG, SIZE))
            flow.line(parts)
        flow.new_page()
        return
    if header == "dom-table":  # a ruled table whose labels carry no colon
        flow.line([(PAGE_W / 2, COUNCIL_CAPS, BOLD, 13.0)], lead=24.0, align="centre")
        rows = [
            ["Decision maker" if decision else "Report to", committee],
            ["Date of meeting", plain_date(spec.date)],
            ["Report of", spec.report_from],
            ["Subject", spec.title],
        ]
        if decision:
            rows.append(["Key decision", "Yes"])
        rows.append(["Contact officer", f"{contact}\nTel: {spec.tel}\nEmail: {spec.email}"])
        flow.table(rows, [LEFT, 190.0, RIGHT], header=False, label_col=True)
        flow.gap(10.0)
        return
    if header == "table":
        report_header_table(flow, spec)
        return
    if header in ("by-to", "from-to"):
        flow.line([(PAGE_W / 2, COUNCIL_CAPS, BOLD, 13.0)], lead=24.0, align="centre")
        rows = [
            ("By:" if header == "by-to" else "From:", spec.report_from),
            ("To:", f"{committee} – {plain_date(spec.date)}"),
        ]
        if decision:
            rows.append(("Decision No:", _decision_number(spec)))
        rows += [("Subject:", spec.title), ("Classification:", "Unrestricted")]
        _label_lines(flow, rows, 160.0)
        flow.op("hline", LEFT, RIGHT, flow.y)
        flow.y += 4
    elif header == "grid":
        flow.line([(LEFT, COUNCIL, BOLD, 14.0)], lead=24.0)
        contact = f"{spec.contact_name}, {spec.contact_role}\nEmail: {spec.email}\nTel: {spec.tel}"
        appendix = spec.appendix[0] if spec.appendix else "None"
        rows = [
            ["Decision Maker:" if decision else "Meeting:", committee],
            ["Date:", plain_date(spec.date)],
            ["Subject:", spec.title],
            ["Report Of:", spec.report_from],
            ["Wards Affected:", "All"],
            ["Key Decision:", "Yes" if decision else "No"],
            ["Contact Officer:", contact],
            ["Appendices:", appendix],
        ]
        flow.table(rows, [LEFT, 190.0, RIGHT], header=False, label_col=True)
    elif header == "lines":
        flow.line([(PAGE_W / 2, COUNCIL_CAPS, BOLD, 13.0)], lead=18.0, align="centre")
        kind = "Decision Report" if decision else "Report"
        flow.line([(PAGE_W / 2, kind, BOLD, 15.0)], lead=26.0, align="centre")
        rows = [
            ("Decision Maker:" if decision else "Committee:", committee),
            ("Date of meeting:", plain_date(spec.date)),
            ("Report title:", spec.title),
            ("Report by:", spec.report_from),
            ("Contact Officer:", f"{spec.contact_name}, {spec.contact_role}"),
            ("Tel:", spec.tel),
            ("Email:", spec.email),
        ]
        _label_lines(flow, rows, 190.0)
    else:
        raise ValueError(f"unknown report header {header!r}")
    flow.gap(10.0)


def styled_report_contact(flow: Flow, spec: ReportSpec, style: HouseStyle) -> None:
    if style.report_contact == "contact-details":
        flow.heading("Contact details")
        _label_lines(
            flow,
            [
                ("Lead Officer:", f"{spec.contact_name}, {spec.contact_role}"),
                ("Telephone:", spec.tel),
                ("Email:", spec.email),
            ],
            160.0,
        )
    elif style.report_contact == "author-director":
        flow.heading("Contact details")
        rows = [
            ["Report Author:", "Relevant Director:"],
            [spec.contact_name, spec.report_from],
            [spec.contact_role, ""],
            [f"Telephone: {spec.tel}", ""],
            [f"Email: {spec.email}", ""],
        ]
        flow.table(rows, [LEFT, 297.6, RIGHT])


def styled_appendix(flow: Flow, heading: str, blocks: list[Block], landscape: bool) -> None:
    if not landscape:
        flow.new_page()
        flow.para(heading, x=LEFT, font=BOLD, size=12.0, after=8.0)
        for block in blocks:
            _block(flow, block, None)
        return
    flow.landscape = True
    flow.new_page()
    right = LANDSCAPE_RIGHT
    flow.para(heading, x=LEFT, right=right, font=BOLD, size=12.0, after=8.0)
    for block in blocks:
        if isinstance(block, Plain):
            flow.para(block.text, x=LEFT, right=right, font=BOLD if block.bold else REG)
        elif isinstance(block, Table):
            cols = [LEFT]
            for w in block.widths:
                cols.append(cols[-1] + w * (right - LEFT))
            cols[-1] = right
            flow.table(block.rows, cols, align=block.align, total_row=block.total_row)
        elif isinstance(block, Bullets):
            flow.bullets(block.items, x=LEFT, right=right)
        else:
            flow.para(block, x=LEFT, right=right)
    flow.landscape = False


def layout_report_styled(
    flow: Flow, spec: ReportSpec, style: HouseStyle, k: int = 0
) -> dict[str, Any]:
    first = flow.number
    styled_report_header(flow, spec, style, k)
    labels: dict[str, Callable[[int], str]] = {
        "letter-paren": lambda k: f"({'abcdefgh'[k - 1]})",
        "letter": lambda k: f"{'abcdefgh'[k - 1]})",
    }
    report_body(flow, spec, labels.get(style.rec_label))
    styled_report_contact(flow, spec, style)
    if spec.previous_decisions is not None:
        layout_legal_information(flow, spec)
    if spec.appendix:
        styled_appendix(flow, *spec.appendix, landscape=style.landscape_appendix)
    return report_truth(spec, first, flow.number)


# ---- what every style's truth shares


def content_view(truth: dict[str, Any]) -> dict[str, Any]:
    """A truth file without what house styles print differently, for comparing styles.

    Drops page numbers and minute labels (a style may print none, or '24.01.3'), folds the
    case of titles, rewrites a noted outcome back to the resolution it records, and drops
    substitutes (the frozen moderngov style does not print them).
    """

    def outcome(text: str) -> str:
        if text.startswith(NOTED_PRINTED):
            return NOTED_PREFIX + text[len(NOTED_PRINTED) :]
        return text

    minutes = truth["minutes"]
    return {
        "meeting": truth["meeting"],
        "agenda": [
            {**{k: v for k, v in a.items() if k != "pages"}, "title": a["title"].casefold()}
            for a in truth["agenda"]
        ],
        "sections": [
            (s["agenda_item"], s["kind"], s["title"].casefold()) for s in truth["sections"]
        ],
        "minutes": {
            "body": minutes["body"],
            "date": minutes["date"],
            "chairman": minutes["chairman"],
            "attendance": sorted(
                (a["name"], a["present"])
                for a in minutes["attendance"]
                if "substitute_for" not in a
            ),
            "items": [
                (i["title"].casefold(), [outcome(r) for r in i["resolutions"]])
                for i in minutes["items"]
            ],
        },
        "reports": [{k: v for k, v in r.items() if k != "pages"} for r in truth["reports"]],
    }


# ------------------------------------------------------------------- front sheet


def layout_front_sheet(
    pack: PackSpec, ranges: dict[str, tuple[int, int]], style: HouseStyle = MODERNGOV
) -> list[Page]:
    flow = Flow(first_page=1)
    flow.new_page()
    front = form(style.front, turn(pack.date))
    if front in ("title-block", "title-time-label"):  # the start time under the date
        start = clock(pack.time) if front == "title-block" else f"Time: {clock(pack.time)}"
        for text, size in [
            (COUNCIL_CAPS, 14.0),
            (BODY, 13.0),
            (front_date(pack.date), SIZE),
            (start, SIZE),
            (pack.place, SIZE),
        ]:
            flow.line([(PAGE_W / 2, text, BOLD, size)], lead=size + 8.0, align="centre")
        flow.gap(8.0)
        flow.line([(LEFT, "Enquiries to:", BOLD, SIZE), (189.3, ENQUIRIES, REG, SIZE)])
    else:
        flow.line([(LEFT, "NOTICE OF MEETING", BOLD, 20.0)], lead=34.0)
        flow.gap(8.0)
    if front == "summons":  # "... will be held in P on D commencing at 2pm"
        when = clock(pack.time).replace(".00 ", "").replace(" ", "")
        flow.para(
            f"NOTICE IS HEREBY GIVEN that a meeting of the {BODY} will be held in the "
            f"{pack.place} on {front_date(pack.date)} commencing at {when}.",
            x=LEFT,
            after=8.0,
        )
        flow.line([(LEFT, "Enquiries to:", BOLD, SIZE), (189.3, ENQUIRIES, REG, SIZE)])
    elif front in ("notice", "date-time-lines"):
        rows = [
            ("Meeting", BODY),
            ("Date and Time", f"{front_date(pack.date)} at {clock(pack.time)}"),
            ("Place", pack.place),
            ("Enquiries to", ENQUIRIES),
        ]
        if front == "date-time-lines":  # "Date:" and a 24-hour "Time:" on lines of their own
            rows[1:2] = [("Date:", front_date(pack.date)), ("Time:", pack.time)]
        for label, value in rows:
            flow.line([(75.9, label, BOLD, SIZE), (189.3, value, REG, SIZE)], lead=22.0)
    elif front not in ("title-block", "title-time-label"):
        raise ValueError(f"unknown front sheet {front!r}")
    flow.gap(10.0)
    for text in CHIEF_EXECUTIVE:
        flow.line([(RIGHT, text, REG, SIZE)], align="right")
    flow.gap(14.0)

    notice = (
        "This meeting may be streamed live on the County Council's website and kept there for "
        "later viewing. The press and public may also film, record or report on the meeting, "
        "but only in the meeting room and only while the meeting is in session. The Council's "
        "protocol on filming and recording meetings is published on its website."
    )
    lines = wrap(notice, REG, SIZE, RIGHT - LEFT - 16)
    height = (len(lines) + 1) * LEAD + 10
    flow.need(height)
    flow.op("rect", LEFT, flow.y, RIGHT - LEFT, height)
    flow.y += 4
    flow.line([(LEFT + 8, "FILMING AND BROADCAST NOTIFICATION", BOLD, SIZE)])
    for ln in lines:
        flow.line([(LEFT + 8, ln, REG, SIZE)])
    flow.y += 6 + 10
    flow.line([(PAGE_W / 2, "AGENDA", BOLD, 14.0)], lead=22.0, align="centre")

    for number, entry in enumerate(pack.items, start=1):
        title = titled(style, entry.title)
        if str(number) in ranges:
            a, b = ranges[str(number)]
            title = f"{title} (Pages {a} - {b})"
        title_lines = wrap(title, BOLD, SIZE, RIGHT - INDENT)
        desc_lines = wrap(entry.description, REG, SIZE, RIGHT - INDENT)
        flow.need(LEAD * (len(title_lines) + len(desc_lines)) + 4)  # keep the item together
        flow.para(title, font=BOLD, label=style.agenda_label.format(n=number), after=2.0)
        flow.para(entry.description, after=6.0)

    flow.gap(8.0)
    for heading, text in [
        (
            "ABOUT THIS AGENDA:",
            "Copies of this agenda can be provided in large print, in Braille, as an audio "
            "recording or in another language on request.",
        ),
        (
            "ABOUT THIS MEETING:",
            "Members of the public are welcome to attend the parts of this meeting held in "
            f"public. If you have any access needs, please contact {ENQUIRIES} before the "
            "meeting so that arrangements can be made.",
        ),
        (
            "",
            "Members of the Committee, and other County Councillors attending in connection "
            "with their duties as Members of the Council, may claim travelling expenses under "
            "the Members' Allowances Scheme.",
        ),
    ]:
        flow.need(LEAD * 4)
        if heading:
            flow.para(heading, x=LEFT, font=BOLD, after=2.0)
        flow.para(text, x=LEFT, after=6.0)
    if len(flow.pages) != 2:
        raise SystemExit(f"{pack.slug}: front sheet is {len(flow.pages)} pages, not 2")
    return flow.pages


# ------------------------------------------------------------------------ packs


def build_pack(pack: PackSpec, out: Path, style: HouseStyle = MODERNGOV) -> dict[str, Any]:
    flow = Flow(first_page=3)
    sections: list[dict[str, Any]] = []
    blank_pages: list[int] = []
    minutes_truth: dict[str, Any] | None = None
    reports: list[dict[str, Any]] = []
    for number, entry in enumerate(pack.items, start=1):
        if entry.papers is None:
            continue
        item = str(number)
        start = flow.new_page(stamp=f"Agenda Item {item}")
        default = style.name == DEFAULT_STYLE
        if isinstance(entry.papers, MinutesSpec):
            kind, title = "minutes", titled(style, entry.title)
            minutes_truth = {"agenda_item": item, "body": BODY}
            if default:
                minutes_truth.update(layout_minutes(flow, entry.papers))
            else:
                minutes_truth.update(layout_minutes_styled(flow, entry.papers, style))
        else:
            kind, title = "report", entry.papers.title
            if default:
                reports.append({"agenda_item": item, **layout_report(flow, entry.papers)})
            else:
                k = turn(entry.papers.date) + len(reports)
                report = layout_report_styled(flow, entry.papers, style, k)
                reports.append({"agenda_item": item, **report})
        last_content = flow.number
        end = flow.blank_page() if last_content % 2 == 1 else last_content
        if end != last_content:
            blank_pages.append(end)
        sections.append(
            {
                "agenda_item": item,
                "kind": kind,
                "title": title,
                "start_page": start,
                "end_page": end,
                "last_content_page": last_content,
            }
        )
    ranges = {s["agenda_item"]: (s["start_page"], s["end_page"]) for s in sections}
    front = layout_front_sheet(pack, ranges, style)
    pages = front + flow.pages
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))

    when = f"{front_date(pack.date)} at {clock(pack.time)}"
    render(pages, out / f"{pack.slug}.pdf", f"{BODY} - {when}")
    truth = {
        "seed": "generated",
        "style": "generated",
        "seed_format": "generated",
        "generator": "corpora/make_sample.py",
        "fictional": True,
        "pages": len(pages),
        "meeting": {
            "council": COUNCIL,
            "committee": BODY,
            "date": pack.date.isoformat(),
            "time": pack.time,
            "place": pack.place,
        },
        "meeting_text": {"date_and_time": when, "enquiries_to": ENQUIRIES},
        "agenda": [
            {
                "number": str(n),
                "title": titled(style, e.title),
                "pages": list(ranges[str(n)]) if str(n) in ranges else None,
                "has_papers": str(n) in ranges,
                "description": e.description,
            }
            for n, e in enumerate(pack.items, start=1)
        ],
        "sections": sections,
        "blank_pages": blank_pages,
        "front_sheet_pages": [1, 2],
        "minutes": minutes_truth,
        "reports": reports,
        "notes": (
            'agenda pages and section end_page include the trailing "intentionally left '
            'blank" page, as ModernGov packs do; minutes.date is the meeting the minutes '
            "record; attendance names are as printed after the p/a marker and include the "
            "Chairman; resolutions and recommendations are verbatim with whitespace "
            "normalised and without the 'Resolved:' label, clause numeral or paragraph number"
        ),
    }
    if style.name != DEFAULT_STYLE:
        truth["house_style"] = {"name": style.name, "summary": style.summary}
    return truth


def check_anatomy(truths: Sequence[dict[str, Any]], fronts_wrap: bool, style: HouseStyle) -> None:
    """Fail loudly if a content edit loses a feature the extractor tests rely on."""
    for t in truths:
        if not 12 <= t["pages"] <= 24:
            raise SystemExit(f"{t['meeting']['date']}: {t['pages']} pages, want 12-24")
    straddled = any(t["minutes"] and t["minutes"]["_straddles"] for t in truths)
    if (style.break_clauses or style.heads == "grid") and not straddled:
        raise SystemExit(f"{style.name}: no multi-clause resolution runs across a page break")
    if style.name != DEFAULT_STYLE:
        return  # tests/test_house_styles.py checks that every style prints the same content
    if not any(t["minutes"] and t["minutes"]["_straddles"] for t in truths):
        raise SystemExit("no multi-clause resolution runs across a page break")
    if not fronts_wrap:
        raise SystemExit("no agenda title wraps between '(Pages' and its range")


# ---------------------------------------------------------------------- content
#
# Everything below is invented. Figures are kept internally consistent across the
# three meetings (the fostering households at the end of one period are those at
# the start of the next; budget tables add up).

DECLARATIONS = (
    "Any Member who has a Disclosable Pecuniary Interest in a matter to be considered at this "
    "meeting must declare it, take no part in the discussion or vote on that matter and leave "
    "the room while it is considered, unless they hold a dispensation. Members with any other "
    "registrable or non-registrable interest in a matter should consider, under Part 4 of the "
    "County Council's Code of Conduct for Members, whether to declare it and whether it is "
    "appropriate for them to remain in the meeting while the matter is discussed."
)
DECLARATIONS_MINUTED = (
    "Members were reminded of their duty to declare any Disclosable Pecuniary Interest or "
    "other interest in matters on the agenda, in line with the County Council's Code of "
    "Conduct for Members."
)


def standard_items(minutes: MinutesSpec | None) -> list[AgendaEntry]:
    return [
        AgendaEntry("APOLOGIES FOR ABSENCE", "To receive any apologies for absence."),
        AgendaEntry("DECLARATIONS OF INTEREST", DECLARATIONS),
        AgendaEntry(
            "MINUTES OF THE PREVIOUS MEETING",
            "To confirm the minutes of the previous meeting.",
            minutes,
        ),
        AgendaEntry("DEPUTATIONS", "To receive any deputations notified under Standing Order 15."),
        AgendaEntry(
            "CHAIRMAN'S ANNOUNCEMENTS",
            "To receive any announcements the Chairman may wish to make.",
        ),
    ]


def procedural(
    apologies: str, declarations: list[str], previous: str, deputations: list[str], chair: str
) -> list[MinuteItem]:
    return [
        MinuteItem("APOLOGIES FOR ABSENCE", [apologies]),
        MinuteItem("DECLARATIONS OF INTEREST", [DECLARATIONS_MINUTED, *declarations]),
        MinuteItem(
            "MINUTES OF PREVIOUS MEETING",
            [
                f"The minutes of the meeting held on {previous} were confirmed as a correct "
                "record and signed by the Chairman."
            ],
        ),
        MinuteItem("DEPUTATIONS", deputations),
        MinuteItem("CHAIRMAN'S ANNOUNCEMENTS", [chair]),
    ]


FENWICK = ("Rachel Fenwick", "Head of Fostering Service", "01632 960418")
ACHEBE = ("Daniel Achebe", "Strategic Finance Business Partner", "01632 960277")
MARCHETTI = ("Louise Marchetti", "Head of Youth and Community Services", "01632 960533")
PRITCHARD = ("Owen Pritchard", "Service Manager, Leaving Care", "01632 960651")
TREMAYNE = ("Hannah Tremayne", "Democratic Services Officer", "01632 960120")
BOTH_DIRECTORS = "Director of Children's Services and Director of Corporate Resources"


def officer(who: tuple[str, str, str]) -> dict[str, str]:
    name, role, tel = who
    email = name.lower().replace(" ", ".") + "@borsetshire.gov.uk"
    return {"contact_name": name, "contact_role": role, "tel": tel, "email": email}


# ---- meeting of 16 October 2023 (known only from the minutes in pack 1)

MINUTES_2023_10_16 = MinutesSpec(
    date=dt.date(2023, 10, 16),
    held_at=COUNTY_HALL,
    absent={"Councillor Geoffrey Tillett"},
    first_number=14,
    items=[
        *procedural(
            "Apologies were received from Councillor Tillett.",
            [
                "Councillor Raman declared a personal interest in item 6 as a governor of "
                "Marlbury Community School, which arranges transport for several pupils in "
                "care. She remained in the meeting and took part in the discussion."
            ],
            "17 July 2023",
            ["There were no deputations."],
            "The Chairman congratulated the 37 care leavers who had started university or "
            "college courses in September 2023, the highest number the County Council had "
            "recorded, and thanked the Virtual School and the Leaving Care Team for the support "
            "they had given.",
        ),
        MinuteItem(
            "HOME TO SCHOOL TRANSPORT FOR CHILDREN IN CARE",
            [
                "The Committee received a report from the Director of Children's Services on "
                "the arrangements for taking children in care to and from school, following "
                "concerns raised by foster carers at the Committee's meeting in July 2023.",
                "The Committee heard that 286 children in care currently received school "
                "transport, mostly by taxi, at a cost of £2.4m in 2022/23, an increase of 18% "
                "on the previous year. Around a third of these journeys took more than 45 "
                "minutes each way, usually because the child had stayed at their original "
                "school after moving to a placement in another part of the county, which was "
                "often in the child's best interests.",
                "Members were told that a single assessment for transport requests had been "
                "introduced in September 2023, so that the child's social worker, the Virtual "
                "School and the transport team agreed the arrangement together within five "
                "working days of a placement starting. Previously the average wait had been 12 "
                "working days, during which foster carers had often driven the children "
                "themselves.",
                "In response to questions, Members heard that:",
                Bullets(
                    [
                        "foster carers who drove children to school could claim a mileage "
                        "allowance of 45p per mile, although take-up was low and the scheme "
                        "would be publicised more widely;",
                        "drivers and passenger assistants were checked through the Disclosure "
                        "and Barring Service and received training on the needs of children "
                        "who had experienced trauma; and",
                        "the service tried to keep the same driver for each child, as changes "
                        "of driver had been a frequent cause of complaint.",
                    ]
                ),
                Resolved(
                    [
                        "That the Committee note the report on home to school transport for "
                        "children in care.",
                        "That the Director of Children's Services provide Members with the "
                        "number of transport requests completed within five working days at "
                        "the end of the spring term 2024.",
                    ]
                ),
            ],
        ),
        MinuteItem(
            "INDEPENDENT REVIEWING SERVICE ANNUAL REPORT 2022/23",
            [
                "The Committee received the annual report of the Independent Reviewing Service "
                "for 2022/23, presented by the Service Manager for Independent Reviewing, Ms "
                "Alison Greaves.",
                "The Committee noted that Independent Reviewing Officers had chaired 3,214 "
                "reviews of children's care plans during the year, 93% of which had been held "
                "on time, compared with 89% in 2021/22. Average caseloads had fallen from 74 "
                "to 66 children per officer following the recruitment of three additional "
                "officers, although this remained towards the top of the range of 50 to 70 "
                "recommended in national guidance.",
                "Members welcomed the rise to 81% in the proportion of children who had taken "
                "part in their own reviews, and asked that future annual reports include "
                "children's views on how their reviews were run.",
                Resolved(
                    [
                        "That the Committee note the annual report of the Independent "
                        "Reviewing Service for 2022/23."
                    ]
                ),
            ],
        ),
        MinuteItem(
            "CHILDREN IN CARE COUNCIL - ANNUAL REPORT",
            [
                "Two members of the Children in Care Council, Kayleigh and Dominic, presented "
                "the Council's annual report for 2022/23, supported by the Participation "
                "Officer, Ms Gemma Lowther.",
                "They described the Council's work during the year, which had included "
                "interviewing candidates for two senior social work posts, producing a welcome "
                "pack for children coming into care and running a survey of 164 children in "
                "care about contact with their brothers and sisters. The survey found that 38% "
                "of children who were separated from a brother or sister saw them less than once "
                "a month, and the Children in Care Council asked the Committee to make contact "
                "between brothers and sisters a priority.",
                "Members thanked Kayleigh and Dominic for an impressive presentation. In "
                "discussion, the Director of Children's Services agreed to report on how "
                "arrangements for contact between brothers and sisters were recorded and "
                "reviewed in children's care plans.",
                Resolved(
                    [
                        "That the Committee thank the Children in Care Council for its annual "
                        "report and presentation.",
                        "That the Director of Children's Services report to a future meeting on "
                        "the arrangements for contact between brothers and sisters in care.",
                    ]
                ),
            ],
        ),
        MinuteItem(
            "WORK PROGRAMME",
            [
                "The Committee considered its work programme for the rest of the municipal year.",
                Resolved(
                    [
                        "That the work programme be agreed, with the addition of a report on "
                        "the review of the youth service at the meeting on 22 April 2024."
                    ]
                ),
            ],
        ),
    ],
)

# ---- pack 1: 15 January 2024

FOSTERING_TITLE = "FOSTER CARER RECRUITMENT AND RETENTION"
BUDGET_TITLE = "PRE-DECISION SCRUTINY: CHILDREN'S SERVICES REVENUE BUDGET 2024/25"

REPORT_FOSTERING_2024_01 = ReportSpec(
    title="Foster Carer Recruitment and Retention",
    date=dt.date(2024, 1, 15),
    report_from=DIRECTOR,
    **officer(FENWICK),
    style="para",
    purpose=(
        "The purpose of this report is to update the Committee on the recruitment and retention "
        "of the County Council's own foster carers during 2022/23 and the first three quarters "
        "of 2023/24, and to set out the actions proposed for the rest of the year."
    ),
    recommendations=[
        "That the Children's Services Scrutiny Committee note the position on the recruitment "
        "and retention of foster carers set out in this report.",
        "That the Committee support the proposed refresh of the Foster for Borsetshire "
        "campaign and receive a further update on its impact at its meeting in July 2024.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "At 31 December 2023 Borsetshire had 312 approved in-house fostering "
                "households caring for 401 children. This is 19 fewer households than a year "
                "earlier, continuing a gradual decline that mirrors the national picture.",
                "During 2022/23 the service approved 48 foster households, against a target of "
                "60, while 67 households left the service. Around half of those leaving did so "
                "because of retirement or a change in family circumstances; 14 transferred to "
                "independent fostering agencies (IFAs).",
                "The shortfall means that more children are placed with IFAs, where the "
                "average weekly cost of a placement is £1,085 compared with £540 for an "
                "in-house placement. Each additional in-house household therefore avoids costs "
                "of roughly £28k a year.",
            ],
        ),
        (
            "Contextual information",
            [
                "Enquiries from people interested in fostering have fallen from 1,140 in "
                "2020/21 to 742 in 2022/23. The conversion rate from enquiry to approval has "
                "stayed between 6% and 7%, so the fall in approvals is driven mainly by fewer "
                "people coming forward rather than by more applicants dropping out.",
                Plain(
                    "Table 1: Fostering households, 2019/20 to 2023/24 (2023/24 to 31 December)",
                    bold=True,
                ),
                Table(
                    [
                        ["Year", "Enquiries", "Approvals", "De-registrations", "Households"],
                        ["2019/20", "1,205", "71", "58", "352"],
                        ["2020/21", "1,140", "63", "61", "354"],
                        ["2021/22", "918", "55", "64", "345"],
                        ["2022/23", "742", "48", "67", "326"],
                        ["2023/24", "503", "31", "45", "312"],
                    ],
                    [0.18, 0.19, 0.19, 0.24, 0.20],
                    ["left", "right", "right", "right", "right"],
                ),
                "Exit interviews with carers who left in 2022/23 identified three recurring "
                "themes: allowances falling behind rising household costs, delays in payments "
                "and in replies from the child's social worker, and a feeling of not being "
                "consulted on decisions about the children in their care.",
                "In response, the service opened a carer helpline staffed seven days a week in "
                "September 2023, and the County Council agreed a 6.88% uplift to fostering "
                "allowances from April 2023. A peer mentoring scheme now pairs every newly "
                "approved household with an experienced carer for their first year.",
                "The Foster for Borsetshire campaign was last refreshed in 2021. It is proposed "
                "to relaunch it in February 2024 with a focus on carers for teenagers and "
                "sibling groups, where the shortage is most acute, and to ask the five district "
                "councils to offer council tax relief to foster carers, as several neighbouring "
                "authorities already do.",
            ],
        ),
        (
            "Finance",
            [
                "The recruitment and marketing budget for 2023/24 is £565k, including £180k for "
                "the campaign refresh. The cost of council tax relief would fall to the district "
                "councils and is estimated at between £230k and £260k a year across the county, "
                "depending on take-up.",
                "If the refreshed campaign achieves the target of 60 approvals in 2024/25, the "
                "service estimates that avoided IFA costs would be in the region of £1.2m a "
                "year once those households are fully used.",
            ],
        ),
        (
            "Conclusion",
            [
                "Recruiting and keeping foster carers remains the most significant pressure on "
                "the sufficiency of placements for children in care. The actions set out above "
                "are intended to halt the decline in households during 2024/25 and to begin "
                "growing the service again from 2025/26.",
            ],
        ),
    ],
    previous_decisions=[
        (
            "Fostering Allowances 2023/24 (Executive Member for Children's Services)",
            "21 March 2023",
        ),
    ],
)

REPORT_BUDGET_2024_01 = ReportSpec(
    title="Revenue Budget 2024/25 - Children's Services",
    date=dt.date(2024, 1, 22),
    report_from=BOTH_DIRECTORS,
    **officer(ACHEBE),
    style="decimal",
    decision_maker="Executive Member for Children's Services",
    recommendations=[
        "That the Executive Member for Children's Services approve the submission of the "
        "proposed Children's Services revenue budget for 2024/25, as set out in this report, "
        "to Cabinet.",
        "That the Executive Member note the forecast overspend of £3.7m on the Children's "
        "Services revenue budget for 2023/24.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "This report sets out the proposed revenue budget for Children's Services for "
                "2024/25 and the forecast outturn for 2023/24. It is presented to the Children's "
                "Services Scrutiny Committee for pre-decision scrutiny before the Executive "
                "Member for Children's Services takes a decision on 22 January 2024.",
                "The forecast outturn for 2023/24, based on spending to the end of December "
                "2023, is an overspend of £3.7m, or 2.1% of the net budget of £176.4m. The "
                "overspend arises almost entirely from the cost of placements for children in "
                "care, which is forecast to exceed its budget by £4.9m, offset in part by net "
                "underspends of £1.2m elsewhere in the department.",
                "The proposed net budget for 2024/25 is £189.2m, an increase of £12.8m (7.3%) "
                "on the 2023/24 budget. It includes £8.6m to meet the rising cost of placements "
                "and £2.3m for pay and price inflation, and assumes savings of £4.1m.",
            ],
        ),
        (
            "Contextual information",
            [
                "At 31 December 2023 the County Council was looking after 1,046 children, "
                "compared with 987 a year earlier, an increase of 6.0%. Of these, 74 were "
                "unaccompanied asylum-seeking children.",
                "The number of children in external residential placements has risen from 38 "
                "to 51 over the same period. The average weekly cost of these placements is now "
                "£5,400, and eight placements cost more than £10,000 a week.",
                Plain("Table 1: Forecast outturn 2023/24 by service area", bold=True),
                Table(
                    [
                        ["Service area", "Budget £m", "Forecast £m", "Variance £m"],
                        ["Children in care placements", "62.3", "67.2", "4.9"],
                        ["Children's social care staffing", "48.7", "48.1", "(0.6)"],
                        ["Home to school transport", "21.5", "21.9", "0.4"],
                        ["Early help and youth services", "14.2", "13.8", "(0.4)"],
                        ["Education and inclusion", "18.9", "18.7", "(0.2)"],
                        ["Central and support costs", "10.8", "10.4", "(0.4)"],
                        ["Total", "176.4", "180.1", "3.7"],
                    ],
                    [0.46, 0.18, 0.18, 0.18],
                    ["left", "right", "right", "right"],
                    total_row=True,
                ),
                "Home to school transport is forecast to overspend by £0.4m, mainly because more "
                "pupils with education, health and care plans are eligible for transport.",
            ],
        ),
        (
            "Finance",
            [
                "Table 2 summarises the changes between the 2023/24 budget and the proposed "
                "budget for 2024/25.",
                Plain("Table 2: Changes to the Children's Services net budget", bold=True),
                Table(
                    [
                        ["Item", "£m"],
                        ["2023/24 net budget", "176.4"],
                        ["Placement pressures", "8.6"],
                        ["Pay and price inflation", "2.3"],
                        ["Home to school transport demand", "3.5"],
                        ["Special educational needs and disabilities", "2.5"],
                        ["Savings", "(4.1)"],
                        ["Proposed 2024/25 net budget", "189.2"],
                    ],
                    [0.75, 0.25],
                    ["left", "right"],
                    total_row=True,
                ),
                "The savings of £4.1m comprise £1.5m from increasing the proportion of children "
                "placed with in-house foster carers, £0.9m from the review of the youth service, "
                "on which proposals will be reported to this Committee in April 2024, £1.1m from "
                "reducing the use of agency social workers and £0.6m from other efficiencies.",
                "The budget carries significant risk. An increase of five children in external "
                "residential placements would add around £1.4m a year to costs.",
            ],
        ),
        (
            "Conclusion",
            [
                "The proposed budget provides for the rising cost of placements while delivering "
                "savings of £4.1m. The Committee's comments will be reported to the Executive "
                "Member before the decision is taken.",
            ],
        ),
    ],
    previous_decisions=[
        ("Medium Term Financial Strategy 2024/25 to 2026/27 (Cabinet)", "5 December 2023"),
        ("Revenue Budget and Council Tax 2023/24 (County Council)", "16 February 2023"),
    ],
    appendix=(
        "Appendix 1: Children's Services savings proposals 2024/25 and 2025/26",
        [
            Plain(
                "The table lists each saving included in the proposed budget, with its full-year "
                "effect in the following year. Figures are in thousands of pounds."
            ),
            Table(
                [
                    ["Ref", "Proposal", "2024/25 £000", "2025/26 £000"],
                    [
                        "CS01",
                        "Increase the proportion of children placed with in-house foster "
                        "carers, reducing the use of independent fostering agencies",
                        "1,500",
                        "2,400",
                    ],
                    [
                        "CS02",
                        "Youth service review: new model for youth centres and outreach",
                        "900",
                        "900",
                    ],
                    [
                        "CS03",
                        "Reduce the use of agency social workers through the social work academy",
                        "1,100",
                        "1,600",
                    ],
                    [
                        "CS04",
                        "Recommission contracted short breaks for disabled children",
                        "250",
                        "250",
                    ],
                    ["CS05", "Digital case recording and automated reporting", "180", "300"],
                    [
                        "CS06",
                        "Consolidate office accommodation in Felpersham and Castlebridge",
                        "170",
                        "170",
                    ],
                    ["", "Total", "4,100", "5,620"],
                ],
                [0.11, 0.53, 0.18, 0.18],
                ["left", "left", "right", "right"],
                total_row=True,
            ),
            Plain(
                "Proposals CS01 and CS03 depend on recruitment: the foster carer campaign "
                "described in the separate report on this agenda, and the second intake of the "
                "social work academy in September 2024. Both carry a risk of slippage into "
                "2025/26, which has been reflected in the phasing shown above."
            ),
            Plain(
                "Proposal CS02 is subject to public consultation, which runs until 25 February "
                "2024. No decision on the future of any youth centre will be taken until the "
                "consultation responses have been considered."
            ),
        ],
    ),
)

PACK_1 = PackSpec(
    date=dt.date(2024, 1, 15),
    time="14:00",
    place="Council Chamber, County Hall, Felpersham",
    items=[
        *standard_items(MINUTES_2023_10_16),
        AgendaEntry(
            FOSTERING_TITLE,
            "To receive a report from the Director of Children's Services on the recruitment "
            "and retention of the County Council's own foster carers.",
            REPORT_FOSTERING_2024_01,
        ),
        AgendaEntry(
            BUDGET_TITLE,
            "To pre-scrutinise the proposed 2024/25 revenue budget for Children's Services "
            "ahead of its consideration by the Executive Member for Children's Services.",
            REPORT_BUDGET_2024_01,
        ),
        AgendaEntry(
            "VIRTUAL SCHOOL - VERBAL UPDATE",
            "To receive a verbal update from the Head of the Virtual School on the educational "
            "progress of children in care.",
        ),
        AgendaEntry("WORK PROGRAMME", "To consider the Committee's work programme."),
    ],
)

# ---- pack 2: 22 April 2024

MINUTES_2024_01_15 = MinutesSpec(
    date=PACK_1.date,
    held_at=COUNTY_HALL,
    absent={"Councillor Alan Pearce", "Councillor Nadia Hussain"},
    substitutes={"Councillor Helen Marsh": "Councillor Alan Pearce"},
    first_number=MINUTES_2023_10_16.first_number + len(MINUTES_2023_10_16.items),
    items=[
        *procedural(
            "Apologies were received from Councillors Pearce and Hussain.",
            [
                "Councillor Whitcombe declared a personal interest in item 6 as an approved "
                "foster carer with the County Council. She took part in the discussion but did "
                "not vote on the item."
            ],
            "16 October 2023",
            ["There were no deputations."],
            "The Chairman reported that Ofsted had carried out a focused visit to the County "
            "Council's services for children in care in November 2023, and that the published "
            "letter had identified strengths in the stability of placements and in the quality "
            "of social work practice.",
        ),
        MinuteItem(
            FOSTERING_TITLE,
            [
                "The Committee received a report from the Director of Children's Services "
                "setting out the position on the recruitment and retention of the County "
                "Council's own foster carers.",
                "Members heard that the number of in-house fostering households had fallen to "
                "312 at 31 December 2023, caring for 401 children, and that only 48 households "
                "had been approved in 2022/23 against a target of 60. The Head of Fostering "
                "Service explained that the fall in approvals reflected fewer enquiries rather "
                "than a lower conversion rate, and that the weekly cost of an independent "
                "fostering agency placement, at an average of £1,085, was around twice that of "
                "an in-house placement.",
                "In response to questions, Members heard that the seven-day carer helpline had "
                "taken 1,260 calls since September 2023 and that the peer mentoring scheme had "
                "been well received by newly approved carers. Members supported the proposal to "
                "seek council tax relief for foster carers and felt that the Committee should "
                "add its voice to the request to the district councils.",
                Resolved(
                    [
                        "That the Committee note the position on the recruitment and retention "
                        "of foster carers set out in the report.",
                        "That the Committee support the proposed refresh of the Foster for "
                        "Borsetshire campaign and receive a further update on its impact at its "
                        "meeting in July 2024.",
                        "That the Chairman write to the leaders of the five district councils "
                        "in Borsetshire in support of council tax relief for the County "
                        "Council's foster carers.",
                    ]
                ),
            ],
        ),
        MinuteItem(
            BUDGET_TITLE,
            [
                "The Committee considered a report of the Director of Children's Services and "
                "the Director of Corporate Resources on the proposed revenue budget for "
                "Children's Services for 2024/25, ahead of a decision by the Executive Member "
                "for Children's Services on 22 January 2024.",
                "The Strategic Finance Business Partner explained that the department was "
                "forecasting an overspend of £3.7m in 2023/24, almost entirely because of the "
                "rising number and cost of placements for children in care. The number of "
                "children in external residential placements had risen from 38 to 51 during the "
                "year. The proposed budget for 2024/25 of £189.2m included £8.6m to meet "
                "placement pressures and savings of £4.1m, of which £0.9m would come from the "
                "review of the youth service.",
                "Members questioned whether the savings from increasing the number of in-house "
                "foster placements were realistic, given the decline in fostering households "
                "reported under the previous item, and were told that the savings had been "
                "profiled cautiously, with most expected in 2025/26.",
                Resolved(
                    [
                        "That the Committee support the recommendations to the Executive Member "
                        "for Children's Services set out in the report."
                    ]
                ),
            ],
        ),
        MinuteItem(
            "VIRTUAL SCHOOL - VERBAL UPDATE",
            [
                "The Head of the Virtual School, Mr Joseph Nwosu, gave a verbal update on the "
                "educational progress of children in care. Members heard that 96% of children "
                "in care of school age had an up-to-date Personal Education Plan and that "
                "persistent absence among children in care had fallen to 14.2%, compared with "
                "16.8% a year earlier.",
                "Mr Nwosu also reported that:",
                Bullets(
                    [
                        "the proportion of children in care achieving a standard pass in English "
                        "and mathematics at GCSE had risen from 19% in 2022 to 24% in 2023;",
                        "three children in care had been permanently excluded from school in "
                        "2022/23, and none so far in 2023/24; and",
                        "the Virtual School's tutoring programme had supported 212 children "
                        "during the autumn term, funded from the pupil premium plus grant.",
                    ]
                ),
                "In response to questions, Members heard that children placed outside "
                "Borsetshire were supported by the Virtual School in the same way as those "
                "placed in the county, although it could take longer to secure a school place "
                "for them when they moved.",
                Resolved(["That the Committee note the verbal update."]),
            ],
        ),
        MinuteItem(
            "WORK PROGRAMME",
            [
                "The Committee considered its work programme. Members asked that the update on "
                "foster carer recruitment be scheduled for the meeting in July 2024.",
                Resolved(["That the work programme be agreed."]),
            ],
        ),
    ],
)

YOUTH_TITLE = "YOUTH SERVICE REVIEW: PROPOSED CHANGES TO COUNCIL-RUN YOUTH CENTRES"
CARE_LEAVERS_TITLE = "CARE LEAVERS: ACCOMMODATION AND STAYING PUT FOR 2023/24"

REPORT_YOUTH_2024_04 = ReportSpec(
    title="Youth Service Review: Proposed Changes to Council-run Youth Centres",
    date=dt.date(2024, 5, 14),
    report_from=DIRECTOR,
    **officer(MARCHETTI),
    style="para",
    decision_maker="Cabinet",
    purpose=(
        "The purpose of this report is to set out the outcome of the public consultation on the "
        "future of the County Council's youth centres and to seek approval for changes to the "
        "way youth work is delivered from September 2024. The report is presented to the "
        "Children's Services Scrutiny Committee for pre-decision scrutiny."
    ),
    recommendations=[
        "That Cabinet approve the closure of the six youth centres listed in Table 1 with "
        "effect from 31 August 2024.",
        "That Cabinet approve the establishment of four mobile youth work teams and a Youth "
        "Activities Grant Fund of £350k a year, to be funded from within the existing youth "
        "service budget.",
        "That Cabinet delegate authority to the Director of Children's Services, in "
        "consultation with the Executive Member for Children's Services, to agree community "
        "asset transfers of the closed buildings where viable proposals are received.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "The County Council runs 14 youth centres, which together cost £2.9m a year to "
                "operate. Attendance has fallen steadily since 2019/20 and now averages 23 young "
                "people per session across all centres, compared with 37 in 2018/19. At the same "
                "time, demand for detached and outreach youth work in communities without a "
                "centre has grown.",
                "The review proposes that the six centres with the lowest attendance and the "
                "highest maintenance costs close from 31 August 2024, that four mobile youth "
                "work teams be created to serve those communities and others without a centre, "
                "and that a Youth Activities Grant Fund of £350k a year be set up for voluntary "
                "and community groups. Together these changes would save £0.9m a year, "
                "contributing to the savings included in the 2024/25 revenue budget.",
                "A public consultation ran from 4 December 2023 to 25 February 2024 and received "
                "2,318 responses. A majority of respondents (71%) disagreed with the proposal to "
                "close centres, while 58% agreed that youth work should be available in more "
                "places across the county.",
            ],
        ),
        (
            "Contextual information",
            [
                "Table 1 shows the six centres proposed for closure. Between them they account "
                "for 19% of youth centre sessions but only 11% of attendances.",
                Plain("Table 1: Youth centres proposed for closure, 2023/24", bold=True),
                Table(
                    [
                        [
                            "Centre",
                            "Weekly sessions",
                            "Average attendance",
                            "Running cost",
                            "Repairs backlog",
                        ],
                        ["Kingsmere", "4", "14", "£212k", "£410k"],
                        ["Wexcombe", "3", "11", "£168k", "£285k"],
                        ["Castle Adley", "3", "9", "£151k", "£190k"],
                        ["Marlbury Road, Felpersham", "5", "17", "£247k", "£330k"],
                        ["Hollerton", "3", "12", "£139k", "£215k"],
                        ["Stoke Ferrers", "2", "8", "£96k", "£170k"],
                        ["Total", "20", "-", "£1,013k", "£1,600k"],
                    ],
                    [0.30, 0.16, 0.18, 0.18, 0.18],
                    ["left", "right", "right", "right", "right"],
                    total_row=True,
                ),
                "The eight remaining centres, at Ashbury, Castlebridge, Dunmore, Felpersham "
                "Central, Hensford, Lower Wendle, Pennock and Thornley, would continue to offer "
                "open-access sessions, and specialist sessions for young people with special "
                "educational needs and disabilities would be expanded at four of them.",
                "Each mobile team would consist of three youth workers and a converted vehicle, "
                "and would visit each of the communities losing a centre at least twice a week, "
                "as well as 12 other villages and estates identified through the consultation as "
                "having no regular youth provision.",
                "Responses to the consultation came from 1,204 young people, 786 parents and "
                "carers, and 328 other organisations and individuals. The most common concerns "
                "were the loss of a safe, warm place to meet in the evenings (raised in 46% of "
                "comments) and the cost and availability of transport to the nearest remaining "
                "centre (31%).",
            ],
        ),
        (
            "Finance",
            [
                "The net saving of £0.9m a year comprises the running costs of the six centres "
                "(£1.01m) and the reduction of the youth service management structure from nine "
                "posts to six (£0.24m), less the cost of the Youth Activities Grant Fund "
                "(£0.35m). The mobile teams would be staffed by redeploying existing "
                "centre-based youth workers.",
                "One-off costs of £185k are expected, for converting four vehicles (£140k) and "
                "decommissioning the buildings (£45k), and would be met from the Children's "
                "Services transformation reserve.",
            ],
        ),
        (
            "Conclusion",
            [
                "The proposals would reduce the number of youth centres but extend youth work to "
                "more communities. Cabinet is asked to weigh the strength of feeling expressed in "
                "the consultation against the need to deliver the savings agreed in the 2024/25 "
                "budget and the opportunity to reach young people who currently have no "
                "provision.",
            ],
        ),
    ],
    previous_decisions=[
        ("Youth Service Review: Approval to Consult (Cabinet)", "14 November 2023"),
        ("Revenue Budget and Council Tax 2024/25 (County Council)", "15 February 2024"),
    ],
    appendix=(
        "Appendix 1: Summary of consultation responses",
        [
            Plain(
                "The consultation ran from 4 December 2023 to 25 February 2024. Responses were "
                "received online, on paper and at 31 drop-in sessions held at youth centres, "
                "schools and libraries."
            ),
            Plain("Table A1: Respondents", bold=True),
            Table(
                [
                    ["Respondent", "Responses", "Share"],
                    ["Young people aged 11 to 19", "1,204", "52%"],
                    ["Parents and carers", "786", "34%"],
                    ["Other organisations and individuals", "328", "14%"],
                    ["Total", "2,318", "100%"],
                ],
                [0.56, 0.22, 0.22],
                ["left", "right", "right"],
                total_row=True,
            ),
            Plain("Table A2: Views on each proposal", bold=True),
            Table(
                [
                    ["Proposal", "Agree", "Disagree", "Not sure"],
                    ["Close the six youth centres with the lowest attendance", "21%", "71%", "8%"],
                    ["Create four mobile youth work teams", "52%", "30%", "18%"],
                    ["Set up a Youth Activities Grant Fund", "64%", "19%", "17%"],
                    ["Make youth work available in more places", "58%", "24%", "18%"],
                ],
                [0.55, 0.15, 0.15, 0.15],
                ["left", "right", "right", "right"],
            ),
            Plain("The themes raised most often in free-text comments were:"),
            Bullets(
                [
                    "the loss of a safe, warm place to meet in the evenings (46% of comments);",
                    "the cost and availability of transport to the nearest remaining centre (31%);",
                    "the value of trusted relationships with particular youth workers (22%); and",
                    "support for taking youth work to villages that have never had a centre (17%).",
                ]
            ),
        ],
    ),
)

REPORT_CARE_LEAVERS_2024_04 = ReportSpec(
    title="Care Leavers: Accommodation and Staying Put Arrangements",
    date=dt.date(2024, 4, 22),
    report_from=DIRECTOR,
    **officer(PRITCHARD),
    style="decimal",
    recommendations=[
        "That the Children's Services Scrutiny Committee note the progress made in improving "
        "the accommodation offer for care leavers, including the increased take-up of Staying "
        "Put arrangements.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "This report updates the Committee on the accommodation available to young "
                "people leaving the County Council's care, and on Staying Put arrangements, "
                "which allow a young person to remain with their former foster carers after "
                "their eighteenth birthday, up to the age of 21.",
                "At 31 March 2024 the County Council was supporting 612 care leavers aged 18 to "
                "25. Of the 398 aged 19 to 21, on whom performance is measured nationally, 94% "
                "were in suitable accommodation, compared with 88% for England and 91% for "
                "similar authorities.",
            ],
        ),
        (
            "Contextual information",
            [
                "Table 1 shows where care leavers aged 19 to 21 were living at 31 March 2024.",
                Plain("Table 1: Accommodation of care leavers aged 19 to 21", bold=True),
                Table(
                    [
                        ["Accommodation", "Number", "Percentage"],
                        ["Staying Put with former foster carers", "71", "18%"],
                        ["Supported lodgings", "36", "9%"],
                        ["Semi-independent supported accommodation", "102", "26%"],
                        ["Independent tenancy", "121", "30%"],
                        ["Living with parents or relatives", "44", "11%"],
                        ["In custody or of no fixed address", "24", "6%"],
                        ["Total", "398", "100%"],
                    ],
                    [0.62, 0.19, 0.19],
                    ["left", "right", "right"],
                    total_row=True,
                ),
                "The proportion of young people in in-house foster care who chose to stay put at "
                "18 rose from 29% in 2021/22 to 41% in 2023/24. Since April 2023 the County "
                "Council has paid an enhanced Staying Put allowance of £265 a week, so that "
                "foster carers' income falls less sharply when a young person turns 18.",
                "Twenty-three households now provide supported lodgings, in which a care leaver "
                "rents a room in a family home with support from the host. Eleven new hosts were "
                "approved in 2023/24.",
                "Under a joint protocol with the five district councils, care leavers are given "
                "priority for social housing at 18 and are exempt from council tax until the age "
                "of 25. In 2023/24, 57 care leavers moved into their first social housing "
                "tenancy.",
                "No care leaver has been placed in bed and breakfast accommodation since July "
                "2023. In 2022/23, 9 young people spent a total of 46 nights in bed and "
                "breakfast.",
            ],
        ),
        (
            "Finance",
            [
                "Staying Put arrangements cost £1.52m in 2023/24, of which £1.1m was met from "
                "the Department for Education Staying Put grant and £420k from the County "
                "Council's own budget.",
                "Supported lodgings cost an average of £310 a week, compared with between £850 "
                "and £1,400 a week for semi-independent supported accommodation.",
            ],
        ),
        (
            "Conclusion",
            [
                "Outcomes for care leavers in Borsetshire compare well with national figures. "
                "The priorities for 2024/25 are to increase the number of supported lodgings "
                "hosts to 30 and to keep raising take-up of Staying Put, which depends closely "
                "on the County Council's ability to recruit and keep foster carers.",
            ],
        ),
    ],
    previous_decisions=[("Care Leavers' Local Offer 2023 (Cabinet)", "12 September 2023")],
)

PACK_2 = PackSpec(
    date=dt.date(2024, 4, 22),
    time="13:30",
    place="Lanyon Room, County Hall, Felpersham",
    items=[
        *standard_items(MINUTES_2024_01_15),
        AgendaEntry(
            YOUTH_TITLE,
            "To pre-scrutinise proposals from the Director of Children's Services on the future "
            "of the County Council's youth centres, ahead of a decision by Cabinet.",
            REPORT_YOUTH_2024_04,
        ),
        AgendaEntry(
            CARE_LEAVERS_TITLE,
            "To receive a report from the Director of Children's Services on accommodation for "
            "care leavers and the use of Staying Put arrangements.",
            REPORT_CARE_LEAVERS_2024_04,
        ),
        AgendaEntry("WORK PROGRAMME", "To consider the Committee's work programme."),
    ],
)

# ---- pack 3: 8 July 2024

MINUTES_2024_04_22 = MinutesSpec(
    date=PACK_2.date,
    held_at=COUNTY_HALL,
    absent={"Councillor Bethan Lloyd"},
    substitutes={"Councillor Robert Quayle": "Councillor Bethan Lloyd"},
    first_number=MINUTES_2024_01_15.first_number + len(MINUTES_2024_01_15.items),
    items=[
        *procedural(
            "Apologies were received from Councillor Lloyd.",
            [
                "Councillor Ashdown declared a personal interest in item 6 as a trustee of "
                "Hollerton Youth Trust, which uses one of the buildings proposed for closure. "
                "He left the room for that item and took no part in the discussion or vote."
            ],
            "15 January 2024",
            [
                "The Committee received two deputations on item 6. Ms Joanne Wren spoke on "
                "behalf of the Friends of Kingsmere Youth Centre and presented a petition of "
                "1,842 signatures against the closure of the centre. She said that the centre "
                "was the only indoor space in Kingsmere open to young people after school, and "
                "that the nearest alternative, in Castlebridge, was a 40-minute bus journey away "
                "with no return service after 7 pm. Mr Callum Drury, a member "
                "of the Borsetshire Youth Council, spoke about the importance of safe indoor "
                "spaces for young people in rural areas, where public transport was limited in "
                "the evenings.",
                "The Chairman thanked both deputees for attending.",
            ],
            "The Chairman congratulated the 23 young people who had received awards for "
            "volunteering at the Borsetshire Youth Council's annual awards evening on 12 April "
            "2024. She also reminded Members that the Committee's visit to the Castlebridge "
            "family hub had been rearranged for 3 June 2024, and encouraged all Members to "
            "attend.",
        ),
        MinuteItem(
            YOUTH_TITLE,
            [
                "The Committee received a report from the Director of Children's Services on the "
                "outcome of the consultation on the future of the County Council's youth "
                "centres, for pre-decision scrutiny ahead of a decision by Cabinet on 14 May "
                "2024.",
                "The Head of Youth and Community Services explained that the County Council ran "
                "14 youth centres, with a combined running cost of £2.9m a year, and that "
                "average attendance had fallen to 23 young people per session. Six centres, at "
                "Kingsmere, Wexcombe, Castle Adley, Marlbury Road, Hollerton and Stoke Ferrers, "
                "had the lowest attendance and a combined repairs backlog of £1.6m. The proposal "
                "was to close these six centres from 31 August 2024 and to replace them with "
                "four mobile youth work teams and a Youth Activities Grant Fund of £350k a year, "
                "saving £0.9m a year.",
                "The Committee noted that the consultation had run from 4 December 2023 to 25 "
                "February 2024 and had received 2,318 responses, 71% of which disagreed with the "
                "proposals. Young people who responded had most often raised the loss of a safe "
                "place to meet in the evenings and the cost of travelling to the nearest "
                "remaining centre.",
                "In response to questions, Members heard that:",
                Bullets(
                    [
                        "the mobile teams would work from converted vehicles and would visit "
                        "each of the affected communities at least twice a week;",
                        "community groups had expressed interest in taking over three of the six "
                        "buildings through community asset transfer, including the Kingsmere "
                        "centre; and",
                        "the equality impact assessment had identified a greater impact on young "
                        "people with disabilities, which would be mitigated by expanding "
                        "specialist sessions at the remaining centres.",
                    ]
                ),
                "Councillor Okafor asked how the County Council would know whether the mobile "
                "teams were reaching the young people who had used the closed centres. The Head "
                "of Youth and Community Services replied that attendance at every mobile session "
                "would be recorded by postcode district and that young people would be asked to "
                "rate each session, so that the first year's figures could be compared with "
                "attendance at the centres in 2023/24.",
                "Councillor Tillett asked whether parish and town councils could apply to the "
                "Youth Activities Grant Fund. Members were told that they could apply jointly "
                "with a voluntary organisation, and that the criteria for the fund would be "
                "published in July 2024.",
                "The Executive Member for Children's Services, Councillor Fiona Marsh, attended "
                "for this item. She thanked the deputees and the young people who had taken part "
                "in the consultation, and said that Cabinet would consider the Committee's "
                "comments carefully before reaching a decision.",
                "Members expressed concern about the effect of the closures on young people in "
                "rural areas, and asked that Cabinet be made aware of the Committee's view that "
                "any community asset transfer should be settled before the centre concerned "
                "closed. Several Members also asked that the mobile teams give priority to the "
                "villages furthest from a remaining centre. Councillor Raman moved, and "
                "Councillor Pearce seconded, that the point about asset transfers be "
                "added to the Committee's resolution. On being put to the vote, the amendment "
                "was carried.",
                Resolved(
                    [
                        "That the Committee note the outcome of the consultation on the proposed "
                        "changes to council-run youth centres.",
                        "That the Committee support the recommendations to Cabinet, subject to "
                        "Cabinet being asked to ensure that no youth centre closes until any "
                        "viable community asset transfer proposal for that building has been "
                        "considered.",
                        "That the Director of Children's Services report to the Committee in "
                        "January 2025 on the work of the mobile youth work teams and the Youth "
                        "Activities Grant Fund.",
                    ]
                ),
            ],
        ),
        MinuteItem(
            CARE_LEAVERS_TITLE,
            [
                "The Committee received a report from the Director of Children's Services on the "
                "accommodation available to care leavers, including Staying Put arrangements "
                "under which young people can remain with their foster carers after their "
                "eighteenth birthday.",
                "Members heard that the County Council supported 612 care leavers aged 18 to 25, "
                "and that 94% of those aged 19 to 21 were in suitable accommodation, compared "
                "with 88% nationally. The proportion of 18-year-olds in in-house foster care who "
                "chose to stay put had risen from 29% in 2021/22 to 41% in 2023/24, and no care "
                "leaver had been placed in bed and breakfast accommodation since July 2023.",
                "In response to questions, the Service Manager for Leaving Care explained that "
                "the main barrier to Staying Put was the fall in foster carers' income once the "
                "young person turned 18, which the enhanced allowance of £265 a week was "
                "intended to address.",
                Resolved(
                    [
                        "That the Committee note the progress made in improving the "
                        "accommodation offer for care leavers, including the increased take-up "
                        "of Staying Put arrangements."
                    ]
                ),
            ],
        ),
        MinuteItem(
            "WORK PROGRAMME",
            [
                "The Committee considered its work programme for 2024/25.",
                Resolved(["That the work programme be agreed."]),
            ],
        ),
    ],
)

FOSTERING_UPDATE_TITLE = "FOSTER CARER RECRUITMENT AND RETENTION: SIX-MONTH UPDATE"
OUTTURN_TITLE = "CHILDREN'S SERVICES REVENUE OUTTURN 2023/24"

REPORT_FOSTERING_2024_07 = ReportSpec(
    title="Foster Carer Recruitment and Retention: Six-Month Update",
    date=dt.date(2024, 7, 8),
    report_from=DIRECTOR,
    **officer(FENWICK),
    style="para",
    purpose=(
        "The purpose of this report is to update the Committee on the recruitment and retention "
        "of in-house foster carers since it last considered the subject on 15 January 2024, "
        "including the early impact of the refreshed Foster for Borsetshire campaign."
    ),
    recommendations=[
        "That the Children's Services Scrutiny Committee note the early impact of the refreshed "
        "Foster for Borsetshire campaign on enquiries and approvals.",
        "That the Committee welcome the decision of three district councils to offer council "
        "tax relief to foster carers from 1 April 2024 and encourage the remaining two district "
        "councils to do the same.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "The refreshed Foster for Borsetshire campaign was launched on 5 February 2024. "
                "Between February and May 2024 the service received 388 enquiries, compared with "
                "241 in the same period of 2023, an increase of 61%.",
                "The service approved 44 fostering households in 2023/24, short of the target of "
                "60 but with 13 approvals in the final quarter alone. In the first quarter of "
                "2024/25 a further 17 households were approved and 9 left the service, so that "
                "the number of households rose from 312 to 320, the first net increase for three "
                "years.",
            ],
        ),
        (
            "Contextual information",
            [
                Plain("Table 1: Fostering households by quarter", bold=True),
                Table(
                    [
                        ["Quarter", "Enquiries", "Approvals", "De-registrations", "Households"],
                        ["2023/24 Q1", "171", "10", "16", "320"],
                        ["2023/24 Q2", "176", "11", "15", "316"],
                        ["2023/24 Q3", "156", "10", "14", "312"],
                        ["2023/24 Q4", "243", "13", "13", "312"],
                        ["2024/25 Q1", "301", "17", "9", "320"],
                    ],
                    [0.20, 0.19, 0.18, 0.24, 0.19],
                    ["left", "right", "right", "right", "right"],
                ),
                "Most of the increase has come from people interested in caring for teenagers "
                "and sibling groups, the groups on which the campaign was focused. Of the 17 "
                "households approved in the first quarter of 2024/25, 7 were approved for "
                "children aged 11 and over and 4 for sibling groups.",
                "Following the Committee's support in January, the Chairman wrote to the leaders "
                "of the five district councils. Felpersham City Council, North Borsetshire "
                "District Council and Wexcombe Vale District Council have agreed to offer council "
                "tax relief to foster carers from 1 April 2024, and Castlebridge Borough Council "
                "and South Borsetshire District Council are considering the request as part of "
                "their 2025/26 budgets.",
                "Retention has also improved. Exit interviews show fewer carers leaving because "
                "of late payments since the move to fortnightly payment runs in March 2024, and "
                "the carer helpline has taken 2,940 calls since it opened in September 2023.",
            ],
        ),
        (
            "Finance",
            [
                "Spending on recruitment and marketing in 2023/24 was £548k, within the budget "
                "of £565k. The budget for 2024/25 is £590k.",
                "The average weekly cost of an in-house placement is now £560, compared with "
                "£1,120 for a placement with an independent fostering agency. The 8 additional "
                "households in the first quarter of 2024/25 are estimated to avoid costs of "
                "around £230k a year once fully used.",
            ],
        ),
        (
            "Conclusion",
            [
                "It is too early to say whether the improvement in the first quarter will be "
                "sustained, but the early signs from the campaign are encouraging. A further "
                "update will be brought to the Committee in January 2025.",
            ],
        ),
    ],
    previous_decisions=[
        ("Foster Carer Recruitment and Retention (this Committee)", "15 January 2024"),
    ],
)

REPORT_OUTTURN_2024_07 = ReportSpec(
    title="Children's Services Revenue Outturn 2023/24",
    date=dt.date(2024, 7, 8),
    report_from=BOTH_DIRECTORS,
    **officer(ACHEBE),
    style="decimal",
    recommendations=[
        "That the Children's Services Scrutiny Committee note the final outturn for the "
        "Children's Services revenue budget for 2023/24, an overspend of £3.2m, and the actions "
        "being taken to manage placement costs in 2024/25.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "The Children's Services revenue budget for 2023/24 was £176.4m. Final spending "
                "was £179.6m, an overspend of £3.2m or 1.8%. This is £0.5m lower than the "
                "overspend of £3.7m forecast at the end of December 2023 and reported to the "
                "Committee on 15 January 2024.",
                "The overspend has been met from the County Council's general contingency, as "
                "agreed by Cabinet on 18 June 2024, so that Children's Services reserves are not "
                "reduced.",
            ],
        ),
        (
            "Contextual information",
            [
                Plain("Table 1: Revenue outturn 2023/24 by service area", bold=True),
                Table(
                    [
                        ["Service area", "Budget £m", "Outturn £m", "Variance £m"],
                        ["Children in care placements", "62.3", "66.9", "4.6"],
                        ["Children's social care staffing", "48.7", "47.9", "(0.8)"],
                        ["Home to school transport", "21.5", "21.8", "0.3"],
                        ["Early help and youth services", "14.2", "13.7", "(0.5)"],
                        ["Education and inclusion", "18.9", "18.8", "(0.1)"],
                        ["Central and support costs", "10.8", "10.5", "(0.3)"],
                        ["Total", "176.4", "179.6", "3.2"],
                    ],
                    [0.46, 0.18, 0.18, 0.18],
                    ["left", "right", "right", "right"],
                    total_row=True,
                ),
                "Placement costs remained the main pressure. The number of children in care was "
                "1,061 at 31 March 2024, compared with 987 a year earlier, and 53 children were "
                "in external residential placements, at an average weekly cost of £5,650.",
                "The staffing underspend of £0.8m reflects vacancies in social work teams, which "
                "fell from 14% to 11% of posts over the year as the first social workers trained "
                "through the County Council's social work academy took up posts.",
            ],
        ),
        (
            "Finance",
            [
                "The 2024/25 budget of £189.2m includes £8.6m for placement pressures. Early "
                "monitoring suggests that placement costs in 2024/25 will be between £1.5m and "
                "£2.5m above this budget if current trends continue.",
                "Savings of £3.4m of the £4.1m planned for 2024/25 are on track. The remaining "
                "£0.7m is at risk, mainly because growth in the number of in-house fostering "
                "households has been slower than assumed when the budget was set.",
            ],
        ),
        (
            "Conclusion",
            [
                "The 2023/24 overspend was lower than forecast, but placement costs continue to "
                "rise faster than the budget allows. The Committee will receive quarterly budget "
                "monitoring reports during 2024/25.",
            ],
        ),
    ],
    previous_decisions=[
        ("Revenue Budget 2024/25 - Children's Services (Executive Member)", "22 January 2024"),
        ("Revenue Outturn 2023/24 and Use of Contingency (Cabinet)", "18 June 2024"),
    ],
)

REPORT_WORK_PROGRAMME_2024_07 = ReportSpec(
    title="Work Programme 2024/25",
    date=dt.date(2024, 7, 8),
    report_from="Director of Law and Governance",
    **officer(TREMAYNE),
    style="para",
    purpose=(
        "The purpose of this report is to present the Committee's proposed work programme for "
        "the 2024/25 municipal year."
    ),
    recommendations=[
        "That the Committee agree the work programme set out in Table 1, subject to any "
        "amendments it wishes to make.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "The work programme has been drawn up with the Chairman and the Director of "
                "Children's Services. It reflects the actions agreed by the Committee at its "
                "previous meetings and the County Council's forward plan of key decisions.",
            ],
        ),
        (
            "Contextual information",
            [
                Plain("Table 1: Proposed work programme 2024/25", bold=True),
                Table(
                    [
                        ["Meeting", "Item", "Purpose"],
                        [
                            "14 October 2024",
                            "Independent Reviewing Service Annual Report 2023/24",
                            "Annual report",
                        ],
                        ["14 October 2024", "Budget Monitoring 2024/25 - Quarter 1", "Monitoring"],
                        [
                            "14 October 2024",
                            "Contact between Brothers and Sisters in Care",
                            "Requested October 2023",
                        ],
                        ["20 January 2025", "Foster Carer Recruitment and Retention", "Update"],
                        [
                            "20 January 2025",
                            "Mobile Youth Work Teams and Youth Activities Grant Fund",
                            "Update",
                        ],
                        [
                            "20 January 2025",
                            "Revenue Budget 2025/26 - Children's Services",
                            "Pre-decision scrutiny",
                        ],
                        ["14 April 2025", "Care Leavers' Local Offer", "Review"],
                    ],
                    [0.27, 0.48, 0.25],
                    ["left", "left", "left"],
                ),
            ],
        ),
        ("Finance", ["There are no financial implications arising from this report."]),
        (
            "Conclusion",
            ["The work programme will be kept under review and updated at each meeting."],
        ),
    ],
)

PACK_3 = PackSpec(
    date=dt.date(2024, 7, 8),
    time="14:00",
    place="Council Chamber, County Hall, Felpersham",
    items=[
        *standard_items(MINUTES_2024_04_22),
        AgendaEntry(
            FOSTERING_UPDATE_TITLE,
            "To receive an update from the Director of Children's Services on the recruitment "
            "and retention of foster carers, as requested by the Committee in January 2024.",
            REPORT_FOSTERING_2024_07,
        ),
        AgendaEntry(
            OUTTURN_TITLE,
            "To receive a report on the final outturn of the Children's Services revenue budget "
            "for 2023/24.",
            REPORT_OUTTURN_2024_07,
        ),
        AgendaEntry(
            "WORK PROGRAMME",
            "To consider the Committee's work programme for 2024/25.",
            REPORT_WORK_PROGRAMME_2024_07,
        ),
    ],
)

# ---- pack 4: 14 October 2024
#
# Written for the follow-ups (promised updates): its minutes record the meeting of 8 July
# 2024, whose work programme minute makes promises for this meeting and later ones. This pack
# keeps two of them (kinship care, short breaks for disabled children) and not a third (return
# home interviews); others are not yet due or have no date. It takes up no topic of the sample
# or test questions, so their answers stand.

MINUTES_2024_07_08 = MinutesSpec(
    date=PACK_3.date,
    held_at=COUNTY_HALL,
    absent={"Councillor Tom Ashdown"},
    first_number=MINUTES_2024_04_22.first_number + len(MINUTES_2024_04_22.items),
    items=[
        *procedural(
            "Apologies were received from Councillor Ashdown.",
            ["No declarations of interest were made."],
            "22 April 2024",
            ["There were no deputations."],
            "The Chairman welcomed Ms Priya Sandhu, the new Head of Disabled Children's "
            "Services, who was attending her first meeting of the Committee.",
        ),
        MinuteItem(
            FOSTERING_UPDATE_TITLE,
            [
                "The Committee received a six-month update from the Director of Children's "
                "Services on the recruitment and retention of in-house foster carers, presented "
                "by the Head of Fostering Service, Ms Rachel Fenwick.",
                "Councillor Hussain asked how often families were offered a family group "
                "conference before court proceedings began. The Director of Children's "
                "Services agreed to report to a future meeting on the use of family group "
                "conferences.",
                "Members welcomed the first net increase in fostering households for three "
                "years and thanked the district councils that had agreed to the Committee's "
                "request.",
                Resolved(
                    [
                        "That the Committee note the early impact of the refreshed Foster for "
                        "Borsetshire campaign on enquiries and approvals."
                    ]
                ),
            ],
        ),
        MinuteItem(
            OUTTURN_TITLE,
            [
                "The Committee received a report from the Director of Children's Services and "
                "the Director of Corporate Resources on the final outturn of the Children's "
                "Services revenue budget for 2023/24, presented by the Strategic Finance "
                "Business Partner, Mr Daniel Achebe.",
                "Members asked how the Family Hubs grant was being used, as the first four "
                "family hubs had opened in 2024.",
                Resolved(
                    [
                        "That the Committee note the final outturn for the Children's Services "
                        "revenue budget for 2023/24.",
                        "That an update on the Family Hubs programme be provided to the "
                        "Committee in March 2025.",
                    ]
                ),
            ],
        ),
        MinuteItem(
            "WORK PROGRAMME",
            [
                "The Committee considered its work programme for 2024/25. The Chairman "
                "explained that three reports planned for the meeting on 14 October 2024 could "
                "not be ready in time and proposed that they be taken on 9 December 2024.",
                "Councillor Raman said that many grandparents and other relatives caring for "
                "children under special guardianship orders had told her they did not know what "
                "help was available to them. Councillor Whitcombe asked about the new contract "
                "for short breaks for disabled children, which was due to be let in 2025, and "
                "Councillor Okafor asked how the County Council followed up children who had "
                "gone missing from care.",
                Resolved(
                    [
                        "That the work programme be agreed, subject to the reports planned for "
                        "14 October 2024 being taken on 9 December 2024.",
                        "That a report on support for kinship carers be brought to the meeting "
                        "on 14 October 2024.",
                        "That the Director of Children's Services report to the Committee in "
                        "October 2024 on the recommissioning of short breaks for disabled "
                        "children.",
                        "That the Director of Children's Services report to the Committee in "
                        "October 2024 on return home interviews for children who go missing "
                        "from care.",
                    ]
                ),
            ],
        ),
    ],
)

KINSHIP_TITLE = "KINSHIP CARE: SUPPORT FOR FAMILY AND FRIENDS CARERS"
SHORT_BREAKS_TITLE = "SHORT BREAKS FOR DISABLED CHILDREN: RECOMMISSIONING"
HOLLIS = ("Amira Hollis", "Service Manager, Kinship Care", "01632 960744")
SANDHU = ("Priya Sandhu", "Head of Disabled Children's Services", "01632 960389")

REPORT_KINSHIP_2024_10 = ReportSpec(
    title="Kinship Care: Support for Family and Friends Carers",
    date=dt.date(2024, 10, 14),
    report_from=DIRECTOR,
    **officer(HOLLIS),
    style="para",
    purpose=(
        "The purpose of this report is to set out the support the County Council gives to "
        "kinship carers, the relatives and friends who bring up children who cannot live with "
        "their parents, as the Committee asked on 8 July 2024."
    ),
    recommendations=[
        "That the Children's Services Scrutiny Committee note the support available to kinship "
        "carers and the proposed kinship care local offer.",
        "That the Committee receive a further update on the kinship care local offer at its "
        "meeting in April 2025.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "At 30 June 2024, 418 children in Borsetshire were living with kinship carers: "
                "156 as children in care placed with family or friends foster carers, 231 under "
                "special guardianship orders and 31 under child arrangements orders.",
                "Kinship carers told the County Council's survey in May 2024 that they wanted "
                "one place to find out what help they could get, faster payment of allowances "
                "and training that fitted around their working hours. A kinship care local offer "
                "is proposed to meet these needs.",
            ],
        ),
        (
            "Contextual information",
            [
                Plain("Table 1: Children living with kinship carers at 30 June 2024", bold=True),
                Table(
                    [
                        ["Arrangement", "Children", "Carers"],
                        ["Family and friends foster carers", "156", "118"],
                        ["Special guardianship orders", "231", "174"],
                        ["Child arrangements orders", "31", "25"],
                        ["Total", "418", "317"],
                    ],
                    [0.58, 0.21, 0.21],
                    ["left", "right", "right"],
                    total_row=True,
                ),
                "The survey was completed by 142 kinship carers. Of these, 61% were "
                "grandparents, 44% were in paid work and 38% had not known about the support "
                "group run by the Kinship Carers Network in Felpersham.",
                "The proposed local offer brings together in one guide the allowances, "
                "training, peer support and advice available to kinship carers, with a named "
                "contact in the Kinship Care Team for each family.",
            ],
        ),
        (
            "Finance",
            [
                "Special guardianship allowances cost £2.1m in 2023/24. The local offer will be "
                "met from existing budgets, apart from £45k a year for the peer support groups, "
                "which is funded from the Family Hubs grant.",
            ],
        ),
        (
            "Conclusion",
            [
                "Kinship carers bring up more children in Borsetshire than the County Council's "
                "own foster carers, and most do so without a social worker. The local offer "
                "will be published in January 2025.",
            ],
        ),
    ],
    previous_decisions=[("Work Programme 2024/25 (this Committee)", "8 July 2024")],
    appendix=(
        "Appendix 1: What kinship carers told us",
        [
            "The County Council's survey of kinship carers ran from 1 to 31 May 2024. It was "
            "sent to every carer with a special guardianship or child arrangements order who "
            "receives an allowance, and to every family and friends foster carer.",
            Plain("Table A1: The help kinship carers asked for most often", bold=True),
            Table(
                [
                    ["Help asked for", "Carers", "Percentage"],
                    ["One place to find out about support", "97", "68%"],
                    ["Faster payment of allowances", "74", "52%"],
                    ["Training in the evenings or at weekends", "66", "46%"],
                    ["Meeting other kinship carers", "58", "41%"],
                    ["Advice on legal orders", "49", "35%"],
                ],
                [0.58, 0.21, 0.21],
                ["left", "right", "right"],
            ),
            "Carers could choose more than one answer. Many carers added that they had taken "
            "on the children at short notice, often in the middle of the night, and had been "
            "given little information about what would happen next.",
            "Several carers asked for help with the cost of larger cars and extra bedrooms, "
            "and for a named person to contact when a child's behaviour became difficult to "
            "manage.",
        ],
    ),
)

REPORT_SHORT_BREAKS_2024_10 = ReportSpec(
    title="Short Breaks for Disabled Children: Recommissioning",
    date=dt.date(2024, 10, 14),
    report_from=DIRECTOR,
    **officer(SANDHU),
    style="decimal",
    recommendations=[
        "That the Children's Services Scrutiny Committee note the proposals for recommissioning "
        "short breaks for disabled children from April 2025.",
        "That the Director of Children's Services report the outcome of the tender to the "
        "Committee in March 2025.",
    ],
    sections=[
        (
            "Executive Summary",
            [
                "Short breaks give disabled children time away from home doing things they "
                "enjoy, and give their parents and carers a break from caring. The County "
                "Council's current contracts for overnight and day short breaks end on 31 March "
                "2025.",
                "In 2023/24, 734 disabled children used a short break funded by the County "
                "Council: 212 had overnight breaks, 468 went to day and holiday activities and "
                "54 had breaks in their own homes.",
            ],
        ),
        (
            "Contextual information",
            [
                "Parents who took part in the engagement in June and July 2024 asked for more "
                "breaks at weekends, for more places for children with complex health needs "
                "and for booking to be made simpler.",
                "It is proposed to let one framework with four lots: overnight breaks, day and "
                "holiday activities, breaks at home, and breaks for children with complex "
                "health needs, so that smaller local providers can bid for one lot.",
            ],
        ),
        (
            "Finance",
            [
                "Short breaks cost £4.6m in 2023/24. The framework will be let within the same "
                "budget, with a contract term of four years and an option to extend for two.",
            ],
        ),
        (
            "Conclusion",
            [
                "The recommissioning gives the County Council a chance to shape short breaks "
                "around what families have asked for. The tender will be advertised in "
                "November 2024.",
            ],
        ),
    ],
    previous_decisions=[
        ("Short Breaks Services Statement 2023 (Executive Member)", "20 March 2023"),
    ],
    appendix=(
        "Appendix 1: Proposed lots and budgets",
        [
            Plain("Table A1: Lots of the short breaks framework from April 2025", bold=True),
            Table(
                [
                    ["Lot", "Children in 2023/24", "Budget £m"],
                    ["Overnight breaks", "212", "2.3"],
                    ["Day and holiday activities", "468", "1.2"],
                    ["Breaks at home", "54", "0.6"],
                    ["Complex health needs", "38", "0.5"],
                    ["Total", "772", "4.6"],
                ],
                [0.50, 0.27, 0.23],
                ["left", "right", "right"],
                total_row=True,
            ),
            "Some children use breaks in more than one lot, so the number of children in the "
            "table is higher than the 734 who used a short break in 2023/24.",
            "Providers will be paid an hourly or nightly rate set for each lot, reviewed each "
            "April in line with the National Living Wage.",
        ],
    ),
)

PACK_4 = PackSpec(
    date=dt.date(2024, 10, 14),
    time="14:00",
    place="Council Chamber, County Hall, Felpersham",
    items=[
        *standard_items(MINUTES_2024_07_08),
        AgendaEntry(
            KINSHIP_TITLE,
            "To receive a report from the Director of Children's Services on support for "
            "kinship carers, as requested by the Committee on 8 July 2024.",
            REPORT_KINSHIP_2024_10,
        ),
        AgendaEntry(
            SHORT_BREAKS_TITLE,
            "To receive a report from the Director of Children's Services on the "
            "recommissioning of short breaks for disabled children.",
            REPORT_SHORT_BREAKS_2024_10,
        ),
        AgendaEntry(
            "WORK PROGRAMME",
            "To consider the Committee's work programme for the rest of the municipal year.",
        ),
        AgendaEntry(
            "DATE OF NEXT MEETING",
            "To note that the next meeting of the Committee will be held on Monday, 9 December "
            "2024 at 10.00 am in the Council Chamber, County Hall, Felpersham.",
        ),
    ],
)

PACKS = [PACK_1, PACK_2, PACK_3, PACK_4]

# "When did we last ..." questions whose answers these packs settle, in the style of
# shared/dev_questions.json. answer_date is the meeting at which the matter was
# discussed: for minutes, the meeting they record, not the pack they are printed in.
QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "s01",
        "question": "When did we last discuss recruiting foster carers?",
        "type": "when_last",
        "answer_date": "2024-07-08",
        "evidence": [
            "Between February and May 2024 the service received 388 enquiries, compared with "
            "241 in the same period of 2023, an increase of 61%."
        ],
    },
    {
        "id": "s02",
        "question": "When did the committee look at closing youth centres?",
        "type": "when_last",
        "answer_date": "2024-04-22",
        "evidence": [
            "The review proposes that the six centres with the lowest attendance and the highest "
            "maintenance costs close from 31 August 2024"
        ],
    },
    {
        "id": "s03",
        "question": "When did we last talk about taxis to school for children in care?",
        "type": "when_last",
        "answer_date": "2023-10-16",
        "evidence": [
            "286 children in care currently received school transport, mostly by taxi, at a "
            "cost of £2.4m in 2022/23"
        ],
    },
    {
        "id": "s04",
        "question": "What did the committee decide about the youth centre closures?",
        "type": "decision",
        "answer_date": "2024-04-22",
        "evidence": [
            "That the Committee support the recommendations to Cabinet, subject to Cabinet being "
            "asked to ensure that no youth centre closes until any viable community asset "
            "transfer proposal for that building has been considered."
        ],
    },
    {
        "id": "s05",
        "question": "How big was the children's services overspend forecast in January 2024?",
        "type": "fact",
        "answer_date": "2024-01-15",
        "evidence": [
            "The forecast outturn for 2023/24, based on spending to the end of December 2023, is "
            "an overspend of £3.7m, or 2.1% of the net budget of £176.4m."
        ],
    },
    {
        "id": "s06",
        "question": "What was the final children's services overspend for 2023/24?",
        "type": "fact",
        "answer_date": "2024-07-08",
        "evidence": ["Final spending was £179.6m, an overspend of £3.2m or 1.8%."],
    },
    {
        "id": "s07",
        "question": "What was the committee asked to do about council tax relief for foster "
        "carers in July 2024?",
        "type": "recommendation",
        "answer_date": "2024-07-08",
        "evidence": [
            "That the Committee welcome the decision of three district councils to offer council "
            "tax relief to foster carers from 1 April 2024 and encourage the remaining two "
            "district councils to do the same."
        ],
    },
    {
        "id": "s08",
        "question": "Who wrote the report on housing for care leavers?",
        "type": "person",
        "answer_date": "2024-04-22",
        "evidence": ["Owen Pritchard, Service Manager, Leaving Care"],
    },
    {
        "id": "s09",
        "question": "When did we last hear how many care leavers were staying on with their "
        "foster carers?",
        "type": "when_last",
        "answer_date": "2024-04-22",
        "evidence": [
            "The proportion of young people in in-house foster care who chose to stay put at 18 "
            "rose from 29% in 2021/22 to 41% in 2023/24."
        ],
    },
    {
        "id": "s10",
        "question": "Who was absent from the committee meeting in January 2024?",
        "type": "person",
        "answer_date": "2024-01-15",
        "evidence": ["Apologies were received from Councillors Pearce and Hussain."],
    },
]


# --------------------------------------------------------------------------- main


def agenda_wraps_pages(pack: PackSpec, ranges: dict[str, tuple[int, int]]) -> bool:
    """True when some agenda title's line ends with '(Pages', its range on the next line."""
    for number, entry in enumerate(pack.items, start=1):
        if str(number) in ranges:
            a, b = ranges[str(number)]
            lines = wrap(f"{entry.title} (Pages {a} - {b})", BOLD, SIZE, RIGHT - INDENT)
            if any(ln.endswith("(Pages") for ln in lines[:-1]):
                return True
    return False


def generate(
    out: Path, log: Callable[[str], None] = print, style: str = DEFAULT_STYLE
) -> list[Path]:
    """Write the four packs in one house style (and, for the default style, questions.json)."""
    house = STYLES[style]
    out.mkdir(parents=True, exist_ok=True)
    truths = []
    wraps = False
    written: list[Path] = []
    for pack in PACKS:
        truth = build_pack(pack, out, house)
        ranges = {s["agenda_item"]: (s["start_page"], s["end_page"]) for s in truth["sections"]}
        wraps = wraps or agenda_wraps_pages(pack, ranges)
        truths.append(truth)
    check_anatomy(truths, wraps, house)
    for pack, truth in zip(PACKS, truths, strict=True):
        if truth["minutes"]:
            truth["minutes"].pop("_straddles")
        path = out / f"{pack.slug}.truth.json"
        path.write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written += [out / f"{pack.slug}.pdf", path]
        log(f"{pack.slug}: {truth['pages']} pages, blank {truth['blank_pages']}")
    if style != DEFAULT_STYLE:
        return written  # the questions' evidence is quoted from the default style's text
    questions = []
    for q in QUESTIONS:
        date = q["answer_date"]
        packs = [
            p.slug
            for p, t in zip(PACKS, truths, strict=True)
            if p.date.isoformat() == date or (t["minutes"] and t["minutes"]["date"] == date)
        ]
        questions.append({**q, "body": BODY, "packs": packs})
    path = out / "questions.json"
    path.write_text(json.dumps(questions, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent / "sample",
        help="output directory (default: corpora/sample next to this script)",
    )
    parser.add_argument(
        "--style",
        default=DEFAULT_STYLE,
        choices=[*STYLES, "all"],
        help=f"house style to lay the packs out in (default: {DEFAULT_STYLE}, the committed "
        "corpus); 'all' writes each style into OUT/<style>/",
    )
    parser.add_argument("--list-styles", action="store_true", help="describe the house styles")
    args = parser.parse_args(argv)
    if args.list_styles:
        for house in STYLES.values():
            print(f"{house.name}: {house.summary}")
        return 0
    if args.style == "all":
        for name in STYLES:
            generate(args.out / name, style=name)
    else:
        generate(args.out, style=args.style)
    return 0


if __name__ == "__main__":
    sys.exit(main())
