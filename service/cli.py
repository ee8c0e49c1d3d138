"""The ``boardpapers`` command line. Every command has an API route with the same JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from extract.errors import BoardpapersError
from service.config import resolve_data_dir

Handler = Callable[[argparse.Namespace], int]


def _emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _fail(message: str) -> None:
    sys.stderr.write(f"boardpapers: {' '.join(message.split())}\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from extract import ExtractSettings, Status, extract

    settings = ExtractSettings(
        enrich=not args.no_enrich, tables=not args.no_enrich, ocr=not args.no_ocr
    )
    result = extract(Path(args.pdf), settings)
    if result.status is Status.FAILURE or result.pack is None:
        _fail(f"{args.pdf}: {result.reason}")
        return 2
    for err in result.errors:
        _fail(f"{args.pdf}: warning: {err.message}")
    _emit(result.pack.to_dict() if not args.envelope else result.to_dict())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boardpapers",
        description="Turn council agenda packs into searchable records of what was decided.",
    )
    parser.add_argument(
        "--data-dir",
        default=None,
        help="where the store lives (env BOARDPAPERS_DATA_DIR; default ./data)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract one PDF pack to Pack JSON on stdout")
    p.add_argument("pdf", help="path to the PDF agenda pack")
    p.add_argument("--no-enrich", action="store_true", help="skip entities, figures and tables")
    p.add_argument("--no-ocr", action="store_true", help="do not OCR pages without a text layer")
    p.add_argument(
        "--envelope", action="store_true", help="print the full result envelope (status, errors)"
    )
    p.set_defaults(func=cmd_extract)

    _register_service_commands(sub)
    return parser


def _register_service_commands(sub: Any) -> None:
    """Index/search/ask/serve commands (service layer)."""
    try:
        from service import commands
    except ImportError:
        return
    commands.register(sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.data_dir = resolve_data_dir(args.data_dir)
    func: Handler = args.func
    try:
        return func(args)
    except BoardpapersError as exc:
        _fail(str(exc))
        return 2
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
