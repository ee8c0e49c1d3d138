"""Passage embedding backends.

* the float ONNX export of the packaged model gives the torch model's vectors (cosine >= 0.999)
  on real passages, short and long (cut at 256 tokens);
* it is exported and served with the network unreachable and ``HF_HUB_OFFLINE=1``, and
  serving it needs no torch.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extract import ExtractSettings, extract
from service.index.embed import OnnxEmbedder, TorchEmbedder, onnx_file
from service.index.passages import Passage, build_passages
from service.store.base import pack_id_for

ROOT = Path(__file__).resolve().parent.parent

_NO_NETWORK = """
import socket
def refuse(*a, **k):
    raise OSError("network unreachable (test guard)")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def run_offline(code: str, *args: str, block_torch: bool = False) -> subprocess.CompletedProcess:
    prelude = _NO_NETWORK + ("import sys\nsys.modules['torch'] = None\n" if block_torch else "")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=ROOT,
        env=env,
    )


@pytest.fixture(scope="module")
def float_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models dir with the float export, made by a fresh offline process."""
    models = tmp_path_factory.mktemp("models")
    out = run_offline(
        """
        import sys
        from pathlib import Path
        from service.index.embed import OnnxEmbedder
        v = OnnxEmbedder(Path(sys.argv[1]), precision="float").encode(["a council meeting"])
        print(v.shape[1])
        """,
        str(models),
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["384"]
    return models


def corpus_passages(corpus_dir: Path) -> list[Passage]:
    pdf = sorted(corpus_dir.glob("*.pdf"))[0]
    result = extract(pdf, ExtractSettings(enrich=False, tables=False))
    assert result.pack is not None
    return build_passages(result.pack, pack_id_for(result.pack.sha256))


def test_float_onnx_export_gives_torch_vectors_on_real_passages(
    float_models: Path, corpus_dir: Path
) -> None:
    texts = sorted({p.embed_text() for p in corpus_passages(corpus_dir)}, key=len)
    chosen = texts[:15] + texts[-15:]  # the longest run past 256 tokens and are cut
    onnx = OnnxEmbedder(float_models, precision="float", threads=1).encode(chosen, batch_size=4)
    torch = TorchEmbedder().encode(chosen)
    cosine = (onnx * torch).sum(axis=1)
    assert cosine.min() >= 0.999, cosine.min()


def test_float_onnx_model_serves_offline_without_torch(float_models: Path) -> None:
    assert (float_models / onnx_file("float")).is_file()
    out = run_offline(
        """
        import sys
        from pathlib import Path
        from service.index.embed import OnnxEmbedder
        e = OnnxEmbedder(Path(sys.argv[1]), precision="float")
        v = e.encode([
            "The committee agreed to recruit more foster carers.",
            "Members resolved to increase the number of foster families.",
            "The car park contract was awarded to the lowest bidder.",
        ])
        print(round(float(v[0] @ v[1]), 3), round(float(v[0] @ v[2]), 3))
        """,
        str(float_models),
        block_torch=True,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    paraphrase, unrelated = map(float, out.stdout.split())
    assert paraphrase > unrelated + 0.2


@pytest.mark.parametrize("bf16, floor", [(False, 0.99999), (True, 0.9999)])
def test_plain_torch_encoder_gives_the_models_vectors_on_real_passages(
    corpus_dir: Path, bf16: bool, floor: float
) -> None:
    from service.index.embed import model_dir
    from service.index.minibert import MiniBertEmbedder

    texts = sorted({p.embed_text() for p in corpus_passages(corpus_dir)}, key=len)
    chosen = texts[:15] + texts[len(texts) // 2 : len(texts) // 2 + 10] + texts[-15:]
    got = MiniBertEmbedder(model_dir(), threads=None, bf16=bf16).encode(chosen)
    want = TorchEmbedder().encode(chosen)
    cosine = (got * want).sum(axis=1)
    assert cosine.min() >= floor, cosine.min()


def test_auto_passage_model_is_bf16_only_where_the_cpu_has_it(tmp_path, monkeypatch) -> None:
    from service.index import embed, minibert

    monkeypatch.setattr(minibert, "cpu_has_native_bf16", lambda: False)
    monkeypatch.setattr(embed, "export_onnx", lambda target, precision: target)  # no export
    assert embed.passage_model(tmp_path, "auto").backend == "onnx-float"
    assert not list(tmp_path.glob("*.check"))  # not even checked

    monkeypatch.setattr(minibert, "cpu_has_native_bf16", lambda: True)
    assert embed.passage_model(tmp_path, "auto").backend == "torch-bf16"
    (verdict,) = tmp_path.glob("minilm-l6-v2-bf16-*.check")  # checked once, kept
    assert float(verdict.read_text()) >= embed.MIN_AGREEMENT["bf16"]

    verdict.write_text("0.5\n")  # a model that disagreed is not used
    assert embed.passage_model(tmp_path, "auto").backend == "onnx-float"


def test_bf16_encoder_loads_offline_from_the_package_and_lets_torch_back_in() -> None:
    """As in an indexing worker: torch kept out (for spaCy's thinc), no network at all."""
    out = run_offline(
        """
        from service.index.embed import model_dir
        from service.index.minibert import MiniBertEmbedder
        v = MiniBertEmbedder(model_dir(), threads=1).encode([
            "The committee agreed to recruit more foster carers.",
            "Members resolved to increase the number of foster families.",
            "The car park contract was awarded to the lowest bidder.",
        ])
        print(v.shape[1], round(float(v[0] @ v[1]), 3), round(float(v[0] @ v[2]), 3))
        """,
        block_torch=True,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    dim, paraphrase, unrelated = out.stdout.split()
    assert dim == "384" and float(paraphrase) > float(unrelated) + 0.2
