"""The extraction-accuracy scorer (benchmarks/accuracy.py) on small hand-made records, and the
benchmark runner on the generated sample packs and (when present) ../shared/real."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import extract_accuracy
from benchmarks.accuracy import (
    FIELDS,
    MISSING,
    Tally,
    clause_match,
    figure_recall,
    names_match,
    overall,
    place_match,
    record_from_gold,
    record_from_pack,
    record_from_truth,
    score,
    score_list,
    score_scalar,
    tel_match,
    text_match,
)

MEETING = {
    "council": "Borsetshire County Council",
    "body": "Cabinet",
    "date": "2024-01-15",
    "time": None,
    "place": None,
}
EMPTY: dict[str, list[Any]] = {"documents": [], "agenda": [], "minutes": [], "reports": []}


def _gold(**parts: Any) -> dict[str, Any]:
    meeting = {**MEETING, "dated_by": "minutes_header"}
    checked = ["meeting", "agenda", "minutes", "reports"]
    base = {"file": "x.pdf", "doc_type": "minutes", "checked": checked, "meeting": meeting}
    return record_from_gold({**base, **EMPTY, **parts})


def _pack(**parts: Any) -> dict[str, Any]:
    return record_from_pack({"meeting": dict(MEETING), **EMPTY, **parts})


def _minutes(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "date": "2024-01-15",
        "body": "Cabinet",
        "chairman": None,
        "attendance": [],
        "items": [],
        "resolutions": [],
    }
    base.update(fields)
    return base


def _pack_minutes(resolutions: list[str], **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "agenda_item": None,
        "body": "Cabinet",
        "date": "2024-01-15",
        "chairman": None,
        "attendance": [],
        "items": [
            {
                "number": "1",
                "title": "Budget",
                "text": "",
                "pages": [1, 1],
                "resolutions": [{"text": r, "page": 1} for r in resolutions],
            }
        ],
        "pages": [1, 1],
    }
    base.update(fields)
    return base


# ---------------------------------------------------------------- counting rules


def test_invented_value_where_gold_is_null_is_a_false_positive() -> None:
    t = Tally()
    score_scalar(t, None, "2024-03-01", lambda g, p: g == p)
    assert (t.n_pred, t.tp_pred, t.n_gold) == (1, 0, 0)
    assert t.precision == 0.0 and t.recall is None


def test_null_prediction_costs_recall_only() -> None:
    t = Tally()
    score_scalar(t, "2024-03-01", None, lambda g, p: g == p)
    assert (t.n_pred, t.n_gold, t.tp_gold) == (0, 1, 0)
    assert t.precision is None and t.recall == 0.0


def test_both_null_and_missing_gold_are_not_counted() -> None:
    t = Tally()
    score_scalar(t, None, None, lambda g, p: g == p)
    score_scalar(t, MISSING, "anything", lambda g, p: g == p)
    assert (t.n_pred, t.n_gold) == (0, 0)


def test_lumped_clauses_find_one_gold_and_duplicates_are_not_errors() -> None:
    gold = ["Note the forecast overspend.", "Agree the capital budget changes.", "Note reserves."]
    lumped = Tally()
    score_list(lumped, gold, [" ".join(gold)], clause_match)
    assert (lumped.tp_pred, lumped.n_pred, lumped.tp_gold, lumped.n_gold) == (1, 1, 1, 3)
    doubled = Tally()
    score_list(doubled, gold[:2], gold[:2] * 2, clause_match)
    assert doubled.precision == 1.0 and doubled.recall == 1.0


# ---------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("gold", "pred", "same"),
    [
        ("Mr B J Sweetland", "Brian Sweetland", True),
        ("Mr B J Sweetland", "Sweetland", True),
        ("Cllr Hodivala", "Councillor Hodivala (Chairman)", True),
        ("Mr R C Love OBE", "Mr R C Love, OBE", True),
        ("Olive O'Sullivan", "Olive O’Sullivan – Town Clerk", True),
        ("Cristina Suárez", "Cristina Suarez", True),
        ("Ms J Meade", "Mr A Meade", False),
        ("Mr A Smith", "Mr A Smyth", False),
    ],
)
def test_names_match(gold: str, pred: str, same: bool) -> None:
    assert names_match(gold, pred) is same


def test_clause_match_drops_labels_numerals_and_case() -> None:
    gold = "the minutes of the Council meeting held on 13 February 2025 be approved as a correct"
    assert clause_match(
        gold,
        "RESOLVED that the Minutes of the council meeting held on 13 "
        "February 2025 be approved as a correct record.",
    )
    clause = "Adopts the Plan as set out in Appendix B; and"
    assert clause_match(clause, "(iii) adopts the plan as set out in appendix B; and")
    assert not clause_match(clause, "(iii) adopts the plan")  # a clause cut short is not found
    assert not clause_match(gold, "That the report be noted.")


def test_quotes_dashes_and_ordinals_normalise() -> None:
    assert clause_match(
        "Note the forecast overspend on Schools' Delegated Budgets of £30.4m.",
        "Note the forecast overspend on Schools’ Delegated Budgets of £30.4m.",
    )
    assert text_match("held June 15th 2021", "held June 15 th 2021")


def test_tel_and_place() -> None:
    assert tel_match("+443000412070", "03000 412070")
    assert tel_match("396200", "01452 396200")
    assert not tel_match("396200", "01452 396201")
    assert place_match("City Commission Chambers, 405 Biltmore Way", "City Commission Chambers")
    assert not place_match("Council Chamber, County Hall, Maidstone", "Hall")


# ------------------------------------------------------------------ whole records


def test_invented_agenda_and_minutes_are_false_positives() -> None:
    gold = _gold()
    pred = _pack(
        agenda=[{"number": "1", "title": "Apologies"}],
        minutes=[_pack_minutes(["That the report be noted."])],
    )
    out = score(gold, pred)
    assert out["agenda.items"].n_pred == 1 and out["agenda.items"].tp_pred == 0
    assert out["minutes.date"].precision == 0.0
    assert out["minutes.resolutions"].precision == 0.0
    assert out["meeting.date"].precision == 1.0


def test_unchecked_sections_are_not_scored() -> None:
    gold = _gold(checked=["meeting"])
    pred = _pack(agenda=[{"number": "1", "title": "Apologies"}])
    out = score(gold, pred)
    assert out["agenda.items"].n_pred == 0 and out["minutes.date"].n_pred == 0


def test_minutes_lists_pool_over_records_and_skip_unscored() -> None:
    gold = _gold(
        minutes=[
            _minutes(items=[{"number": "805", "title": "Apologies"}]),
            _minutes(items=None, resolutions=None, date="2024-01-16"),
            _minutes(items=[{"number": "2691", "title": "Police Report"}], date="2024-01-17"),
        ]
    )
    merged = _pack_minutes([])
    merged["items"] = [
        {"number": n, "title": t, "text": "", "pages": [1, 1], "resolutions": []}
        for n, t in [("805", "Apologies"), ("2691", "Police report")]
    ]
    out = score(gold, _pack(minutes=[merged]))
    assert out["minutes.items"].recall == 1.0 and out["minutes.items"].precision == 1.0
    assert out["minutes.date"].n_gold == 3 and out["minutes.date"].tp_gold == 1


def test_attendance_absent_and_substitutes() -> None:
    att = [
        {"name": "Cllr Wood", "present": True, "substitute_for": "Cllr Ellis"},
        {"name": "Cllr Ellis", "present": False, "substitute_for": None},
    ]
    gold = _gold(minutes=[_minutes(attendance=att)])
    pred_att = [
        {"name": "Councillor Wood", "present": True, "role": None},
        {"name": "Councillor Ellis", "present": False, "role": None},
    ]
    out = score(gold, _pack(minutes=[_pack_minutes([], attendance=pred_att)]))
    assert out["attendance.present"].recall == 1.0 and out["attendance.absent"].recall == 1.0
    # the Pack has no substitute_for yet: a missing key is a null prediction
    assert out["attendance.substitutes"].recall == 0.0
    assert out["attendance.substitutes"].n_pred == 0


def test_pack_record_reads_new_keys_when_present() -> None:
    report = {
        "agenda_item": "6",
        "title": "Youth Service Review",
        "date": "2024-05-14",
        "report_from": "Director of Children's Services",
        "committee": "Cabinet",
        "contact": {"name": "Louise Marchetti", "tel": None, "email": None},
        "pages": [7, 10],
        "recommendations": [{"text": "That Cabinet approve the closure.", "page": 8}],
        "dated_by": "report_header",
    }
    rec = record_from_pack({"meeting": {"dated_by": "front_sheet"}, "reports": [report]})
    assert rec["meeting"]["dated_by"] == "front_sheet"
    assert rec["reports"][0]["to_body"] == "Cabinet"  # falls back to committee
    assert rec["reports"][0]["dated_by"] == "report_header"
    assert rec["reports"][0]["recommendations"] == ["That Cabinet approve the closure."]


def test_truth_record_flattens_resolutions_and_marks_missing(sample_dir: Path) -> None:
    path = sorted(sample_dir.glob("*.truth.json"))[0]
    truth = json.loads(path.read_text(encoding="utf-8"))
    rec = record_from_truth(truth)
    assert rec["meeting"]["body"] == truth["meeting"]["committee"]
    assert rec["meeting"]["dated_by"] is MISSING  # not in the truth format: not scored
    expected = [r for i in truth["minutes"]["items"] for r in i["resolutions"]]
    assert rec["minutes"][0]["resolutions"] == expected
    assert len(rec["documents"]) == len(truth["sections"])


def test_truth_scored_against_itself_is_perfect(sample_dir: Path) -> None:
    truth = json.loads(sorted(sample_dir.glob("*.truth.json"))[0].read_text(encoding="utf-8"))
    gold = record_from_truth(truth)
    out = overall(score(gold, gold))
    assert out.precision == 1.0 and out.recall == 1.0


# ------------------------------------------------------------------- the runner


def test_runner_scores_every_sample_pack(sample_dir: Path) -> None:
    groups = extract_accuracy.sample_cases(sample_dir)
    assert list(groups) == ["sample/generated"]
    result = extract_accuracy.run_group(groups["sample/generated"])
    assert result["scored"] == 4
    truths = [json.loads(p.read_text()) for p in sorted(sample_dir.glob("*.truth.json"))]
    assert result["fields"]["agenda.items"].n_gold == sum(len(t["agenda"]) for t in truths)
    out = extract_accuracy.to_json({"sample/generated": result})["sample/generated"]
    assert set(out["fields"]) == set(FIELDS)
    for f in out["fields"].values():
        for key in ("precision", "recall"):
            assert f[key] is None or 0.0 <= f[key] <= 1.0


@pytest.mark.shared
def test_every_real_gold_file_is_extracted_and_scored(real_dir: Path, monkeypatch) -> None:
    monkeypatch.setattr(extract_accuracy, "REAL", real_dir)
    for group, cases in extract_accuracy.real_cases("all").items():
        result = extract_accuracy.run_group(cases)
        assert result["scored"] == len(cases) >= 7, group
        assert all(e["status"] in ("success", "partial") for e in result["files"]), group


# ------------------------------------------------------------- enrichment figures


def test_figure_recall_by_value_and_about() -> None:
    gold = [
        {"page": 4, "value": 1900000, "unit": "count", "keywords": ["population"]},
        {"page": 4, "value": 500000, "unit": "count", "keywords": ["population", "unitary"]},
        {"page": 5, "value": 12, "unit": "months", "keywords": ["period"]},
    ]
    preds = [
        {"page": 4, "value": 1.9e6, "unit": "count", "about": "resident population"},
        {"page": 4, "value": 500000.0, "unit": "count", "about": "excess"},
        {"page": 6, "value": 12.0, "unit": "months", "about": "period"},  # wrong page
    ]
    out = figure_recall(gold, preds)
    assert (out["value"].tp_gold, out["value"].n_gold) == (2, 3)
    assert (out["value+about"].tp_gold, out["value+about"].n_gold) == (1, 3)


def test_enrich_gold_lists_are_well_formed() -> None:
    root = Path(__file__).resolve().parent.parent / "corpora" / "enrich_gold"
    lists = sorted(root.glob("*.json"))
    assert lists
    for path in lists:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["file"] == path.stem + ".pdf"
        assert gold["orgs"] and all(o["name"] for o in gold["orgs"])
        for fig in gold["figures"]:
            assert fig["page"] >= 1 and fig["keywords"] and isinstance(fig["value"], int | float)
