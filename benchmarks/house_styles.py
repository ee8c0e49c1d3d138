"""Extraction against the truth of the sample packs laid out in every house style.

``corpora/make_sample.py --style NAME`` lays the three Borsetshire packs out the way other
councils publish (see ``--list-styles``); every style's ``.truth.json`` records the same
content as it is printed there. This module extracts each pack (no OCR, no enrichment) and
checks it field by field against its truth; ``tests/test_house_styles.py`` asserts on the same
checks, and run as a script it prints the share of checks right per style and field::

    python -m benchmarks.house_styles               # every style, generated into a temp dir
    python -m benchmarks.house_styles --style noted --out /tmp/noted --show-failures
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from extract import ExtractSettings, extract
from extract.model import Minutes, Pack, Report
from extract.textutil import norm_ws

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "corpora" / "make_sample.py"
NO_ENRICH = ExtractSettings(ocr=False, enrich=False)


@cache
def generator() -> ModuleType:
    """corpora/make_sample.py as a module (it is a script, not a package member)."""
    spec = importlib.util.spec_from_file_location("make_sample", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_sample", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def style_names() -> list[str]:
    return list(generator().STYLES)


def generate(style: str, out: Path) -> list[Path]:
    """Write the three packs in ``style`` into ``out``; the PDFs, in pack order."""
    generator().generate(out, log=lambda _: None, style=style)
    return sorted(out.glob("*.pdf"))


def truth_of(pdf: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(pdf.with_suffix(".truth.json").read_text("utf-8"))
    return data


def extracted(pdf: Path) -> Pack:
    result = extract(pdf, NO_ENRICH)
    if result.pack is None:
        raise RuntimeError(f"{pdf.name}: {result.reason}")
    return result.pack


# ------------------------------------------------------------------ checks


@dataclass(frozen=True, slots=True)
class Check:
    ok: bool
    what: str  # where, and want/got when wrong


def same(where: str, want: object, got: object) -> Check:
    return Check(want == got, where if want == got else f"{where}: want {want!r}, got {got!r}")


def _minutes(truth: dict[str, Any], pack: Pack) -> tuple[dict[str, Any], Minutes | None]:
    want = truth["minutes"]
    got = next((m for m in pack.minutes if m.agenda_item == want["agenda_item"]), None)
    return want, got


def _reports(
    truth: dict[str, Any], pack: Pack
) -> Iterator[tuple[str, dict[str, Any], Report | None]]:
    for want in truth["reports"]:
        got = next((r for r in pack.reports if r.agenda_item == want["agenda_item"]), None)
        yield f"{truth['meeting']['date']} report {want['agenda_item']}", want, got


def check_meeting(truth: dict[str, Any], pack: Pack) -> list[Check]:
    want, got = truth["meeting"], pack.meeting
    where = f"{want['date']} meeting"
    return [
        same(f"{where} council", want["council"], got.council),
        same(f"{where} body", want["committee"], got.body),
        same(f"{where} date", want["date"], got.date),
        same(f"{where} time", want["time"], got.time),
        same(f"{where} place", want["place"], got.place),
    ]


def check_agenda(truth: dict[str, Any], pack: Pack) -> list[Check]:
    got = {a.number: a for a in pack.agenda}
    checks = []
    for item in truth["agenda"]:
        where = f"{truth['meeting']['date']} agenda {item['number']}"
        a = got.pop(item["number"], None)
        if a is None:
            checks.append(Check(False, f"{where}: missing"))
            continue
        want = (item["title"], item["pages"], norm_ws(item["description"]))
        checks.append(same(where, want, (a.title, a.pages, norm_ws(a.description))))
    checks += [Check(False, f"agenda {n}: not in the truth") for n in got]
    return checks


def _minutes_field(name: str) -> Callable[[dict[str, Any], Pack], list[Check]]:
    def check(truth: dict[str, Any], pack: Pack) -> list[Check]:
        want, got = _minutes(truth, pack)
        where = f"{truth['meeting']['date']} minutes {name}"
        return [same(where, want[name], getattr(got, name) if got else "<no minutes>")]

    return check


def check_attendance(truth: dict[str, Any], pack: Pack) -> list[Check]:
    want, got = _minutes(truth, pack)
    where = f"{truth['meeting']['date']} attendance"
    people = {a.name: a for a in got.attendance} if got else {}
    checks = []
    for person in want["attendance"]:
        a = people.pop(person["name"], None)
        expect = (person["present"], person.get("substitute_for"))
        found = (a.present, a.substitute_for) if a else "<not listed>"
        checks.append(same(f"{where} {person['name']} (present, substitute_for)", expect, found))
    checks += [Check(False, f"{where}: {name!r} is not in the truth") for name in people]
    return checks


def _items(truth: dict[str, Any], pack: Pack) -> Iterator[tuple[str, dict[str, Any], Any]]:
    """(where, truth item, extracted item or None), matched by title in order."""
    want, got = _minutes(truth, pack)
    pool = list(got.items) if got else []
    for item in want["items"]:
        where = f"{truth['meeting']['date']} minute {item['number'] or item['title']!r}"
        match = next((i for i in pool if i.title == item["title"]), None)
        if match is not None:
            pool.remove(match)
        yield where, item, match
    for extra in pool:
        yield f"{truth['meeting']['date']} minute {extra.number!r} {extra.title!r}", {}, extra


def check_minute_items(truth: dict[str, Any], pack: Pack) -> list[Check]:
    checks = []
    for where, item, got in _items(truth, pack):
        if not item:
            checks.append(Check(False, f"{where}: not in the truth"))
        elif got is None:
            checks.append(Check(False, f"{where}: missing"))
        else:
            want = (item["number"] or "", item["pages"], item.get("agenda_item", got.agenda_item))
            checks.append(same(where, want, (got.number, got.pages, got.agenda_item)))
    return checks


def check_resolutions(truth: dict[str, Any], pack: Pack) -> list[Check]:
    checks = []
    for where, item, got in _items(truth, pack):
        texts = [r.text for r in got.resolutions] if got else []
        for text in item.get("resolutions", []):
            found = text in texts
            if found:
                texts.remove(text)
            checks.append(Check(found, where if found else f"{where}: missing {text!r}"))
        checks += [Check(False, f"{where}: {t!r} is not in the truth") for t in texts]
    return checks


def check_report_header(truth: dict[str, Any], pack: Pack) -> list[Check]:
    keys = ("title", "date", "committee", "report_from", "decision_report")
    checks = []
    for where, want, got in _reports(truth, pack):
        for key in keys:
            checks.append(same(f"{where} {key}", want[key], getattr(got, key, "<no report>")))
    return checks


def check_report_contact(truth: dict[str, Any], pack: Pack) -> list[Check]:
    checks = []
    for where, want, got in _reports(truth, pack):
        c = want["contact"]
        found = (got.contact.name, got.contact.tel, got.contact.email) if got else "<no report>"
        checks.append(same(f"{where} contact", (c["name"], c["tel"], c["email"]), found))
    return checks


def check_recommendations(truth: dict[str, Any], pack: Pack) -> list[Check]:
    checks = []
    for where, want, got in _reports(truth, pack):
        texts = [r.text for r in got.recommendations] if got else []
        for k, text in enumerate(want["recommendations"]):
            ok = k < len(texts) and texts[k] == text
            checks.append(
                Check(ok, f"{where} recommendation {k + 1}" + ("" if ok else f": missing {text!r}"))
            )
        checks += [
            Check(False, f"{where}: {t!r} is not in the truth")
            for t in texts[len(want["recommendations"]) :]
        ]
    return checks


FIELDS: dict[str, Callable[[dict[str, Any], Pack], list[Check]]] = {
    "meeting": check_meeting,
    "agenda": check_agenda,
    "minutes_date": _minutes_field("date"),
    "minutes_body": _minutes_field("body"),
    "minutes_chairman": _minutes_field("chairman"),
    "attendance": check_attendance,
    "minute_items": check_minute_items,
    "resolutions": check_resolutions,
    "report_header": check_report_header,
    "report_contact": check_report_contact,
    "recommendations": check_recommendations,
}


# ------------------------------------------------------------------ report


def score(packs: list[tuple[dict[str, Any], Pack]], field: str) -> tuple[int, int, list[str]]:
    checks = [c for truth, pack in packs for c in FIELDS[field](truth, pack)]
    return sum(c.ok for c in checks), len(checks), [c.what for c in checks if not c.ok]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", action="append", help="only this style (repeatable)")
    parser.add_argument("--out", type=Path, help="keep the generated packs here (OUT/<style>/)")
    parser.add_argument("--show-failures", action="store_true", help="list every wrong check")
    args = parser.parse_args(argv)
    styles = args.style or style_names()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.out or Path(tmp)
        width = max(len(f) for f in FIELDS)
        print(f"{'field':<{width}}  " + "  ".join(f"{s:>12}" for s in styles))
        results = {}
        for style in styles:
            pdfs = generate(style, base / style)
            results[style] = [(truth_of(p), extracted(p)) for p in pdfs]
        failures: list[str] = []
        for field in FIELDS:
            row = []
            for style in styles:
                right, total, wrong = score(results[style], field)
                row.append(f"{right:>5}/{total:<4} " if total else f"{'-':>12}")
                failures += [f"[{style}] {w}" for w in wrong]
            print(f"{field:<{width}}  " + "  ".join(row))
        if args.show_failures:
            print("\n".join(failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
