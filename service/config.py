"""Runtime configuration: the data directory every command honours."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DATA_DIR = Path("data")


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """--data-dir, else $BOARDPAPERS_DATA_DIR, else ./data."""
    raw = cli_value or os.environ.get("BOARDPAPERS_DATA_DIR") or str(DEFAULT_DATA_DIR)
    return Path(raw).expanduser()
