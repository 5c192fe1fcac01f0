"""Follow-ups counted by SQLite get the outcome `classify` gives each one (the drill-down's
rule): on time up to the hour's last microsecond, late one microsecond after, whatever the
fraction of the due time; not done before or after now."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from sosdesk.domain.ids import new_id
from sosdesk.stats.followups_stats import ON_TIME_GRACE, classify, count_followups
from sosdesk.stats.periods import Period
from sosdesk.stats.rawsql import stats_session
from sosdesk.store.database import Database
from sosdesk.store.models import FollowUp

MS = timedelta(microseconds=1)
NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


def _cases() -> list[tuple[datetime, datetime | None]]:
    cases: list[tuple[datetime, datetime | None]] = []
    for fraction in (0, 1, 499_999, 999_499, 999_500, 999_999):
        # Near midnight at the end of a month, so adding the hour crosses day and month.
        due = datetime(2025, 5, 31, 23, 30, 59, fraction, tzinfo=UTC)
        limit = due + ON_TIME_GRACE
        cases += [(due, limit), (due, limit + MS), (due, limit - MS), (due, due), (due, None)]
    cases += [(NOW - MS, None), (NOW, None), (NOW + MS, None), (NOW + timedelta(days=3), None)]
    return cases


def test_counted_in_sqlite_as_classified_one_by_one(db: Database) -> None:
    cases = _cases()
    with db.transaction() as tx:
        for due, done in cases:
            tx.insert(FollowUp(id=new_id(), due_at=due, done_at=done, what="Pozvati"))
    with stats_session(db) as s:
        got = count_followups(s, Period.year(2025), NOW)
    expected = Counter(classify(due, done, NOW) for due, done in cases)
    assert got == expected
    assert set(expected) == {"on_time", "late", "overdue", "pending"}
    assert expected["late"] == 6  # one microsecond past the hour, for every fraction
