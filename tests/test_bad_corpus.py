"""Ten years of downloads include broken files: every one is extracted or refused with a reason."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import ExtractSettings, Status, extract
from tests.badcorpus import make_bad_corpus, small_pack_bytes

ROOT = Path(__file__).resolve().parent.parent

_RUNNER = r"""
import json, resource, sys
from pathlib import Path
from extract import ExtractSettings, extract
out = []
for name in sys.argv[2:]:
    try:
        r = extract(Path(sys.argv[1]) / name, ExtractSettings(enrich=False))
        out.append({"name": name, "status": r.status.value, "reason": r.reason})
    except BaseException as exc:  # the test counts these: there must be none
        out.append({"name": name, "status": "exception", "reason": repr(exc)})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"results": out, "peak_rss": peak}))
"""


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    out = tmp_path_factory.mktemp("bad")
    return out, make_bad_corpus(out)


@pytest.fixture(scope="module")
def outcomes(bad_corpus: tuple[Path, dict[str, str]]) -> dict:
    folder, kinds = bad_corpus
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(folder), *sorted(kinds)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_bad_corpus_has_at_least_200_files(bad_corpus: tuple[Path, dict[str, str]]) -> None:
    _, kinds = bad_corpus
    assert len(kinds) >= 200
    expected = {"random", "truncated", "empty", "encrypted", "encrypted_empty", "zero_pages"}
    expected |= {"images_only", "broken_xref", "blank_pages", "bad_metadata", "html", "mutant"}
    assert expected <= set(kinds.values())


def test_no_file_raises(outcomes: dict) -> None:
    raised = [r for r in outcomes["results"] if r["status"] == "exception"]
    assert raised == []


def test_every_refusal_has_a_one_line_reason(outcomes: dict) -> None:
    for r in outcomes["results"]:
        if r["status"] != "success":
            assert r["reason"] and "\n" not in r["reason"], r
            assert r["reason"] not in ("failure", "partial"), r


def test_known_bad_kinds_get_their_reason(
    outcomes: dict, bad_corpus: tuple[Path, dict[str, str]]
) -> None:
    _, kinds = bad_corpus
    by_name = {r["name"]: r for r in outcomes["results"]}
    expect = {
        "empty": "empty file",
        "html": "HTML page",
        "random": "not a PDF",
        "encrypted": "encrypted PDF",
        "zero_pages": "zero pages",
        "blank_pages": "no text on any page",
        "truncated": "truncated",
    }
    for name, kind in kinds.items():
        if kind in expect and not (kind == "empty" and name == "whitespace.pdf"):
            assert by_name[name]["status"] == "failure", by_name[name]
            assert expect[kind] in by_name[name]["reason"], by_name[name]
    for kind in ("good", "encrypted_empty", "bad_metadata"):
        names = [n for n, k in kinds.items() if k == kind]
        assert all(by_name[n]["status"] in ("success", "partial") for n in names), kind


def test_memory_stays_bounded(outcomes: dict) -> None:
    assert outcomes["peak_rss"] < 2 * 1024**3


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    edits=st.lists(
        st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
        min_size=1,
        max_size=30,
    ),
    cut=st.one_of(st.none(), st.integers(min_value=1)),
)
def test_fuzzed_packs_never_raise(tmp_path_factory: pytest.TempPathFactory, edits, cut) -> None:
    data = bytearray(_GOOD)
    for pos, byte in edits:
        data[pos % len(data)] = byte
    if cut is not None:
        data = data[: cut % len(data) or 1]
    path = tmp_path_factory.mktemp("fuzz") / "mutant.pdf"
    path.write_bytes(bytes(data))
    result = extract(path, ExtractSettings(enrich=False, ocr=False))
    assert result.status in (Status.SUCCESS, Status.PARTIAL, Status.FAILURE)
    if result.status is Status.FAILURE:
        assert result.reason and "\n" not in result.reason


_GOOD = small_pack_bytes(3)
