"""Report headers, contact blocks, recommendations and meeting dates in every shape.

Each test writes a small PDF with reportlab (text at the positions a house style prints
it), so the whole pipeline runs: text runs -> cells -> header grid -> Report and Meeting.
The wording is made up; the shapes are the ones councils print: header grids with two
label-value pairs to a row, By:/To:/Subject: lines, two-column contact tables, "Lead
Officer:" labels, lettered and nested recommendations over a page break.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extract import ExtractSettings, extract
from extract.model import Pack, Report

NO_ENRICH = ExtractSettings(ocr=False, enrich=False)
Row = tuple[float, float, str]  # x, distance from the top of the page, text


def _pdf(path: Path, pages: list[list[Row]]) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    height = A4[1]
    for rows in pages:
        c.setFont("Helvetica", 11)
        for x, top, text in rows:
            c.drawString(x, height - top, text)
        c.showPage()
    c.save()
    return path


def _pack(path: Path, pages: list[list[Row]]) -> Pack:
    result = extract(_pdf(path, pages), NO_ENRICH)
    assert result.pack is not None, result.reason
    return result.pack


def _report(pack: Pack) -> Report:
    [report] = pack.reports
    return report


def _lines(x: float, top: float, texts: list[str], step: float = 14.0) -> list[Row]:
    return [(x, top + k * step, t) for k, t in enumerate(texts)]


# ------------------------------------------------------------------ header grid

GRID_PAGE_1: list[Row] = [
    (60, 80, "Meeting:"),
    (170, 80, "Cabinet"),
    (380, 80, "Date:"),
    (425, 80, "10 December 2025"),
    (170, 95, "Council"),
    (425, 95, "29 January 2026"),
    (60, 120, "Subject:"),
    (170, 120, "Widget Support Scheme 2026/27"),
    (60, 140, "Report Of:"),
    (170, 140, "Cabinet Member for Resources"),
    (60, 160, "Wards Affected:"),
    (170, 160, "All"),
    (60, 180, "Contact Officer:"),
    (170, 180, "Jane Example, Service Delivery Manager"),
    (170, 195, "Email: jane.example@council.example"),
    (440, 195, "Tel: 396476"),
    (60, 240, "1.0 Purpose of Report"),
    (60, 262, "1.1 To seek approval of the widget support scheme for the coming year and to"),
    (95, 276, "recommend that Council adopts it."),
    (60, 300, "2.0 Recommendations"),
    (60, 322, "2.1 Cabinet is asked to RECOMMEND that:"),
    (130, 344, "(1) the current widget support scheme be adopted for 2026/27;"),
    (130, 366, "(2) the scheme be updated to align with any changes in the law made"),
    (148, 380, "before April 2026;"),
    (60, 404, "2.2 Council is asked to RESOLVE that:"),
    (95, 426, "(1) the current widget support scheme be adopted for 2026/27;"),
]
GRID_PAGE_2: list[Row] = [
    (95, 70, "(2) any urgent amendments to the scheme in the event of a national emergency be"),
    (113, 84, "adopted and implemented immediately."),
    (60, 120, "3.0 Background and Key Issues"),
    (60, 142, "3.1 The scheme has helped 1,200 households over the last year."),
]


def test_header_grid_with_two_pairs_to_a_row(tmp_path: Path) -> None:
    pack = _pack(tmp_path / "grid.pdf", [GRID_PAGE_1, GRID_PAGE_2])
    report = _report(pack)
    assert report.title == "Widget Support Scheme 2026/27"
    assert (report.to_body, report.date, report.dated_by) == (
        "Cabinet",
        "2025-12-10",
        "report_header",
    )
    assert report.report_from == "Cabinet Member for Resources"
    assert (report.contact.name, report.contact.tel, report.contact.email) == (
        "Jane Example",
        "396476",
        "jane.example@council.example",
    )
    assert (pack.meeting.body, pack.meeting.date, pack.meeting.dated_by) == (
        "Cabinet",
        "2025-12-10",
        "report_header",
    )


def test_nested_recommendations_keep_every_clause_over_a_page_break(tmp_path: Path) -> None:
    report = _report(_pack(tmp_path / "grid.pdf", [GRID_PAGE_1, GRID_PAGE_2]))
    texts = [r.text for r in report.recommendations]
    # the lead-ins "2.1 Cabinet is asked to RECOMMEND that:" are not clauses themselves
    assert texts == [
        "the current widget support scheme be adopted for 2026/27;",
        "the scheme be updated to align with any changes in the law made before April 2026;",
        "the current widget support scheme be adopted for 2026/27;",
        "any urgent amendments to the scheme in the event of a national emergency be adopted "
        "and implemented immediately.",
    ]
    assert [r.page for r in report.recommendations] == [1, 1, 1, 2]


# ------------------------------------------------------------------ By: / To: lines


def test_by_to_subject_lines_without_a_date_give_a_body_and_no_meeting_date(
    tmp_path: Path,
) -> None:
    page = [
        (72, 70, "By: Director of Widgets and Gadgets"),
        (72, 90, "To: Full Council"),
        (72, 110, "Subject: Widget Policy Review"),
        (72, 130, "Classification: Unrestricted"),
        (72, 170, "1. Introduction"),
        (72, 190, "1.1 The widget contract with Acme Services ends on 31 March 2026 and the"),
        (72, 204, "council must decide by 12 January 2026 whether to extend it."),
    ]
    pack = _pack(tmp_path / "by-to.pdf", [page])
    report = _report(pack)
    assert report.report_from == "Director of Widgets and Gadgets"
    assert report.to_body == "Full Council"
    assert (report.date, report.dated_by) == (None, None)
    # the dates in its prose are a contract's, not a meeting's
    assert (pack.meeting.date, pack.meeting.dated_by) == (None, None)


def test_to_line_with_a_date_names_the_meeting(tmp_path: Path) -> None:
    page = [
        (72, 70, "From: Leader of the Council"),
        (72, 90, "To: County Council – 13 March 2025"),
        (72, 110, "Subject: Governance Changes"),
        (72, 150, "Summary: This report sets out changes to the constitution."),
    ]
    pack = _pack(tmp_path / "to-date.pdf", [page])
    report = _report(pack)
    assert (report.to_body, report.date, report.dated_by) == (
        "County Council",
        "2025-03-13",
        "report_header",
    )
    assert report.report_from == "Leader of the Council"


# ------------------------------------------------------------------ contact blocks


def _body(extra: list[Row]) -> list[Row]:
    return [
        (72, 70, "From: Corporate Director of Things"),
        (72, 90, "To: Cabinet - 30 January 2025"),
        (72, 110, "Subject: Things Strategy"),
        (72, 150, "1. Background"),
        (72, 170, "1.1 The strategy sets out how things will be done over the next five years."),
        *extra,
    ]


def test_two_column_author_and_director_table_gives_the_author(tmp_path: Path) -> None:
    table = [
        (72, 220, "Report Author"),
        (300, 220, "Relevant Director"),
        (72, 234, "Jane Example"),
        (300, 234, "John Sample"),
        (72, 248, "Head of Widget Services"),
        (300, 248, "Director of Things"),
        (72, 262, "01632 960111"),
        (300, 262, "01632 960222"),
        (72, 276, "jane.example@council.example"),
        (300, 276, "john.sample@council.example"),
    ]
    contact = _report(_pack(tmp_path / "two-col.pdf", [_body(table)])).contact
    assert (contact.name, contact.tel, contact.email) == (
        "Jane Example",
        "01632 960111",
        "jane.example@council.example",
    )


def test_contact_details_heading_over_a_labelled_author(tmp_path: Path) -> None:
    block = [
        (72, 220, "5. Contact details"),
        (72, 242, "Report Author:"),
        (72, 256, "Sam Person, Policy Officer"),
        (72, 270, "Tel: 01632 960333"),
        (72, 284, "Email: sam.person@council.example"),
    ]
    contact = _report(_pack(tmp_path / "details.pdf", [_body(block)])).contact
    assert (contact.name, contact.tel, contact.email) == (
        "Sam Person",
        "01632 960333",
        "sam.person@council.example",
    )


def test_lead_officer_label_with_the_name_beside_it(tmp_path: Path) -> None:
    block = [
        (72, 220, "Lead Officer: Alex Sample"),
        (72, 234, "Telephone: 01632 960444"),
        (72, 248, "E-mail: alex.sample@council.example"),
    ]
    contact = _report(_pack(tmp_path / "lead.pdf", [_body(block)])).contact
    assert (contact.name, contact.tel, contact.email) == (
        "Alex Sample",
        "01632 960444",
        "alex.sample@council.example",
    )


def test_a_label_is_never_the_contact_name(tmp_path: Path) -> None:
    block = [(72, 220, "Report Author"), (72, 234, "Author"), (72, 248, "Policy Team")]
    contact = _report(_pack(tmp_path / "label.pdf", [_body(block)])).contact
    assert contact.name is None


# ------------------------------------------------------------------ lettered lists


def test_lettered_recommendations_a_to_v_with_nested_clauses(tmp_path: Path) -> None:
    letters = "abcdefghijklmnopqrstuv"
    rows: list[Row] = [
        (72, 70, "From: Director of Widgets"),
        (72, 90, "To: Cabinet - 30 January 2025"),
        (72, 110, "Subject: Widget Programme"),
        (72, 150, "Recommendations:"),
        (72, 170, "Cabinet is asked to:"),
    ]
    pages: list[list[Row]] = []
    top = 195.0
    for letter in letters:
        if top > 760:
            pages.append(rows)
            rows, top = [], 70.0
        if letter == "c":
            rows.append((90, top, "(c) note the risks to the programme, namely:"))
            rows.append((110, top + 26, "(i) the cost of materials rising faster than planned;"))
            rows.append((110, top + 52, "(ii) the loss of the main contractor;"))
            top += 78
            continue
        rows.append((90, top, f"({letter}) agree widget measure {letter.upper()} for the year;"))
        top += 26
    rows.append((72, top + 30, "1. Introduction"))
    pages.append(rows)
    report = _report(_pack(tmp_path / "lettered.pdf", pages))
    texts = [r.text for r in report.recommendations]
    assert len(texts) == len(letters) - 1 + 2  # (c) only leads in to (i) and (ii)
    assert texts[0] == "agree widget measure A for the year;"
    assert texts[2:4] == [
        "the cost of materials rising faster than planned;",
        "the loss of the main contractor;",
    ]
    assert texts[-1] == "agree widget measure V for the year;"
    assert report.recommendations[-1].page == 2


# ------------------------------------------------------------------ not a meeting's paper


def test_policy_with_dates_in_its_prose_is_other_and_undated(tmp_path: Path) -> None:
    page = [
        (72, 70, "Widget Management Policy"),
        (72, 95, "Version 2.1"),
        (72, 130, "1. Purpose"),
        (72, 150, "1.1 This policy was adopted on 3 March 2025 and will be reviewed by"),
        (72, 164, "1 April 2027. It applies to every widget the council owns."),
        (72, 190, "2. Scope"),
        (72, 210, "2.1 The policy covers all 4,500 widgets in the borough."),
    ]
    pack = _pack(tmp_path / "policy.pdf", [page])
    assert (pack.meeting.date, pack.meeting.dated_by, pack.meeting.council) == (None, None, None)
    assert [d.kind for d in pack.documents] == ["other"]
    assert pack.agenda == [] and pack.reports == [] and pack.minutes == []


def test_decision_report_to_a_cabinet_member_has_no_meeting_date(tmp_path: Path) -> None:
    page = [
        (72, 70, "From: Director of Highways"),
        (72, 90, "To: Cabinet Member for Highways"),
        (72, 110, "Subject: Award of the road marking contract"),
        (72, 130, "Decision no: 25/00012"),
        (72, 170, "1. Introduction"),
        (72, 190, "1.1 The current contract ends on 30 June 2026. A new contract is needed by"),
        (72, 204, "1 July 2026 to keep the roads marked."),
    ]
    pack = _pack(tmp_path / "decision.pdf", [page])
    report = _report(pack)
    assert report.decision_report and report.to_body == "Cabinet Member for Highways"
    assert (report.date, report.dated_by) == (None, None)
    assert (pack.meeting.date, pack.meeting.dated_by) == (None, None)
    assert [d.kind for d in pack.documents] == ["report"]


def test_an_item_paper_with_a_lettered_lead_in_and_no_header_is_a_report(tmp_path: Path) -> None:
    page = [
        (260, 40, "Agenda Item 7"),
        (72, 80, "Summer Events in the Park"),
        (72, 110, "The Council is recommended to approve: -"),
        (90, 130, "a) the programme of three summer concerts;"),
        (90, 148, "b) a budget of £12,000 for the events; and"),
        (90, 166, "c) the hire of the bandstand for the season."),
        (72, 200, "1. Background"),
        (72, 220, "1.1 The park hosted two concerts last summer, attended by 4,000 people."),
    ]
    pack = _pack(tmp_path / "lead-in.pdf", [page])
    assert [(d.agenda_item, d.kind) for d in pack.documents] == [("7", "report")]
    assert [r.text for r in _report(pack).recommendations] == [
        "the programme of three summer concerts;",
        "a budget of £12,000 for the events; and",
        "the hire of the bandstand for the season.",
    ]


def test_a_report_with_no_header_is_from_the_officer_who_signs_it(tmp_path: Path) -> None:
    page = [
        (260, 40, "Agenda Item 7"),
        (72, 70, "Ashcombe Town Council Meeting 21 February 2017"),
        (72, 95, "Summer Events in the Park"),
        (72, 120, "The Council is recommended to approve: -"),
        (90, 140, "a) the programme of three summer concerts."),
        (72, 175, "1. Background"),
        (72, 195, "1.1 The park hosted two concerts last summer, attended by 4,000 people."),
        (72, 240, "Sam Example"),
        (72, 254, "Acting Town Clerk"),
    ]
    report = _report(_pack(tmp_path / "signed.pdf", [page]))
    assert report.title == "Summer Events in the Park"
    assert report.report_from == "Sam Example, Acting Town Clerk"


def test_a_header_table_printed_without_colons(tmp_path: Path) -> None:
    page = [
        (60, 70, "Meeting"),
        (170, 70, "Cabinet"),
        (60, 86, "Date"),
        (170, 86, "10 June 2025"),
        (60, 102, "Subject"),
        (170, 102, "Parks Strategy"),
        (60, 118, "Report of"),
        (170, 118, "Director of Place"),
        (60, 134, "Contact"),
        (170, 134, "Pat Example, Parks Manager"),
        (60, 170, "1. Purpose"),
        (60, 190, "1.1 This report sets out the parks strategy for the next ten years."),
    ]
    pack = _pack(tmp_path / "no-colons.pdf", [page])
    assert [d.kind for d in pack.documents] == ["report"]
    report = _report(pack)
    assert (report.title, report.to_body, report.date, report.report_from) == (
        "Parks Strategy",
        "Cabinet",
        "2025-06-10",
        "Director of Place",
    )
    assert report.contact.name == "Pat Example"
    assert (pack.meeting.date, pack.meeting.dated_by) == ("2025-06-10", "report_header")


def test_report_to_and_date_of_meeting_labels(tmp_path: Path) -> None:
    page = [
        (72, 70, "Report to: Planning Committee"),
        (72, 86, "Date of meeting: 5 March 2025"),
        (72, 102, "Report of: Head of Planning"),
        (72, 118, "Title: Hedgerow protection"),
        (72, 150, "1. Purpose"),
        (72, 170, "1.1 This report sets out the hedgerow rules."),
    ]
    report = _report(_pack(tmp_path / "report-to.pdf", [page]))
    assert (report.title, report.to_body, report.date, report.report_from) == (
        "Hedgerow protection",
        "Planning Committee",
        "2025-03-05",
        "Head of Planning",
    )


def test_a_councils_policy_with_numbered_sections_has_no_agenda(tmp_path: Path) -> None:
    page = [
        (72, 50, "Borsetshire County Council"),
        (72, 75, "Widget Management Policy"),
        (72, 95, "Version 2.1"),
        (72, 130, "1. Purpose"),
        (72, 150, "1.1 This policy was adopted on 3 March 2025 and will be reviewed in 2027."),
        (72, 180, "2. Scope"),
        (72, 200, "2.1 The policy covers all 4,500 widgets in the borough."),
        (72, 230, "3. Responsibilities"),
        (72, 250, "3.1 The Director of Place is responsible for this policy."),
        (72, 280, "4. Review"),
        (72, 300, "4.1 The policy will be reviewed every two years."),
    ]
    pack = _pack(tmp_path / "council-policy.pdf", [page])
    assert pack.agenda == []  # its numbered sections are not agenda items
    assert [(d.kind, d.pages) for d in pack.documents] == [("other", [1, 1])]
    assert (pack.meeting.council, pack.meeting.date) == ("Borsetshire County Council", None)
