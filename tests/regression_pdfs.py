"""Regression PDFs, each named after the problem it caught (pdfplumber's habit).

``python -m tests.regression_pdfs`` (re)writes them into tests/regression/;
tests/test_regressions.py extracts each and compares it with its golden
output ``<name>.json`` beside it. Every file is made here with reportlab
(``invariant=1``: the same bytes on every run) and pypdf, from text written
for the purpose: nothing in them comes from a third-party document.

* ``table-on-page-box-offset-from-origin.pdf``: a landscape appendix whose
  MediaBox is [-12 12 830 607] (it does not start at (0, 0)), with a ruled
  table and an unruled table of figures. pdfplumber refused every crop
  ("Bounding box ... is not fully within parent page bounding box") and the
  tables were dropped.
* ``text-drawn-as-vector-outlines.pdf``: parish minutes whose glyphs are
  drawn as filled paths (no fonts, no images), as some print-to-PDF drivers
  write them. The pages were read as empty instead of being OCRed.
* ``not-a-council-document-software-guide.pdf``: a user guide for a piece of
  meeting software, with a numbered contents list, dates in its prose and a
  council named as a customer. It must not come out as a council's meeting
  with an agenda.
* ``council-named-only-in-a-logo-image.pdf``: an agenda front sheet whose council is
  printed only inside its logo (a picture at the top right, as ModernGov templates
  print "Kent County Council"); the text layer never names it. The council was null.
* ``minutes-of-motions-without-minute-headings.pdf``: township minutes that record each
  decision as the motion put ("R2024-101 B. Young, C. Day:" over "That ..." and
  "Carried."; "Resolution No. 2024-103 - Moved by A seconded by B that ... Carried"), with
  no minute headings at all. No resolution was found; a defeated motion and the motion
  to adjourn are not resolutions.
* ``report-header-labels-over-their-values.pdf``: a proposed record of decision whose
  header prints a row of labels ("DECISION TO BE TAKEN BY:   DECISION NO:") over a row of
  their values ("Cabinet   24/00096"). It was not read as a report, and the second label
  was taken for the first one's value.
* ``attendance-column-with-roles-and-initials.pdf``: community council minutes listing one
  person a line with a role and the council's initials after the name ("Andrea Wise
  Secretary CC", "Mary Gray Member CC", "Constable Gary Davidson Police Scotland"). The
  initials were read as an initials grid, "Member" rows were dropped as a group, and a row
  ending in "Scotland" was taken for a list running on with "and".
* ``motions-before-a-numbered-clause.pdf``: township minutes of motions where one motion
  lists its subject as "1. Council to receive an update ..." (read as the first minute
  heading). The motions above it were taken for the minutes' opening and lost.
* ``staff-list-with-posts-before-names.pdf``: minutes whose "Staff:" paragraph prints each
  post before the name ("Operations Superintendent Dan MacInnis, Deputy Clerk Administrative
  Assistant Kristin Linklater, Fire Chief-MLEO-CEMC Will Bateman"). The posts were kept as
  part of the names, and "Deputy Clerk" became a person of its own.
* ``attendance-columns-headed-side-by-side.pdf``: parish minutes whose attendance is two
  columns headed on one line ("Present:" and "Members of the Public:"), one person a row,
  the chair tagged "Peter Lane (PL) CHAIR", the rows spaced wider than the minutes' running
  text, under a title block "HELD IN THE VILLAGE HALL". Nobody present was found (the second
  heading read as "Members of the public", a group that ends a list), no chairman, and the
  place kept "HELD IN THE".
* ``attendance-one-person-a-line-post-after-a-comma.pdf``: board minutes listing one member
  a line with the post after a comma ("Councillor Ward, Ashcombe Municipal Representative"),
  a "Non-Members Present:" block whose title a scan set in lower case ("inspector Moss, ..."),
  and "Absent with regrets: Ann Lowe (Ashcombe)". The rows were read as one list, so each
  post ran into the next row's name ("Ashcombe Municipal Representative Councillor Lane"),
  the inspector was dropped and the regrets were not read.
* ``public-named-after-the-councillors.pdf``: community council minutes whose column of
  members of the public gives each a role ("Alan Penrose Former ACC Secretary", "Ruth Kemp
  Public") and a second meeting whose present list ends "... County Cllr Webber and the
  Clerk. Members of the public – Mr Andrew Lang.". The role kept only its last word
  ("Alan Penrose Former ACC"), every "Public" row was dropped as a group, "County Cllr
  Webber" became "Cllr County Cllr Webber" and Mr Lang was lost.
* ``minutes-grid-with-an-action-column-and-year-numbers.pdf``: parish minutes set as a
  "Minute | Item | Action" grid, the minutes numbered "24/31", each decision in the item's
  own text ("RESOLVED: That ..."), who acts ("Clerk") in the last column. The grid was not
  read (no decision column), the numbers were not minute numbers, and the action column's
  words ran into the titles.
* ``minutes-opened-by-calling-the-meeting-to-order.pdf``: township minutes whose title
  block gives the date alone; the start time and the chair are in "Mayor Alan Pike called
  the meeting to order at 7:00 p.m.". Neither the time nor the chairman was read.
* ``sentence-run-on-after-a-closing-bracket.pdf``: parish minutes where a decision follows a
  bracket with no space ("... (and so the council's responsibility).It was agreed that ...").
  The resolution was the whole paragraph from its first sentence.
* ``payments-passed-for-payment.pdf``: parish minutes recording the payments approved as
  "The following were passed for payment by the Councillors:" over a list of payments. No
  resolution was found ("approved/passed" followed by "for" or "by" read as a past approval).
* ``glyphs-set-into-each-other-read-twice.pdf``: an agenda whose start time is set in
  pieces ("19:" "0" "0" "hrs"), each piece's glyph box running into the next, on a heading
  line "Virtual Meeting 19:00hrs". pypdfium2's bounded text of one piece's rect returned its
  neighbour too ("19:0000hrs"), and a time at the end of a heading line was not read.
* ``list-numbered-afresh-inside-a-minute.pdf``: community council minutes numbered 1 to 6
  in a column, where minute 4 (the secretary's report) lists the letters received as its
  own list "1." to "5.", printed a little left of the minute numbers. The list's numbers
  were read as minutes (1 to 4 again, then its "5." as minute 5, and the real minute 5 was
  lost).
* ``outcome-after-a-dash-in-a-minute-heading.pdf``: parish minutes whose heading carries
  the decision after a dash ("24.05.2 Finance - The following accounts were approved for
  payment") over a list of payments. The whole line was the minute's title and the decision
  was lost.
* ``approval-after-a-comma-all-approved.pdf``: parish minutes recording a decision at the
  end of a sentence ("The Clerk circulated a draft notice of election to Councillors before
  the meeting, all approved."), with no "resolved" or "it was agreed". It was not found.
* ``word-first-glyph-doubled-by-a-narrow-space.pdf``: minutes set with word spaces narrower
  than their glyph boxes (justified text), so each word's first glyph overlaps the text rect
  before it. pypdfium2's bounded text returned that glyph twice ("Minutes o of l last ...
  has been a agreed by email"), and the decision was not found.
* ``chair-named-by-a-label-after-the-present-list.pdf``: minutes whose opening names the
  chair on a label line of its own ("Chairman: Cllr P Lane") after the "Present:" list. The
  label ran on into the list ("Cllr H Marsh Chairman: Cllr P Lane" became one name) and no
  chairman was found.
* ``fifth-roman-clause-read-as-letter-v.pdf``: a resolution of clauses i. to v.; "v." was read
  as the letter v (like "i." before "ii." is), so the fifth clause merged into the fourth.
* ``minutes-in-welsh.pdf``: community council minutes written in Welsh (a council's Welsh
  version of its minutes): "CYNGOR CYMUNED ..." heading, "Cynhaliwyd cyfarfod ... am 7.00pm
  ar y 12fed Mawrth 2024 yn ..." (a meeting of ... was held at ... on ... in ...), a
  "PRESENNOL" list of "Cynghorwyr" joined by "a'r" with the apostrophe set on a line of its
  own, apologies "Derbyniwyd ymddiheuriadau gan ...", the chair "Cymerwyd y Gadair gan y
  Cyng. ...", decisions "Penderfynwyd ...", "cytunwyd ...", "roedd pawb o blaid ...". Nothing
  but the minute headings was read: no date, council, attendance, chair or decision.
* ``resolution-form-left-blank.pdf``: township minutes of motions followed, in the agenda
  pack, by a resolution form printed for the next meeting ("RESOLUTION", "NUMBER: R2024-",
  "Moved by" and "Seconded by" with no names, the motion, an empty For/Against grid over
  "Carried"). The form's motion was read as one of the minutes' resolutions.
* ``start-time-labelled-under-the-date.pdf``: a township agenda whose letterhead names the
  council ("TOWNSHIP OF ASHCOMBE"), over a date line "Tuesday, October 1, 2024" and "** START TIME 6:30 p.m.**", then
  the numbered items. The meeting had no date, time or body (a date alone on a title page is
  not a meeting's, and the labelled time line was not read as one).
* ``report-header-under-a-contents-list.pdf``: a budget report whose first page opens with
  its title and a contents list, and prints its header lower down as a label column without
  colons ("From", a label wrapped over two lines "Relevant / Director(s)", "Report author" set
  closer to its value than a cell gap, "Circulated to  Cabinet"), then a "Contact details"
  table. It was read as "other": no report, no author, addressee or contact.
* ``notes-of-an-earlier-session-in-a-later-pack.pdf``: an agenda pack for a meeting on 21
  November 2024 whose minutes item holds the minutes of the committee's 17 October meeting and,
  after them, the notes of a joint session held the same day, headed "NOTES OF THE JOINT
  SESSION OF ..." with an "Attending:" list and unnumbered headings. The notes were not read
  as minutes, so their pages were searchable only under the pack's meeting (21 November): an
  answer to "when did the committee last discuss ..." gave a meeting that never discussed it.
* ``front-sheet-date-and-time-lines-read-as-a-report.pdf``: a two-page agenda front sheet
  whose meeting is given as label lines "Meeting", "Date:", "Time: 19:00", "Place" and
  "Enquiries to" (a body, a date and a contact: three fields of a report header's vocabulary).
  Its first page was taken for the first page of a report, so the agenda stopped at the page
  break and the items on page 2 were lost.
* ``summons-sentence-wrapped-before-will-be-held.pdf``: a summons "NOTICE IS HEREBY GIVEN that
  a meeting of the Planning Committee / will be held in ... on ... commencing at 7pm" with the
  line break just before "will be held". The body was read as "Planning Committee Will Be".
* ``minutes-start-time-in-the-opening-sentence.pdf``: parish minutes whose heading gives the
  date and place but whose start time is only in the first minute's sentence ("The Chair
  opened the meeting at 7.30pm and welcomed ..."); a later "closed at 9.05pm" is not it. The
  meeting had no time.
* ``report-heading-names-the-meeting.pdf``: a report file whose first line is a heading naming
  the meeting it goes to ("CABINET – 11 MARCH 2026") over its title, with "Report of:" and
  contact lines but no "To:", "Meeting:" or "Committee:" label. The report had no body or
  date, and the file's meeting was dated by a title block instead of the report's header.
* ``next-meeting-sentence-in-an-agenda-item.pdf``: an agenda whose title block gives the body,
  date, start time and place, and whose last item reads "To note that the next meeting of the
  Committee will be held on Tuesday, 11th June 2024 at 7.00 pm". The meeting was dated 11 June
  (the summons-sentence reader took the next meeting for this one), body "Committee".
* ``running-head-inside-a-resolution.pdf``: two pages of minutes whose second page opens with
  a running head naming the meeting ("Planning Committee – Minutes – 14 May 2024") in the
  middle of a lettered resolution. The head was read into the first clause, and the second
  and third clauses were lost.
* ``minutes-set-as-a-minute-discussion-decision-grid.pdf``: town council minutes printed as
  one ruled table headed "Minute | Discussion | Decision", a row per minute item: the number
  in the first column, the title (one wrapped over two lines) over the discussion in the
  second, the decision in the third ("(a)", "(b)" clauses); the last row runs over the page
  break, its decision going on under the next page's top rule. In text order the cells
  interleave line by line: the titles took in the decisions' first words ("Play Area (a)
  That the quote") and no resolution was found.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import RectangleObject
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent / "regression"

OFFSET_BOX = "table-on-page-box-offset-from-origin.pdf"
OUTLINES = "text-drawn-as-vector-outlines.pdf"
SOFTWARE_GUIDE = "not-a-council-document-software-guide.pdf"
LOGO_COUNCIL = "council-named-only-in-a-logo-image.pdf"
MOTIONS = "minutes-of-motions-without-minute-headings.pdf"
LABELS_OVER_VALUES = "report-header-labels-over-their-values.pdf"
ROLE_COLUMN = "attendance-column-with-roles-and-initials.pdf"
MOTIONS_CLAUSE = "motions-before-a-numbered-clause.pdf"
STAFF_POSTS = "staff-list-with-posts-before-names.pdf"
SIDE_COLUMNS = "attendance-columns-headed-side-by-side.pdf"
BRACKET_SENTENCE = "sentence-run-on-after-a-closing-bracket.pdf"
PASSED_PAYMENT = "payments-passed-for-payment.pdf"
ROMAN_V = "fifth-roman-clause-read-as-letter-v.pdf"
DOUBLED_GLYPH = "word-first-glyph-doubled-by-a-narrow-space.pdf"
CHAIR_LABEL = "chair-named-by-a-label-after-the-present-list.pdf"
ABUTTING_GLYPHS = "glyphs-set-into-each-other-read-twice.pdf"
DASH_OUTCOME = "outcome-after-a-dash-in-a-minute-heading.pdf"
RESTARTED_LIST = "list-numbered-afresh-inside-a-minute.pdf"
ALL_APPROVED = "approval-after-a-comma-all-approved.pdf"
LOWER_HEADER = "report-header-under-a-contents-list.pdf"
WELSH = "minutes-in-welsh.pdf"
BLANK_FORM = "resolution-form-left-blank.pdf"
START_TIME = "start-time-labelled-under-the-date.pdf"
NOTES_IN_PACK = "notes-of-an-earlier-session-in-a-later-pack.pdf"
FRONT_LINES = "front-sheet-date-and-time-lines-read-as-a-report.pdf"
SUMMONS_WRAP = "summons-sentence-wrapped-before-will-be-held.pdf"
START_IN_SENTENCE = "minutes-start-time-in-the-opening-sentence.pdf"
REPORT_HEADING = "report-heading-names-the-meeting.pdf"
NEXT_MEETING = "next-meeting-sentence-in-an-agenda-item.pdf"
RUNNING_HEAD = "running-head-inside-a-resolution.pdf"
DECISION_GRID = "minutes-set-as-a-minute-discussion-decision-grid.pdf"
ACTION_GRID = "minutes-grid-with-an-action-column-and-year-numbers.pdf"
CALLED_TO_ORDER = "minutes-opened-by-calling-the-meeting-to-order.pdf"
POST_AFTER_COMMA = "attendance-one-person-a-line-post-after-a-comma.pdf"
PUBLIC_NAMED = "public-named-after-the-councillors.pdf"


# ------------------------------------------------------------------ offset page box


def offset_box_pdf() -> bytes:
    width, height = landscape(A4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height), invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(40, 560, "APPENDIX C - HIGHWAY MAINTENANCE PROGRAMME 2025-26")
    c.setFont("Helvetica", 10)
    # a ruled table: header and three rows in a drawn grid
    cols = (40, 260, 380, 500, 620)
    ruled = [
        ("Scheme", "Budget £000", "Spent £000", "Remaining £000"),
        ("Resurfacing", "12,400", "8,150", "4,250"),
        ("Drainage", "3,200", "2,975", "225"),
        ("Street lighting", "1,850", "1,020", "830"),
    ]
    top = 530
    row_h = 20
    for r, row in enumerate(ruled):
        y = top - r * row_h
        for k, cell in enumerate(row):
            c.drawString(cols[k] + 4, y - 14, cell)
    for r in range(len(ruled) + 1):
        c.line(cols[0], top - r * row_h, cols[-1], top - r * row_h)
    for x in cols:
        c.line(x, top, x, top - len(ruled) * row_h)
    # an unruled table of figures further down
    c.drawString(40, 400, "Table 2: defects repaired by quarter")
    unruled = [
        ("District", "Q1", "Q2", "Q3"),
        ("Northfield", "412", "388", "405"),
        ("Southmere", "297", "310", "285"),
        ("Eastbrook", "156", "171", "149"),
    ]
    y = 380
    for row in unruled:
        for x, cell in zip((40, 220, 300, 380), row, strict=True):
            c.drawString(x, y, cell)
        y -= 16
    c.showPage()
    c.save()
    # the page box starts at (-12, 12), as a landscape appendix printed by some drivers
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    for page in writer.pages:
        page.mediabox = RectangleObject([-12, 12, width - 12, height + 12])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------ vector outlines

OUTLINE_TEXT = [
    "MINUTES OF THE MEETING OF ASHCOMBE PARISH COUNCIL",
    "HELD IN THE VILLAGE HALL ON 14th May 2024",
    "Present: Cllr A Parker (Chair), Cllr B Young, Cllr C Day",
    "05.24.01 Apologies for absence",
    "Apologies were received from Cllr D Wood.",
    "05.24.02 Footpath repairs",
    "The council resolved to accept the quote of 1,250 pounds for the stile.",
]
_PX = 4  # bitmap pixels per PDF point when tracing glyphs


def _glyph_paths(c: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw ``text`` at (x, y) as one filled path per glyph, traced from a bitmap."""
    font = ImageFont.load_default(size=size * _PX)
    pen = x
    for ch in text:
        advance = font.getlength(ch) / _PX
        if ch.strip():
            left, top, right, bottom = font.getbbox(ch)
            img = Image.new("1", (max(1, right), max(1, bottom)), 0)
            ImageDraw.Draw(img).text((0, 0), ch, fill=1, font=font)
            path = c.beginPath()
            px = img.load()
            for row in range(top, bottom):
                col = left
                while col < right:
                    if px[col, row]:
                        start = col
                        while col < right and px[col, row]:
                            col += 1
                        path.rect(
                            pen + start / _PX, y - (row + 1) / _PX, (col - start) / _PX, 1 / _PX
                        )
                    col += 1
            c.drawPath(path, stroke=0, fill=1)
        pen += advance


def outlines_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    y = 780.0
    for i, line in enumerate(OUTLINE_TEXT):
        size = 13.0 if i < 2 else 11.0
        _glyph_paths(c, line, 60, y, size)
        y -= 2.2 * size if i in (1, 2, 4) else 1.6 * size
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ software guide

GUIDE_PAGES: list[list[str]] = [
    [
        "Quorum Desk 4.2",
        "Administrator's Guide",
        "Release date: 14 March 2024",
        "",
        "Contents",
        "1. Introduction 2",
        "2. Installing Quorum Desk 2",
        "3. Setting up committees 3",
        "4. Building an agenda 3",
        "5. Publishing minutes 4",
        "6. Getting support 4",
    ],
    [
        "1. Introduction",
        "Quorum Desk helps clerks plan meetings, build agendas and publish minutes. It has",
        "been used by Borsetshire County Council since 12 January 2021 and by many parish",
        "and town councils. This guide covers version 4.2, released on 14 March 2024.",
        "",
        "2. Installing Quorum Desk",
        "Download the installer and run it on a server with at least 8 GB of memory. The",
        "installer asks for the name of your organisation and a licence key. Your licence",
        "runs until 31 March 2026 and covers up to 25 users.",
    ],
    [
        "3. Setting up committees",
        "Each committee has a name, a list of members and a default venue. Add members",
        "from the directory; a member may sit on any number of committees. Borsetshire",
        "County Council, for example, set up 14 committees in its first week.",
        "",
        "4. Building an agenda",
        "Open the meeting, choose Add Item and type the title of each item. Items are",
        "numbered for you and page references are added when the pack is published.",
    ],
    [
        "5. Publishing minutes",
        "When the meeting is over, the clerk records attendance and decisions in the",
        "minutes editor. Press Publish to send them to the website as a PDF.",
        "",
        "6. Getting support",
        "E-mail support@quorumdesk.example or call 0300 555 0142 between 9am and 5pm.",
        "The support contract renews on 1 April 2025.",
    ],
]


def software_guide_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("Quorum Desk 4.2 Administrator's Guide")
    for n, lines in enumerate(GUIDE_PAGES, start=1):
        y = 780.0
        for k, text in enumerate(lines):
            heading = (n == 1 and k < 2) or (n > 1 and text[:2].rstrip(".").isdigit())
            c.setFont("Helvetica-Bold" if heading else "Helvetica", 16 if n == 1 and k < 2 else 11)
            if text:
                c.drawString(72, y, text)
            y -= 22 if n == 1 and k < 2 else 15
        c.setFont("Helvetica", 9)
        c.drawString(290, 40, str(n))
        c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ council in a logo

LOGO_WORDS = ["Ashcombe", "District", "Council"]
LOGO_FRONT = [
    "AGENDA",
    "PLANNING COMMITTEE",
    "Tuesday, 14th May 2024, at 7.00 pm",
    "Council Chamber, Civic Offices, Ashcombe",
    "",
    "1. Apologies for Absence",
    "2. Minutes of the meeting held on 9 April 2024",
    "3. Planning Applications",
]


def _logo_png() -> bytes:
    """A logo: an emblem (a filled square) beside the council's name in three lines."""
    font = ImageFont.load_default(size=44)
    img = Image.new("RGB", (520, 200), "white")
    draw = ImageDraw.Draw(img)
    draw.rectangle((380, 20, 500, 180), fill=(200, 16, 46))
    for k, word in enumerate(LOGO_WORDS):
        draw.text((20, 18 + 56 * k), word, fill="black", font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def logo_council_pdf() -> bytes:
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.drawImage(ImageReader(io.BytesIO(_logo_png())), 340, 720, width=182, height=70)
    y = 660.0
    for k, text in enumerate(LOGO_FRONT):
        c.setFont("Helvetica-Bold" if k < 2 else "Helvetica", 13 if k < 2 else 11)
        if text:
            c.drawString(72 if k >= 2 else 240, y, text)
        y -= 20
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ motions, no headings

MOTION_LINES = [
    ("MINUTES", True),
    ("TOWNSHIP OF ASHCOMBE", True),
    ("Tuesday, May 14, 2024", True),
    ("", False),
    (
        "A regular meeting of the Township of Ashcombe Council was held on Tuesday, May 14, 2024",
        False,
    ),
    ("starting at 6:30 p.m. in the Ashcombe Community Centre.", False),
    ("", False),
    ("Present: Mayor Alan Parker and Councillors Beth Young, Colin Day and Dana Wood.", False),
    ("", False),
    ("R2024-101 B. Young, C. Day:", False),
    ("That the minutes of the regular Council Meeting held April 30, 2024, be adopted as", False),
    ("published. Carried.", False),
    ("", False),
    ("R2024-102 C. Day, D. Wood:", False),
    ("That we approve the purchase of a tandem plow truck at a cost of $180,000.", False),
    ("Defeated.", False),
    ("", False),
    ("R2024-103 D. Wood, B. Young:", False),
    ("That Council receives the Library 2024 Budget, total amount to be paid $35,685.58;", False),
    ("", False),
    ("AND that the surplus of $6,372.00 be placed into Reserve for use in 2025. Carried.", False),
    ("", False),
    ("Resolution No. 2024-104 - Moved by Young seconded by Day that the statement of", False),
    ("accounts totalling $12,500.00 be approved. Carried", False),
    ("", False),
    ("R2024-105 C. Day, D. Wood:", False),
    ("That the meeting be adjourned. Time: 7:08 p.m. Carried.", False),
    ("", False),
    ("Mayor:", False),
    ("Clerk:", False),
]


MOTIONS_CLAUSE_LINES = MOTION_LINES[:12] + [
    ("", False),
    ("R2024-102 C. Day, D. Wood:", False),
    ("That this part of our meeting will be closed to the public for the following matter:", False),
    ("", False),
    ("1. Council to receive an update on an ongoing legal matter.", False),
    ("", False),
    ("Time: 7:42 p.m. Carried.", False),
    ("", False),
    ("R2024-103 D. Wood, B. Young:", False),
    ("That we pass By-Law 2024-08, being a By-Law to confirm the proceedings of Council.", False),
    ("Carried.", False),
]


STAFF_LINES = [
    *MOTION_LINES[:8],
    ("Staff: Operations Superintendent Dan Morrow, Deputy Clerk Administrative Assistant", False),
    ("Kristin Lake, Fire Chief-MLEO-CEMC Will Bateson and Municipal Administrator-Clerk-", False),
    ("Treasurer Kris Holden-Hodges.", False),
    ("", False),
    *MOTION_LINES[9:13],
]


def staff_posts_pdf() -> bytes:
    return motions_pdf(STAFF_LINES)


def motions_clause_pdf() -> bytes:
    return motions_pdf(MOTIONS_CLAUSE_LINES)


def motions_pdf(rows: list[tuple[str, bool]] | None = None) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 780.0
    for text, bold in rows or MOTION_LINES:
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 12 if bold else 10.5)
        if text:
            c.drawString(240 if bold else 60, y, text)
        y -= 18 if bold else 14
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ labels over values


def labels_over_values_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, 790, "BORSETSHIRE COUNTY COUNCIL – PROPOSED RECORD OF DECISION")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(110, 760, "DECISION TO BE TAKEN BY:")
    c.drawString(390, 760, "DECISION NO:")
    c.setFont("Helvetica", 10)
    c.drawString(170, 742, "Cabinet")
    c.drawString(400, 742, "25/00017")
    rows = [
        "Key decision: YES",
        "",
        "Subject Matter / Title of Decision",
        "Highway Drainage Programme 2025-26",
        "",
        "Decision:",
        "Cabinet agree to:",
        "A) approve the Highway Drainage Programme 2025-26; and",
        "B) delegate authority to the Director of Highways to award the contracts.",
        "",
        "Reason(s) for decision:",
        "The programme clears the drainage backlog identified in the 2024 asset survey and",
        "reduces the number of roads that flood in heavy rain.",
    ]
    y = 700.0
    for text in rows:
        if text:
            c.drawString(40, y, text)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ attendance column

ROLE_ROWS = [
    ("MINUTES for the", True),
    ("Ashcombe Community Council public meeting", True),
    ("held in Church Hall, Ashcombe", True),
    ("on Tuesday 24th October 2023", True),
    ("", False),
    ("Members Present:", False),
    ("Walter Robson Convenor CC", False),
    ("Andrea Wise Secretary CC", False),
    ("Mary Gray Member CC", False),
    ("Colin Smith Member CC", False),
    ("Attending:", False),
    ("Cllr George Fleming A&B Councillor", False),
    ("Constable Gary Davidson Police Scotland", False),
    ("Apologies:", False),
    ("Hazel Mackay Member CC", False),
    ("", False),
    ("1. Introductions and welcome", False),
    ("The Convenor welcomed everyone to the meeting.", False),
    ("2. Minutes of previous meeting", False),
    ("It was agreed that the minutes of the September meeting were a true record.", False),
]


PARISH_OPENING = [
    ("MINUTES OF THE ASHCOMBE PARISH COUNCIL MEETING", True),
    ("HELD IN THE VILLAGE HALL ON 14th May 2024", True),
    ("", False),
    ("Present: Cllr P Lane (Chair), Cllr A Black and Cllr H Marsh", False),
    ("", False),
    ("24.05.1 Apologies", False),
    ("Apologies were received from Cllr S Holt.", False),
]
BRACKET_ROWS = [
    *PARISH_OPENING,
    ("24.05.2 Trees", False),
    (
        "A survey of the willows by the brook found four of the five on common land (and so the",
        False,
    ),
    (
        "council's responsibility).It was agreed that no work would be done on them before the",
        False,
    ),
    ("owners had been consulted.", False),
    ("24.05.3 Date of next meeting", False),
    ("The next meeting will be held on 9th July 2024.", False),
]
PAYMENT_ROWS = [
    *PARISH_OPENING,
    ("24.05.2 Finance", False),
    ("The following were passed for payment by the Councillors:", False),
    ("Clerk's salary (May) 250.00", False),
    ("Village hall hire 25.00", False),
    ("24.05.3 Date of next meeting", False),
    ("The next meeting will be held on 9th July 2024.", False),
]


RESTARTED_ROWS = [
    (120, "1.", "Introductions and welcome"),
    (None, "", "The convenor welcomed everyone to the meeting."),
    (120, "2.", "Minutes of previous meetings"),
    (None, "", "The minutes of the September meeting were approved."),
    (120, "3.", "Police reports"),
    (None, "", "There were no incidents to report in the village this month."),
    (120, "4", "Committee updates"),
    (None, "", "A Secretary Report was emailed to members and the main items noted below:"),
    (110, "1.", "Delays on the public road network."),
    (110, "2.", "Email from the railway heritage trust."),
    (110, "3.", "Fuel poverty training."),
    (110, "4.", "Local development plan consultation."),
    (110, "5.", "Community litter pick in November."),
    (120, "5.", "Councillors' Updates"),
    (None, "", "The ward councillor reported on the new bus timetable."),
    (120, "6.", "Any Other Business"),
    (None, "", "There was no other business."),
]


def restarted_list_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(120, 790, "Ashcombe Community Council Meeting Minutes")
    c.drawString(120, 775, "Tuesday 24th October 2023")
    c.setFont("Helvetica", 10)
    c.drawString(120, 750, "Present: Alan Brown (Convenor), Wendy Wood, Colin Smith")
    y = 725.0
    for x, number, text in RESTARTED_ROWS:
        if x is None:
            c.drawString(145, y, text)
        else:
            c.drawString(x, y, number)
            c.drawString(x + 25, y, text)
        y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ header under contents

LOWER_HEADER_CONTENTS = [
    ("Executive Summary", "1"),
    ("Background and Context", "2"),
    ("Council Tax", "3"),
    ("Revenue Strategy and Draft Budget", "4"),
    ("Capital Strategy and Draft Budget", "5"),
    ("Reserves", "6"),
]
# (label, value, label set wide enough to run within a cell gap of its value)
LOWER_HEADER_ROWS = [
    ("From", "Leader of the Council; Hugh Marlow", False),
    ("", "Cabinet Member for Finance; Alice Penrose", False),
    ("Relevant", "Corporate Director Finance; Owen Tate", False),
    ("Director(s)", "Chief Executive and Corporate Directors", False),
    ("Report author", "Head of Finance Planning; Ruth Kerr", True),
    ("Circulated to", "Cabinet", False),
    ("Classification", "Unrestricted", False),
]


def lower_header_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(120, 790, "Draft Revenue Budget 2026-27 and Medium Term Plan,")
    c.drawString(150, 772, "and Draft Capital Programme 2026-36")
    c.setFont("Helvetica", 10)
    c.drawString(480, 745, "Section")
    y = 728.0
    for title, number in LOWER_HEADER_CONTENTS:
        c.drawRightString(440, y, title)
        c.drawString(490, y, number)
        y -= 14
    y -= 30
    for label, value, wide in LOWER_HEADER_ROWS:
        if label:
            c.setFont("Helvetica-Bold", 11) if wide else c.setFont("Helvetica", 10)
            c.drawString(45, y, label)
            c.setFont("Helvetica", 10)
        c.drawString(128, y, value)
        y -= 13
    y -= 12
    c.setFont("Helvetica-Bold", 10)
    c.drawString(45, y, "Contact details")
    c.setFont("Helvetica", 10)
    y -= 15
    contacts = [
        (
            "Corporate Director Finance",
            "Owen Tate",
            "01632 960 114",
            "owen.tate@borsetshire.example",
        ),
        ("Head of Finance Planning", "Ruth Kerr", "01632 960 208", "ruth.kerr@borsetshire.example"),
    ]
    for role, name, tel, email in contacts:
        c.drawString(45, y, role)
        c.drawString(255, y, name)
        c.drawString(334, y, tel)
        c.drawString(410, y, email)
        y -= 15
    c.showPage()
    c.setFont("Helvetica-Bold", 11)
    c.drawString(45, 790, "Executive Summary")
    c.setFont("Helvetica", 10)
    body = [
        "1.1 This report sets out the draft revenue budget for 2026-27 and the medium term plan.",
        "Cabinet on 28th January 2026 will receive a verbal update from the Scrutiny Committee.",
        "1.2 The draft capital programme for 2026-27 to 2035-36 is set out in section 5.",
    ]
    y = 770.0
    for text in body:
        c.drawString(45, y, text)
        y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ minutes in Welsh

WELSH_ROWS = [
    ("1. CROESO AC YMDDIHEURIADAU", True),
    (
        "Cymerwyd y Gadair gan y Cyng. Rhys Morgan a chroesawodd bawb i'r cyfarfod. Derbyniwyd",
        False,
    ),
    ("ymddiheuriadau gan y Cynghorwyr Elin Hughes ac Iwan Price.", False),
    ("2. COFNODION Y CYFARFOD DIWETHAF", True),
    (
        "Cynigiwyd gan y Cyng. S. Lloyd, eiliwyd gan y Cyng. G. Rees ac roedd pawb yn gytun bod",
        False,
    ),
    ("y cofnodion yn gywir. Arwyddwyd gan y Cadeirydd.", False),
    ("3. GOHEBIAETH", True),
    ("i) Un Llais Cymru, adnewyddu aelodaeth. Roedd pawb o blaid adnewyddu'r aelodaeth.", False),
    ("ii) Llythyr gan y Cyngor Sir parthed goleuadau. Nodwyd", False),
    ("4. CYNLLUNIO", True),
    ("Penderfynwyd y dylid cefnogi'r cais am estyniad yn Nhy Newydd.", False),
    ("5. CYFRIFON I'W TALU", True),
    ("Cytunwyd gwneud y taliadau canlynol: Cyflog y Clerc 400.00", False),
]


def welsh_minutes_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawCentredString(297, 790, "CYNGOR CYMUNED LLANFAIR ISAF")
    c.drawCentredString(297, 774, "CYFARFOD 12fed MAWRTH 2024")
    c.setFont("Helvetica", 10)
    c.drawString(
        50, 750, "Cynhaliwyd cyfarfod Cyngor Cymuned Llanfair Isaf am 7.00pm ar y 12fed Mawrth 2024"
    )
    c.drawString(50, 737, "yn Neuadd yr Eglwys, Llanfair.")
    c.setFont("Helvetica-Bold", 10)
    c.drawString(50, 712, "PRESENNOL")
    c.setFont("Helvetica", 10)
    first = "Cynghorwyr Rhys Morgan, Sian Lloyd, Gareth Rees, Dafydd Owen a"
    c.drawString(50, 696, first)
    # the apostrophe of "a'r" set a little higher, as a word processor's superscript quote
    x = 50 + stringWidth(first, "Helvetica", 10)
    c.drawString(x, 703, "\u2019")
    c.drawString(x + 3, 696, "r")
    c.drawString(50, 683, "Cynghorydd Sir Ann Jones.")
    y = 660.0
    for text, heading in WELSH_ROWS:
        if heading:
            y -= 6
            c.setFont("Helvetica-Bold", 10)
        c.drawString(50, y, text)
        c.setFont("Helvetica", 10)
        y -= 14
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ blank resolution form

BLANK_FORM_LINES = [
    ("TOWNSHIP OF ASHCOMBE", True),
    ("RESOLUTION", True),
    ("", False),
    ("DATE: June 4, 2024", False),
    ("NUMBER: R2024-", False),
    ("", False),
    ("Moved by", False),
    ("Seconded by", False),
    ("", False),
    ("That we authorize the submission of an application to the Rural Roads Grant for the", False),
    ("resurfacing of the Mill Lane bridge approach.", False),
    ("", False),
    ("For Against", False),
    ("PARKER", False),
    ("YOUNG", False),
    ("DAY", False),
    ("WOOD", False),
    ("Carried", False),
    ("Mayor: Alan Parker", False),
]


def blank_form_pdf() -> bytes:
    minutes = PdfReader(io.BytesIO(motions_pdf()))
    form = PdfReader(io.BytesIO(motions_pdf(BLANK_FORM_LINES)))
    writer = PdfWriter()
    writer.add_page(minutes.pages[0])
    writer.add_page(form.pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ------------------------------------------------------------------ labelled start time

START_TIME_LINES = [
    ("TOWNSHIP OF ASHCOMBE", True),
    ("Mill Street, Ashcombe", False),
    ("Telephone 555-0100", False),
    ("", False),
    ("Tuesday, October 1, 2024", True),
    ("** START TIME 6:30 p.m.**", False),
    ("", False),
    ("1. Disclosure of pecuniary interest.", False),
    ("2. Committee Reports.", False),
    ("3. Resolution: Adopt the minutes of the meeting held September 17, 2024.", False),
    ("4. Correspondence.", False),
    ("5. Accounts to pay.", False),
    ("6. Adjournment.", False),
]


def start_time_pdf() -> bytes:
    return motions_pdf(START_TIME_LINES)


DASH_OUTCOME_ROWS = [
    *PARISH_OPENING,
    ("24.05.2 Finance - The following accounts were approved for payment", False),
    ("Payee Detail Amount", False),
    ("Village Hall Hire 25.00", False),
    ("County Council Dog bins 144.14", False),
    ("24.05.3 Date of next meeting", False),
    ("The next meeting will be held on 9th July 2024.", False),
]
ALL_APPROVED_ROWS = [
    *PARISH_OPENING,
    ("24.05.2 Parish Council Election", False),
    ("The elections are due on 2nd May. The Clerk circulated a draft notice of election", False),
    ("to Councillors before the meeting, all approved. The Clerk will put it up.", False),
    ("24.05.3 Date of next meeting", False),
    ("The next meeting will be held on 9th July 2024.", False),
]


ROMAN_ROWS = [
    *PARISH_OPENING,
    ("24.05.2 Play area", False),
    ("RESOLVED that:", False),
    ("i. the inspection report be noted;", False),
    ("ii. the swings be repaired;", False),
    ("iii. the lower quote be accepted;", False),
    ("iv. the Clerk order the parts; and", False),
    ("v. the work be finished before the summer holidays.", False),
    ("24.05.3 Date of next meeting", False),
    ("The next meeting will be held on 9th July 2024.", False),
]


DOUBLED_ROWS = [
    "3. Minutes and actions from last meeting",
    "Minutes of the last meeting held on 9th April 2024 have been agreed by email, proposed",
    "by Alan Brown and seconded by Wendy Wood.",
    "4. Roads",
    "The speed survey on the main road was discussed and a letter will be sent to the council.",
]


def doubled_glyph_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(60, 790, "DRAFT Minutes for the Ashcombe Community Council Meeting")
    c.drawString(60, 772, "Held in the Church Hall at 7pm on 14th May 2024")
    c.setFont("Helvetica", 10)
    c.drawString(60, 745, "Present: Alan Brown (Convenor), Wendy Wood and Colin Smith")
    c.drawString(60, 731, "Apologies: Hazel Mackay")
    y = 705.0
    for row in DOUBLED_ROWS:
        x = 60.0
        for word in row.split():  # each word set 0.6 pt into the space before it
            c.drawString(x, y, word + " ")
            x += stringWidth(word + " ", "Helvetica", 10) - 0.6
        y -= 18 if row[:1].isdigit() else 13
    c.showPage()
    c.save()
    return buf.getvalue()


ABUTTING_ITEMS = [
    "Welcome and apologies",
    "Minutes of the last meeting",
    "Police report",
    "Roads and footpaths",
    "Planning",
    "Correspondence",
    "Any other business",
]


def _set_into_each_other(c: canvas.Canvas, x: float, y: float, pieces: list[str]) -> float:
    """Draw each piece on its own, 1.2 pt into the one before (glyph boxes overlap)."""
    for piece in pieces:
        c.drawString(x, y, piece)
        x += stringWidth(piece, "Helvetica", c._fontsize) - 1.2
    return x


def abutting_glyphs_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 14)
    c.drawString(90, 790, "Ashcombe Community Council Public Meeting Agenda")
    c.drawString(90, 770, "Tuesday 14th May 2024")
    c.drawString(90, 750, "Virtual Meeting")
    start = 90 + stringWidth("Virtual Meeting ", "Helvetica", 14)
    _set_into_each_other(c, start, 750, ["19:", "0", "0", "hrs"])
    c.setFont("Helvetica", 11)
    y = 715.0
    for n, title in enumerate(ABUTTING_ITEMS, start=1):
        _set_into_each_other(c, 90, y, [str(n), ". "])
        c.drawString(120, y, title)
        y -= 20
    c.showPage()
    c.save()
    return buf.getvalue()


CHAIR_ROWS = [
    ("MINUTES OF THE ASHCOMBE PARISH COUNCIL MEETING", True),
    ("HELD IN THE VILLAGE HALL ON 14th May 2024", True),
    ("", False),
    ("Present: Cllr P Lane, Cllr A Black,", False),
    ("Cllr R Kemp and Cllr H Marsh", False),
    ("Chairman: Cllr P Lane", False),
    ("", False),
    ("24.05.1 Apologies", False),
    ("Apologies were received from Cllr S Holt.", False),
    ("24.05.2 Date of next meeting", False),
    ("The next meeting will be held on 9th July 2024.", False),
]


def chair_label_pdf() -> bytes:
    return role_column_pdf(CHAIR_ROWS)


START_SENTENCE_ROWS = [
    PARISH_OPENING[0],
    PARISH_OPENING[1],
    ("", False),
    ("Present: Cllr P Lane (Chair), Cllr A Black and Cllr H Marsh", False),
    ("", False),
    ("The Chair opened the meeting at 7.30pm and welcomed the two residents present.", False),
    ("24.05.1 Apologies", False),
    ("Apologies were received from Cllr S Holt.", False),
    ("24.05.2 Date of next meeting", False),
    ("The next meeting will be held on 9th July 2024. The meeting closed at 9.05pm.", False),
]


def start_in_sentence_pdf() -> bytes:
    return role_column_pdf(START_SENTENCE_ROWS)


def dash_outcome_pdf() -> bytes:
    return role_column_pdf(DASH_OUTCOME_ROWS)


def all_approved_pdf() -> bytes:
    return role_column_pdf(ALL_APPROVED_ROWS)


def roman_v_pdf() -> bytes:
    return role_column_pdf(ROMAN_ROWS)


def bracket_sentence_pdf() -> bytes:
    return role_column_pdf(BRACKET_ROWS)


def passed_payment_pdf() -> bytes:
    return role_column_pdf(PAYMENT_ROWS)


def role_column_pdf(
    rows: list[tuple[str, bool]] | None = None, *more: list[tuple[str, bool]]
) -> bytes:
    """One page of (text, centred) rows, 15 points apart; ``more`` pages after it."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for page in (rows or ROLE_ROWS, *more):
        y = 780.0
        for text, centred in page:
            c.setFont("Helvetica-Bold" if centred else "Helvetica", 11 if centred else 10)
            if text and centred:
                c.drawCentredString(297, y, text)
            elif text:
                c.drawString(70, y, text)
            y -= 15
        c.showPage()
    c.save()
    return buf.getvalue()


POST_AFTER_COMMA_ROWS = [
    ("ASHCOMBE DISTRICT POLICE BOARD", True),
    ("MEETING MINUTES", True),
    ("Monday, November 18, 2024, at 6:00 p.m.", True),
    ("", False),
    ("Members Present:", False),
    ("Councillor Ward, Ashcombe Municipal Representative", False),
    ("Councillor Lane, Brookfield Municipal Representative", False),
    ("Martha Hill, Ashcombe Community Representative", False),
    ("Sean Mallory, Brookfield Community Representative", False),
    ("Non-Members Present:", False),
    ("inspector Moss, Ashcombe Police Representative", False),
    ("Absent with regrets: Ann Lowe (Ashcombe)", False),
    ("", False),
    ("1. Call to Order", False),
    ("The meeting was called to order at 6:05 p.m.", False),
    ("2. Adoption of the Agenda", False),
    ("That the agenda of the meeting of November 18, 2024, be approved. Carried", False),
]

PUBLIC_NAMED_ROWS = [
    ("MINUTES for the", True),
    ("Ashcombe Community Council public meeting", True),
    ("held in Church Hall, Ashcombe", True),
    ("on Tuesday 14th November 2023", True),
    ("", False),
    ("Members Present:", False),
    ("Walter Robson Convenor CC", False),
    ("Andrea Wise Secretary CC", False),
    ("Public:", False),
    ("Alan Penrose Former ACC Secretary", False),
    ("Ruth Kemp Public", False),
    ("Tom Reedman Public", False),
    ("", False),
    ("1. Minutes of previous meeting", False),
    ("It was agreed that the minutes of the October meeting were a true record.", False),
]
PUBLIC_SENTENCE_ROWS = [
    ("MINUTES OF THE ASHCOMBE COMMUNITY COUNCIL", True),
    ("Minutes of a meeting of the above Council held on Monday 20th May 2024 at 7.00pm.", False),
    ("Present: Cllr Haywood in the chair, Cllrs Hoskin, Richmond, County Cllr Webber", False),
    ("and the Clerk. Members of the public – Mr Andrew Lang.", False),
    ("101. Public Forum: Mr Lang asked about the garden by the hall.", False),
    ("102. Minutes: The minutes of the last meeting were agreed.", False),
]


CALLED_TO_ORDER_ROWS = [
    ("TOWNSHIP OF ASHCOMBE", True),
    ("MINUTES OF THE REGULAR COUNCIL MEETING", True),
    ("Tuesday, March 4, 2025", True),
    ("", False),
    ("Present: Mayor Alan Pike, Councillors Beth Young, Colin Day and Dana Wood.", False),
    ("Mayor Alan Pike called the meeting to order at 7:00 p.m.", False),
    ("", False),
    ("1. Adoption of the Agenda", False),
    ("That the agenda be adopted as presented. Carried", False),
    ("2. Correspondence", False),
    ("That the correspondence be received. Carried", False),
]


def called_to_order_pdf() -> bytes:
    return role_column_pdf(CALLED_TO_ORDER_ROWS)


def post_after_comma_pdf() -> bytes:
    return role_column_pdf(POST_AFTER_COMMA_ROWS)


def public_named_pdf() -> bytes:
    return role_column_pdf(PUBLIC_NAMED_ROWS, PUBLIC_SENTENCE_ROWS)


# ------------------------------------------------------------------ attendance columns

SIDE_COLUMN_ROWS = [
    ("Present:", "Members of the Public:"),
    ("Peter Lane (PL) CHAIR", "Ruth Kemp"),
    ("Anna Black (AB)", "Tom Reed"),
    ("Hugh Marsh (HM)", ""),
    ("Carol Dent (CD) CLERK", ""),
]
SIDE_COLUMN_TEXT = [
    ("05.24.01", "Apologies"),
    ("", "Apologies had been received from Sam Holt"),
    ("05.24.02", "Playground"),
    ("", "The council considered the inspection report on the play area and the repairs"),
    ("", "needed to the swings before the summer, and the quotes received from two"),
    ("", "contractors for the work, which were compared item by item with the"),
    ("", "report's list and found to cover the same repairs."),
    ("", "RESOLVED: to accept the lower quote for the repairs to the swings."),
]


def side_columns_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 11)
    for y, text in (
        (790, "MINUTES OF THE ASHCOMBE PARISH COUNCIL MEETING"),
        (770, "HELD IN THE VILLAGE HALL"),
        (750, "ON 14th May 2024"),
    ):
        c.drawCentredString(297, y, text)
    y = 715.0
    for left, right in SIDE_COLUMN_ROWS:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(70, y, left)
        if right:
            c.drawString(300, y, right)
        y -= 19  # rows spaced wider than the running text below (12)
    y -= 12
    for number, text in SIDE_COLUMN_TEXT:
        c.setFont("Helvetica-Bold" if number else "Helvetica", 10)
        if number:
            y -= 8
            c.drawString(70, y, number)
        c.drawString(150, y, text)
        y -= 12
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ notes in a later pack

NOTES_AGENDA = [
    ("1", "Apologies for absence", ""),
    ("2", "Declarations of interest", ""),
    (
        "3",
        "Minutes of the meeting held on 17 October 2024 and notes of the joint session",
        "(Pages 2 - 4)",
    ),
    ("4", "Treasury management mid-year review", "(Pages 5 - 5)"),
]
NOTES_MINUTES = [
    ("1", "APOLOGIES FOR ABSENCE"),
    ("", "Apologies were received from Councillor Nora Vance."),
    ("2", "MINUTES OF THE MEETING HELD ON 12 SEPTEMBER 2024"),
    ("", "RESOLVED: That the minutes of the meeting held on 12 September 2024 be agreed."),
    ("3", "INTERNAL AUDIT PLAN"),
    ("", "The Head of Audit presented the revised plan for the second half of the year."),
    ("", "RESOLVED: That the revised internal audit plan be approved."),
]
NOTES_TEXT = [
    ("FLOOD DEFENCE CAPITAL PROGRAMME", True),
    ("The Head of Finance explained why the flood defence scheme at Millbrook had", False),
    ("overrun its budget by 410,000 pounds and how the overrun would be met.", False),
    ("Members asked whether the contractor would bear any of the extra cost.", False),
    ("PENSION FUND ACCOUNTS", True),
    ("The external auditor reported that the pension fund accounts had been", False),
    ("corrected for the misclassified pooled investments.", False),
]


def notes_in_pack_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    # page 1: the front sheet (summons) of the later meeting
    c.setFont("Helvetica-Bold", 14)
    c.drawString(70, 780, "Ashcombe Borough Council")
    c.drawString(70, 755, "Audit Committee")
    c.setFont("Helvetica", 11)
    c.drawString(70, 725, "Date: Thursday 21 November 2024")
    c.drawString(70, 710, "Time: 7.00 pm")
    c.drawString(70, 695, "Venue: Committee Room 2, Civic Centre, Ashcombe")
    c.setFont("Helvetica-Bold", 12)
    c.drawString(70, 660, "AGENDA")
    c.setFont("Helvetica", 11)
    y = 640.0
    for number, title, pages in NOTES_AGENDA:
        c.drawString(70, y, number)
        c.drawString(100, y, title)
        if pages:
            y -= 14
            c.drawString(100, y, pages)
        y -= 16
    c.showPage()
    # page 2: the minutes of the committee's own earlier meeting
    c.setFont("Helvetica-Bold", 12)
    c.drawString(70, 790, "AUDIT COMMITTEE")
    c.drawString(70, 774, "17 OCTOBER 2024")
    c.setFont("Helvetica", 10)
    c.drawString(
        70, 750, "PRESENT: Councillor Ian Hale (Chairman), Councillors Amy Ross and Tom Kerr"
    )
    y = 720.0
    for number, text in NOTES_MINUTES:
        c.setFont("Helvetica-Bold" if number else "Helvetica", 10)
        if number:
            c.drawString(70, y, number)
        c.drawString(95, y, text)
        y -= 16
    c.showPage()
    # pages 3-4: the notes of the joint session held the same day
    for page in (1, 2):
        c.setFont("Helvetica-Bold", 12)
        c.drawString(70, 790, "NOTES OF THE JOINT SESSION OF THE AUDIT COMMITTEE AND THE")
        c.drawString(70, 774, "GENERAL PURPOSES COMMITTEE HELD ON 17 OCTOBER 2024")
        c.setFont("Helvetica", 10)
        y = 745.0
        if page == 1:
            c.drawString(
                70, y, "Attending: Councillor Ian Hale, Councillor Amy Ross, Councillor Tom Kerr"
            )
            y -= 30
            rows = NOTES_TEXT[:4]
        else:
            rows = NOTES_TEXT[4:]
        for text, bold in rows:
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
            c.drawString(70, y, text)
            y -= 16 if not bold else 18
        c.showPage()
    # page 5: the report of the later meeting
    c.setFont("Helvetica-Bold", 12)
    c.drawString(70, 790, "Committee: Audit Committee")
    c.drawString(70, 774, "Date: 21 November 2024")
    c.drawString(70, 758, "Title: Treasury management mid-year review")
    c.drawString(70, 742, "Report From: Head of Finance")
    c.setFont("Helvetica", 10)
    c.drawString(70, 710, "1. Recommendations")
    c.drawString(70, 694, "1.1 That the Committee notes the treasury management position.")
    c.showPage()
    c.save()
    return buf.getvalue()


# ------------------------------------------------------------------ front sheets


def _pages_pdf(pages: list[list[tuple[float, str, bool]]]) -> bytes:
    """One A4 page per list of (x, text, bold) lines, set 15 points apart from the top; a tab
    in a line's text sets what follows it in a column 120 points to the right."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for number, rows in enumerate(pages, start=1):
        y = 780.0
        for x, text, bold in rows:
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 11)
            for k, part in enumerate(text.split("\t")):  # a tab: the value's column
                if part:
                    c.drawString(x + 120 * k, y, part)
            y -= 15
        c.setFont("Helvetica", 9)
        c.drawCentredString(A4[0] / 2, 40, f"Page {number}")
        c.showPage()
    c.save()
    return buf.getvalue()


_AGENDA_ITEMS = [
    ("Apologies for Absence", "To receive any apologies for absence."),
    ("Declarations of Interest", "To receive any declarations of interest."),
    ("Minutes", "To confirm the minutes of the meeting held on 9th April 2024."),
    ("Public Participation", "To hear any member of the public who has given notice."),
    ("Planning Applications", "To consider the applications listed in the schedule."),
    ("Tree Preservation Orders", "To confirm the orders made since the last meeting."),
    ("Enforcement Report", "To note the enforcement cases closed in the quarter."),
    ("Appeals", "To note the appeal decisions received."),
]


def _agenda_lines(first: int, last: int) -> list[tuple[float, str, bool]]:
    rows: list[tuple[float, str, bool]] = []
    for n in range(first, last + 1):
        title, description = _AGENDA_ITEMS[n - 1]
        rows += [(60, f"{n}. {title}", True), (60, "", False), (78, description, False)]
        rows.append((60, "", False))
    return rows


def front_lines_pdf() -> bytes:
    first = [
        (60, "ASHCOMBE DISTRICT COUNCIL", True),
        (60, "", False),
        (60, "NOTICE OF MEETING", True),
        (60, "", False),
        (60, "Meeting\tPlanning Committee", False),
        (60, "Date:\tTuesday 14th May 2024", False),
        (60, "Time:\t19:00", False),
        (60, "Place\tCouncil Chamber, Civic Offices, Ashcombe", False),
        (60, "Enquiries to\tcommittees@ashcombe.example", False),
        (60, "", False),
        (60, "AGENDA", True),
        (60, "", False),
        *_agenda_lines(1, 6),
    ]
    return _pages_pdf([first, _agenda_lines(7, 8)])


def summons_wrap_pdf() -> bytes:
    first = [
        (60, "ASHCOMBE DISTRICT COUNCIL", True),
        (60, "", False),
        (60, "NOTICE IS HEREBY GIVEN that a meeting of the Planning Committee", False),
        (60, "will be held in the Council Chamber, Civic Offices, Ashcombe on Tuesday", False),
        (60, "14th May 2024 commencing at 7pm.", False),
        (60, "", False),
        (60, "AGENDA", True),
        (60, "", False),
        *_agenda_lines(1, 8),
    ]
    return _pages_pdf([first])


def report_heading_pdf() -> bytes:
    first = [
        (60, "ASHCOMBE DISTRICT COUNCIL", True),
        (60, "", False),
        (60, "CABINET – 11 MARCH 2026", True),
        (60, "", False),
        (60, "Review of Car Parking Charges", True),
        (60, "", False),
        (60, "Report of:\tHead of Environmental Services", False),
        (60, "Contact Officer:\tJane Marsh, Parking Manager", False),
        (60, "Email:\tjane.marsh@ashcombe.example", False),
        (60, "", False),
        (60, "1. Recommendations", True),
        (60, "", False),
        (60, "1.1 That Cabinet approves the parking charges set out in Appendix A.", False),
        (60, "", False),
        (60, "2. Background", True),
        (60, "", False),
        (60, "2.1 Charges were last reviewed in 2023 and income has fallen since.", False),
    ]
    return _pages_pdf([first])


def next_meeting_pdf() -> bytes:
    first = [
        (60, "ASHCOMBE DISTRICT COUNCIL", True),
        (60, "Planning Committee", True),
        (60, "Tuesday 14th May 2024", True),
        (60, "7.00 pm", True),
        (60, "Council Chamber, Civic Offices, Ashcombe", True),
        (60, "", False),
        (60, "AGENDA", True),
        (60, "", False),
        *_agenda_lines(1, 5),
        (60, "6. Date of Next Meeting", True),
        (60, "", False),
        (78, "To note that the next meeting of the Committee will be held on Tuesday,", False),
        (78, "11th June 2024 at 7.00 pm.", False),
    ]
    return _pages_pdf([first])


def running_head_pdf() -> bytes:
    first: list[tuple[float, str, bool]] = [
        (60, "MINUTES OF THE MEETING OF THE PLANNING COMMITTEE", True),
        (60, "HELD AT THE CIVIC OFFICES, ASHCOMBE ON 14th May 2024", True),
        (60, "", False),
        (60, "Present: Cllr P Lane (Chair), Cllr A Black and Cllr H Marsh", False),
        (60, "", False),
        (60, "1. Apologies for Absence", True),
        (78, "Apologies were received from Cllr S Holt.", False),
        (60, "", False),
        (60, "2. Land at Mill Lane", True),
    ]
    first += [
        (78, f"The Committee considered the application, point {n} of 30.", False)
        for n in range(1, 31)
    ]
    first += [
        (60, "", False),
        (78, "RESOLVED that:", False),
        (78, "(a) the application be approved subject to the conditions in the report;", False),
    ]
    second = [
        (60, "Planning Committee – Minutes – 14 May 2024", False),
        (60, "", False),
        (78, "(b) the applicant be asked to resurface the footpath; and", False),
        (78, "(c) the Clerk write to the Highways Authority about the junction.", False),
        (60, "", False),
        (60, "3. Date of Next Meeting", True),
        (78, "The next meeting will be held on 11th June 2024.", False),
    ]
    return _pages_pdf([first, second])


def decision_grid_pdf() -> bytes:
    """Minutes as a Minute / Discussion / Decision grid; the last row runs onto page 2."""
    rows: list[tuple[str, list[str], list[str], list[str]]] = [
        ("31", ["Apologies for Absence"], ["Apologies were received from Cllr D Wood."], []),
        (
            "32",
            ["Refurbishment of the Recreation Ground", "Play Area"],
            [f"Members discussed the quotes, point {n} of 36." for n in range(1, 37)],
            [
                "(a) That the quote of £18,400",
                "from Ashcombe Play Ltd be",
                "accepted.",
                "(b) That the Clerk apply to the",
                "district council for a grant.",
            ],
        ),
        (
            "33",
            ["Christmas Lights"],
            ["Members discussed the lights for", "the town centre and the cost of", "new motifs."],
            [
                "(a) That the lights be switched on",
                "on 30th November 2024.",
                "(b) That the Clerk order two new",
                "motifs for the High Street.",
            ],
        ),
    ]
    header = ["Minute", "Discussion", "Decision"]
    return _grid_pdf(header, [60.0, 110.0, 350.0, 535.0], [(n, t, d, [x]) for n, t, d, x in rows])


def action_grid_pdf() -> bytes:
    """Minutes as a Minute / Item / Action grid, minutes numbered "24/31": no decision column
    (the decisions are in the item's text), who acts in a column of its own."""
    rows: list[tuple[str, list[str], list[str], list[list[str]]]] = [
        ("24/31", ["Apologies for Absence"], ["Apologies were received from Cllr D Wood."], [[]]),
        (
            "24/32",
            ["Allotment Rents"],
            [
                "Members reviewed the rents charged",
                "by neighbouring councils.",
                "",
                "RESOLVED: That the rent be raised",
                "to £40 a plot from 1st April 2025.",
            ],
            [["Clerk"]],
        ),
        (
            "24/33",
            ["Bus Shelter Repairs"],
            [
                "The shelter on Mill Lane was",
                "damaged in the October storm.",
                "",
                "RESOLVED: That the Clerk obtain",
                "three quotes for the repairs.",
            ],
            [["Clerk /", "Cllr Day"]],
        ),
    ]
    header = ["Minute", "Item", "Action"]
    return _grid_pdf(header, [60.0, 110.0, 450.0, 535.0], rows)


def _grid_pdf(
    header: list[str],
    cols: list[float],
    rows: list[tuple[str, list[str], list[str], list[list[str]]]],
) -> bytes:
    """Minutes as one ruled grid under ``header``, a row per item: (number, title lines,
    discussion lines, the lines of each further column); a row runs over page breaks."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 800.0
    c.setFont("Helvetica-Bold", 12)
    c.drawString(60, y, "MINUTES OF THE MEETING OF ASHCOMBE TOWN COUNCIL")
    c.drawString(60, y - 16, "HELD IN THE TOWN HALL ON 14th May 2024")
    c.setFont("Helvetica", 11)
    c.drawString(60, y - 40, "Present: Cllr A Parker (Chair), Cllr B Young, Cllr C Day")
    y -= 64
    page = 1

    def rule_row(top: float, bottom: float) -> None:
        for a, b in zip(cols, cols[1:], strict=False):
            c.rect(a, bottom, b - a, top - bottom)

    def footer() -> None:
        c.setFont("Helvetica", 9)
        c.drawCentredString(A4[0] / 2, 40, f"Page {page}")

    c.setFont("Helvetica-Bold", 11)
    for k, text in enumerate(header):
        c.drawString(cols[k] + 4, y - 12, text)
    rule_row(y, y - 18)
    y -= 18
    for number, title, discussion, more in rows:
        cells = [
            [(number, True)],
            [(t, True) for t in title] + [("", False)] + [(t, False) for t in discussion],
            *([(t, False) for t in column] for column in more),
        ]
        height = max(len(cell) for cell in cells)
        k = 0
        while k < height:
            line_y = y - 12 - 14 * k
            if line_y < 80:  # the row runs on over the page break
                rule_row(y, line_y + 8)
                footer()
                c.showPage()
                page += 1
                y = 800.0
                cells = [cell[k:] for cell in cells]
                height -= k
                k = 0
                continue
            for col, cell in enumerate(cells):
                if k < len(cell) and cell[k][0]:
                    text, bold = cell[k]
                    c.setFont("Helvetica-Bold" if bold else "Helvetica", 11)
                    c.drawString(cols[col] + 4, line_y, text)
            k += 1
        bottom = y - 12 - 14 * (height - 1) - 6
        rule_row(y, bottom)
        y = bottom
    c.setFont("Helvetica", 11)
    c.drawString(60, y - 40, "Chairman ........................................")
    footer()
    c.showPage()
    c.save()
    return buf.getvalue()


BUILDERS = {
    OFFSET_BOX: offset_box_pdf,
    OUTLINES: outlines_pdf,
    SOFTWARE_GUIDE: software_guide_pdf,
    LOGO_COUNCIL: logo_council_pdf,
    MOTIONS: motions_pdf,
    LABELS_OVER_VALUES: labels_over_values_pdf,
    ROLE_COLUMN: role_column_pdf,
    MOTIONS_CLAUSE: motions_clause_pdf,
    STAFF_POSTS: staff_posts_pdf,
    SIDE_COLUMNS: side_columns_pdf,
    BRACKET_SENTENCE: bracket_sentence_pdf,
    PASSED_PAYMENT: passed_payment_pdf,
    ROMAN_V: roman_v_pdf,
    DOUBLED_GLYPH: doubled_glyph_pdf,
    CHAIR_LABEL: chair_label_pdf,
    ABUTTING_GLYPHS: abutting_glyphs_pdf,
    DASH_OUTCOME: dash_outcome_pdf,
    RESTARTED_LIST: restarted_list_pdf,
    ALL_APPROVED: all_approved_pdf,
    LOWER_HEADER: lower_header_pdf,
    WELSH: welsh_minutes_pdf,
    BLANK_FORM: blank_form_pdf,
    START_TIME: start_time_pdf,
    NOTES_IN_PACK: notes_in_pack_pdf,
    FRONT_LINES: front_lines_pdf,
    SUMMONS_WRAP: summons_wrap_pdf,
    START_IN_SENTENCE: start_in_sentence_pdf,
    REPORT_HEADING: report_heading_pdf,
    NEXT_MEETING: next_meeting_pdf,
    RUNNING_HEAD: running_head_pdf,
    DECISION_GRID: decision_grid_pdf,
    ACTION_GRID: action_grid_pdf,
    CALLED_TO_ORDER: called_to_order_pdf,
    POST_AFTER_COMMA: post_after_comma_pdf,
    PUBLIC_NAMED: public_named_pdf,
}


def main() -> int:
    HERE.mkdir(exist_ok=True)
    for name, build in BUILDERS.items():
        (HERE / name).write_bytes(build())
        print(HERE / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
