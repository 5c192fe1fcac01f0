"""Statistics of the Centre's casework in a period: reports received by source,
identification decisions by outcome and by indicator dimension, days from report to decision,
protection plans approved and goal reviews done on time. Tables of people are suppressed like
every other person table when published (`stats.suppression.publish`)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.domain.casework_vocab import (
    DAYS_TO_DECISION,
    ID_OUTCOME,
    INDICATOR_DIMENSION,
    PLAN_MEASURE,
    REPORT_SOURCE,
)
from sosdesk.domain.clock import utcnow
from sosdesk.services.caseload import load_by_month
from sosdesk.stats.calls_stats import months_of
from sosdesk.stats.periods import Period
from sosdesk.stats.tables import (
    EVENTS,
    PERSONS,
    StatTable,
    multi_column,
    one_column,
    ordered_rows,
)
from sosdesk.store.models import Event, FollowUp, PlanApproval

DIMENSIONS = tuple(INDICATOR_DIMENSION.codes())
KEYS = (
    "reports_by_source",
    "identifications_by_outcome",
    "identified_by_dimension",
    "days_to_identification",
    "plans_and_reviews",
    "workload_by_month",
)
# Days from the report to the decision, in the buckets the Centre's plan asks about.
DAY_BUCKETS = (("0-1", 0, 1), ("2-3", 2, 3), ("4-7", 4, 7), ("8-30", 8, 30), ("31+", 31, 10**6))
REVIEW_WHAT = "Revizija cilja plana zaštite"


def _bounds(period: Period) -> tuple[datetime, datetime]:
    a, b = period.utc_bounds()
    fmt = "%Y-%m-%dT%H:%M:%S.%f%z"
    return datetime.strptime(a.replace("Z", "+0000"), fmt), datetime.strptime(
        b.replace("Z", "+0000"), fmt
    )


def _events(s: Session, kind: str, period: Period) -> list[Event]:
    a, b = _bounds(period)
    q = select(Event).where(Event.kind == kind, Event.occurred_at >= a, Event.occurred_at < b)
    return list(s.execute(q).scalars())


def casework_tables(s: Session, period: Period) -> list[StatTable]:
    """The casework tables of `period` (people per row; decisions by the day they were made)."""
    reports = _events(s, "identification_report", period)
    by_source = Counter(str(e.payload.get("source_kind") or "other") for e in reports)
    decisions = _events(s, "identification_decision", period)
    by_outcome = Counter(str(e.payload.get("outcome")) for e in decisions)
    wanted = {
        str(d.payload.get("screening_id")) for d in decisions if d.payload.get("screening_id")
    }
    screenings = {
        e.id: e for e in s.execute(select(Event).where(Event.id.in_(wanted))).scalars()
    }  # only the screenings the period's decisions name
    by_dimension: Counter[str] = Counter()
    identified = 0
    days: Counter[str] = Counter()
    for d in decisions:
        n = d.payload.get("days_from_report")
        if isinstance(n, int):
            days[next(lbl for lbl, lo, hi in DAY_BUCKETS if lo <= n <= hi)] += 1
        if d.payload.get("outcome") != "identified":
            continue
        identified += 1
        scr = screenings.get(str(d.payload.get("screening_id")))
        reading = (scr.payload.get("reading") or {}) if scr is not None else {}
        for dim in set(reading.get("met_dimensions") or ()):
            by_dimension[dim] += 1
    a, b = _bounds(period)
    approvals = list(
        s.execute(
            select(PlanApproval.plan_version).where(
                PlanApproval.approved_at >= a, PlanApproval.approved_at < b
            )
        ).scalars()
    )
    reviews = list(
        s.execute(
            select(FollowUp.due_at, FollowUp.done_at).where(
                FollowUp.what == REVIEW_WHAT, FollowUp.due_at >= a, FollowUp.due_at < b
            )
        ).all()
    )
    plans = {
        "plans_approved": sum(1 for v in approvals if v == 1),
        "plans_revised": sum(1 for v in approvals if v > 1),
        "reviews_due": len(reviews),
        "reviews_on_time": sum(1 for due, done in reviews if done is not None and done <= due),
    }
    plan_rows = tuple(plans)
    return [
        one_column(
            "reports_by_source",
            REPORT_SOURCE.name,
            ordered_rows(REPORT_SOURCE.codes(), by_source),
            by_source,
            len(reports),
            PERSONS,
            person_level=True,
        ),
        one_column(
            "identifications_by_outcome",
            ID_OUTCOME.name,
            ordered_rows(ID_OUTCOME.codes(), by_outcome),
            by_outcome,
            len(decisions),
            PERSONS,
            person_level=True,
        ),
        one_column(
            "identified_by_dimension",
            INDICATOR_DIMENSION.name,
            DIMENSIONS,
            by_dimension,
            identified,
            PERSONS,
            person_level=True,
            multi_valued=True,
        ),
        one_column(
            "days_to_identification",
            DAYS_TO_DECISION.name,
            tuple(lbl for lbl, _lo, _hi in DAY_BUCKETS),
            days,
            sum(days.values()),
            PERSONS,
            person_level=True,
        ),
        one_column(
            "plans_and_reviews", PLAN_MEASURE.name, plan_rows, plans, len(approvals), EVENTS
        ),
        *_workload_by_month(s, period),
    ]


def _workload_by_month(s: Session, period: Period) -> list[StatTable]:
    # Open cases and their weight at the end of each month so far; the Total row holds the
    # last month's (a stock, not a sum).
    today = utcnow().date()
    months = tuple(m for m in months_of(period) if m <= f"{today:%Y-%m}")
    if len(months) < 2:
        return []
    loads = load_by_month(s, months, today)
    columns = ("open_cases", "case_weight")
    counts = {(m, c): loads[m][i] for m in months for i, c in enumerate(columns)}
    return [
        multi_column(
            "workload_by_month", "month", months, columns, counts, loads[months[-1]], EVENTS
        )
    ]
