"""Follow-ups due in a period: done on time, done late, not done."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.stats.localtime import utc_text
from sosdesk.stats.periods import Period
from sosdesk.stats.tables import EVENTS, StatTable, one_column

# A call-back made within the hour it was due is on time.
ON_TIME_GRACE = timedelta(hours=1)
OUTCOMES = ("on_time", "late", "overdue", "pending")


# Counted by SQLite from ix_followups_due (migration 0012), the period's entries only. The
# store writes every time as the same 27-character UTC text, so comparing texts compares times;
# "due + grace" shifts due's whole seconds and keeps its fraction as written, so no rounding of
# SQLite's time arithmetic reaches it. `classify` is the same rule for one follow-up (the
# drill-down lists them); a test holds the two together.
OUTCOMES_DUE_IN_PERIOD = (
    "SELECT CASE WHEN done_at IS NOT NULL THEN CASE WHEN done_at <= "
    "strftime('%Y-%m-%dT%H:%M:%S', substr(due_at, 1, 19), :grace) || substr(due_at, 20) "
    "THEN 'on_time' ELSE 'late' END WHEN due_at < :now THEN 'overdue' ELSE 'pending' END, "
    "count(*) FROM followups WHERE due_at >= :a AND due_at < :b GROUP BY 1"
)
_GRACE = f"+{int(ON_TIME_GRACE.total_seconds())} seconds"


def classify(due: datetime, done: datetime | None, now: datetime) -> str:
    """on_time, late, overdue (not done, past due) or pending (not done, not yet due)."""
    if done is not None:
        return "on_time" if done <= due + ON_TIME_GRACE else "late"
    return "overdue" if due < now else "pending"


def count_followups(session: Session, period: Period, now: datetime) -> Counter[str]:
    """Follow-ups due in the period, by outcome."""
    a, b = period.utc_bounds()
    params = {"a": a, "b": b, "now": utc_text(now), "grace": _GRACE}
    found = session.execute(text(OUTCOMES_DUE_IN_PERIOD), params)
    return Counter({str(outcome): int(n) for outcome, n in found})


def followups_table(counts: Counter[str]) -> StatTable:
    """Follow-ups due in the period by outcome; the total is all that fell due."""
    return one_column(
        "followups_by_outcome", "follow-up outcome", OUTCOMES, counts, sum(counts.values()), EVENTS
    )
