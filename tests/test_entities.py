"""Entities: people with roles, organisations, places; canonicalised within a pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract import ExtractSettings, extract
from extract.enrich.entities import extract_entities
from extract.enrich.evaluate import load_gold, score
from extract.enrich.text import blocks_of
from extract.model import Attendee, Contact, Entity, Meeting, Minutes, Pack, PageInfo, Report

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "corpora" / "eval"


def pack_of(
    *pages: str, minutes: list[Minutes] | None = None, reports: list[Report] | None = None
) -> Pack:
    return Pack(
        source="test.pdf",
        sha256="",
        page_count=len(pages),
        meeting=Meeting(),
        minutes=minutes or [],
        reports=reports or [],
        pages=[PageInfo(number=i + 1, text=t, agenda_item=str(i + 3)) for i, t in enumerate(pages)],
    )


def entities(*pages: str, **kw: list) -> list[Entity]:  # type: ignore[type-arg]
    pack = pack_of(*pages, **kw)
    return extract_entities(pack, blocks_of(pack))


def find(ents: list[Entity], label: str, text: str) -> Entity:
    hits = [e for e in ents if e.label == label and (e.text == text or text in e.aliases)]
    assert len(hits) == 1, [(e.label, e.text, e.aliases) for e in ents]
    return hits[0]


def labels_of(ents: list[Entity], text: str) -> set[str]:
    return {e.label for e in ents if e.text == text or text in e.aliases}


# ------------------------------------------------------------------ people


def test_councillor_title_makes_a_person_with_role_councillor() -> None:
    ents = entities("The report was introduced by Councillor Roz Chadd at the meeting.")
    person = find(ents, "PERSON", "Roz Chadd")
    assert person.role == "Councillor"


def test_cllr_abbreviation_makes_a_person_with_role_councillor() -> None:
    ents = entities("The Panel appointed Cllr Porter as Liberal Democrat Deputy.")
    assert find(ents, "PERSON", "Cllr Porter").role == "Councillor"


def test_titled_surname_mentions_join_the_full_name_from_attendance() -> None:
    minutes = Minutes(
        agenda_item="3",
        body=None,
        date=None,
        chairman=None,
        attendance=[Attendee(name="Councillor Malcolm Wade", present=True)],
    )
    ents = entities(
        "Present: Councillor Malcolm Wade and others.",
        "Cllr Wade asked about placements. Councillor Wade thanked officers.",
        minutes=[minutes],
    )
    people = [e for e in ents if e.label == "PERSON"]
    assert [p.text for p in people] == ["Malcolm Wade"]
    assert {"Cllr Wade", "Councillor Wade", "Councillor Malcolm Wade"} <= set(people[0].aliases)
    assert people[0].role == "Councillor"
    assert [m.page for m in people[0].mentions] == [1, 2]


def test_contact_name_header_gives_the_person_their_officer_role() -> None:
    ents = entities(
        "Contact name: Jayne Shelbourn-Barrow, Head of Youth Offending Service\n"
        "Tel: 01962 876543\n"
        "1. The Head of Youth Offending Service reported good progress."
    )
    person = find(ents, "PERSON", "Jayne Shelbourn-Barrow")
    assert person.role == "Head of Youth Offending Service"
    role = find(ents, "ROLE", "Head of Youth Offending Service")
    assert role.holder == "Jayne Shelbourn-Barrow"


def test_report_contact_from_the_structure_stage_is_a_person_with_role() -> None:
    report = Report(
        agenda_item="6",
        title="Survey",
        date=None,
        report_from="Director of Children's Services",
        contact=Contact(name="Hannah Leat, District Manager"),
        pages=[1, 1],
    )
    ents = entities("The survey was led by Hannah Leat for the district.", reports=[report])
    assert find(ents, "PERSON", "Hannah Leat").role == "District Manager"


def test_signature_line_above_a_title_gives_the_role() -> None:
    ents = entities("Yours sincerely\nDonna Marriott\nHer Majesty's Inspector")
    assert find(ents, "PERSON", "Donna Marriott").role == "Her Majesty's Inspector"


def test_common_words_in_capitals_are_not_people() -> None:
    ents = entities(
        "Foster Carers met the Board. The foster carers asked for hope.\n• Hope\n• Kindness"
    )
    assert not [e.text for e in ents if e.label == "PERSON"]


# ------------------------------------------------------------------ organisations


@pytest.mark.parametrize("acronym", ["Ofsted", "CAMHS", "CCG", "UASC", "IRO"])
def test_public_sector_acronyms_are_organisations(acronym: str) -> None:
    ents = entities(f"The report notes that {acronym} were consulted on the plan in March.")
    assert labels_of(ents, acronym) == {"ORG"}


def test_acronym_and_its_expansion_are_one_organisation() -> None:
    ents = entities(
        "The Clinical Commissioning Group (CCG) funds the service.",
        "The CCG will review the contract next year.",
    )
    org = find(ents, "ORG", "Clinical Commissioning Group")
    assert "CCG" in org.aliases
    assert [m.page for m in org.mentions] == [1, 2]


@pytest.mark.parametrize(
    "name", ["Kent County Council", "Test Valley Borough Council", "Medway Council"]
)
def test_council_names_are_organisations(name: str) -> None:
    ents = entities(f"The proposal was agreed with {name} after consultation.")
    assert labels_of(ents, name) == {"ORG"}


def test_nhs_bodies_are_organisations() -> None:
    ents = entities(
        "Southern Health NHS Foundation Trust and NHS England attended the panel meeting."
    )
    assert labels_of(ents, "Southern Health NHS Foundation Trust") == {"ORG"}
    assert labels_of(ents, "NHS England") == {"ORG"}


def test_generic_county_council_joins_the_council_the_pack_names() -> None:
    ents = entities(
        "AT A MEETING of the Board of HAMPSHIRE COUNTY COUNCIL held at the Castle.",
        "Hampshire County Council runs the service. The County Council has a duty.",
    )
    councils = [e for e in ents if e.label == "ORG" and "Council" in e.text]
    assert [c.text for c in councils] == ["Hampshire County Council"]
    assert "County Council" in councils[0].aliases


# ------------------------------------------------------------------ places and mentions


def test_county_town_is_a_place_not_a_person_or_product() -> None:
    ents = entities("The meeting was held at the Castle, Winchester on Tuesday.")
    assert labels_of(ents, "Winchester") == {"GPE"}


def test_mentions_record_page_and_agenda_item() -> None:
    ents = entities("Ofsted visited in October.", "No update.", "Ofsted will return next year.")
    org = find(ents, "ORG", "Ofsted")
    assert [(m.page, m.agenda_item) for m in org.mentions] == [(1, "3"), (3, "5")]


# ------------------------------------------------------------------ a real pack


@pytest.fixture(scope="module")
def scored(corpus_dir: Path) -> dict:  # type: ignore[type-arg]
    gold = load_gold(EVAL / "entities_hcc-corporate-parenting-board-2018-12-03.json")
    result = extract(corpus_dir / gold["pack"], ExtractSettings(tables=False))
    assert result.pack is not None
    return score(result.pack.entities, gold)


def test_people_recall_on_the_hand_checked_pack_is_at_least_095(scored: dict) -> None:  # type: ignore[type-arg]
    s = scored["PERSON"]
    assert s.recall >= 0.95, s.missed


def test_people_precision_on_the_hand_checked_pack_is_at_least_090(scored: dict) -> None:  # type: ignore[type-arg]
    s = scored["PERSON"]
    assert s.precision >= 0.90, s.false_positives


def test_organisation_recall_on_the_hand_checked_pack_is_at_least_090(scored: dict) -> None:  # type: ignore[type-arg]
    s = scored["ORG"]
    assert s.recall >= 0.90, s.missed


# ------------------------------------------------------------ organisations, other shapes


def test_an_organisation_named_inside_a_role_is_an_organisation_too() -> None:
    ents = entities(
        "The group was chaired by Matt Boughton, Leader of Tonbridge & Malling Borough "
        "Council, and met twice."
    )
    find(ents, "ORG", "Tonbridge & Malling Borough Council")


def test_a_body_named_head_first_keeps_its_whole_name() -> None:
    ents = entities(
        "Only Mayoral Strategic Authorities will become members of the Council of Nations "
        "and Regions. The Ministry of Housing, Communities and Local Government wrote on 16 "
        "December. Grant came from the Department for Education Staying Put grant."
    )
    find(ents, "ORG", "Council of Nations and Regions")
    find(ents, "ORG", "Ministry of Housing, Communities and Local Government")
    find(ents, "ORG", "Department for Education")


def test_the_bodies_the_pack_names_and_the_cabinet_are_organisations() -> None:
    report = Report(
        "6", "Budget", None, None, Contact(), [1, 1], to_body="Corporate Parenting Board"
    )
    ents = entities(
        "The decision of Cabinet is endorsed. The Corporate Parenting Board agreed the plan, "
        "and the Cabinet Member for Finance signed it.",
        reports=[report],
    )
    find(ents, "ORG", "Cabinet")
    find(ents, "ORG", "Corporate Parenting Board")


def test_people_and_kinds_of_council_are_not_organisations() -> None:
    ents = entities(
        "A meeting of Kent Council Leaders was held. Existing County and District and Borough "
        "Councils will be reorganised into Mayoral Strategic Authorities, and Mayoral elections "
        "will follow in the Mayoral Strategic Authority area."
    )
    orgs = {e.text for e in ents if e.label == "ORG"}
    assert not orgs & {"Kent Council", "Borough Councils", "Mayoral"}, orgs
