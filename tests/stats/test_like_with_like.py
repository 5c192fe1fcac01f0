"""Statistics compare like with like (issue 18, problem 10): a month still running is compared
with the same days of the month before, not the whole of it (1-4 December against all of November
read -84 % everywhere); a finished month is still compared with the whole month before."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sosdesk.services.calls import CallInput, save_call
from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.periods import Period
from sosdesk.store.database import Database

UTC = UTC


def _call(db: Database, day: date) -> None:
    start = datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
    save_call(
        db,
        CallInput(
            categories=["prevention_info"], started_at=start, ended_at=start + timedelta(1 / 96)
        ),
    )


def test_a_running_month_is_compared_with_the_same_days(db: Database) -> None:
    for day in (date(2025, 11, 2), date(2025, 11, 3), date(2025, 11, 20), date(2025, 12, 2)):
        _call(db, day)
    december = Period.month(2025, 12)
    running = compute_dashboard(db, december, today=date(2025, 12, 4))
    assert running.previous == Period("month", date(2025, 11, 1), date(2025, 11, 5))
    assert running.summary_before is not None and running.summary_before.calls == 2
    assert running.summary.calls == 1
    finished = compute_dashboard(db, december, today=date(2026, 1, 10))
    assert finished.previous == Period.month(2025, 11)
    assert finished.summary_before is not None and finished.summary_before.calls == 3


def test_same_days_before_keeps_within_the_shorter_month() -> None:
    march = Period.month(2025, 3)
    assert march.same_days_before(date(2025, 3, 31)) == Period.month(2025, 2)  # 28 days, not 31
    assert march.same_days_before(date(2025, 3, 1)).days == 1
    year = Period.year(2025)
    assert year.same_days_before(date(2025, 1, 31)) == Period(
        "year", date(2024, 1, 1), date(2024, 2, 1)
    )
