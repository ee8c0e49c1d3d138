"""The ``boardpapers`` command line. Every command has an API route with the same JSON.

Start-up stays light: this module and the command table (:mod:`service.commands`) import no
model, web framework or vector library; each command imports what it needs when it runs, so
``boardpapers extract --no-enrich`` starts in a fraction of a second.

Global options (``--data-dir``, ``--store``) may come before or after the command. The
service settings are read from them and the environment once, here, and passed in
(:class:`service.config.ServiceSettings`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from extract.errors import BoardpapersError

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


def global_options(parser: argparse.ArgumentParser, *, after_command: bool = False) -> None:
    """The options every command takes. After the command (``boardpapers ask "x" --data-dir
    D``) they are only set when given, so they never undo the same option given before it."""
    default = argparse.SUPPRESS if after_command else None
    parser.add_argument(
        "--data-dir",
        default=default,
        help="where the store lives (env BOARDPAPERS_DATA_DIR; default ./data)",
    )
    parser.add_argument(
        "--store",
        metavar="URL",
        default=default,
        help="the store (env BOARDPAPERS_STORE; default sqlite:///DATA_DIR/store.db)",
    )


def build_parser() -> argparse.ArgumentParser:
    from service import commands

    parser = argparse.ArgumentParser(
        prog="boardpapers",
        description="Turn council agenda packs into searchable records of what was decided.",
    )
    global_options(parser)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract one PDF pack to Pack JSON on stdout")
    p.add_argument("pdf", help="path to the PDF agenda pack")
    p.add_argument("--no-enrich", action="store_true", help="skip entities, figures and tables")
    p.add_argument("--no-ocr", action="store_true", help="do not OCR pages without a text layer")
    p.add_argument(
        "--envelope", action="store_true", help="print the full result envelope (status, errors)"
    )
    global_options(p, after_command=True)
    p.set_defaults(func=cmd_extract, needs_settings=False)

    for p in commands.register(sub):
        global_options(p, after_command=True)
    return parser


def _log_to_stderr() -> None:
    """Fallbacks and worker failures are logged (``logging.getLogger(__name__)`` in each
    module); the CLI shows warnings, or everything with ``BOARDPAPERS_LOG=info|debug``."""
    level = os.environ.get("BOARDPAPERS_LOG", "warning").strip().upper() or "WARNING"
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING),
        format="boardpapers: %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _log_to_stderr()
    func: Handler = args.func
    try:
        if getattr(args, "needs_settings", True):
            from service.config import ServiceSettings

            args.settings = ServiceSettings.from_env(data_dir=args.data_dir, store=args.store)
            args.data_dir = args.settings.data_dir
        return func(args)
    except BoardpapersError as exc:
        _fail(str(exc))
        return 2
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except BrokenPipeError:
        _quiet_closed_stdout()
        return 141  # 128 + SIGPIPE, what a shell reports for `... | head`


def _quiet_closed_stdout() -> None:
    """The reader of our output went away (``boardpapers alerts show 1 | head``): nothing to
    report, but the interpreter would still try to flush stdout at exit and print a traceback,
    so point the descriptor at /dev/null (the recipe in Python's ``signal`` documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # stdout is not a real descriptor
        pass


if __name__ == "__main__":
    sys.exit(main())
