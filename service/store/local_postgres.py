"""A local PostgreSQL with pgvector for development and tests: ``boardpapers postgres
start|stop|status``.

It runs from the ``pgserver`` wheel (Apache-2.0: PostgreSQL 16 and pgvector in the package,
no system packages) with its data under ``<data dir>/postgres``, listening on a Unix socket
only (so nothing outside the machine reaches it, and no port can clash), with a database
``boardpapers``. Its URL (``postgresql://postgres:@/boardpapers?host=SOCKET_DIR``) is what
``--store`` takes. Started as root, pgserver runs the server as a system user ``pgserver``
(PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import logging
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from service.errors import StoreError

log = logging.getLogger(__name__)

FOLDER = "postgres"  # under the data dir
DATABASE = "boardpapers"


@dataclass(slots=True)
class ServerState:
    status: str  # "running" | "stopped"
    folder: str
    url: str | None = None
    pid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "folder": self.folder, "url": self.url, "pid": self.pid}


def _pgserver() -> Any:
    try:
        with warnings.catch_warnings():  # platformdirs: "XDG_RUNTIME_DIR is not set"
            warnings.simplefilter("ignore")
            import pgserver
    except ImportError as exc:
        raise StoreError(f"the local PostgreSQL needs the pgserver package: {exc}") from exc
    return pgserver


def folder(data_dir: Path) -> Path:
    return Path(data_dir).expanduser().resolve() / FOLDER


def status(data_dir: Path) -> ServerState:
    """Whether the data dir's PostgreSQL runs, and its URL when it does."""
    _pgserver()
    from pgserver.utils import PostmasterInfo

    pgdata = folder(data_dir)
    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.is_dir() else None
    if info is None or not _serves(info):
        return ServerState("stopped", str(pgdata))
    return ServerState("running", str(pgdata), info.get_uri(database=DATABASE), info.pid)


def _serves(info: Any) -> bool:
    """Whether a ``postmaster.pid`` names a PostgreSQL that runs: its process is alive and
    is a ``postgres`` (a file left by a server that died names a pid the system may since
    have given to any process, which root can always see), and its socket is there."""
    import psutil

    if not info.is_running():
        return False
    try:
        name = info.process.name()
    except (psutil.Error, OSError):
        return False
    if name != "postgres":
        return False
    if info.socket_dir is None or info.port is None:
        return True  # (a server on TCP: the process is all there is to check)
    return (Path(info.socket_dir) / f".s.PGSQL.{info.port}").exists()


def start(data_dir: Path) -> ServerState:
    """Start (or find running) the data dir's PostgreSQL, with the ``boardpapers`` database
    and the ``vector`` extension; it keeps running after this process exits."""
    pgserver = _pgserver()
    pgdata = folder(data_dir)
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    try:
        server = pgserver.get_server(pgdata, cleanup_mode=None)
    except (subprocess.SubprocessError, OSError, AssertionError) as exc:
        raise StoreError(f"could not start PostgreSQL in {pgdata}: {exc}") from exc
    ensure_database(server.get_uri(), DATABASE)
    return status(data_dir)


def ensure_database(admin_url: str, name: str) -> None:
    """Create database ``name`` (with the vector extension) unless it exists."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(_with_database(admin_url, name), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")


def _with_database(url: str, name: str) -> str:
    head, _, tail = url.partition("?")
    base = head.rsplit("/", 1)[0]
    return f"{base}/{name}" + (f"?{tail}" if tail else "")


def stop(data_dir: Path) -> ServerState:
    """Stop the data dir's PostgreSQL (fast shutdown: open sessions are ended)."""
    state = status(data_dir)
    if state.status != "running":
        return state
    pgserver = _pgserver()
    from pgserver.postgres_server import PostgresServer

    user = None
    if _is_root():  # the server runs as pgserver, who must reach the folder to stop it
        from pgserver.utils import ensure_prefix_permissions

        user = "pgserver"
        ensure_prefix_permissions(folder(data_dir))
    PostgresServer.lock_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        pgserver.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=folder(data_dir), user=user)
    except subprocess.CalledProcessError as exc:
        raise StoreError(f"could not stop PostgreSQL in {state.folder}: {exc}") from exc
    return status(data_dir)


def _is_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0
