"""Service commands: index, search, ask, meetings, packs, figures, followups, status, serve.

Each command with ``--json`` prints exactly what its API route returns (``index --json``:
the entry of each file is the ``result`` of a ``POST /packs`` job); the list commands
(search, meetings, packs, figures, followups) with ``--format csv`` print the CSV their route answers
to ``?format=csv``. Each command gets the
service settings in ``args.settings`` (read once by :func:`service.cli.main`) and imports
what it needs when it runs: importing this module loads no model, web framework or vector
library, so ``boardpapers extract`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.query import MAX_LIMIT, MODES
from service.store.base import KINDS

if TYPE_CHECKING:
    from service.config import ServiceSettings
    from service.store.base import Store


def emit(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _output(args: argparse.Namespace) -> str:
    """``text``, ``json`` or ``csv``: what a list command prints (``--json`` is
    ``--format json``)."""
    return "json" if args.json else (getattr(args, "format", None) or "text")


def _emitted(args: argparse.Namespace, view_name: str, data: dict[str, Any]) -> bool:
    """Print ``data`` as JSON or CSV when asked to; False: the command prints text."""
    fmt = _output(args)
    if fmt == "json":
        emit(data)
    elif fmt == "csv":
        from service.web import export

        view: export.ListView = getattr(export, view_name)
        sys.stdout.write(export.csv_text(view, data))
    return fmt != "text"


def open_store_of(args: argparse.Namespace) -> Store:
    """The store the settings name (its data folder made if absent)."""
    from service.store import open_store

    settings: ServiceSettings = args.settings
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return open_store(settings.data_dir, url=settings.store)


def query_embedder(settings: ServiceSettings) -> Any:
    """The query model the settings name."""
    from service.index.embed import get_embedder

    return get_embedder(settings.embed_backend, settings.models_dir, settings.model_cache)


def _filter_values(args: argparse.Namespace) -> dict[str, Any]:
    """The filter flags of search and ask, as the views take them."""
    return {
        "body": args.body,
        "date_from": args.date_from,
        "date_to": args.date_to,
        "kind": args.kind,
    }


def _empty(store: Store, args: argparse.Namespace) -> bool:
    """True (and said plainly) when nothing has been indexed in the store yet."""
    if store.counts().get("packs"):
        return False
    sys.stdout.write(
        f"Nothing has been indexed yet in {args.settings.data_dir}: run"
        " `boardpapers index PATH...` first.\n"
    )
    return True


# ------------------------------------------------------------------- index


def cmd_index(args: argparse.Namespace) -> int:
    from service.index.indexer import FileOutcome

    with open_store_of(args) as store:
        if sys.stderr.isatty() and not args.json:
            summary = _index_with_bar(store, args)
        else:

            def log(outcome: FileOutcome, done: int, total: int) -> None:
                sys.stderr.write(f"[{done}/{total}] {outcome.line()}\n")
                sys.stderr.flush()

            summary = _run_indexer(store, args, log)
    if args.json:
        emit(summary.to_dict())
    else:
        counts = summary.to_dict()
        sys.stdout.write(
            f"{counts['indexed']} indexed, {counts['skipped']} skipped, {counts['failed']} failed\n"
        )
        for f in summary.files:
            if f.status == "failed":
                sys.stdout.write(f"  {f.line()}\n")
    return 0 if summary.ok else 1


def _run_indexer(store: Store, args: argparse.Namespace, progress: Any) -> Any:
    """``boardpapers index``'s paths indexed with its options, ``progress`` told of each file;
    each pack stored is matched against the saved searches (:mod:`service.alerts`)."""
    from service.alert_commands import matcher
    from service.index.indexer import Indexer

    return Indexer(
        store,
        workers=args.workers,
        progress=progress,
        service=args.settings,
        cluster=args.cluster,
        on_stored=matcher(store, args.settings),
    ).run(args.paths)


def _index_with_bar(store: Any, args: argparse.Namespace) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from service.index.indexer import FileOutcome

    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
    ) as bar:
        task = bar.add_task("", total=None)

        def show(outcome: FileOutcome, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=Path(outcome.file).name)
            if outcome.status == "failed":
                bar.console.print(f"[red]{outcome.line()}[/red]", markup=True, highlight=False)

        return _run_indexer(store, args, show)


# ------------------------------------------------------------------ search


def _print_results(data: dict[str, Any]) -> None:
    results = data["results"]
    if not results:
        sys.stdout.write(f"no results for {data['query']!r}\n")
        for note in data.get("notes", []):  # e.g. no strong matches (the relevance floor)
            sys.stdout.write(f"note: {note}\n")
        return
    width = min(100, shutil.get_terminal_size((100, 20)).columns)
    for r in results:
        where = " · ".join(
            x
            for x in (
                r["meeting_date"] or "undated",
                r["body"] or "",
                r["kind"],
                f"item {r['agenda_item']}" if r["agenda_item"] else "",
                f"p.{r['page']}" if r["page"] else "",
                f"pack {r['pack']}",
            )
            if x
        )
        sys.stdout.write(f"{r['rank']:>2}. {where}  (score {r['score']:.4f})\n")
        if r["item_title"]:
            sys.stdout.write(f"    {r['item_title']}\n")
        text = textwrap.shorten(r["text"], width=360, placeholder=" …")
        for line in textwrap.wrap(text, width=width - 4):
            sys.stdout.write(f"    {line}\n")
    for facet, counts in data.get("facets", {}).items():
        if counts:
            shown = ", ".join(f"{c['value']} ({c['count']})" for c in counts[:6])
            more = f", … {len(counts) - 6} more" if len(counts) > 6 else ""
            sys.stdout.write(f"by {facet}: {shown}{more}\n")
    for note in data.get("notes", []):
        sys.stdout.write(f"note: {note}\n")


def cmd_search(args: argparse.Namespace) -> int:
    from service.web import views

    with open_store_of(args) as store:
        if _output(args) == "text" and _empty(store, args):
            return 0
        embedder = query_embedder(args.settings) if args.mode != "bm25" else None
        data = views.search_view(
            store,
            args.query,
            mode=args.mode,
            limit=args.limit,
            embedder=embedder,
            **_filter_values(args),
        )
    if not _emitted(args, "SEARCH", data):
        _print_results(data)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from service.query.answer import Answerer, format_text
    from service.web import views

    with open_store_of(args) as store:
        if not args.json and _empty(store, args):
            return 0
        with Answerer(store, query_embedder(args.settings)) as answerer:
            data = views.ask_view(answerer, args.question, **_filter_values(args))
    if args.json:
        emit(data)
        return 0

    sys.stdout.write(format_text(data, width=min(100, shutil.get_terminal_size((100, 20)).columns)))
    return 0


def cmd_meetings(args: argparse.Namespace) -> int:
    from service.web import views

    with open_store_of(args) as store:
        data = views.meetings(store)
    if _emitted(args, "MEETINGS", data):
        return 0

    def line(m: dict[str, Any]) -> str:
        c = m["counts"]
        return (
            f"{m['date'] or 'undated':<10}  {m['body'] or '(body unknown)'}  [{m['pack']}]  "
            f"{c['agenda_items']} items, {c['reports']} reports, {c['minutes']} minutes, "
            f"{c['passages']} passages"
        )

    _write_listed(data, "meetings", line)
    return 0


def _write_listed(data: dict[str, Any], key: str, line: Callable[[dict[str, Any]], str]) -> None:
    """A listing's rows (``data[key]``), a line each, or that none are indexed."""
    for row in data[key]:
        sys.stdout.write(line(row) + "\n")
    if not data[key]:
        sys.stdout.write(f"no {key} indexed\n")


def cmd_packs(args: argparse.Namespace) -> int:
    from service.web import views

    with open_store_of(args) as store:
        if args.pack_id and args.pdf:
            src = store.pack_pdf(args.pack_id)
            shutil.copyfile(src, args.pdf)
            sys.stdout.write(f"{args.pdf}\n")
            return 0
        if args.pack_id:
            if _output(args) == "csv":
                from service.errors import InvalidRequestError

                raise InvalidRequestError(
                    "one pack's JSON has no CSV form; its figures do:"
                    f" `boardpapers figures {args.pack_id} --format csv`"
                )
            emit(views.pack(store, args.pack_id))
            return 0
        data = views.packs(store)
    if _emitted(args, "PACKS", data):
        return 0
    _write_listed(
        data,
        "packs",
        lambda p: (
            f"{p['id']}  {p['meeting_date'] or 'undated':<10}  {p['body'] or '-'}  "
            f"{p['page_count']} pages, {p['passages']} passages  ({p['source']}, {p['status']})"
        ),
    )
    return 0


def cmd_figures(args: argparse.Namespace) -> int:
    from service.web import views

    with open_store_of(args) as store:
        data = views.figures(store, args.pack_id, everything=args.all)
    if _emitted(args, "FIGURES", data):
        return 0
    for f in data["figures"]:
        item = f"item {f['agenda_item']}" if f.get("agenda_item") else "-"
        sys.stdout.write(f"p.{f['page']:<4} {item:<10} {f['text']:>14}  {f['about']}\n")
    left = data["omitted"]
    shown = "figures" if args.all else "figures that say what they measure"
    sys.stdout.write(
        f"{len(data['figures'])} {shown} of {data['total']}"
        + (f" ({left} left out: --all shows them)" if left else "")
        + "\n"
    )
    return 0


def cmd_followups(args: argparse.Namespace) -> int:
    from service.query.answer import Answerer
    from service.web import views

    with open_store_of(args) as store, Answerer(store, query_embedder(args.settings)) as answerer:
        data = views.followups_view(
            store,
            body=args.body,
            status=args.status,
            date_from=args.date_from,
            date_to=args.date_to,
            answerer=answerer,
        )
    if _emitted(args, "FOLLOWUPS", data):
        return 0
    width = min(100, shutil.get_terminal_size((100, 20)).columns)
    for f in data["followups"]:
        due = f"due {f['due']}" if f["due"] else "no due date"
        sys.stdout.write(
            f"{f['status'].upper():<8} {f['meeting_date'] or 'undated'}  {f['body'] or '-'}"
            f"  ({due}; pack {f['pack']} p.{f['page']})\n"
        )
        text = textwrap.shorten(f["text"], width=300, placeholder=" …")
        for line in textwrap.wrap(f"“{text}”", width=width - 4):
            sys.stdout.write(f"    {line}\n")
        met = f["met_by"]
        if met:
            sys.stdout.write(
                f"    met: {met['meeting_date']} item {met['agenda_item'] or '-'}"
                f" {met['item_title'] or ''} (pack {met['pack']} p.{met['page']})\n"
            )
    counts = ", ".join(f"{n} {s}" for s, n in data["counts"].items())
    sys.stdout.write(f"{len(data['followups'])} follow-ups: {counts}\n")
    for note in data.get("notes", []):
        sys.stdout.write(f"note: {note}\n")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from service.web import views

    with open_store_of(args) as store:
        data = views.health(store)
    if args.json:
        emit(data)
    else:
        sys.stdout.write(f"{data['status']}: {data['packs']} packs, {data['passages']} passages\n")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from service.web.api import create_app

    settings: ServiceSettings = args.settings
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    if args.workers <= 1:
        uvicorn.run(create_app(settings=settings), host=args.host, port=args.port, log_level="info")
        return 0
    # several processes: each builds the app from the environment (uvicorn imports it by name)
    os.environ["BOARDPAPERS_DATA_DIR"] = str(settings.data_dir.resolve())
    os.environ["BOARDPAPERS_STORE"] = settings.store
    uvicorn.run(
        "service.web.api:create_app_from_env",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level="info",
    )
    return 0


def cmd_postgres(args: argparse.Namespace) -> int:
    """Start, stop or show the local PostgreSQL of the data dir (service.store.local_postgres)."""
    from service.store import local_postgres

    settings: ServiceSettings = args.settings
    action = {
        "start": local_postgres.start,
        "stop": local_postgres.stop,
        "status": local_postgres.status,
    }[args.action]
    state = action(settings.data_dir)
    if args.json:
        emit(state.to_dict())
    elif state.status == "running":
        sys.stdout.write(f"{state.url}\n")
        sys.stderr.write(
            f"PostgreSQL is running (pid {state.pid}, data in {state.folder}); use it with"
            f" --store '{state.url}'\n"
        )
    else:
        sys.stdout.write(f"PostgreSQL is not running (data in {state.folder})\n")
    return 0 if args.action == "stop" or state.status == "running" else 1


# ---------------------------------------------------------------- register


def _list_format(p: argparse.ArgumentParser, route: str) -> None:
    p.add_argument("--json", action="store_true", help=f"print the GET {route} JSON")
    p.add_argument(
        "--format",
        choices=("json", "csv"),
        help=f"print JSON, or CSV (a header row, one row per item), as GET {route}?format=",
    )


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--body", help="only passages of this body (case-insensitive substring)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="meetings on or after DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="meetings on or before DATE")


def register(sub: Any) -> list[argparse.ArgumentParser]:
    """Add the service commands to ``sub``; returns their parsers."""
    made: list[argparse.ArgumentParser] = []
    p = sub.add_parser("index", help="index PDF packs (files or folders) into the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="PDF files or folders (recursive)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument(
        "--workers", type=int, default=2, help="extraction processes (default 2; 0 = in-process)"
    )
    p.add_argument(
        "--cluster",
        metavar="SPEC",
        help="run on Dask instead: local:N (a local cluster of N workers) or tcp://HOST:8786",
    )
    made.append(p)
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", help="hybrid keyword + semantic search over indexed passages")
    p.add_argument("query", help='words, a "quoted phrase" or a reference like UASC')
    _filters(p)
    p.add_argument("--kind", choices=KINDS, help="only passages of this kind")
    p.add_argument("--limit", type=int, default=10, help=f"results (1-{MAX_LIMIT}, default 10)")
    p.add_argument("--mode", choices=MODES, default="hybrid", help="ranking (default hybrid)")
    _list_format(p, "/search")
    made.append(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("ask", help="answer a question from the indexed packs, with sources")
    p.add_argument("question")
    _filters(p)
    p.add_argument("--kind", choices=KINDS, help="only passages of this kind")
    p.add_argument("--json", action="store_true", help="print the GET /ask JSON")
    made.append(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("meetings", help="list indexed meetings")
    _list_format(p, "/meetings")
    made.append(p)
    p.set_defaults(func=cmd_meetings)

    p = sub.add_parser("packs", help="list indexed packs, or print one pack's JSON")
    p.add_argument("pack_id", nargs="?", metavar="ID", help="a pack id: print its Pack JSON")
    p.add_argument("--pdf", metavar="OUT", help="with ID: copy the pack's stored PDF to OUT")
    _list_format(p, "/packs")
    made.append(p)
    p.set_defaults(func=cmd_packs)

    p = sub.add_parser("figures", help="a meeting's figures (those that say what they measure)")
    p.add_argument("pack_id", metavar="ID", help="a pack id")
    p.add_argument(
        "--all", action="store_true", help="every figure, also those whose label says nothing"
    )
    _list_format(p, "/packs/{id}/figures")
    made.append(p)
    p.set_defaults(func=cmd_figures)

    p = sub.add_parser("followups", help="promised updates and whether they were kept")
    p.add_argument("--body", help="only promises made at bodies whose name holds this")
    p.add_argument("--status", choices=("met", "due", "overdue", "open"), help="only this status")
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="promises made on or after DATE"
    )
    p.add_argument("--to", dest="date_to", metavar="DATE", help="promises made on or before DATE")
    _list_format(p, "/followups")
    made.append(p)
    p.set_defaults(func=cmd_followups)

    p = sub.add_parser("status", help="store health: packs and passages indexed")
    p.add_argument("--json", action="store_true", help="print the GET /healthz JSON")
    made.append(p)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("serve", help="run the HTTP API")
    p.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (default 1); upload jobs live in the store, so any answers",
    )
    made.append(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("postgres", help="a local PostgreSQL with pgvector under DATA_DIR/postgres")
    p.add_argument("action", choices=("start", "stop", "status"))
    p.add_argument("--json", action="store_true", help="print {status, folder, url, pid}")
    made.append(p)
    p.set_defaults(func=cmd_postgres)

    from service import alert_commands  # alerts add|list|remove|show, watch DIR

    made.extend(alert_commands.register(sub))
    return made
