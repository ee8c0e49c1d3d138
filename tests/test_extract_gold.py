"""The hand-checked extraction gold (corpora/extract_gold) is well formed, and its test half is frozen.

The test half was committed before any extraction rule was tuned against it; FROZEN holds the
sha256 of every test gold file. Editing, deleting or adding a test file without a deliberate
change to FROZEN fails here.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent.parent / "corpora" / "extract_gold"
FROZEN = GOLD / "test" / "FROZEN"

KINDS = {"minutes", "report", "other"}
DOC_TYPES = {"minutes", "report", "agenda", "pack", "other"}
DATED_BY = {"front_sheet", "minutes_header", "report_header", "file_metadata", None}
SECTIONS = {"meeting", "agenda", "minutes", "reports"}


def _frozen() -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in FROZEN.read_text().splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            entries[name.strip().lstrip("*")] = digest
    return entries


def test_frozen_lists_at_least_seven_files() -> None:
    assert len(_frozen()) >= 7


@pytest.mark.parametrize("name", sorted(_frozen()))
def test_test_gold_file_unchanged(name: str) -> None:
    path = GOLD / "test" / name
    assert path.is_file(), f"frozen test gold {name} has disappeared"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert digest == _frozen()[name], f"frozen test gold {name} has changed"


def test_no_unfrozen_test_gold() -> None:
    on_disk = {p.name for p in (GOLD / "test").glob("*.json")}
    assert on_disk == set(_frozen()), "test gold files differ from those listed in FROZEN"


def test_dev_and_test_do_not_overlap() -> None:
    dev = {p.name for p in (GOLD / "dev").glob("*.json")}
    assert not dev & set(_frozen())


def _check_date(value: object) -> None:
    if value is not None:
        assert isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"


def _check_minutes(m: dict) -> None:
    _check_date(m["date"])
    for a in m["attendance"] or []:
        assert set(a) == {"name", "present", "substitute_for"} and isinstance(a["present"], bool)
    for item in m["items"] or []:
        assert set(item) == {"number", "title"}
    for r in m["resolutions"] or []:
        assert isinstance(r, str) and 0 < len(r) <= 90


def _check_report(r: dict) -> None:
    _check_date(r["date"])
    assert set(r["contact"]) == {"name", "tel", "email"}
    for x in r["recommendations"] or []:
        assert isinstance(x, str) and 0 < len(x) <= 90


@pytest.mark.parametrize(
    "path", sorted(GOLD.glob("*/*.json")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_gold_schema(path: Path) -> None:
    gold = json.loads(path.read_text())
    assert gold["file"] == path.stem + ".pdf"
    assert gold["doc_type"] in DOC_TYPES
    assert set(gold["checked"]) <= SECTIONS
    meeting = gold["meeting"]
    assert set(meeting) == {"council", "body", "date", "time", "place", "dated_by"}
    _check_date(meeting["date"])
    assert meeting["dated_by"] in DATED_BY
    assert (meeting["date"] is None) == (meeting["dated_by"] is None)
    if meeting["time"] is not None:
        hh, mm = meeting["time"].split(":")
        assert 0 <= int(hh) < 24 and 0 <= int(mm) < 60
    for d in gold["documents"] or []:  # null: the file's documents were not checked
        assert d["kind"] in KINDS and d["pages"][0] <= d["pages"][1]
    for a in gold["agenda"] or []:  # null: the agenda was not checked
        assert set(a) == {"number", "title"} and a["title"]
    for m in gold["minutes"]:
        _check_minutes(m)
    for r in gold["reports"]:
        _check_report(r)
