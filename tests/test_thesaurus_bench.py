"""The council-terms thesaurus experiment of issue 11 (``benchmarks/thesaurus.py``, not
adopted): which groups a question names, the names it offers instead, and the store-led
rewrite on the sample packs with a real store."""

from __future__ import annotations

from pathlib import Path

from benchmarks import thesaurus


def test_a_question_names_groups_by_their_longest_variant() -> None:
    found = thesaurus.find("When did we last discuss home to school transport for SEND pupils?")
    assert [m.variant.text for m in found] == ["home to school transport", "SEND"]
    # "school transport" is inside the name used: not offered as another name for it
    assert "school transport" not in found[0].others()
    assert "special educational needs and disabilities" in found[1].others()


def test_acronyms_match_only_in_capitals_and_plurals_are_one_word() -> None:
    assert thesaurus.find("we will send the pep talk notes") == []
    assert [m.variant.text for m in thesaurus.find("How many EHCPs were late?")] == ["EHCP"]
    assert [m.variant.text for m in thesaurus.find("the foster carer recruitment drive")] == [
        "foster carers"
    ]


def test_rewrite_calls_each_thing_by_another_name_and_adds_its_acronyms() -> None:
    out = thesaurus.rewrite("When did we last discuss children in care?")
    assert out == "When did we last discuss looked after children? CLA LAC CiC"
    assert thesaurus.rewrite("When did we last discuss the village green?") is None


def test_store_rewrite_uses_the_name_the_store_uses(sample_indexed_dir: Path) -> None:
    from service.store import open_store

    with open_store(sample_indexed_dir) as store:
        count = thesaurus._count_in(store)
        assert count("foster carers") > 0
        # the sample packs say "foster carers", never "foster families"
        assert count("foster families") == 0
        out = thesaurus.store_rewrite("Who supports our foster families?", count)
        assert out == "Who supports our foster carers?"
        assert thesaurus.store_rewrite("Who supports our foster carers?", count) is None
