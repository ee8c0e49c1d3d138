"""Stage 4: entities, figures, tables and commitments (fills Pack.entities/figures/tables/
commitments).

Runs after the structure stage: the minutes' attendance and the reports'
contact / report-from headers are the roster for people. Each part fails on
its own: a failure becomes an ErrorItem and the other parts still run.
"""

from __future__ import annotations

from pathlib import Path

from extract.model import ErrorItem, Pack
from extract.settings import ExtractSettings


def enrich(pack: Pack, pdf_path: Path | None, settings: ExtractSettings) -> list[ErrorItem]:
    from extract.enrich.commitments import find_commitments
    from extract.enrich.entities import extract_entities
    from extract.enrich.figures import extract_figures
    from extract.enrich.tables import extract_tables
    from extract.enrich.text import blocks_of

    errors: list[ErrorItem] = []
    blocks = blocks_of(pack)
    try:
        pack.entities = extract_entities(pack, blocks)
    except Exception as exc:  # noqa: BLE001 - figures and tables still run
        errors.append(ErrorItem("enrich", f"entities failed: {_reason(exc)}"))
    try:
        pack.figures = extract_figures(blocks)
    except Exception as exc:  # noqa: BLE001
        errors.append(ErrorItem("enrich", f"figures failed: {_reason(exc)}"))
    try:  # promised updates (rules over the structure: no spaCy)
        pack.commitments = find_commitments(pack)
    except Exception as exc:  # noqa: BLE001
        errors.append(ErrorItem("enrich", f"commitments failed: {_reason(exc)}"))
    if settings.tables:
        try:
            pack.tables, table_errors = extract_tables(pack, pdf_path)
            errors.extend(table_errors)
        except Exception as exc:  # noqa: BLE001
            errors.append(ErrorItem("enrich", f"tables failed: {_reason(exc)}"))
    return errors


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__
