"""PDF agenda pack -> structured Pack (pure: no storage).

from extract import extract
result = extract("pack.pdf")      # ExtractResult envelope, never raises for bad input
result.status, result.pack, result.errors
"""

from extract.model import ExtractResult, Pack, Status
from extract.pipeline import extract
from extract.settings import ExtractSettings

__all__ = ["ExtractResult", "ExtractSettings", "Pack", "Status", "extract"]
