"""Upload jobs kept in the PostgreSQL store (the ``jobs`` table), so that every server
process and machine answers ``GET /jobs/{id}`` for a job another one runs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from service.store.base import JOB_FIELDS

_COLS = ", ".join(JOB_FIELDS)


class JobRows:
    """The job methods of :class:`service.store.base.Store` for PostgreSQL (a mixin: needs
    ``self.pool``)."""

    pool: Any

    def save_job(self, job: Mapping[str, Any]) -> None:
        values = [job.get(f) for f in JOB_FIELDS]
        values[JOB_FIELDS.index("result")] = _dump(job.get("result"))
        marks = ", ".join(["%s"] * len(JOB_FIELDS))
        updates = ", ".join(f"{f} = EXCLUDED.{f}" for f in JOB_FIELDS if f != "id")
        with self.pool.conn() as conn:
            conn.execute(
                f"INSERT INTO jobs ({_COLS}) VALUES ({marks})"
                f" ON CONFLICT (id) DO UPDATE SET {updates}",
                values,
            )

    def load_job(self, job_id: str) -> dict[str, Any] | None:
        with self.pool.conn() as conn:
            row = conn.execute(f"SELECT {_COLS} FROM jobs WHERE id = %s", (job_id,)).fetchone()
        return _job(row) if row else None

    def unfinished_jobs(self) -> list[dict[str, Any]]:
        with self.pool.conn() as conn:
            rows = conn.execute(
                f"SELECT {_COLS} FROM jobs WHERE status IN ('queued', 'running') ORDER BY seq"
            ).fetchall()
        return [_job(row) for row in rows]

    def prune_jobs(self, keep: int) -> None:
        with self.pool.conn() as conn:
            conn.execute(
                "DELETE FROM jobs WHERE status IN ('done', 'failed') AND seq <= ("
                " SELECT seq FROM jobs WHERE status IN ('done', 'failed')"
                " ORDER BY seq DESC OFFSET %s LIMIT 1)",
                (keep,),
            )


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _job(row: Any) -> dict[str, Any]:
    job = dict(zip(JOB_FIELDS, row, strict=True))
    if job.get("result") is not None:
        job["result"] = json.loads(job["result"])
    return job
