"""Entity and figure precision/recall against hand-checked lists.

    python -m benchmarks.entities_eval [--verbose]

For every ``corpora/eval/entities_<pack>.json`` whose pack is in
../shared/corpus, runs ``extract()`` and prints P/R for PERSON and ORG.
Target: recall of people >= 0.95.

For every ``corpora/enrich_gold/<stem>.json`` whose file is in ../shared/real, and every
``corpora/enrich_gold/samples/<style>/<pack>.json`` (a generated sample pack laid out in a
house style by ``corpora/make_sample.py --style``),
prints ORG precision/recall and figure recall (by value, unit and page; and with ``about``
naming what the figure measures). Target (issue 10): organisation and figure recall >= 0.90.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.accuracy import figure_recall
from extract import ExtractSettings, Pack, extract
from extract.enrich.evaluate import load_gold, score

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BOARDPAPERS_SHARED", ROOT.parent / "shared"))


def _extracted(pdf: Path) -> tuple[Pack | None, int]:
    """(pack, exit status): None with a printed reason when the PDF is absent or fails."""
    if not pdf.exists():
        print(f"{pdf.name}: skipped ({pdf} is absent)")
        return None, 0
    result = extract(pdf, ExtractSettings(tables=False))
    if result.pack is None:
        print(f"{pdf.name}: extraction failed: {result.reason}")
        return None, 1
    return result.pack, 0


def _sample_pdf(sample: dict[str, str], out: Path) -> Path:
    """A generated sample pack in its house style (corpora/make_sample.py --style)."""
    from benchmarks.house_styles import generate

    folder = out / sample["style"]
    if not folder.is_dir():
        generate(sample["style"], folder)
    return folder / f"{sample['pack']}.pdf"


def real_report_lists(verbose: bool) -> int:
    """ORG and figure scores for the hand-checked lists in corpora/enrich_gold/: real reports
    (``file`` in ../shared/real) and generated sample packs (``sample``: style and pack)."""
    status = 0
    gold_dir = ROOT / "corpora" / "enrich_gold"
    paths = sorted(gold_dir.glob("samples/*/*.json")) + sorted(gold_dir.glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            status |= _score_list(load_gold(path), Path(tmp), verbose)
    return status


def _score_list(gold: dict[str, Any], tmp: Path, verbose: bool) -> int:
    if "sample" in gold:
        pdf = _sample_pdf(gold["sample"], tmp)
        name = f"{pdf.name} [{gold['sample']['style']} style]"
    else:
        pdf = SHARED / "real" / gold["file"]
        name = gold["file"]
    pack, status = _extracted(pdf)
    if pack is not None:
        print(f"{name} ({gold.get('split', 'dev')})")
        _print_scores(gold, pack, verbose)
    return status


def _print_scores(gold: dict[str, Any], pack: Pack, verbose: bool) -> None:
    orgs = score(pack.entities, {"orgs": gold["orgs"], "optional": gold["optional_orgs"]})
    s = orgs["ORG"]
    print(f"  ORG     P={s.precision:.3f}  R={s.recall:.3f}  (tp={s.tp} fp={s.fp} gold={s.gold})")
    preds = [dataclasses.asdict(f) for f in pack.figures]
    for label, t in figure_recall(gold["figures"], preds).items():
        print(f"  FIGURES by {label:12} R={t.recall:.3f}  ({t.tp_gold}/{t.n_gold})")
    if verbose:
        print(f"          missed orgs: {s.missed}")
        print(f"          false positive orgs: {s.false_positives}")
        for fig in gold["figures"]:
            if not figure_recall([fig], preds)["value+about"].tp_gold:
                print(f"          figure not found (value+about): p{fig['page']} {fig['text']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses and false positives")
    args = ap.parse_args(argv)
    lists = sorted((ROOT / "corpora" / "eval").glob("entities_*.json"))
    if not lists:
        print("no hand-checked lists in corpora/eval/", file=sys.stderr)
        return 1
    status = real_report_lists(args.verbose)
    for path in lists:
        gold = load_gold(path)
        pack, failed = _extracted(SHARED / "corpus" / gold["pack"])
        status |= failed
        if pack is None:
            continue
        print(gold["pack"])
        for label, s in score(pack.entities, gold).items():
            print(
                f"  {label:6}  P={s.precision:.3f}  R={s.recall:.3f}  "
                f"(tp={s.tp} fp={s.fp} gold={s.gold} duplicates={s.duplicates} "
                f"optional={s.ignored})"
            )
            if args.verbose:
                print(f"          missed: {s.missed}")
                print(f"          false positives: {s.false_positives}")
                print(f"          duplicates: {s.duplicate_of}")
    return status


if __name__ == "__main__":
    sys.exit(main())
