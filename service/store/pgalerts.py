"""Saved searches (alerts) and their matches in the PostgreSQL store: the same methods and
answers as the SQLite store's (``alerts`` and ``alert_matches`` tables; a match goes with its
passage's pack, by foreign key)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from service.errors import AlertNotFoundError
from service.store.base import (
    ALERTS_SQL,
    Alert,
    AlertMatch,
    alert_matches_sql,
    found_alert,
    now_iso,
)


class AlertRows:
    """The saved-search methods of :class:`service.store.base.Store` for PostgreSQL (a mixin:
    needs ``self.pool``)."""

    pool: Any

    def add_alert(self, alert: Alert) -> Alert:
        with self.pool.conn() as conn:
            row = conn.execute(
                "INSERT INTO alerts (query, body, kind, date_from, date_to, created_at)"
                " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    alert.query,
                    alert.body,
                    alert.kind,
                    alert.date_from,
                    alert.date_to,
                    alert.created_at or now_iso(),
                ),
            ).fetchone()
        return self.alert(int(row[0]))

    def alerts(self) -> list[Alert]:
        with self.pool.conn() as conn:
            rows = conn.execute(f"{ALERTS_SQL} ORDER BY a.id").fetchall()
        return [Alert(*row) for row in rows]

    def alert(self, alert_id: int) -> Alert:
        with self.pool.conn() as conn:
            row = conn.execute(f"{ALERTS_SQL} WHERE a.id = %s", (int(alert_id),)).fetchone()
        return found_alert(row, alert_id)

    def delete_alert(self, alert_id: int) -> None:
        with self.pool.conn() as conn:
            cur = conn.execute("DELETE FROM alerts WHERE id = %s", (int(alert_id),))
            if cur.rowcount == 0:
                raise AlertNotFoundError(f"no saved search with id {alert_id}")

    def record_matches(self, alert_id: int, hits: Sequence[tuple[int, float]]) -> int:
        if not hits:
            return 0
        now = now_iso()
        with self.pool.conn() as conn:
            row = conn.execute(
                "WITH h (passage_id, score) AS (SELECT * FROM unnest(%s::bigint[], %s::float8[]))"
                " , ins AS (INSERT INTO alert_matches"
                " (alert_id, passage_id, pack_id, score, matched_at)"
                " SELECT a.id, p.id, p.pack_id, h.score, %s FROM h"
                " JOIN passages p ON p.id = h.passage_id JOIN alerts a ON a.id = %s"
                " ON CONFLICT (alert_id, passage_id) DO NOTHING RETURNING 1)"
                " SELECT count(*) FROM ins",
                (
                    [int(pid) for pid, _ in hits],
                    [float(score) for _, score in hits],
                    now,
                    int(alert_id),
                ),
            ).fetchone()
        return int(row[0])

    def alert_matches(
        self, alert_id: int, *, unseen: bool = False, limit: int = 1000
    ) -> list[AlertMatch]:
        self.alert(alert_id)  # raises for an unknown id
        with self.pool.conn() as conn:
            rows = conn.execute(
                alert_matches_sql("%s", unseen=unseen), (int(alert_id), int(limit))
            ).fetchall()
        return [AlertMatch.of_row(row) for row in rows]

    def mark_shown(self, match_ids: Sequence[int]) -> None:
        if not match_ids:
            return
        with self.pool.conn() as conn:
            conn.execute(
                "UPDATE alert_matches SET shown_at = %s WHERE id = ANY(%s) AND shown_at IS NULL",
                (now_iso(), [int(i) for i in match_ids]),
            )
