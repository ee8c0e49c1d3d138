"""Commands for saved searches and the folder watch: ``boardpapers alerts add|list|remove|show``
and ``boardpapers watch DIR``.

``alerts`` prints what its routes answer (``--json``: ``POST /alerts``, ``GET /alerts``,
``DELETE /alerts/{id}``, ``GET /alerts/{id}``); the command line needs no token (whoever can
open the store may write it, as with ``boardpapers index``). Imports stay lazy, as in
:mod:`service.commands`.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from service.commands import emit, open_store_of, query_embedder
from service.store.base import KINDS

if TYPE_CHECKING:
    from service.alerts import AlertMatcher
    from service.config import ServiceSettings
    from service.store.base import Store


def matcher(store: Store, settings: ServiceSettings) -> AlertMatcher:
    """Matches each pack stored against the saved searches, with the query model the
    settings name (loaded only when there is a saved search to match)."""
    from service.alerts import AlertMatcher

    return AlertMatcher(store, lambda: query_embedder(settings))


# ------------------------------------------------------------------ alerts


def _describe(a: dict[str, Any]) -> str:
    filters = [
        f"{name} {a[key]}"
        for name, key in (("body", "body"), ("kind", "kind"), ("from", "from"), ("to", "to"))
        if a.get(key)
    ]
    extra = f" [{', '.join(filters)}]" if filters else ""
    return f"{a['id']:>3}  “{a['query']}”{extra}  {a['matches']} matches, {a['unseen']} unseen"


def print_entries(entries: list[dict[str, Any]]) -> None:
    from service.web.feed import entry_title

    width = min(100, shutil.get_terminal_size((100, 20)).columns)
    for e in entries:
        sys.stdout.write(f"* {entry_title(e)}\n")
        quote = textwrap.shorten(e["quote"], width=360, placeholder=" …")
        for line in textwrap.wrap(quote, width=width - 4):
            sys.stdout.write(f"    {line}\n")
        sys.stdout.write(f"    {e['pdf_url']}  (matched {e['matched_at']})\n")


def cmd_alerts(args: argparse.Namespace) -> int:
    from service import alerts

    with open_store_of(args) as store:
        if args.action == "add":
            data = alerts.add_view(
                store,
                query=args.query,
                body=args.body,
                kind=args.kind,
                date_from=args.date_from,
                date_to=args.date_to,
            )
            text = f"saved search {_describe(data)}\nfeed: {data['feed']}\n"
        elif args.action == "remove":
            data = alerts.remove_view(store, args.alert_id)
            text = f"removed saved search {args.alert_id}\n"
        elif args.action == "show":
            data = alerts.show_view(store, args.alert_id, new=args.new)
            if args.new:
                alerts.mark_shown(store, data["entries"])
            text = ""
        else:
            data = alerts.list_view(store)
            if _list_output(args, data):
                return 0
            lines = [_describe(a) for a in data["alerts"]] or ["no saved searches"]
            text = "\n".join(lines) + "\n"
    if args.json:
        emit(data)
    elif args.action == "show":
        sys.stdout.write(f"saved search {_describe(data['alert'])}\n")
        print_entries(data["entries"])
        if not data["entries"]:
            sys.stdout.write("no new matches\n" if args.new else "no matches yet\n")
    else:
        sys.stdout.write(text)
    return 0


def _list_output(args: argparse.Namespace, data: dict[str, Any]) -> bool:
    """``alerts list --format csv``: the CSV of ``GET /alerts?format=csv``."""
    if getattr(args, "format", None) != "csv":
        return False
    from service.web import export

    sys.stdout.write(export.csv_text(export.ALERTS, data))
    return True


# ------------------------------------------------------------------ watch


def cmd_watch(args: argparse.Namespace) -> int:
    from service.index.indexer import Indexer
    from service.watch import Watcher

    def say(line: str) -> None:
        sys.stderr.write(f"watch: {line}\n")
        sys.stderr.flush()

    with open_store_of(args) as store:
        match = matcher(store, args.settings)

        def matched(pack_id: str) -> None:
            for alert_id, new in match(pack_id).items():
                if new:
                    say(f"alert {alert_id}: {new} new match(es) in pack {pack_id}")

        indexer = Indexer(store, workers=args.workers, service=args.settings, on_stored=matched)
        watcher = Watcher(
            Path(args.folder), lambda p: indexer.run([p]).files[0], say, debounce=args.debounce
        )
        signal.signal(signal.SIGTERM, lambda *_: watcher.stop())  # stop as Ctrl-C does
        try:
            watcher.run()
        except KeyboardInterrupt:
            watcher.stop()
    return 0


# ------------------------------------------------------------------ register


def _add_parsers(sub: Any) -> list[argparse.ArgumentParser]:
    made = []
    p = sub.add_parser("add", help="save a search: new packs are matched against it")
    p.add_argument("query", help="the words to search for, as in `boardpapers search`")
    p.add_argument("--body", help="only passages of this body (case-insensitive substring)")
    p.add_argument("--kind", choices=KINDS, help="only passages of this kind")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="meetings on or after DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="meetings on or before DATE")
    p.add_argument("--json", action="store_true", help="print the POST /alerts JSON")
    made.append(p)
    p = sub.add_parser("list", help="list saved searches")
    p.add_argument("--json", action="store_true", help="print the GET /alerts JSON")
    p.add_argument(
        "--format", choices=("json", "csv"), help="print JSON, or CSV as GET /alerts?format=csv"
    )
    made.append(p)
    p = sub.add_parser("remove", help="remove a saved search")
    p.add_argument("alert_id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true", help="print the DELETE /alerts/{id} JSON")
    made.append(p)
    p = sub.add_parser("show", help="what a saved search matched (its feed's entries)")
    p.add_argument("alert_id", type=int, metavar="ID")
    p.add_argument("--new", action="store_true", help="only entries not shown before")
    p.add_argument("--json", action="store_true", help="print the GET /alerts/{id} JSON")
    made.append(p)
    return made


def register(sub: Any) -> list[argparse.ArgumentParser]:
    """Add ``alerts`` (with its actions) and ``watch`` to ``sub``; returns every parser
    made, so the CLI adds the global options to each."""
    made: list[argparse.ArgumentParser] = []
    p = sub.add_parser("alerts", help="saved searches: add, list, remove, show")
    actions = p.add_subparsers(dest="action", required=True, metavar="add|list|remove|show")
    made.append(p)
    for action in _add_parsers(actions):
        action.set_defaults(func=cmd_alerts)
        made.append(action)
    p.set_defaults(func=cmd_alerts)

    p = sub.add_parser("watch", help="index PDFs as they appear or change in a folder")
    p.add_argument("folder", metavar="DIR", help="the folder to watch (recursively)")
    p.add_argument(
        "--debounce",
        type=float,
        default=2.0,
        metavar="S",
        help="seconds a file must be left alone before it is indexed (default 2)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        help="extraction processes per file (default 0: in this process, models stay loaded)",
    )
    made.append(p)
    p.set_defaults(func=cmd_watch)
    return made
