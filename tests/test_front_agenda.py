"""Front sheet -> Meeting and agenda -> AgendaItems, against truth files and real house styles.

Truth-file tests run on ../shared/corpus (skipped when absent) and on corpora/sample (skipped
until it has PDFs). The fake-page tests pin single behaviours of the agenda parser without PDFs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.structure.agenda import parse_agenda
from extract.structure.front import parse_meeting
from extract.textutil import norm_ws
from tests.structure_helpers import (
    fake_body_page,
    fake_page,
    pack_of,
    real_file,
    truth_cases,
    truth_of,
)

CASES = truth_cases()


# ------------------------------------------------------------------ truth files


@pytest.mark.shared
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.name)
def test_meeting_matches_truth(pdf: Path) -> None:
    meeting, truth = pack_of(pdf).meeting, truth_of(pdf)["meeting"]
    got = {"committee": meeting.body, "date": meeting.date, "time": meeting.time}
    got["place"] = meeting.place
    assert got == {k: truth[k] for k in ("committee", "date", "time", "place")}


@pytest.mark.shared
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.name)
def test_council_is_named_from_pack_text_in_title_case(pdf: Path) -> None:
    truth = truth_of(pdf)["meeting"]
    council = pack_of(pdf).meeting.council
    if "council" in truth:
        assert council == truth["council"]
    else:  # the Hampshire packs print it only in capitals, in minutes and report headers
        assert council == "Hampshire County Council"


@pytest.mark.shared
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.name)
def test_agenda_numbers_titles_and_pages_match_truth(pdf: Path) -> None:
    got = [(a.number, a.title, a.pages) for a in pack_of(pdf).agenda]
    want = [(a["number"], a["title"], a["pages"]) for a in truth_of(pdf)["agenda"]]
    assert got == want


@pytest.mark.shared
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.name)
def test_agenda_descriptions_match_truth(pdf: Path) -> None:
    got = [norm_ws(a.description) for a in pack_of(pdf).agenda]
    want = [norm_ws(a["description"]) for a in truth_of(pdf)["agenda"]]
    assert got == want


# ------------------------------------------------------------ agenda, fake pages

_FRONT = [
    (77.0, 117.0, "Meeting Finance Panel"),
    (77.0, 139.0, "Date and Time Monday, 3rd June, 2024 at 2.00 pm"),
    (77.0, 161.0, "Place Council Chamber, Town Hall"),
    (265.0, 200.0, "AGENDA"),
]


def test_wrapped_title_and_wrapped_pages_reference_are_joined() -> None:
    front = fake_page(
        1,
        _FRONT
        + [
            (72.0, 230.0, "1. ANNUAL REPORT OF THE INDEPENDENT REVIEWING SERVICE AND"),
            (107.0, 244.0, "SAFEGUARDING UNIT (Pages"),
            (107.0, 258.0, "3 - 4)"),
            (106.0, 277.0, "To receive a report from the Director."),
        ],
        footer="1",
    )
    pages = [front, fake_body_page(2, "x"), fake_body_page(3, "Report", stamp="1")]
    pages.append(fake_body_page(4, "more"))
    items = parse_agenda(pages)
    assert [(i.number, i.title, i.pages, i.description) for i in items] == [
        (
            "1",
            "ANNUAL REPORT OF THE INDEPENDENT REVIEWING SERVICE AND SAFEGUARDING UNIT",
            [3, 4],
            "To receive a report from the Director.",
        )
    ]


def test_agenda_continues_over_a_page_break_and_stops_at_about_this_agenda() -> None:
    page1 = fake_page(1, _FRONT + [(72.0, 230.0, "1. APOLOGIES FOR ABSENCE")], footer="1")
    page2 = fake_page(
        2,
        [
            (72.0, 74.0, "2. DEPUTATIONS"),
            (106.0, 92.0, "To receive any deputations."),
            (71.0, 130.0, "ABOUT THIS AGENDA:"),
            (72.0, 150.0, "3. This numbered line is not an agenda item"),
        ],
        footer="2",
    )
    items = parse_agenda([page1, page2])
    assert [(i.number, i.title) for i in items] == [
        ("1", "APOLOGIES FOR ABSENCE"),
        ("2", "DEPUTATIONS"),
    ]


def test_page_references_are_printed_numbers_mapped_through_footers() -> None:
    cover = fake_page(
        1,
        [
            (57.0, 383.0, "CABINET - THURSDAY, 30 JANUARY 2025"),
            (57.0, 460.0, "Agenda Item No"),
            (57.0, 473.0, "7 Transfer of a service (Pages 1 - 2)"),
            (57.0, 536.0, "Yours sincerely"),
        ],
    )
    blank = fake_page(2, [])
    blank.blank = True
    pages = [cover, blank, fake_body_page(3, "From: a", stamp="7"), fake_body_page(4, "b")]
    pages[2].footer_page, pages[3].footer_page = "1", "2"  # printed "Page 1" is physical page 3
    assert [(i.number, i.pages) for i in parse_agenda(pages)] == [("7", [3, 4])]


def test_papers_printed_elsewhere_get_no_pages() -> None:
    front = fake_page(1, _FRONT + [(54.0, 230.0, "3. Minutes of the Meeting (Pages 1 - 10)")])
    assert [(i.number, i.pages) for i in parse_agenda([front])] == [("3", None)]


def test_numbered_minutes_are_not_read_as_an_agenda() -> None:
    minutes = fake_page(
        1,
        [
            (72.0, 129.0, "MINUTES of a meeting of the Cabinet held in the Council Chamber on"),
            (72.0, 143.0, "Thursday, 30 January 2025."),
            (72.0, 170.0, "PRESENT: Mr A Member (Chairman)"),
            (71.0, 419.0, "1. Apologies"),
            (71.0, 460.0, "2. Declarations of Interest"),
            (71.0, 500.0, "3. Minutes of the Meeting held on 9th January 2025"),
        ],
    )
    assert parse_agenda([minutes, fake_body_page(2, "4. Cabinet Member Updates")]) == []


def test_item_numbers_must_follow_on_so_wrapped_years_are_not_items() -> None:
    front = fake_page(
        1,
        [
            (265.0, 383.0, "A G E N D A"),
            (57.0, 412.0, "1. Apologies for Absence"),
            (57.0, 440.0, "2. Minutes of the meetings held on 19 December 2024 and 9 January"),
            (87.0, 454.0, "2025 and, if in order, to be approved as a correct record"),
            (57.0, 481.0, "3. Chairman's Announcements"),
        ],
    )
    items = parse_agenda([front])
    assert [i.number for i in items] == ["1", "2", "3"]
    assert items[1].title.endswith(
        "9 January 2025 and, if in order, to be approved as a correct record"
    )


# --------------------------------------------------------------- meeting, fakes


def test_letter_date_does_not_override_meeting_date_of_cover_letter() -> None:
    cover = fake_page(
        1,
        [
            (393.0, 323.0, "Date: 29 January 2025"),
            (58.0, 357.0, "Dear Member"),
            (57.0, 383.0, "CABINET - THURSDAY, 30 JANUARY 2025"),
        ],
    )
    meeting = parse_meeting([cover])
    assert (meeting.body, meeting.date) == ("Cabinet", "2025-01-30")


def test_minutes_of_previous_meeting_do_not_change_front_sheet_date() -> None:
    front = fake_page(1, _FRONT[:3])
    minutes = fake_page(
        2,
        [
            (71.0, 73.0, "AT A MEETING of the Finance Panel of BORCHESTER COUNTY COUNCIL"),
            (72.0, 87.0, "held at the Castle, Winchester on Tuesday, 25th September, 2018"),
        ],
        stamp="3",
    )
    meeting = parse_meeting([front, minutes])
    assert (meeting.council, meeting.body, meeting.date, meeting.time, meeting.place) == (
        "Borchester County Council",
        "Finance Panel",
        "2024-06-03",
        "14:00",
        "Council Chamber, Town Hall",
    )


# ------------------------------------------------------------- real house styles


@pytest.mark.shared
def test_kent_agenda_frontsheet_gives_meeting_from_heading_and_date_line() -> None:
    meeting = pack_of(real_file("uk_kent_2025-01-30_cabinet_agenda-frontsheet.pdf")).meeting
    assert (meeting.council, meeting.body, meeting.date, meeting.time, meeting.place) == (
        "Kent County Council",
        "Cabinet",
        "2025-01-30",
        "10:00",
        "Council Chamber, Sessions House, County Hall, Maidstone",
    )


@pytest.mark.shared
def test_kent_summons_sentence_gives_body_place_date_and_time() -> None:
    meeting = pack_of(real_file("uk_kent_2025-03-13_county-council_agenda-frontsheet.pdf")).meeting
    assert (meeting.body, meeting.date, meeting.time, meeting.place) == (
        "County Council",
        "2025-03-13",
        "10:00",
        "Council Chamber, County Hall, Maidstone, Kent, ME14 1XQ",
    )


@pytest.mark.shared
def test_kent_frontsheet_agenda_lists_items_whose_papers_are_not_in_the_file() -> None:
    agenda = pack_of(real_file("uk_kent_2025-03-13_county-council_agenda-frontsheet.pdf")).agenda
    assert [a.number for a in agenda] == [str(n) for n in range(1, 18)]
    assert all(a.pages is None for a in agenda)
    assert agenda[3].title == (
        "Corporate Parenting Panel - October 2024 and December 2024 Minutes for noting"
    )


@pytest.mark.shared
def test_standalone_printed_minutes_give_meeting_from_their_header() -> None:
    pack = pack_of(real_file("uk_kent_2025-01-30_cabinet_printed-minutes.pdf"))
    meeting = pack.meeting
    assert (meeting.council, meeting.body, meeting.date) == (
        "Kent County Council",
        "Cabinet",
        "2025-01-30",
    )
    assert pack.agenda == []  # its numbered minutes are not an agenda


@pytest.mark.shared
def test_labelled_front_sheet_venue_continues_onto_its_address_line() -> None:
    meeting = pack_of(real_file("uk_merton_2009-10-22_audit-committee_agenda-pack.pdf")).meeting
    assert (meeting.council, meeting.body, meeting.date, meeting.time) == (
        "Merton Council",
        "Audit Committee",
        "2009-10-22",
        "19:15",
    )
    assert meeting.place is not None and meeting.place.endswith("Morden SM4 5DX")


@pytest.mark.shared
def test_community_council_summons_names_the_above_council_and_venue() -> None:
    pack = pack_of(real_file("uk_tintern-cc_2019-05-20_agm_agenda.pdf"))
    meeting = pack.meeting
    assert (meeting.council, meeting.body, meeting.date, meeting.time, meeting.place) == (
        "Tintern Community Council",
        "Tintern Community Council",
        "2019-05-20",
        "18:30",
        "Tintern Village Hall",
    )
    numbers = [a.number for a in pack.agenda]
    assert numbers[:2] == ["805", "806"] and numbers[-1] == "2708"  # two agendas, two pages


@pytest.mark.shared
def test_us_cover_page_gives_council_body_date_time_and_place() -> None:
    meeting = pack_of(real_file("us_coral-gables_2024-01-23_city-commission_agenda.pdf")).meeting
    assert (meeting.council, meeting.body, meeting.date, meeting.time, meeting.place) == (
        "City of Coral Gables",
        "City Commission",
        "2024-01-23",
        "09:00",
        "City Hall, Commission Chambers",
    )


@pytest.mark.shared
def test_table_of_contents_page_numbers_give_the_start_pages() -> None:
    agenda = pack_of(real_file("uk_merton_2009-10-22_audit-committee_agenda-pack.pdf")).agenda
    assert [(a.number, a.pages) for a in agenda][:4] == [
        ("1", None),  # its "1" is a footnote mark on the agenda page itself
        ("2", None),
        ("3", [3, 8]),
        ("4", None),  # papers from printed page 9 on are not in this 8-page extract
    ]
    assert agenda[0].title == "Declarations of interest"
