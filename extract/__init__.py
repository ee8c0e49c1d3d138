"""PDF agenda pack -> structured Pack (pure: no storage).

from extract import extract
result = extract("pack.pdf")      # ExtractResult envelope, never raises for bad input
result.status, result.pack, result.errors

The stages one by one (the indexer runs them in different worker processes):
result = enrich_pack(structure_pack("pack.pdf"))
"""

from extract.model import ExtractResult, Pack, Status
from extract.pipeline import enrich_pack, extract, structure_pack
from extract.settings import ExtractSettings

__all__ = [
    "ExtractResult",
    "ExtractSettings",
    "Pack",
    "Status",
    "enrich_pack",
    "extract",
    "structure_pack",
]
