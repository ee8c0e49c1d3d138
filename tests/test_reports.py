"""Report parsing on real documents: header table, recommendations, sections."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from extract.layout import layout
from extract.model import PageLayout, Report
from extract.pages import read_pages
from extract.structure.reports import parse_report

HCC_2017 = "hcc-children-and-families-advisory-panel-2017-10-17"
HCC_2018 = "hcc-corporate-parenting-board-2018-12-03"
HCC_2022 = "hcc-corporate-parenting-board-2022-06-15"
KENT_DEVOLUTION = "uk_kent_2025-01-09_county-council_devolution-report.pdf"
KENT_GOVERNANCE = "uk_kent_2025-03-13_county-council_governance-update-report.pdf"
KENT_ITEM7_PACK = "uk_kent_2025-01-30_cabinet_item7-supplement-pack.pdf"


@functools.cache
def _layouts(path: str) -> tuple[PageLayout, ...]:
    return tuple(layout(read_pages(Path(path)).pages))


def _truth(pdf: Path) -> dict[str, Any]:
    return json.loads(pdf.with_name(pdf.stem + ".truth.json").read_text())


def _report(pdf: Path, first: int, last: int, item: str | None = None) -> Report:
    report = parse_report(list(_layouts(str(pdf))[first - 1 : last]), item)
    assert report is not None
    return report


def _pack_reports(pdf: Path) -> list[tuple[dict[str, Any], Report]]:
    """(truth section, parsed report) for every report section of a pack."""
    out = []
    for s in _truth(pdf)["sections"]:
        if s["kind"] == "report":
            out.append((s, _report(pdf, s["start_page"], s["end_page"], s["agenda_item"])))
    return out


def _by_item(pdf: Path) -> dict[str, Report]:
    return {s["agenda_item"]: r for s, r in _pack_reports(pdf)}


# ---------------------------------------------------------------- Hampshire header table


@pytest.mark.parametrize("pack", [HCC_2017, HCC_2018, HCC_2022])
def test_report_header_fields_match_truth(corpus_dir: Path, pack: str):
    pdf = corpus_dir / f"{pack}.pdf"
    meeting = _truth(pdf)["meeting"]
    for section, report in _pack_reports(pdf):
        where = f"{pack} item {section['agenda_item']}"
        assert report.title == section["title"], where
        assert report.date == meeting["date"], where
        assert report.committee == meeting["committee"], where
        assert report.agenda_item == section["agenda_item"], where
        assert report.report_from and "Director" in report.report_from, where
        assert report.contact.name and report.contact.email and "@" in report.contact.email, where
        assert report.pages == [section["start_page"], section["last_content_page"]], where


def test_decision_report_is_flagged_and_its_decision_maker_is_the_committee(corpus_dir: Path):
    reports = _by_item(corpus_dir / f"{HCC_2017}.pdf")
    assert [(item, r.decision_report) for item, r in sorted(reports.items())] == [
        ("6", True),
        ("7", False),
        ("8", False),
        ("9", False),
    ]
    assert reports["6"].committee == "Children and Families Advisory Panel"  # "Decision Maker:"


def test_title_wrapping_onto_a_second_line_is_joined(corpus_dir: Path):
    reports = _by_item(corpus_dir / f"{HCC_2017}.pdf")
    assert reports["6"].title == (
        "Update on the work of Hampshire Youth Offending Team and the Hampshire Youth Justice "
        "Plan 2016-17"
    )


def test_contact_name_drops_role_and_glued_phone_number(corpus_dir: Path):
    assert _by_item(corpus_dir / f"{HCC_2022}.pdf")["7"].contact.name == "Stuart Ashley"
    contact = _by_item(corpus_dir / f"{HCC_2017}.pdf")["8"].contact
    # "Contact name: Laura Mallinson 01420 545638" then "Tel: 01962 891623"
    assert (contact.name, contact.tel) == ("Laura Mallinson", "01962 891623")


def test_squeezed_header_still_gives_tel_and_email(corpus_dir: Path):
    # the contact's role wraps so far that "Tel:" shares a line with it and the number
    # and address fall below their labels
    contact = _by_item(corpus_dir / f"{HCC_2022}.pdf")["11"].contact
    assert (contact.name, contact.tel, contact.email) == (
        "Lao Cooper",
        "0300 304 1091",
        "lao.cooper@spft.nhs.uk",
    )


# ---------------------------------------------------------------- recommendations


def test_numbered_recommendations_are_verbatim_one_per_paragraph(corpus_dir: Path):
    recs = _by_item(corpus_dir / f"{HCC_2017}.pdf")["8"].recommendations
    assert len(recs) == 4
    assert recs[2].text == (
        "That the Children and Families Advisory Panel appoints three Members to the Board, on "
        "a proportionate basis and identifies one of them as Chairman and another as "
        "Vice-Chairman. In addition, that the Children and Families Advisory Panel appoint a "
        "substitute member for each political Group."
    )
    assert {r.page for r in recs} == {57}


def test_recommendation_stops_at_the_next_heading(corpus_dir: Path):
    reports = _by_item(corpus_dir / f"{HCC_2018}.pdf")
    assert [r.text for r in reports["6"].recommendations] == [
        "That the Corporate Parenting Board note the content of this report."
    ]
    recs = _by_item(corpus_dir / f"{HCC_2017}.pdf")["7"].recommendations
    assert len(recs) == 1
    assert recs[0].text.endswith("Care Planning for Hampshire’s ‘Looked After’ children.")


def test_recommendation_keeps_its_bullet_list(corpus_dir: Path):
    recs = _by_item(corpus_dir / f"{HCC_2022}.pdf")["8"].recommendations
    assert len(recs) == 1
    assert recs[0].text.startswith(
        "The Corporate Parenting Board supports the priority areas for Children’s Services, "
        "Children in Care Teams as being: • Improving the timeliness of all Health Assessments "
        "• Increasing the number of children who can safely be reunified"
    )


def test_recommendations_under_an_unnumbered_heading(corpus_dir: Path):
    recs = _by_item(corpus_dir / f"{HCC_2022}.pdf")["9"].recommendations
    assert [r.text for r in recs] == [
        "To note the contents of the Participation Strategy 2022 – 2025.",
        "To take particular note of the governance of the strategy, specifically, the roles and "
        "responsibilities of the Corporate Parenting Board as laid out within the strategy.",
    ]


# ---------------------------------------------------------------- sections


def test_sections_split_at_top_level_headings_only(corpus_dir: Path):
    report = _by_item(corpus_dir / f"{HCC_2017}.pdf")["7"]
    assert [s.heading for s in report.sections[:5]] == [
        "1. Summary",
        "2. Contextual information",
        "3. Finance",
        "4. Performance",
        "5. Recommendation(s)",
    ]
    context = report.sections[1]
    # numbered paragraphs 2.1, 2.2 stay inside their section
    assert context.text.startswith("2.1 The statutory guidance")
    assert "2.2 The report is presented in two appendices:" in context.text
    assert context.pages == [27, 27]
    assert report.sections[3].pages == [27, 28]


def test_unnumbered_headings_start_sections(corpus_dir: Path):
    report = _by_item(corpus_dir / f"{HCC_2022}.pdf")["12"]
    assert [s.heading for s in report.sections[:4]] == [
        "Purpose of this Report",
        "Recommendation",
        "Executive Summary",
        "Contextual information",
    ]


# ---------------------------------------------------------------- Kent report style


def test_kent_report_from_to_subject_header(real_dir: Path):
    pdf = real_dir / KENT_DEVOLUTION
    report = _report(pdf, 1, len(_layouts(str(pdf))))
    assert report.title == "English Devolution White Paper"
    assert (report.date, report.committee) == ("2025-01-09", "County Council")
    assert report.report_from == "Roger Gough, Leader of the Council"
    texts = [r.text for r in report.recommendations]
    assert len(texts) == 4  # "(1)" ... "(4)" after "County Council is asked to:"
    assert texts[0] == (
        "Endorse the ongoing joint work between KCC, Medway Council and District and Borough "
        "Council Leaders to respond the English Devolution White Paper"
    )


def test_kent_lettered_recommendations_and_decision_number(real_dir: Path):
    report = _report(real_dir / KENT_ITEM7_PACK, 3, 22, "7")
    assert report.title.startswith("Transfer the 18-25 section of the Strengthening Independence")
    assert report.title.endswith("to the Adult Social Care and Health Directorate")
    assert (report.date, report.committee, report.decision_report) == (
        "2025-01-30",
        "Cabinet",
        True,
    )
    # several "From:" people, one per paragraph
    assert report.report_from and report.report_from.count("; ") == 3
    texts = [r.text for r in report.recommendations]
    assert len(texts) == 2
    assert texts[0].startswith("Agree to TRANSFER the statutory functions")
    assert texts[1].startswith("DELEGATE authority to the Corporate Director")


def test_kent_recommendations_in_a_numbered_section(real_dir: Path):
    pdf = real_dir / KENT_GOVERNANCE
    report = _report(pdf, 1, len(_layouts(str(pdf))))
    assert (report.title, report.date) == ("Governance Update", "2025-03-13")
    assert len(report.recommendations) == 6
    assert report.recommendations[4].text == (
        "If Recommendation 4 is passed, APPROVE the relevant changes to the Constitution"
    )
    assert report.contact.name == "Benjamin Watts"  # "Benjamin Watts – General Counsel"


@pytest.mark.parametrize(
    ("name", "title", "date"),
    [
        (
            "uk_kent_2025-01-30_cabinet_finance-monitoring-q3-report.pdf",
            "Finance Monitoring Report",
            "2025-01-30",
        ),
    ],
)
def test_report_without_header_rows_takes_its_first_line_as_title(
    real_dir: Path, name: str, title: str, date: str
):
    pdf = real_dir / name
    report = _report(pdf, 1, len(_layouts(str(pdf))))
    assert (report.title, report.date, report.committee) == (title, date, "Cabinet")


# ---------------------------------------------------------------- sample packs


def test_sample_reports_match_truth(sample_dir: Path):
    candidates = sorted(sample_dir.glob("*.pdf")) if sample_dir.is_dir() else []
    packs = [
        p
        for p in candidates
        if p.with_name(p.stem + ".truth.json").exists() and _truth(p).get("reports")
    ]
    assert packs, "the committed sample packs carry reports with ground truth"
    for pdf in packs:
        sections = {s["agenda_item"]: s for s in _truth(pdf)["sections"]}
        for want in _truth(pdf)["reports"]:
            s = sections[want["agenda_item"]]
            got = _report(pdf, s["start_page"], s["end_page"], s["agenda_item"])
            where = f"{pdf.name} item {want['agenda_item']}"
            for key in ("title", "date", "report_from", "committee", "decision_report", "pages"):
                assert getattr(got, key) == want[key], f"{where}: {key}"
            assert (got.contact.name, got.contact.tel, got.contact.email) == (
                want["contact"]["name"],
                want["contact"]["tel"],
                want["contact"]["email"],
            ), where
            assert [r.text for r in got.recommendations] == want["recommendations"], where
