"""Extraction accuracy: per-field precision and recall against hand-checked gold.

    python -m benchmarks.extract_accuracy [--split dev|test|all] [--samples DIR] [--no-samples]
                                          [--json] [--verbose]

Groups, each printed apart:
- ``real/dev`` and ``real/test``: ``corpora/extract_gold/{dev,test}/<stem>.json``, hand-checked
  from ../shared/real/<stem>.pdf (skipped with a note when ../shared is absent). The test half
  is frozen (``corpora/extract_gold/test/FROZEN``); its failures are reported, never tuned on,
  so ``--verbose`` details are printed for dev and samples only.
- ``sample/<style>``: generated packs with ``<slug>.truth.json`` beside ``<slug>.pdf``
  (corpora/make_sample.py format). ``--samples DIR`` is one style (truth files in DIR) or one
  style per sub-folder (default corpora/sample).

Each PDF goes through the real ``extract.extract`` (enrichment off: no field here needs it).
Scoring rules are in ``benchmarks/accuracy.py`` and ``corpora/extract_gold/README.md``:
precision counts non-null predictions (a value where gold is null is a false positive), recall
counts non-null gold values. Target on real/test: >= 0.90 per field.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from benchmarks.accuracy import (
    FIELDS,
    Tally,
    overall,
    record_from_gold,
    record_from_pack,
    record_from_truth,
    score,
    total,
)
from extract import ExtractSettings, extract

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpora" / "extract_gold"
SHARED = Path(os.environ.get("BOARDPAPERS_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "real"
SETTINGS = ExtractSettings(enrich=False)


def predict(pdf: Path) -> tuple[str, dict[str, Any]]:
    """(status, prediction record); a failed extraction predicts nothing at all."""
    result = extract(pdf, SETTINGS)
    if result.pack is None:
        empty = {"source": pdf.name, "meeting": {}, "documents": [], "agenda": []}
        return f"{result.status.value}: {result.reason}", record_from_pack(empty)
    return result.status.value, record_from_pack(result.pack.to_dict())


def real_cases(split: str) -> dict[str, list[tuple[str, Path, dict[str, Any]]]]:
    """{group: [(name, pdf, gold record)]} for the hand-checked real files."""
    groups: dict[str, list[tuple[str, Path, dict[str, Any]]]] = {}
    for half in ("dev", "test"):
        if split not in (half, "all"):
            continue
        cases = []
        for path in sorted((GOLD / half).glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            cases.append((path.stem, REAL / gold["file"], record_from_gold(gold)))
        groups[f"real/{half}"] = cases
    return groups


def sample_cases(folder: Path) -> dict[str, list[tuple[str, Path, dict[str, Any]]]]:
    """{sample/<style>: [...]}: truth files in ``folder`` or one style per sub-folder."""
    groups: dict[str, list[tuple[str, Path, dict[str, Any]]]] = {}
    for style_dir in [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]:
        cases = []
        for truth_path in sorted(style_dir.glob("*.truth.json")):
            slug = truth_path.name.removesuffix(".truth.json")
            truth = json.loads(truth_path.read_text(encoding="utf-8"))
            cases.append((slug, style_dir / f"{slug}.pdf", record_from_truth(truth)))
        if cases:
            style = truth.get("style") if style_dir == folder else style_dir.name
            groups[f"sample/{style or style_dir.name}"] = cases
    return groups


def run_group(cases: list[tuple[str, Path, dict[str, Any]]]) -> dict[str, Any]:
    files = []
    for name, pdf, gold in cases:
        if not pdf.exists():
            files.append({"file": name, "status": f"skipped: {pdf} is absent", "fields": None})
            continue
        status, pred = predict(pdf)
        files.append({"file": name, "status": status, "fields": score(gold, pred)})
    scored = [f["fields"] for f in files if f["fields"] is not None]
    return {"files": files, "fields": total(scored), "scored": len(scored)}


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def print_group(name: str, result: dict[str, Any], verbose: bool) -> None:
    print(f"\n== {name}: {result['scored']} of {len(result['files'])} files scored")
    if not result["scored"]:
        return
    print(f"{'field':26} {'P':>5} {'R':>5}   {'pred ok/n':>10} {'gold found/n':>13}")
    for f in FIELDS:
        t: Tally = result["fields"][f]
        if t.n_pred or t.n_gold:
            print(
                f"{f:26} {_fmt(t.precision):>5} {_fmt(t.recall):>5}   "
                f"{t.tp_pred:>4}/{t.n_pred:<5} {t.tp_gold:>6}/{t.n_gold:<6}"
            )
    o = overall(result["fields"])
    print(f"{'ALL FIELDS (micro)':26} {_fmt(o.precision):>5} {_fmt(o.recall):>5}")
    print(f"\n{'file':72} {'P':>5} {'R':>5}  status")
    for entry in result["files"]:
        fields = entry["fields"]
        if fields is None:
            print(f"{entry['file'][:72]:72} {'':>5} {'':>5}  {entry['status']}")
            continue
        o = overall(fields)
        print(
            f"{entry['file'][:72]:72} {_fmt(o.precision):>5} {_fmt(o.recall):>5}  {entry['status']}"
        )
        if verbose and not name.endswith("/test"):
            for f in FIELDS:
                t = fields[f]
                if t.tp_pred < t.n_pred or t.tp_gold < t.n_gold:
                    print(f"    {f:26} pred {t.tp_pred}/{t.n_pred}  gold {t.tp_gold}/{t.n_gold}")


def to_json(groups: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, r in groups.items():
        out[name] = {
            "scored": r["scored"],
            "fields": {f: r["fields"][f].to_dict() for f in FIELDS},
            "overall": overall(r["fields"]).to_dict(),
            "files": [
                {
                    "file": e["file"],
                    "status": e["status"],
                    "overall": None if e["fields"] is None else overall(e["fields"]).to_dict(),
                    "fields": None
                    if e["fields"] is None
                    else {f: e["fields"][f].to_dict() for f in FIELDS},
                }
                for e in r["files"]
            ],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--split", choices=["dev", "test", "all"], default="all", help="real-file gold half"
    )
    ap.add_argument(
        "--samples", type=Path, default=ROOT / "corpora" / "sample", help="truth folder"
    )
    ap.add_argument("--no-samples", action="store_true", help="score the real-file gold only")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--verbose", "-v", action="store_true", help="fields with errors, per file")
    args = ap.parse_args(argv)
    cases = {}
    if REAL.is_dir():
        cases.update(real_cases(args.split))
    elif not args.json:
        print(f"real-file gold skipped: {REAL} is absent")
    if not args.no_samples:
        if not args.samples.is_dir():
            print(f"no sample folder {args.samples}", file=sys.stderr)
            return 1
        cases.update(sample_cases(args.samples))
    groups = {name: run_group(c) for name, c in cases.items()}
    if args.json:
        print(json.dumps(to_json(groups), indent=1))
    else:
        for name, r in groups.items():
            print_group(name, r, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
