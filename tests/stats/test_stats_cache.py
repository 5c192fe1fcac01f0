"""The statistics reader keeps a page cache sized for two periods of data: re-decrypting pages
that fell out of a smaller cache is what made encrypted statistics slower than plain ones."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.stats import dashboard
from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.periods import Period
from sosdesk.stats.rawsql import stats_session
from sosdesk.store.database import Database
from sosdesk.store.engine import CACHE_KIB, STATS_CACHE_KIB


def cache_kib(s: Session) -> int:
    return -int(s.execute(text("PRAGMA cache_size")).scalar_one())


def test_statistics_read_with_the_larger_cache(db: Database) -> None:
    assert STATS_CACHE_KIB > CACHE_KIB
    with db.session() as s:
        assert cache_kib(s) == CACHE_KIB  # an ordinary reader: the everyday cache
    with stats_session(db) as s:
        assert cache_kib(s) == STATS_CACHE_KIB


def test_the_dashboard_reads_through_the_statistics_session(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []

    @contextmanager
    def spy(database: Database) -> Iterator[Session]:
        with stats_session(database) as s:
            seen.append(cache_kib(s))
            yield s

    monkeypatch.setattr(dashboard, "stats_session", spy)
    compute_dashboard(db, Period.year(2025), compare=True)
    assert seen == [STATS_CACHE_KIB]
