"""The house rules a newcomer reads from the folders, checked on the source with ``ast``.

* ``extract/`` (PDF -> Pack) never imports ``service``.
* ``service/store/`` (keeping) imports none of ``index/``, ``query/``, ``web/`` or the CLI:
  it receives everything it writes.
* ``service/index/`` (writing) imports neither ``query/`` nor ``web/``.
* ``service/query/`` (asking) never writes: it imports no ``web/`` and, of ``index/``, only
  the embedding models, and calls no write method of a store.
* ``service/web/`` (serving) holds no ranking logic: no numpy/faiss/model runtime, no store
  backend, no ``query/`` module but its entry points (search, answer, and the facet counts,
  meeting figures and follow-ups of :mod:`service.query.facets`, :mod:`service.query.figures`
  and :mod:`service.query.followups`).
* The shared top-level modules (errors, config, acronyms) import no wing.
* No function in ``extract/`` or ``service/`` is over 100 lines.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WINGS = ("service.store", "service.index", "service.query", "service.web")
STORE_WRITES = {"add_pack", "add_packs", "delete_pack"}
MAX_FUNCTION_LINES = 100


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources(package: str, root: Path = ROOT) -> list[Path]:
    return sorted((root / package.replace(".", "/")).rglob("*.py"))


def imports(path: Path, root: Path = ROOT) -> Iterator[tuple[int, str]]:
    """(line, module) of every import in the file, at any depth (lazy imports count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path, root).split(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = here[: len(here) - node.level + (path.name == "__init__.py")]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            yield node.lineno, mod
            for alias in node.names:  # `from service.query import answer` imports a module
                yield node.lineno, f"{mod}.{alias.name}"


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def broken(
    package: str, forbidden: list[str], allowed: tuple[str, ...] = (), root: Path = ROOT
) -> list[str]:
    out = []
    for path in sources(package, root):
        for line, mod in imports(path, root):
            if any(within(mod, a) for a in allowed):
                continue
            for bad in forbidden:
                if within(mod, bad):
                    out.append(f"{path.relative_to(root)}:{line} imports {mod}")
    return out


def test_extract_never_imports_service() -> None:
    assert broken("extract", ["service"]) == []


def test_store_imports_no_other_wing() -> None:
    forbidden = ["service.index", "service.query", "service.web", "service.cli", "service.commands"]
    assert broken("service.store", forbidden) == []


def test_index_imports_neither_query_nor_web() -> None:
    assert broken("service.index", ["service.query", "service.web", "service.cli"]) == []


def test_query_never_writes() -> None:
    embedding = ("service.index.embed", "service.index.minibert")
    forbidden = ["service.web", "service.index", "service.cli", "service.commands"]
    assert broken("service.query", forbidden, allowed=embedding) == []
    calls = []
    for path in sources("service.query"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in STORE_WRITES
            ):
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {node.func.attr}")
    assert calls == []


def test_web_holds_no_ranking_logic() -> None:
    entry_points = (
        "service.query.search",
        "service.query.answer",
        "service.query.facets",
        "service.query.figures",
        "service.query.followups",
    )
    forbidden = [
        "numpy",
        "faiss",
        "onnxruntime",
        "torch",
        "service.store.sqlite",
        "service.store.vectors",
        "service.store.attrs",
        "service.query",
    ]
    assert broken("service.web", forbidden, allowed=entry_points) == []


@pytest.mark.parametrize("module", ["service.errors", "service.config", "service.acronyms"])
def test_shared_modules_import_no_wing(module: str) -> None:
    path = ROOT / (module.replace(".", "/") + ".py")
    bad = [mod for _, mod in imports(path) if any(within(mod, w) for w in WINGS)]
    assert bad == []


def test_the_rules_see_a_broken_import(tmp_path: Path) -> None:
    """The checker itself: a lazy import inside a function is found, and so is a relative one."""
    sample = tmp_path / "service" / "store" / "probe.py"
    sample.parent.mkdir(parents=True)
    sample.write_text("def f():\n    from ..query import search\n    import service.web.api\n")
    found = broken("service.store", ["service.query", "service.web"], root=tmp_path)
    assert found == [
        "service/store/probe.py:2 imports service.query",
        "service/store/probe.py:2 imports service.query.search",
        "service/store/probe.py:3 imports service.web.api",
    ]


def test_no_function_is_over_100_lines() -> None:
    long = []
    for package in ("extract", "service"):
        for path in sources(package):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines = (node.end_lineno or node.lineno) - node.lineno + 1
                    if lines > MAX_FUNCTION_LINES:
                        long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} {lines}")
    assert long == []


def test_the_extract_command_loads_no_model_web_or_vector_library(sample_dir: Path) -> None:
    """``boardpapers extract`` starts fast because it imports none of them (issue 10); timed
    by ``python -m benchmarks.startup``, never here."""
    import subprocess
    import sys

    pdf = sorted(sample_dir.glob("*.pdf"))[0]
    script = (
        "import sys, contextlib, io\n"
        "from service.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['extract', {str(pdf)!r}, '--no-enrich'])\n"
        "heavy = ('torch', 'spacy', 'sentence_transformers', 'transformers', 'faiss',\n"
        "         'fastapi', 'onnxruntime', 'uvicorn')\n"
        "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split(None, 1) == ["0", "[]\n"], out.stdout + out.stderr
