"""API hardening: schemathesis generates requests from the app's own OpenAPI (valid and invalid
ones, every route, POST /packs with no token, a wrong one and the right one); none may get a 5xx,
and every refusal has the one error shape. And the run an integrator makes,
``schemathesis run /openapi.json --checks all`` against a real server with a token, finds
nothing: the schema says what the API does (statuses, shapes, content types, ``Allow``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation.modes import GenerationMode

from service.web.api import create_app
from tests import schemathesis_hooks  # noqa: F401 - an upload's file part is a PDF
from tests.live_server import live_server

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "fuzz-token-5d1e"
AUTH_VARIANTS: list[dict[str, str]] = [
    {"Authorization": f"Bearer {TOKEN}"},
    {"Authorization": "Bearer wrong-token"},
    {"Authorization": ""},
]
MAX_EXAMPLES = 25  # per route; the suite runs on two cores


# function scope: schemathesis ends an app's lifespan (its store, its upload jobs) with the test
@pytest.fixture
def fuzz_app(
    sample_indexed_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[FastAPI]:
    data_dir = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(sample_indexed_dir, data_dir)  # uploads may add to it
    yield create_app(data_dir, warm=False, token=TOKEN, max_upload_mb=1)


@pytest.fixture
def operations(fuzz_app: FastAPI) -> list[Any]:
    """Every operation of the app's own OpenAPI (``/openapi.json``)."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_app)
    return [result.ok() for result in schema.get_all_operations()]


def server_error(case: Any, response: Any) -> str | None:
    """None when the response is not a 5xx and a refusal has the error shape."""
    where = f"{case.method} {case.formatted_path} {case.query or ''} -> {response.status_code}"
    if response.status_code >= 500:
        return f"{where}: {response.text[:300]}"
    if response.status_code >= 400:
        body = response.json()
        if set(body) != {"error"} or not body["error"].get("code"):
            return f"{where}: not the error shape: {response.text[:300]}"
        if "\n" in body["error"]["message"]:
            return f"{where}: a message of several lines"
    return None


def fuzz(operation: Any, mode: GenerationMode) -> None:
    """Send ``MAX_EXAMPLES`` generated requests; raise on the first 5xx (shrunk by hypothesis)."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def send(case: Any) -> None:
        # the write route: with the token, a wrong one and none
        variants = AUTH_VARIANTS if case.method.upper() == "POST" else [{}]
        for headers in variants:
            problem = server_error(case, case.call(headers=headers))
            assert problem is None, problem

    send()


def test_every_route_is_fuzzed(operations: list[Any]) -> None:
    routes = {f"{op.method.upper()} {op.path}" for op in operations}
    assert {"GET /search", "GET /ask", "GET /packs/{pack_id}/pdf", "POST /packs"} <= routes


def test_no_generated_request_gets_a_server_error(operations: list[Any]) -> None:
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                fuzz(operation, mode)
            except Unsatisfiable:
                continue  # no invalid request exists (a route without parameters)
            except Exception as exc:  # noqa: BLE001 - reported per route below
                failures.append(
                    f"{operation.method.upper()} {operation.path} ({mode.value}): {exc}"
                )
    assert failures == [], "\n".join(failures)


def test_an_independent_schemathesis_run_with_every_check_finds_nothing(
    sample_indexed_dir: Path, tmp_path: Path
) -> None:
    """The command an integrator runs, from the repository root (``schemathesis.toml``
    loads the hooks), against uvicorn on 127.0.0.1: every phase (examples, coverage,
    fuzzing, stateful) and every check, with the write token."""
    data_dir = tmp_path / "data"
    shutil.copytree(sample_indexed_dir, data_dir)  # uploads add to it
    app = create_app(data_dir, warm=False, token=TOKEN, max_upload_mb=1)
    with live_server(app) as base:
        run = subprocess.run(
            [
                sys.executable,
                "-c",
                "from schemathesis.cli import schemathesis; schemathesis()",
                "run",
                f"{base}/openapi.json",
                "--checks",
                "all",
                "-H",
                f"Authorization: Bearer {TOKEN}",
                "--workers",
                "1",
                "--seed",
                "20240708",
                "--generation-database",
                "none",
                "--request-timeout",
                "120",
                "--no-color",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-6000:]
    assert "No issues found" in out, out[-6000:]
    assert "Configuration:" in out and "schemathesis.toml" in out  # the hooks were loaded
