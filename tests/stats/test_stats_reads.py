"""The statistics read a period's own index entries: a read that scans a whole table or index
decrypts pages the period does not need, twice when two periods are compared, and pushes the
period's own pages out of the statistics cache."""

from __future__ import annotations

from sqlalchemy import text

from sosdesk.stats.followups_stats import OUTCOMES_DUE_IN_PERIOD
from sosdesk.store.database import Database


def _plan(db: Database, sql: str, params: dict[str, str]) -> str:
    with db.session() as s:
        found = s.execute(text("EXPLAIN QUERY PLAN " + sql), params)
        return " | ".join(str(row[-1]) for row in found)


def test_follow_ups_due_in_a_period_seek_their_range(db: Database) -> None:
    params = {"a": "2025-01-01", "b": "2026-01-01", "now": "2026-01-01", "grace": "+3600 seconds"}
    plan = _plan(db, OUTCOMES_DUE_IN_PERIOD, params)
    assert "SEARCH followups USING COVERING INDEX ix_followups_due" in plan, plan
    assert "SCAN" not in plan
