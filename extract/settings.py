"""One frozen settings object that rejects unknown keys."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from extract.errors import SettingsError


@dataclass(frozen=True, slots=True)
class ExtractSettings:
    enrich: bool = True  # entities, figures (issue 3 stage)
    tables: bool = True  # pdfplumber tables on pages that look tabular
    ocr: bool = True  # OCR pages with no text layer when tesseract is present
    max_pages: int = 5000  # refuse absurd files
    max_bytes: int = 500 * 1024 * 1024

    @classmethod
    def from_dict(cls, values: dict[str, Any] | None = None) -> ExtractSettings:
        values = dict(values or {})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise SettingsError(f"unknown extract setting(s): {', '.join(unknown)}")
        return cls(**values)

    def replace(self, **changes: Any) -> ExtractSettings:
        return ExtractSettings.from_dict({**dataclasses.asdict(self), **changes})
