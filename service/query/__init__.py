"""Asking (never writing): questions (:mod:`.questions`), search (:mod:`.search`), answers
(:mod:`.answer`) and the store's words (:mod:`.lexicon`).

The constants below are what callers validate against before importing the rankers (the
command line's choices), so they cost no import of numpy or the models.
"""

MODES = ("hybrid", "bm25", "dense")
MAX_LIMIT = 100
