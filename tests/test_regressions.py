"""Regression PDFs (tests/regression/, made by tests/regression_pdfs.py), each against its
golden output ``<name>.json``. BOARDPAPERS_REGEN_GOLDEN=1 rewrites the goldens after a
deliberate change (review the diff before committing it)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from extract import ExtractSettings, Status, extract
from extract import ocr as ocr_mod
from extract.model import ExtractResult
from tests import regression_pdfs as made

REGRESSION = Path(__file__).resolve().parent / "regression"
REGEN = os.environ.get("BOARDPAPERS_REGEN_GOLDEN") == "1"
NAMES = sorted(made.BUILDERS)


@cache
def _result(name: str) -> ExtractResult:
    if name in (made.OUTLINES, made.LOGO_COUNCIL) and ocr_mod.tesseract_path() is None:
        pytest.skip("tesseract-ocr is not installed (scripts/setup.sh installs it as root)")
    # tables only where the file is about tables: entities need no checking here
    settings = ExtractSettings(enrich=name == made.OFFSET_BOX)
    return extract(REGRESSION / name, settings)


def _summary(result: ExtractResult) -> dict[str, Any]:
    """What the goldens pin: status, errors, structure and tables; no OCRed running text."""
    assert result.pack is not None, result.reason
    d = result.pack.to_dict()
    return {
        "status": result.status.value,
        "errors": [e.message for e in result.errors],
        "meeting": d["meeting"],
        "agenda": d["agenda"],
        "documents": d["documents"],
        "minutes": [
            {k: m[k] for k in ("agenda_item", "body", "date", "dated_by", "pages") if k in m}
            for m in d["minutes"]
        ],
        "reports": [
            {k: r[k] for k in ("agenda_item", "title", "date", "dated_by", "pages") if k in r}
            for r in d["reports"]
        ],
        "pages": [{k: p[k] for k in ("number", "ocr", "has_text")} for p in d["pages"]],
        "blank_pages": d["blank_pages"],
        "tables": d["tables"],
    }


def _fingerprint(data: bytes) -> list[tuple[tuple[float, ...], str, int]]:
    """Per page: its box, its text layer and how many objects it draws."""
    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for page in pdf:
            text = page.get_textpage().get_text_range()
            out.append((tuple(page.get_mediabox()), text, len(list(page.get_objects()))))
        return out
    finally:
        pdf.close()


def test_regression_pdfs_are_what_the_generator_makes() -> None:
    # byte for byte with the pinned reportlab; another version may lay bytes out differently
    for name, build in made.BUILDERS.items():
        on_disk, fresh = (REGRESSION / name).read_bytes(), build()
        if on_disk != fresh:
            assert _fingerprint(on_disk) == _fingerprint(fresh), (
                "run python -m tests.regression_pdfs"
            )


@pytest.mark.parametrize("name", NAMES)
def test_regression_pdf_matches_its_golden_output(name: str) -> None:
    got = _summary(_result(name))
    golden = REGRESSION / f"{Path(name).stem}.json"
    if REGEN:
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n")
        pytest.skip(f"regenerated {golden.name}")
    assert golden.exists(), f"no golden file {golden}; run with BOARDPAPERS_REGEN_GOLDEN=1"
    assert got == json.loads(golden.read_text())


def test_tables_on_a_page_box_offset_from_the_origin_are_read() -> None:
    result = _result(made.OFFSET_BOX)
    assert result.status is Status.SUCCESS, result.reason  # no "Bounding box ..." refusals
    assert result.pack is not None
    tables = {t.header[0]: t for t in result.pack.tables}
    assert tables["Scheme"].rows[1] == ["Drainage", "3,200", "2,975", "225"]
    assert tables["District"].rows[-1] == ["Eastbrook", "156", "171", "149"]


def test_glyphs_drawn_as_outlines_are_ocred_like_a_scan() -> None:
    result = _result(made.OUTLINES)
    assert result.status is Status.SUCCESS, result.reason
    assert result.pack is not None
    [page] = result.pack.pages
    assert page.ocr and page.has_text
    assert "Footpath repairs" in page.text
    assert result.pack.meeting.date == "2024-05-14"


def test_outlined_page_without_ocr_says_it_has_no_text_layer() -> None:
    result = extract(REGRESSION / made.OUTLINES, ExtractSettings(ocr=False, enrich=False))
    assert result.status is Status.FAILURE
    assert result.reason == "no text layer on pages 1"


def test_software_guide_is_not_a_council_meeting() -> None:
    result = _result(made.SOFTWARE_GUIDE)
    assert result.pack is not None
    pack = result.pack
    assert pack.meeting.council is None and pack.meeting.date is None
    assert pack.agenda == []
    assert [d.kind for d in pack.documents] == ["other"]
    assert pack.minutes == [] and pack.reports == []


def test_council_printed_only_in_a_logo_is_read_from_the_logo() -> None:
    result = _result(made.LOGO_COUNCIL)
    assert result.status is Status.SUCCESS, result.reason
    assert result.pack is not None
    meeting = result.pack.meeting
    assert meeting.council == "Ashcombe District Council"
    assert (meeting.body, meeting.date) == ("Planning Committee", "2024-05-14")
    assert all("Ashcombe District" not in p.text for p in result.pack.pages)  # not in the text


def test_logo_is_not_read_without_ocr() -> None:
    result = extract(REGRESSION / made.LOGO_COUNCIL, ExtractSettings(ocr=False, enrich=False))
    assert result.pack is not None
    assert result.pack.meeting.council is None


def test_motions_carried_are_the_resolutions_of_minutes_without_headings() -> None:
    result = _result(made.MOTIONS)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    assert (minutes.body, minutes.date) == ("Township of Ashcombe Council", "2024-05-14")
    texts = [r.text for item in minutes.items for r in item.resolutions]
    assert texts == [
        "That the minutes of the regular Council Meeting held April 30, 2024, be adopted as"
        " published",
        "That Council receives the Library 2024 Budget, total amount to be paid $35,685.58;"
        " AND that the surplus of $6,372.00 be placed into Reserve for use in 2025",
        "That the statement of accounts totalling $12,500.00 be approved",
    ]  # the defeated motion and the motion to adjourn are not resolutions


def test_a_row_of_header_labels_over_their_values_addresses_the_report() -> None:
    result = _result(made.LABELS_OVER_VALUES)
    assert result.pack is not None
    assert [d.kind for d in result.pack.documents] == ["report"]
    [report] = result.pack.reports
    assert report.to_body == "Cabinet"  # not "DECISION NO", the label beside it
    assert report.date is None  # the header names no meeting date


def test_attendance_column_with_roles_and_initials() -> None:
    result = _result(made.ROLE_COLUMN)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    people = [(a.name, a.present) for a in minutes.attendance]
    assert people == [
        ("Walter Robson", True),
        ("Andrea Wise", True),
        ("Mary Gray", True),
        ("Colin Smith", True),
        ("Cllr George Fleming", True),
        ("Constable Gary Davidson", True),
        ("Hazel Mackay", False),
    ]
    assert minutes.chairman == "Walter Robson"  # "Convenor CC"
    assert minutes.body == "Ashcombe Community Council"  # "... Council public meeting"


def test_one_person_a_line_with_the_post_after_a_comma() -> None:
    result = _result(made.POST_AFTER_COMMA)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    assert [(a.name, a.present, a.role) for a in minutes.attendance] == [
        ("Councillor Ward", True, "Ashcombe Municipal Representative"),
        ("Councillor Lane", True, "Brookfield Municipal Representative"),
        ("Martha Hill", True, "Ashcombe Community Representative"),
        ("Sean Mallory", True, "Brookfield Community Representative"),
        ("Inspector Moss", True, "Ashcombe Police Representative"),  # "Non-Members Present:"
        ("Ann Lowe", False, "Ashcombe"),  # "Absent with regrets:"
    ]


def test_members_of_the_public_named_after_the_councillors() -> None:
    result = _result(made.PUBLIC_NAMED)
    assert result.pack is not None
    column, sentence = result.pack.minutes
    assert [(a.name, a.role) for a in column.attendance] == [
        ("Walter Robson", "Convenor CC"),
        ("Andrea Wise", "Secretary CC"),
        ("Alan Penrose", "Former ACC Secretary"),  # the role with its modifiers
        ("Ruth Kemp", "Public"),  # a named member of the public was there
        ("Tom Reedman", "Public"),
    ]
    assert [a.name for a in sentence.attendance] == [
        "Cllr Haywood",
        "Cllr Hoskin",
        "Cllr Richmond",
        "County Cllr Webber",  # its own title, not the plural "Cllrs" carried over
        "Mr Andrew Lang",  # "Members of the public – Mr Andrew Lang."
    ]
    assert all(a.present for a in column.attendance + sentence.attendance)


def test_motions_before_a_numbered_clause_are_kept() -> None:
    result = _result(made.MOTIONS_CLAUSE)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    texts = [r.text for item in minutes.items for r in item.resolutions]
    assert texts[0].startswith("That the minutes of the regular Council Meeting held April 30")
    assert texts[-1].startswith("That we pass By-Law 2024-08")
    assert minutes.items[0].number == ""  # the motions above the clause read as a minute


def test_posts_printed_before_staff_names_are_not_names() -> None:
    result = _result(made.STAFF_POSTS)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    assert [a.name for a in minutes.attendance] == [
        "Mayor Alan Parker",
        "Councillor Beth Young",
        "Councillor Colin Day",
        "Councillor Dana Wood",
        "Dan Morrow",
        "Kristin Lake",
        "Will Bateson",
        "Kris Holden-Hodges",
    ]


def test_a_title_label_alone_on_its_line_titles_the_report() -> None:
    result = _result(made.LABELS_OVER_VALUES)
    assert result.pack is not None
    [report] = result.pack.reports
    assert report.title == "Highway Drainage Programme 2025-26"  # below "Title of Decision"


def test_attendance_columns_headed_side_by_side() -> None:
    result = _result(made.SIDE_COLUMNS)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    assert [(a.name, a.present) for a in minutes.attendance] == [
        ("Peter Lane", True),
        ("Anna Black", True),
        ("Hugh Marsh", True),
        ("Carol Dent", True),
        ("Ruth Kemp", True),  # named under "Members of the Public:"
        ("Tom Reed", True),
        ("Sam Holt", False),
    ]
    assert minutes.chairman == "Peter Lane"  # "Peter Lane (PL) CHAIR"
    assert result.pack.meeting.place == "VILLAGE HALL"  # "HELD IN THE VILLAGE HALL"


def test_a_decision_after_a_closing_bracket_is_its_own_sentence() -> None:
    result = _result(made.BRACKET_SENTENCE)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    texts = [r.text for item in minutes.items for r in item.resolutions]
    assert texts == [
        "It was agreed that no work would be done on them before the owners had been consulted."
    ]


def test_payments_passed_for_payment_are_a_resolution() -> None:
    result = _result(made.PASSED_PAYMENT)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    [finance] = [item for item in minutes.items if item.title == "Finance"]
    [decision] = finance.resolutions
    assert decision.text.startswith("The following were passed for payment by the Councillors")
    assert all(not item.resolutions for item in minutes.items if item is not finance)


def test_fifth_roman_clause_is_a_clause_of_its_own() -> None:
    result = _result(made.ROMAN_V)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    texts = [r.text for item in minutes.items for r in item.resolutions]
    assert texts[3:] == [
        "the Clerk order the parts; and",
        "the work be finished before the summer holidays.",
    ]


def test_a_glyph_overlapping_a_narrow_space_is_read_once() -> None:
    result = _result(made.DOUBLED_GLYPH)
    assert result.pack is not None
    text = result.pack.pages[0].text
    assert "Minutes of the last meeting held on 9th April" in text
    assert "have been agreed by email, proposed" in text
    assert "a and a" not in text and " o of " not in text
    [minutes] = result.pack.minutes
    texts = [r.text for item in minutes.items for r in item.resolutions]
    assert texts == [
        "Minutes of the last meeting held on 9th April 2024 have been agreed by email,"
        " proposed by Alan Brown and seconded by Wendy Wood."
    ]  # the year's figure is read once too: each rect's text is asked for inside its edges


def test_a_chair_label_after_the_present_list_names_the_chairman() -> None:
    result = _result(made.CHAIR_LABEL)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    assert minutes.chairman == "Cllr P Lane"
    assert [(a.name, a.present) for a in minutes.attendance] == [
        ("Cllr P Lane", True),
        ("Cllr A Black", True),
        ("Cllr R Kemp", True),
        ("Cllr H Marsh", True),  # not "Cllr H Marsh Chairman: Cllr P Lane"
        ("Cllr S Holt", False),
    ]


def test_glyphs_set_into_each_other_are_read_once() -> None:
    result = _result(made.ABUTTING_GLYPHS)
    assert result.pack is not None
    assert "Virtual Meeting 19:00hrs" in result.pack.pages[0].text  # not "19:0000hrs"
    meeting = result.pack.meeting
    assert (meeting.date, meeting.time) == ("2024-05-14", "19:00")
    assert [a.number for a in result.pack.agenda] == [str(n) for n in range(1, 8)]


def test_an_outcome_after_a_dash_in_a_minute_heading_is_a_resolution() -> None:
    result = _result(made.DASH_OUTCOME)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    assert [item.title for item in minutes.items] == [
        "Apologies",
        "Finance",
        "Date of next meeting",
    ]
    [finance] = minutes.items[1:2]
    [decision] = finance.resolutions
    assert decision.text.startswith("The following accounts were approved for payment")
    assert not minutes.items[0].resolutions and not minutes.items[2].resolutions


def test_an_approval_after_a_comma_is_a_resolution() -> None:
    result = _result(made.ALL_APPROVED)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    texts = [[r.text for r in item.resolutions] for item in minutes.items]
    assert texts == [
        [],
        [
            "The Clerk circulated a draft notice of election to Councillors before the"
            " meeting, all approved."
        ],
        [],
    ]


def test_a_list_numbered_afresh_inside_a_minute_is_not_minutes() -> None:
    result = _result(made.RESTARTED_LIST)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    assert [(item.number, item.title) for item in minutes.items] == [
        ("1", "Introductions and welcome"),
        ("2", "Minutes of previous meetings"),
        ("3", "Police reports"),
        ("4", "Committee updates"),
        ("5", "Councillors' Updates"),
        ("6", "Any Other Business"),
    ]
    assert "Community litter pick in November." in minutes.items[3].text


def test_a_report_header_under_a_contents_list_is_read() -> None:
    result = _result(made.LOWER_HEADER)
    assert result.pack is not None
    assert [d.kind for d in result.pack.documents] == ["report"]
    [report] = result.pack.reports
    assert report.title.startswith("Draft Revenue Budget 2026-27 and Medium Term Plan")
    assert report.to_body == "Cabinet"  # "Circulated to"
    assert report.report_from is not None and "Hugh Marlow" in report.report_from
    assert report.date is None and report.dated_by is None  # a date in prose is no meeting's
    assert (report.contact.name, report.contact.tel) == ("Owen Tate", "01632 960 114")


def test_minutes_in_welsh() -> None:
    result = _result(made.WELSH)
    assert result.pack is not None
    meeting = result.pack.meeting
    assert (meeting.council, meeting.date, meeting.time, meeting.dated_by) == (
        "Cyngor Cymuned Llanfair Isaf",
        "2024-03-12",
        "19:00",
        "minutes_header",
    )
    assert meeting.place == "Neuadd yr Eglwys, Llanfair"
    [minutes] = result.pack.minutes
    assert minutes.date == "2024-03-12"
    assert minutes.chairman == "Cynghorydd Rhys Morgan"
    assert [(a.name, a.present) for a in minutes.attendance] == [
        ("Cynghorydd Rhys Morgan", True),
        ("Cynghorydd Sian Lloyd", True),
        ("Cynghorydd Gareth Rees", True),
        ("Cynghorydd Dafydd Owen", True),
        ("Cynghorydd Sir Ann Jones", True),  # after "a'r", its apostrophe on a line above
        ("Cynghorydd Elin Hughes", False),
        ("Cynghorydd Iwan Price", False),
    ]
    decided = [r.text for item in minutes.items for r in item.resolutions]
    assert len(decided) == 4  # "Nodwyd" (noted) is no decision
    assert decided[0].endswith("roedd pawb yn gytun bod y cofnodion yn gywir.")
    assert decided[3].startswith("Cytunwyd gwneud y taliadau canlynol")


def test_a_resolution_form_left_blank_records_no_decision() -> None:
    result = _result(made.BLANK_FORM)
    assert result.pack is not None
    [minutes] = result.pack.minutes
    decided = [r.text for item in minutes.items for r in item.resolutions]
    assert [t.split(",")[0] for t in decided] == [
        "That the minutes of the regular Council Meeting held April 30",
        "That Council receives the Library 2024 Budget",
        "That the statement of accounts totalling $12",
    ]  # not "That we authorize ... Rural Roads Grant" from the blank form on page 2


def test_a_start_time_labelled_under_the_date_is_the_meetings() -> None:
    result = _result(made.START_TIME)
    assert result.pack is not None
    meeting = result.pack.meeting
    assert (meeting.date, meeting.time, meeting.dated_by) == ("2024-10-01", "18:30", "front_sheet")
    assert meeting.body == "Township of Ashcombe"


def test_notes_of_an_earlier_session_are_dated_by_their_own_header() -> None:
    from service.index.passages import build_passages

    result = _result(made.NOTES_IN_PACK)
    assert result.pack is not None
    pack = result.pack
    assert pack.meeting.date == "2024-11-21"  # the pack's own meeting (front sheet)
    notes = [m for m in pack.minutes if m.pages == [3, 4]]
    assert [(m.date, m.dated_by) for m in notes] == [("2024-10-17", "minutes_header")]
    assert "General Purposes Committee" in (notes[0].body or "")
    # the notes' pages (no minute items read) are searchable under the session they record
    on_notes = [p for p in build_passages(pack, "x") if p.page in (3, 4)]
    assert on_notes and {p.meeting_date for p in on_notes} == {"2024-10-17"}
    assert all("flood defence" not in p.text.lower() for p in build_passages(pack) if p.page == 2)


def test_minutes_under_a_repeated_letterhead_still_start_a_new_record(tmp_path: Path) -> None:
    # the running-header rule above must not join two sets of minutes printed under one
    # letterhead: the minutes heading on the second page is new, the letterhead is not
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for body, day in (("PLANNING COMMITTEE", "3 June 2024"), ("FINANCE COMMITTEE", "10 June 2024")):
        c.setFont("Helvetica-Bold", 12)
        c.drawString(70, 800, "ASHCOMBE TOWN COUNCIL")
        c.drawString(70, 770, f"MINUTES OF THE {body} HELD ON {day}")
        c.setFont("Helvetica", 10)
        c.drawString(70, 745, "Present: Cllr A Parker (Chair), Cllr B Young")
        c.drawString(70, 720, "1. Apologies")
        c.drawString(90, 705, "Apologies were received from Cllr D Wood.")
        c.showPage()
    c.save()
    pdf = tmp_path / "two-minutes.pdf"
    pdf.write_bytes(buf.getvalue())
    result = extract(pdf, ExtractSettings(enrich=False))
    assert result.pack is not None
    assert [(m.date, m.pages) for m in result.pack.minutes] == [
        ("2024-06-03", [1, 1]),
        ("2024-06-10", [2, 2]),
    ]


def test_minutes_set_as_a_decision_grid_are_read_row_by_row() -> None:
    result = _result(made.DECISION_GRID)
    assert result.pack is not None
    (minutes,) = result.pack.minutes
    assert minutes.date == "2024-05-14"
    got = [(i.number, i.title, [r.text for r in i.resolutions]) for i in minutes.items]
    assert got == [
        ("31", "Apologies for Absence", []),
        (
            "32",
            "Refurbishment of the Recreation Ground Play Area",  # a title wrapped in its cell
            [
                "That the quote of £18,400 from Ashcombe Play Ltd be accepted.",
                "That the Clerk apply to the district council for a grant.",
            ],
        ),
        (
            "33",
            "Christmas Lights",  # its row, and the clause (b), run over the page break
            [
                "That the lights be switched on on 30th November 2024.",
                "That the Clerk order two new motifs for the High Street.",
            ],
        ),
    ]
    assert minutes.items[2].pages == [1, 2]


def test_a_minutes_grid_with_an_action_column_is_read_row_by_row() -> None:
    result = _result(made.ACTION_GRID)
    assert result.pack is not None
    (minutes,) = result.pack.minutes
    got = [(i.number, i.title, [r.text for r in i.resolutions]) for i in minutes.items]
    assert got == [
        ("24/31", "Apologies for Absence", []),  # "24/31": a minute number
        (
            "24/32",
            "Allotment Rents",
            ["That the rent be raised to £40 a plot from 1st April 2025."],
        ),
        ("24/33", "Bus Shelter Repairs", ["That the Clerk obtain three quotes for the repairs."]),
    ]
    assert "Clerk /" not in minutes.items[2].text  # who acts is not the minute's text


def test_the_chair_calling_the_meeting_to_order_gives_the_start_and_the_chairman() -> None:
    result = _result(made.CALLED_TO_ORDER)
    assert result.pack is not None
    assert result.pack.meeting.date == "2025-03-04"
    assert result.pack.meeting.time == "19:00"  # "called the meeting to order at 7:00 p.m."
    (minutes,) = result.pack.minutes
    assert minutes.chairman == "Mayor Alan Pike"
