"""The fine-tuning experiment of issue 11 (``benchmarks/finetune_experiment.py``, not adopted):
the self-supervised pairs the sample packs give and the batches they are trained in (no
training here: that is the benchmark's business)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import finetune_experiment as ft


def test_headings_and_titles_are_read_as_printed() -> None:
    assert ft._heading("2.1. Stability Index") == "Stability Index"
    assert ft._heading("iv) Home to school transport") == "Home to school transport"
    assert ft._without_head(
        "Foster Carer Recruitment: The Committee received a report", "Foster carer recruitment"
    ) == ("The Committee received a report")
    # a passage that does not open with its title keeps all its words
    assert ft._without_head("The Committee received a report", "Foster carers") == (
        "The Committee received a report"
    )


@pytest.fixture(scope="module")
def sample_pairs(sample_indexed_dir: Path) -> list[ft.Pair]:
    from service.store import open_store

    with open_store(sample_indexed_dir) as store:
        return ft.store_pairs(store)


def test_the_sample_packs_give_title_and_resolution_pairs(sample_pairs: list[ft.Pair]) -> None:
    kinds = Counter(p.kind for p in sample_pairs)
    assert kinds["title"] > 100 and kinds["resolution"] >= 20
    transport = [
        p
        for p in sample_pairs
        if p.kind == "resolution"
        and p.anchor.startswith("That the Committee note the report on home to school transport")
    ]
    assert len(transport) == 1
    # the minute it closes, without the resolution itself
    assert transport[0].positive.startswith("The Committee received a report")
    assert "note the report on home to school transport" not in transport[0].positive
    youth = [p for p in sample_pairs if p.anchor.startswith("Youth Service Review")]
    assert len(youth) > 5 and all(p.kind == "title" for p in youth)
    for p in sample_pairs:
        # no pair whose positive repeats its anchor at its head, none too short to teach
        assert not ft.key(p.positive).startswith(ft.key(p.anchor))
        assert len(p.positive.split()) >= ft.MIN_WORDS
    # headings printed in several reports name nothing: never anchors
    anchors = {ft.key(p.anchor) for p in sample_pairs}
    assert not anchors & {"recommendations", "executive summary", "purpose of this report"}


def test_batches_hold_no_anchor_or_positive_twice(sample_pairs: list[ft.Pair]) -> None:
    epoch = ft.batches(sample_pairs, random.Random(0), size=16)
    drawn = [p for b in epoch for p in b]
    per_anchor = Counter(ft.key(p.anchor) for p in drawn)
    assert max(per_anchor.values()) <= ft.PER_ANCHOR
    # every anchor of the store is drawn, the big items only up to their share
    assert len(per_anchor) == len({ft.key(p.anchor) for p in sample_pairs})
    for batch in epoch:
        assert 1 < len(batch) <= 16
        assert len({ft.key(p.anchor) for p in batch}) == len(batch)
        assert len({ft.key(p.positive) for p in batch}) == len(batch)
