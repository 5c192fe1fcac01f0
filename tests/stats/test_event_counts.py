"""Counting events by (type, client) in SQLite gives what counting each corrected fact gives:
in every period, with corrections that change an amount and move events across its edges."""

from __future__ import annotations

from collections import Counter

import pytest

from sosdesk.stats.events_stats import EventCounts, count_events_of, facts
from sosdesk.stats.periods import Period
from sosdesk.stats.rawsql import stats_session
from sosdesk.store.database import Database
from tests.stats.handmade import build

PERIODS = [
    Period.year(2024),
    Period.year(2025),
    Period.year(2026),
    Period.month(2025, 2),
    Period.month(2026, 2),
]


def _one_by_one(db: Database, kind: str, period: Period) -> EventCounts:
    """The reference: every fact of the period, corrections applied, counted in Python."""
    events: Counter[str] = Counter()
    clients: dict[str, set[str]] = {}
    costs: Counter[tuple[str, str]] = Counter()
    totals: Counter[str] = Counter()
    with stats_session(db) as s:
        found = list(facts(s, kind, period))
    for _event_id, client_id, key, _at, amount, currency in found:
        events[key] += 1
        clients.setdefault(key, set()).add(client_id)
        if amount is not None:
            costs[(key, currency or "")] += amount
            totals[currency or ""] += amount
    everyone = {f[1] for f in found}
    by_key = Counter({k: len(v) for k, v in clients.items()})
    return EventCounts(kind, events, by_key, len(found), len(everyone), costs, totals)


@pytest.mark.parametrize("kind", ["assistance", "field_action", "court_hearing"])
def test_counted_in_sqlite_as_one_by_one(
    db: Database, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    build(db, monkeypatch)
    seen = 0
    for period in PERIODS:
        with stats_session(db) as s:
            got = count_events_of(s, kind, period)
        assert got == _one_by_one(db, kind, period), period
        seen += got.total_events
    assert seen > 0
