"""Minutes parsing on real documents: recorded date, attendance, items, resolutions."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from extract.layout import layout
from extract.model import Minutes, PageLayout
from extract.pages import read_pages
from extract.structure.minutes import parse_minutes
from extract.textutil import join_lines, norm_ws

HCC_2018 = "hcc-corporate-parenting-board-2018-12-03"
HCC_2022 = "hcc-corporate-parenting-board-2022-06-15"
KENT_CABINET = "uk_kent_2025-01-30_cabinet_printed-minutes.pdf"
KENT_COUNCIL = "uk_kent_2025-03-13_county-council_printed-minutes.pdf"

_RESOLVED = re.compile(r"(?<![A-Za-z])(?:RESOLVED\b|Resolved\s*[:\-–])")


@functools.cache
def _layouts(path: str) -> tuple[PageLayout, ...]:
    return tuple(layout(read_pages(Path(path)).pages))


def _truth(pdf: Path) -> dict[str, Any]:
    return json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())


def _minutes_of_pack(pdf: Path) -> Minutes:
    """Parse the pack's minutes document, pages taken from the truth sections."""
    section = next(s for s in _truth(pdf)["sections"] if s["kind"] == "minutes")
    pages = _layouts(str(pdf))[section["start_page"] - 1 : section["end_page"]]
    minutes = parse_minutes(list(pages), section["agenda_item"])
    assert minutes is not None
    return minutes


def _whole(path: Path) -> Minutes:
    minutes = parse_minutes(list(_layouts(str(path))), None)
    assert minutes is not None
    return minutes


# ---------------------------------------------------------------- Hampshire packs

# the meeting each pack's minutes record, read off the minutes' opening line
# ("... held at the Castle, Winchester on Tuesday, 25th September, 2018")
RECORDED = {HCC_2018: "2018-09-25", HCC_2022: "2021-10-21"}


@pytest.mark.parametrize("pack", sorted(RECORDED))
def test_minutes_date_is_the_meeting_recorded_not_the_pack_date(corpus_dir: Path, pack: str):
    pdf = corpus_dir / f"{pack}.pdf"
    truth = _truth(pdf)
    assert any(s["kind"] == "minutes" for s in truth["sections"]), f"{pack} carries no minutes"
    minutes = _minutes_of_pack(pdf)
    assert minutes.date == RECORDED[pdf.stem]
    assert minutes.date != truth["meeting"]["date"]


def test_minutes_body_is_read_from_the_opening_sentence(corpus_dir: Path):
    minutes = _minutes_of_pack(corpus_dir / f"{HCC_2018}.pdf")
    assert minutes.body == "Corporate Parenting Board"


def test_marker_attendance_gives_names_and_present_flags(corpus_dir: Path):
    minutes = _minutes_of_pack(corpus_dir / f"{HCC_2022}.pdf")
    assert [(a.name, a.present) for a in minutes.attendance] == [
        ("Councillor Ann Briggs", True),
        ("Councillor Phil North", False),
        ("Councillor Nick Adams-King", True),
        ("Councillor Fran Carpenter", True),
        ("Councillor Pal Hayre", True),
        ("Councillor Wayne Irish", True),
        ("Councillor Arun Mummalaneni", True),
        ("Councillor Jacky Tustain", True),
        ("Councillor Malcolm Wade", True),
    ]
    assert minutes.chairman == "Councillor Ann Briggs"


def test_unmarked_co_opted_members_are_not_recorded_present(corpus_dir: Path):
    minutes = _minutes_of_pack(corpus_dir / f"{HCC_2018}.pdf")
    assert [(a.name, a.present) for a in minutes.attendance] == [
        ("Councillor Roz Chadd", True),
        ("Councillor Ann Briggs", True),
        ("Councillor Malcolm Wade", True),
        ("Dan Busby", False),
        ("Shannon Nicholls", False),
        ("Carla Wright", True),
    ]
    assert minutes.attendance[0].role == "Chairman"


def test_minute_item_numbers_and_titles(corpus_dir: Path):
    items = [(i.number, i.title) for i in _minutes_of_pack(corpus_dir / f"{HCC_2018}.pdf").items]
    assert items == [
        ("28", "APOLOGIES FOR ABSENCE"),
        ("29", "DECLARATIONS OF INTEREST"),
        ("30", "MINUTES OF PREVIOUS MEETING"),
        ("31", "DEPUTATIONS"),
        ("32", "CHAIRMAN'S ANNOUNCEMENTS"),
        ("33", "FOSTER CARE RECRUITMENT"),
        ("34", "FOSTER PLACEMENT MOVES"),
        ("35", "PLACEMENT COMMISSIONING"),
    ]
    items = [(i.number, i.title) for i in _minutes_of_pack(corpus_dir / f"{HCC_2022}.pdf").items]
    assert [n for n, _ in items] == [str(n) for n in range(1, 12)]
    assert items[5] == ("6", "BOARD MEMBERS FEEDBACK - ENGAGEMENT AND RECENT ACTIVITIES")
    assert items[10] == ("11", "AN UPDATE ON THE MODERNISING PLACEMENTS PROGRAMME")


def test_item_pages_span_the_item(corpus_dir: Path):
    items = _minutes_of_pack(corpus_dir / f"{HCC_2018}.pdf").items
    assert [i.pages for i in items] == [[3, 3]] * 5 + [[3, 4], [4, 4], [4, 5]]


_DECIDED = re.compile(r"\b(?:resolved|agreed)\b", re.I)


def _assert_every_resolved_has_a_resolution(minutes: Minutes) -> None:
    markers = {i.number: len(_RESOLVED.findall(i.text)) for i in minutes.items}
    assert any(markers.values())  # these minutes do record decisions
    for item in minutes.items:
        # at least one Resolution per "Resolved" (more where it has clauses); without a
        # marker, only a sentence recording a decision ("The minutes ... were agreed.")
        assert len(item.resolutions) >= markers[item.number], item.number
        if not markers[item.number]:
            assert all(_DECIDED.search(r.text) for r in item.resolutions), item.number


@pytest.mark.parametrize("pack", [HCC_2018, HCC_2022])
def test_every_resolved_yields_a_resolution_in_its_item(corpus_dir: Path, pack: str):
    _assert_every_resolved_has_a_resolution(_minutes_of_pack(corpus_dir / f"{pack}.pdf"))


@pytest.mark.parametrize(
    "name",
    [
        KENT_CABINET,
        "uk_kent_2025-02-13_county-council_printed-minutes.pdf",
        KENT_COUNCIL,
    ],
)
def test_every_kent_resolved_yields_a_resolution_in_its_item(real_dir: Path, name: str):
    _assert_every_resolved_has_a_resolution(_whole(real_dir / name))


def test_single_resolution_is_verbatim_without_the_marker(corpus_dir: Path):
    items = {i.number: i for i in _minutes_of_pack(corpus_dir / f"{HCC_2018}.pdf").items}
    assert [(r.text, r.page) for r in items["33"].resolutions] == [
        (
            "That the Corporate Parenting Board note the difficulties, and the work being done "
            "to overcome them, of Foster Care Recruitment and the impact of Foster Placement "
            "moves.",
            4,
        )
    ]


def test_multi_clause_resolution_gives_one_entry_per_clause(corpus_dir: Path):
    items = {i.number: i for i in _minutes_of_pack(corpus_dir / f"{HCC_2022}.pdf").items}
    texts = [r.text for r in items["11"].resolutions]
    assert len(texts) == 3
    assert texts[1] == (
        "That the Corporate Parenting Board note the work proposed to expand the wider "
        "understanding of shared partnerships, companies, businesses and communities of "
        "children in care and the foster carer role, and considers the contribution that "
        "Councillors could make in this area."
    )
    assert texts[0] == "That the Corporate Parenting Board note the progress of the programme."
    assert texts[2] == "That an update is provided to the Board in January 2022."


def test_resolved_in_the_middle_of_a_line_is_found(corpus_dir: Path):
    items = {i.number: i for i in _minutes_of_pack(corpus_dir / f"{HCC_2022}.pdf").items}
    assert [r.text for r in items["10"].resolutions] == [
        "That the Corporate Parenting Board continue to note the plans in place and joint "
        "working with Health and Social Care."
    ]


def test_closing_chairman_line_is_not_part_of_the_last_item(corpus_dir: Path):
    last = _minutes_of_pack(corpus_dir / f"{HCC_2022}.pdf").items[-1]
    assert "Chairman, Corporate Parenting Board" not in last.text
    assert last.text.endswith("That an update is provided to the Board in January 2022.")


def test_minutes_pages_stop_at_the_last_content_page(corpus_dir: Path):
    minutes = _minutes_of_pack(corpus_dir / f"{HCC_2022}.pdf")
    assert minutes.pages == [3, 7]  # page 8 is "intentionally left blank"
    assert minutes.agenda_item == "3"


# ---------------------------------------------------------------- Kent printed minutes


def test_kent_printed_minutes_items_and_resolutions(real_dir: Path):
    minutes = _whole(real_dir / KENT_CABINET)
    assert (minutes.body, minutes.date) == ("Cabinet", "2025-01-30")
    items = [(i.number, i.agenda_item) for i in minutes.items]
    # minute numbers continue from earlier meetings; "(Item N)" is the agenda item minuted
    assert items == [(str(84 + k), str(1 + k)) for k in range(9)]
    assert minutes.items[4].title == (
        "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25"
    )
    by_number = {i.number: i for i in minutes.items}
    assert [r.text for r in by_number["86"].resolutions] == [
        "That the minutes of the meeting on 9 January 2025 were a correct record and that "
        "they be signed by the Chair"
    ]
    # "3. RESOLVED that Cabinet agree to: A) ... f)" -> six clauses, labels removed
    clauses = [r.text for r in by_number["88"].resolutions]
    assert len(clauses) == 6
    assert clauses[0] == "Note the forecast revenue overspend of £23.3m (excluding Schools)."
    assert (
        clauses[5] == "Note the Reserves, Treasury Management and Prudential Indicators Monitoring"
    )


def test_kent_numbered_paragraphs_inside_an_item_are_not_items(real_dir: Path):
    items = _whole(real_dir / KENT_CABINET).items
    # "1. Mr R Gough, Leader of the Council provided an update ..." stays inside minute 87
    assert "Mr R Gough, Leader of the Council provided an update" in items[3].text
    assert all(int(i.number) >= 84 for i in items)


def test_kent_clause_on_the_next_page_keeps_its_own_page(real_dir: Path):
    items = {i.number: i for i in _whole(real_dir / KENT_CABINET).items}
    assert [r.page for r in items["91"].resolutions] == [15, 15, 16]
    assert (
        items["91"]
        .resolutions[2]
        .text.startswith(
            "Delegate authority to the Director of Public Health, in consultation with the relevant"
        )
    )


def test_sub_headings_between_resolution_clauses_are_dropped(real_dir: Path):
    items = {i.number: i for i in _whole(real_dir / KENT_COUNCIL).items}
    texts = [r.text for r in items["308"].resolutions]
    # "a) ... d)", then "And; This Council agrees to call on ... to:", then "a) b)"
    assert len(texts) == 6
    assert texts[3] == (
        "Urgent action is required to address the environmental and health impacts of "
        "disposable vapes."
    )


def test_present_paragraph_gives_members_chairman_and_officer_roles(real_dir: Path):
    minutes = _whole(real_dir / KENT_CABINET)
    people = {a.name: a for a in minutes.attendance}
    assert minutes.chairman == "Mr R W Gough"
    members = [a.name for a in minutes.attendance if a.role is None and a.present]
    assert members == [
        "Mr N Baker",
        "Mrs S Chandler",
        "Mr D Jeffrey",
        "Mr R C Love",  # "Mr R C Love, OBE": the honour is not a person
        "Mr D Murphy",
        "Mr P J Oakford",
        "Mr D Watkins",
        "Mr R J Thomas",
    ]
    assert people["Dr A Ghosh"].role == "Director of Public Health"
    assert people["Mrs S Hammond"].role == (
        "Corporate Director Children, Young People and Education"
    )
    # "Apologies were received from Mrs C Bell." in the apologies minute
    assert [a.name for a in minutes.attendance if not a.present] == ["Mrs C Bell"]


# ---------------------------------------------------------------- other house styles


@pytest.mark.parametrize(
    ("name", "date"),
    [
        ("uk_tintern-cc_2019-05-20_agm_minutes.pdf", "2019-05-20"),
        ("ca_nipissing-twp_2024-12-03_council_minutes.pdf", "2024-12-03"),
        ("us_coral-gables_2024-02-13_city-commission_minutes.pdf", "2024-02-13"),
    ],
)
def test_other_councils_minutes_give_the_meeting_date(real_dir: Path, name: str, date: str):
    assert _whole(real_dir / name).date == date


def test_community_council_minutes_give_numbered_items_with_colon_titles(real_dir: Path):
    minutes = _whole(real_dir / "uk_tintern-cc_2019-05-20_agm_minutes.pdf")
    assert [(i.number, i.title) for i in minutes.items[:2]] == [
        ("805", "Apologies for absence"),
        ("806", "Confirmation of minutes of 2018 AGM"),
    ]
    assert minutes.items[0].text == "Cllr Shewell."
    assert minutes.chairman == "Cllr Hayward"  # "Cllrs Hayward (in the chair), Hoskins, ..."


def test_numbered_resolution_clauses_without_minute_items_make_no_items(real_dir: Path):
    # Nipissing minutes number the clauses of a by-law resolution "1." to "5.": not items
    minutes = _whole(real_dir / "ca_nipissing-twp_2024-12-03_council_minutes.pdf")
    # no minute headings: at most one unnumbered, untitled item holding the motions carried
    assert [(i.number, i.title) for i in minutes.items] in ([], [("", "")])
    assert [a.name for a in minutes.attendance[:4]] == [
        "Mayor Dave Yemm",  # "Mayor Dave Yemm and Councillors Shelly Foote, ..."
        "Councillor Shelly Foote",
        "Councillor Stephen Kirkey",
        "Councillor James Scott",
    ]


# ---------------------------------------------------------------- sample packs


def _samples_with_minutes(sample_dir: Path) -> list[Path]:
    if not sample_dir.is_dir():
        return []
    return [
        p
        for p in sorted(sample_dir.glob("*.pdf"))
        if p.with_name(p.stem + ".truth.json").exists() and _truth(p).get("minutes")
    ]


def _sample_minutes(pdf: Path) -> tuple[Minutes, dict[str, Any]]:
    truth = _truth(pdf)["minutes"]
    section = next(s for s in _truth(pdf)["sections"] if s["kind"] == "minutes")
    pages = _layouts(str(pdf))[section["start_page"] - 1 : section["end_page"]]
    minutes = parse_minutes(list(pages), section["agenda_item"])
    assert minutes is not None
    return minutes, truth


def test_sample_minutes_match_truth(sample_dir: Path):
    packs = _samples_with_minutes(sample_dir)
    assert packs, "the committed sample packs carry minutes with ground truth"
    for pdf in packs:
        minutes, truth = _sample_minutes(pdf)
        assert (minutes.body, minutes.date, minutes.chairman) == (
            truth["body"],
            truth["date"],
            truth["chairman"],
        ), pdf.name
        assert [{"name": a.name, "present": a.present} for a in minutes.attendance] == truth[
            "attendance"
        ], pdf.name
        assert minutes.pages == truth["pages"], pdf.name
        got = [
            {
                "number": i.number,
                "title": i.title,
                "resolutions": [r.text for r in i.resolutions],
                "pages": i.pages,
            }
            for i in minutes.items
        ]
        assert got == truth["items"], pdf.name


def _straddling_clauses(pdf: Path) -> list[tuple[str, str]]:
    """(item number, clause) of truth resolutions whose text is on no single page."""
    pages = [norm_ws(join_lines(ln.text for ln in p.lines)) for p in _layouts(str(pdf))]
    out = []
    for item in _truth(pdf)["minutes"]["items"]:
        for clause in item["resolutions"]:
            if not any(norm_ws(clause) in text for text in pages):
                out.append((item["number"], clause))
    return out


def test_sample_clause_running_over_a_page_break_is_whole(sample_dir: Path):
    straddling = [
        (p, n, c) for p in _samples_with_minutes(sample_dir) for n, c in _straddling_clauses(p)
    ]
    # the sample generator puts one there on purpose (corpora/sample/README.md)
    assert straddling, "no sample pack with a resolution running over a page break"
    for pdf, number, clause in straddling:
        minutes, _ = _sample_minutes(pdf)
        item = next(i for i in minutes.items if i.number == number)
        assert clause in [r.text for r in item.resolutions], pdf.name
        pages = [r.page for r in item.resolutions]
        assert pages == sorted(pages), pdf.name
