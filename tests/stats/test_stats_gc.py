"""A period of statistics is read without the cycle collector (issue 21): a year is some
200,000 rows as tuples, which set off hundreds of collections of the whole process."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy.orm import Session

from sosdesk.stats import dashboard
from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.periods import Period
from sosdesk.stats.rawsql import stats_session
from sosdesk.store.database import Database


def test_a_period_of_statistics_is_read_without_it(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    reading: list[bool] = []
    during_read: list[int] = []

    @contextmanager
    def watched(database: Database) -> Iterator[Session]:
        with stats_session(database) as s:
            reading.append(True)
            yield s
            reading.clear()

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and reading:
            during_read.append(info["generation"])

    monkeypatch.setattr(dashboard, "stats_session", watched)
    threshold = gc.get_threshold()
    gc.set_threshold(1, 1, 1)  # a collection at almost every allocation, were it allowed
    gc.callbacks.append(seen)
    try:
        dash = compute_dashboard(db, Period.year(2025), compare=True)
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*threshold)
    assert dash.tables and not reading
    assert during_read == []
    assert gc.isenabled()
