"""Follow-ups due in a period: done on time, done late, not done."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.stats.localtime import parse_utc_text
from sosdesk.stats.periods import Period
from sosdesk.stats.tables import EVENTS, StatTable, one_column

# A call-back made within the hour it was due is on time.
ON_TIME_GRACE = timedelta(hours=1)
OUTCOMES = ("on_time", "late", "overdue", "pending")


# Read from ix_followups_due (migration 0012): only the period's entries, not every follow-up.
DUE_IN_PERIOD = "SELECT due_at, done_at FROM followups WHERE due_at >= :a AND due_at < :b"


def classify(due: datetime, done: datetime | None, now: datetime) -> str:
    """on_time, late, overdue (not done, past due) or pending (not done, not yet due)."""
    if done is not None:
        return "on_time" if done <= due + ON_TIME_GRACE else "late"
    return "overdue" if due < now else "pending"


def count_followups(session: Session, period: Period, now: datetime) -> Counter[str]:
    """Follow-ups due in the period, by outcome."""
    a, b = period.utc_bounds()
    rows = session.execute(text(DUE_IN_PERIOD), {"a": a, "b": b})
    return Counter(
        classify(parse_utc_text(due), parse_utc_text(done) if done else None, now)
        for due, done in rows
    )


def followups_table(counts: Counter[str]) -> StatTable:
    """Follow-ups due in the period by outcome; the total is all that fell due."""
    return one_column(
        "followups_by_outcome", "follow-up outcome", OUTCOMES, counts, sum(counts.values()), EVENTS
    )
