"""Figures: money, percentages, counts, rates, ranges, periods; and what is not a figure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract import ExtractSettings, extract
from extract.enrich.figures import extract_figures
from extract.enrich.text import blocks_of
from extract.model import Figure, Meeting, Pack, PageInfo


def pack_of(*pages: str, item: str | None = "6") -> Pack:
    return Pack(
        source="test.pdf",
        sha256="",
        page_count=len(pages),
        meeting=Meeting(),
        pages=[PageInfo(number=i + 1, text=t, agenda_item=item) for i, t in enumerate(pages)],
    )


def figures(*pages: str) -> list[Figure]:
    return extract_figures(blocks_of(pack_of(*pages)))


def one(text: str) -> Figure:
    found = figures(text)
    assert len(found) == 1, [(f.text, f.unit) for f in found]
    return found[0]


# ------------------------------------------------------------------ values and units


def test_money_with_k_suffix_is_thousands_of_pounds() -> None:
    f = one("The service saved £565k against its budget.")
    assert (f.text, f.value, f.unit) == ("£565k", 565_000, "GBP")


def test_money_with_m_suffix_is_millions_of_pounds() -> None:
    f = one("There is a forecast overspend of £3.7m on placements.")
    assert (f.value, f.unit) == (3_700_000, "GBP")


def test_money_with_million_in_words_is_millions_of_pounds() -> None:
    f = one("A further £1.9 million was allocated to early help.")
    assert (f.text, f.value, f.unit) == ("£1.9 million", 1_900_000, "GBP")


def test_decimal_percentage_keeps_its_decimals() -> None:
    f = one("Timeliness of assessments reached 98.5% this year.")
    assert (f.value, f.unit) == (98.5, "percent")


def test_per_cent_in_words_is_a_percentage() -> None:
    f = one("Only 29 per cent of children answered the survey.")
    assert (f.text, f.value, f.unit) == ("29 per cent", 29, "percent")


def test_count_names_the_plural_noun_it_counts() -> None:
    f = one("There were 272 children's plans audited in the quarter.")
    assert (f.value, f.unit) == (272, "count")
    assert f.about == "children's plans audited"


def test_percentage_after_a_fronted_of_phrase_is_about_that_phrase() -> None:
    found = figures("Of the 272 children's plans audited, 80% were rated good.")
    assert [(f.text, f.about) for f in found if f.unit == "percent"] == [
        ("80%", "children's plans audited")
    ]


def test_count_of_an_acronym_noun_is_a_count() -> None:
    f = one("There are currently 115 UASC in our care.")
    assert (f.value, f.unit, f.about) == (115, "count", "UASC")


def test_rate_per_hundred_thousand_keeps_its_base() -> None:
    f = one("First-time entrants stood at 175 per 100,000 young people.")
    assert (f.value, f.unit, f.per) == (175, "rate", 100_000)


def test_range_gives_value_and_value_max() -> None:
    f = one("Between 230-300 young people attend each session.")
    assert (f.value, f.value_max, f.unit) == (230, 300, "count")


def test_financial_year_is_the_period_of_a_figure_not_a_figure() -> None:
    f = one("Response rates for the youngest children were 45% in 2016/17.")
    assert (f.value, f.period) == (45, "2016/17")


def test_hyphenated_financial_year_is_a_period() -> None:
    f = one("The budget for 2021-22 is £3.7m.")
    assert (f.value, f.period) == (3_700_000, "2021-22")


def test_years_with_unit_are_a_duration_in_years() -> None:
    f = one("A care leaver is someone looked after for at least 13 weeks.")
    assert (f.value, f.unit) == (13, "weeks")


# ------------------------------------------------------------------ what is measured


def test_about_of_a_percentage_is_the_subject_it_describes() -> None:
    f = one("The overall response rate was 29% this year.")
    assert f.about == "overall response rate"


def test_about_of_a_percentage_of_something_is_that_thing() -> None:
    f = one("In Hampshire, 56% of the looked after population were boys.")
    assert f.about == "looked after population"


def test_about_of_a_number_after_of_is_the_noun_before_it() -> None:
    f = one("The survey went to the care population of 1,304 in March.")
    assert (f.value, f.about) == (1304, "care population")


def test_context_is_the_sentence_the_figure_stands_in() -> None:
    text = "This is background. The conference was attended by 83 people. It went well."
    f = one(text)
    assert f.context == "The conference was attended by 83 people."


# ------------------------------------------------------------------ never figures


@pytest.mark.parametrize(
    "text",
    [
        "6. BRIGHT SPOTS SURVEY OF CHILDREN IN CARE (Pages 7 - 14)",
        "See the summary on page 12 of the report.",
        "2.1. The purpose of this paper is to give an overview.",
        "3.10. Senior managers met the lead of the team.",
        "The Board met on 3 December 2018 and again on 25th September, 2018.",
        "The visit took place on 11 and 12 October 2018.",
        "Tel: 01420 546835",
        "T 0300 123 1231 Textphone 0161 618 8524",
        "The Castle, Winchester SO23 8UJ",
        "This is item 7 under Standing Order 18.5 and Section 149 of the Act.",
        "The review started in 2018 under the Children Act 1989.",
        "The meeting starts at 2.00 pm in the Chute Room.",
        "Part 3 Paragraph 1.5 of the County Council's Members' Code of Conduct applies.",
    ],
)
def test_labels_dates_phones_and_references_are_not_figures(text: str) -> None:
    assert [(f.text, f.unit) for f in figures(text)] == []


# ------------------------------------------------------------------ pages and items


def test_figure_in_a_sentence_across_a_page_break_is_on_the_page_of_its_number() -> None:
    found = figures(
        "The Board heard that the survey was completed by the",
        "378 children who took part in it.",
    )
    assert [(f.value, f.page) for f in found] == [(378, 2)]
    assert found[0].context.startswith("The Board heard")


def test_figure_carries_the_agenda_item_of_its_page() -> None:
    assert one("A total of 90 care leavers returned.").agenda_item == "6"


# ------------------------------------------------------------------ a real pack


@pytest.fixture(scope="module")
def pack_2018(corpus_dir: Path) -> Pack:
    result = extract(
        corpus_dir / "hcc-corporate-parenting-board-2018-12-03.pdf", ExtractSettings(tables=False)
    )
    assert result.pack is not None
    return result.pack


def test_corpus_survey_count_and_response_rate_come_out(pack_2018: Pack) -> None:
    got = {(f.page, f.text, f.unit, f.about) for f in pack_2018.figures}
    assert (7, "378", "count", "children and young people") in got
    assert (7, "29%", "percent", "response rate") in got


def test_corpus_figures_carry_the_agenda_item_of_their_report(pack_2018: Pack) -> None:
    on_page_7 = [f for f in pack_2018.figures if f.page == 7]
    assert on_page_7 and {f.agenda_item for f in on_page_7} == {"6"}


def test_corpus_contact_phone_numbers_are_never_figures(pack_2018: Pack) -> None:
    phones = set()
    for page in pack_2018.pages:
        for m in re.finditer(r"Tel:\s*([\d ]+)", page.text):
            phones.update(m.group(1).split())
    assert phones  # the pack prints contact numbers
    assert not [f.text for f in pack_2018.figures if f.text in phones]


def test_corpus_paragraph_numbers_are_never_figures(pack_2018: Pack) -> None:
    numbered = [f for f in pack_2018.figures if re.fullmatch(r"\d+(?:\.\d+)+\.?", f.text)]
    assert numbered == []


# ------------------------------------------------------------ counts and targets in prose


def test_a_target_number_by_a_date_is_a_count_of_what_the_clause_moves() -> None:
    f = one("The priority for 2024/25 is to increase the number of supported lodgings hosts to 30.")
    assert (f.value, f.unit) == (30, "count")
    assert "hosts" in f.about


def test_a_count_reached_names_the_clause_subject() -> None:
    f = one("The number of approved fostering households had fallen to 312 by the end of March.")
    assert (f.value, f.unit, f.about) == (312, "count", "number of approved fostering households")


def test_a_count_of_households_over_a_year_is_found_written_in_words() -> None:
    [hosts, year] = figures(
        "Twenty-three households now provide supported lodgings. Eleven new hosts were "
        "approved in 2023/24."
    )
    assert (hosts.value, hosts.unit, hosts.about) == (23, "count", "households")
    assert (year.value, year.about, year.period) == (11, "new hosts", "2023/24")


def test_from_one_figure_to_another_is_a_change_not_a_range() -> None:
    low, high = figures("The number of children in residential care had risen from 38 to 51.")
    assert (low.value, low.value_max, high.value, high.value_max) == (38, None, 51, None)
    assert low.about == high.about == "number of children"
    a, b = figures("The proportion staying put rose from 29% in 2021/22 to 41% in 2023/24.")
    assert (a.value, a.unit, a.period, b.value, b.period) == (
        29,
        "percent",
        "2021/22",
        41,
        "2023/24",
    )


def test_a_range_is_still_a_range() -> None:
    f = one("Between 230-300 children are placed each year.")
    assert (f.value, f.value_max) == (230, 300)


def test_counts_in_millions_without_a_currency_sign() -> None:
    a, b = figures(
        "Kent and Medway have circa 1.9m residents and a combined population of 1.5 million."
    )
    assert (a.value, a.unit, b.value, b.unit) == (1_900_000, "count", 1_500_000, "count")


def test_a_duration_written_in_words_and_after_the_article_a() -> None:
    a, b = figures(
        "Elections may be postponed for a 12-month period, leaving a three-month window."
    )
    assert (a.value, a.unit, b.value, b.unit) == (12, "months", 3, "months")


def test_a_bracketed_figure_is_about_the_phrase_it_follows() -> None:
    [f] = [g for g in figures("The saving is the running costs of the centres (£1.01m).")]
    assert f.value == 1_010_000 and "running costs" in f.about
    assert [g.value for g in figures("Converting four vehicles (£140k) is planned.")] == [
        4,
        140_000,
    ]


def test_an_age_reached_is_in_years() -> None:
    f = one("Foster carers' income falls when a young person turns 18.")
    assert (f.value, f.unit) == (18, "years")
