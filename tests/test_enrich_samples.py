"""Organisations and prose figures on a sample pack laid out in another house style,
against the list hand-checked from its text (corpora/enrich_gold/samples/). Issue 10's
target: recall >= 0.90 for organisations and for figures (value, unit and page)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.accuracy import figure_recall
from benchmarks.house_styles import generate
from extract import ExtractSettings, extract
from extract.enrich.evaluate import score
from extract.model import Pack

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "enrich_gold" / "samples"
LISTS = sorted(SAMPLES.glob("*/*.json"))


@pytest.fixture(scope="module", params=LISTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = request.param
    gold = json.loads(path.read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp(gold["sample"]["style"])
    generate(gold["sample"]["style"], folder)
    result = extract(folder / f"{gold['sample']['pack']}.pdf", ExtractSettings(tables=False))
    assert result.pack is not None, result.reason
    return gold, result.pack


def test_sample_lists_are_well_formed() -> None:
    assert LISTS
    for path in LISTS:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["sample"] == {"style": path.parent.name, "pack": path.stem}
        assert gold["orgs"] and all(o["name"] for o in gold["orgs"])
        assert all(f["page"] >= 1 and f["keywords"] for f in gold["figures"])


def test_organisation_recall_is_at_least_090(case: tuple[dict[str, Any], Pack]) -> None:
    gold, pack = case
    s = score(pack.entities, {"orgs": gold["orgs"], "optional": gold["optional_orgs"]})["ORG"]
    assert s.recall >= 0.90, s.missed


def test_prose_figure_recall_is_at_least_090(case: tuple[dict[str, Any], Pack]) -> None:
    gold, pack = case
    preds = [dataclasses.asdict(f) for f in pack.figures]
    found = figure_recall(gold["figures"], preds)["value"]
    assert found.recall >= 0.90, (found.tp_gold, found.n_gold)
