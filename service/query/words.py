"""Words every part of question handling shares: the stop words of ranking."""

from __future__ import annotations

_STOP_TEXT = """a about above after again all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had
    has have having he her here hers him his how i if in into is it its itself just me more most
    my no nor not of off on once only or other our ours out over own same she should so some such
    than that the their theirs them then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    did last tell us get got many much"""
STOPWORDS = frozenset(_STOP_TEXT.split())
