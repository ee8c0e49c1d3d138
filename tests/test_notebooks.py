"""notebooks/council_analysis.ipynb runs top to bottom (nbclient, python3 kernel) and draws its plots."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "council_analysis.ipynb"
PNG = b"\x89PNG\r\n\x1a\n"


def test_the_notebook_is_committed_without_outputs() -> None:
    nb = json.loads(NOTEBOOK.read_text())
    dirty = [
        i
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and (cell["outputs"] or cell["execution_count"] is not None)
    ]
    assert not dirty, f"cells {dirty} keep outputs: clear them before committing"


@pytest.mark.slow
def test_council_analysis_runs_and_draws_its_plots(
    tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.delenv("BOARDPAPERS_ANALYSIS_DATA_DIR", raising=False)  # build from the sample
    monkeypatch.setenv("BOARDPAPERS_ANALYSIS_OUT", str(tmp_path / "plots"))
    monkeypatch.setenv("MPLBACKEND", "Agg")

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    images = [o for o in outputs if o.output_type == "display_data" and "image/png" in o.data]

    summary_cell = next(c for c in nb.cells if "summary" in c.metadata.get("tags", []))
    text = "".join(o.get("text", "") for o in summary_cell.outputs if o.output_type == "stream")
    summary = json.loads(text)

    plots = [Path(p) for p in summary["plots"]]
    assert len(images) == len(plots) >= 5
    for path in plots:
        assert path.parent == tmp_path / "plots"
        data = path.read_bytes()
        assert data.startswith(PNG) and len(data) > 5_000, path

    # the numbers the notebook reports are the sample packs' own
    truths = [json.loads(p.read_text()) for p in sorted(sample_dir.glob("*.truth.json"))]
    assert summary["packs"] == len(truths)
    minutes = [t["minutes"] for t in truths]
    assert summary["resolutions"] == sum(len(i["resolutions"]) for m in minutes for i in m["items"])
    by_month = Counter()
    for m in minutes:
        by_month[m["date"][:7]] += sum(len(i["resolutions"]) for i in m["items"])
    assert summary["resolutions_by_month"] == dict(sorted(by_month.items()))
    assert summary["figures"] > 0 and summary["organisations"] > 0
