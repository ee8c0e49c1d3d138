"""Segmentation of a pack into documents: page ranges, kinds, titles, fillers, page -> item.

Truth-file tests run on ../shared/corpus and corpora/sample. Golden summaries pin the output
for the real Kent files (tests/golden/<name>.json); BOARDPAPERS_REGEN_GOLDEN=1 rewrites them
after a deliberate change (review the diff before committing it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from extract.model import AgendaItem, Pack
from extract.structure.documents import segment
from tests.structure_helpers import (
    fake_body_page,
    fake_page,
    pack_of,
    real_file,
    real_files,
    truth_cases,
    truth_of,
)

CASES = truth_cases()
GOLDEN = Path(__file__).resolve().parent / "golden"
REGEN = os.environ.get("BOARDPAPERS_REGEN_GOLDEN") == "1"
KENT = sorted(
    {p.stem for p in real_files("uk_kent_*.pdf")} | {p.stem for p in GOLDEN.glob("*.json")}
)


# ------------------------------------------------------------------ truth files


@pytest.mark.shared
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.name)
def test_documents_match_truth_sections(pdf: Path) -> None:
    got = [(d.agenda_item, d.kind, d.title, d.pages) for d in pack_of(pdf).documents]
    want = [
        (s["agenda_item"], s["kind"], s["title"], [s["start_page"], s["end_page"]])
        for s in truth_of(pdf)["sections"]
    ]
    assert got == want


@pytest.mark.shared
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.name)
def test_document_pages_equal_agenda_ranges(pdf: Path) -> None:
    pack = pack_of(pdf)
    ranges = {a.number: a.pages for a in pack.agenda if a.pages}
    assert {d.agenda_item: d.pages for d in pack.documents} == ranges


@pytest.mark.shared
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.name)
def test_blank_pages_match_truth(pdf: Path) -> None:
    assert pack_of(pdf).blank_pages == truth_of(pdf)["blank_pages"]


@pytest.mark.shared
@pytest.mark.parametrize("pdf", CASES, ids=lambda p: p.name)
def test_every_page_maps_to_its_item_and_front_sheet_to_none(pdf: Path) -> None:
    pack, truth = pack_of(pdf), truth_of(pdf)
    want: dict[int, str | None] = {n: None for n in range(1, pack.page_count + 1)}
    for s in truth["sections"]:
        for n in range(s["start_page"], s["end_page"] + 1):
            want[n] = s["agenda_item"]
    assert {p.number: p.agenda_item for p in pack.pages} == want
    assert all(want[n] is None for n in truth["front_sheet_pages"])


# ------------------------------------------------------------------ golden (Kent)


def _summary(pack: Pack) -> dict[str, Any]:
    """What the golden files pin: structure, titles and dates, no long passages of text."""
    d = pack.to_dict()
    return {
        "meeting": d["meeting"],
        "agenda": [
            {**a, "description": a["description"][:80]} for a in d["agenda"]
        ],  # descriptions are clipped: no long third-party passages in the repository
        "documents": d["documents"],
        "blank_pages": d["blank_pages"],
    }


@pytest.mark.shared
@pytest.mark.parametrize("stem", KENT)
def test_kent_file_matches_golden_summary(stem: str) -> None:
    pdf = real_file(f"{stem}.pdf")
    golden = GOLDEN / f"{stem}.json"
    got = _summary(pack_of(pdf))
    if REGEN:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n")
        pytest.skip(f"regenerated {golden.name}")
    assert golden.exists(), f"no golden file {golden}; run with BOARDPAPERS_REGEN_GOLDEN=1"
    assert got == json.loads(golden.read_text())


# ------------------------------------------------------------- real house styles


@pytest.mark.shared
def test_supplement_pack_maps_printed_pages_to_physical_pages() -> None:
    pack = pack_of(real_file("uk_kent_2025-01-30_cabinet_item7-supplement-pack.pdf"))
    # the report, then its Equality Impact Assessment printed after a blank page
    assert [(d.agenda_item, d.kind, d.pages) for d in pack.documents] == [
        ("7", "report", [3, 12]),
        ("7", "other", [13, 22]),
    ]
    assert pack.documents[0].title.startswith("Transfer the 18-25 section")  # its "Subject:"
    assert [p.agenda_item for p in pack.pages][:3] == [None, None, "7"]


@pytest.mark.shared
def test_file_without_agenda_is_one_document_of_its_first_page_kind() -> None:
    report = pack_of(real_file("uk_kent_2025-01-09_county-council_devolution-report.pdf"))
    assert [(d.agenda_item, d.kind, d.title, d.pages) for d in report.documents] == [
        (None, "report", "English Devolution White Paper", [1, 8])
    ]
    minutes = pack_of(real_file("uk_kent_2025-02-13_county-council_printed-minutes.pdf"))
    assert [(d.kind, d.pages) for d in minutes.documents] == [("minutes", [1, 14])]


@pytest.mark.shared
def test_stamp_gives_the_range_when_the_cover_letter_lists_no_items() -> None:
    pack = pack_of(
        real_file("uk_kent_2025-02-13_county-council_budget-amendments_supplement-pack.pdf")
    )
    assert pack.agenda == []
    # item 6's range runs from its stamp to the end; each amendment, printed on its own and
    # padded with a blank page, is a paper of its own within it
    assert {d.agenda_item for d in pack.documents} == {"6"}
    assert pack.documents[0].pages[0] == 3 and pack.documents[-1].pages[1] == 48
    assert [d.pages for d in pack.documents][:2] == [[3, 4], [5, 12]]


@pytest.mark.shared
def test_agenda_only_file_has_no_documents() -> None:
    for name in (
        "uk_kent_2025-01-30_cabinet_agenda-frontsheet.pdf",
        "uk_tintern-cc_2019-05-20_agm_agenda.pdf",
    ):
        pack = pack_of(real_file(name))
        assert pack.agenda and pack.documents == [], name


# ------------------------------------------------------------------ fake pages


def test_stamp_moves_a_range_whose_printed_numbers_were_misread() -> None:
    front = fake_page(1, [(72.0, 74.0, "AGENDA")])
    pages = [front, fake_body_page(2, "cover"), fake_body_page(3, "Report", stamp="4")]
    pages += [fake_body_page(4, "more"), fake_body_page(5, "more")]
    agenda = [AgendaItem("4", "A REPORT", "", [2, 4])]
    seg = segment(pages, agenda)
    assert [(d.agenda_item, d.pages) for d in seg.documents] == [("4", [3, 5])]


def test_kind_is_minutes_when_agenda_title_says_so_and_page_has_no_header() -> None:
    pages = [fake_page(1, [(72.0, 74.0, "AGENDA")]), fake_body_page(2, "Panel notes", stamp="2")]
    seg = segment(pages, [AgendaItem("2", "Minutes of the Panel for noting", "", [2, 2])])
    assert [(d.kind, d.title) for d in seg.documents] == [
        ("minutes", "Minutes of the Panel for noting")
    ]


def test_report_title_header_is_joined_over_its_wrapped_line() -> None:
    page = fake_page(
        2,
        [
            (188.0, 74.0, "HAMPSHIRE COUNTY COUNCIL"),
            (232.0, 93.0, "Decision Report"),
            (77.0, 126.0, "Decision Maker: Children and Families Advisory Panel"),
            (76.0, 170.0, "Title: Update on the work of the Youth Offending Team and"),
            (195.0, 184.0, "the Youth Justice Plan 2016-17"),
            (77.0, 206.0, "Report From: Director of Children's Services"),
        ],
        stamp="6",
    )
    seg = segment(
        [fake_page(1, [(72.0, 74.0, "AGENDA")]), page], [AgendaItem("6", "PLAN", "", [2, 2])]
    )
    assert [(d.kind, d.title) for d in seg.documents] == [
        (
            "report",
            "Update on the work of the Youth Offending Team and the Youth Justice Plan 2016-17",
        )
    ]
