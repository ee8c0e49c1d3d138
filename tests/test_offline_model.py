"""The embedding model loads and works with the network unreachable."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from service.index.embed import OnnxEmbedder, TorchEmbedder

SENTENCES = [
    "The committee agreed to recruit more foster carers for children in care.",
    "Members resolved to increase the number of foster families looking after children.",
    "The car park resurfacing contract was awarded to the lowest bidder.",
]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network unreachable (test guard)")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def check_vectors(vectors: np.ndarray) -> None:
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    paraphrase, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert paraphrase > unrelated + 0.2


def test_float_model_loads_offline_and_ranks_a_paraphrase_first(no_network) -> None:
    check_vectors(TorchEmbedder().encode(SENTENCES))


def test_int8_onnx_model_exports_offline_and_agrees_with_float(no_network, tmp_path) -> None:
    int8 = OnnxEmbedder(tmp_path / "models").encode(SENTENCES)
    check_vectors(int8)
    assert (tmp_path / "models").is_dir() and any((tmp_path / "models").glob("*.onnx"))
    float32 = TorchEmbedder().encode(SENTENCES)
    assert np.all((int8 * float32).sum(axis=1) > 0.98)


def test_fresh_process_without_network_loads_the_model() -> None:
    # a clean interpreter: nothing cached, every socket connection refused
    code = textwrap.dedent(
        """
        import socket
        def refuse(*a, **k):
            raise OSError("network unreachable (test guard)")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        from service.index.embed import TorchEmbedder
        v = TorchEmbedder().encode(["a council meeting", "a meeting of the council"])
        print(v.shape[1], round(float(v[0] @ v[1]), 2))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    dim, sim = out.stdout.split()
    assert dim == "384" and float(sim) > 0.7
