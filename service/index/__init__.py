"""Writing: PDF packs -> passages -> vectors -> the store.

:mod:`.indexer` (one batch: each file indexed, skipped or failed with a reason),
:mod:`.scheduler` (the batch in worker processes), :mod:`.batch` (what a run tracks),
:mod:`.passages` (a pack's passages, one generator per source), :mod:`.embed` and
:mod:`.minibert` (the embedding models, which questions use too).
"""
