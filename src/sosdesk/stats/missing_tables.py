"""The 116 000 line in the dashboard and the annual report: missing-child cases opened in a
period by category, who reported, how they stand at the period's end, and their features.

The same counts as `mce.py` (the yearly Missing Children Europe file) for any period; tables of
children are person-level, so publishing applies the report's small-cell suppression.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.domain.missing_children import (
    INTERNATIONAL,
    MC_CATEGORY,
    MC_CONTACT_CHANNEL,
    MC_FEATURE,
    MC_REPORTER,
    MC_STATUS,
    RUNAWAY,
    VIOLENCE_OR_EXPLOITATION,
)
from sosdesk.stats.localtime import local_midnight_utc
from sosdesk.stats.periods import Period
from sosdesk.stats.tables import StatTable, one_column
from sosdesk.store.models import MissingCase

KEYS = (
    "missing_by_category",
    "missing_by_reporter",
    "missing_by_channel",
    "missing_by_status",
    "missing_features",
)
CASES = "persons"  # each case is one child's episode


@dataclass(frozen=True)
class MissingCounts:
    """Cases opened in a period, counted four ways."""

    opened: int = 0
    category: Counter[str] = field(default_factory=Counter, hash=False)
    reporter: Counter[str] = field(default_factory=Counter, hash=False)
    status: Counter[str] = field(default_factory=Counter, hash=False)
    features: Counter[str] = field(default_factory=Counter, hash=False)
    channel: Counter[str] = field(default_factory=Counter, hash=False)


@dataclass(frozen=True)
class _Case:
    """What the counts read of a case: never the child's name or anything about the child."""

    id: str
    code: str
    opened_at: datetime
    previous_id: str | None
    category: str
    reporter_kind: str
    contact_channel: str
    countries: list[str] | None
    risks: list[str] | None
    outcome: str | None
    outcome_on: date | None


_COLUMNS = tuple(getattr(MissingCase, f) for f in _Case.__dataclass_fields__)


def _opened(s: Session, period: Period) -> tuple[list[_Case], dict[str, str]]:
    start, end = local_midnight_utc(period.start), local_midnight_utc(period.end)
    found = s.execute(
        select(*_COLUMNS)
        .where(MissingCase.opened_at >= start, MissingCase.opened_at < end)
        .order_by(MissingCase.opened_at)
    )
    rows = [_Case(*row) for row in found]
    earlier_ids = {c.previous_id for c in rows if c.previous_id}
    earlier = {
        str(i): str(category)
        for i, category in s.execute(
            select(MissingCase.id, MissingCase.category).where(MissingCase.id.in_(earlier_ids))
        )
    }
    return rows, earlier


def _rows_of(c: _Case, period: Period, earlier: dict[str, str]) -> dict[str, set[str]]:
    """The row of each table a case is counted in (features: any number of rows)."""
    done = c.outcome is not None and c.outcome_on is not None and c.outcome_on < period.end
    features = set()
    if c.category in INTERNATIONAL or c.countries:
        features.add("cross_border")
    if VIOLENCE_OR_EXPLOITATION & set(c.risks or ()):
        features.add("violence_or_exploitation")
    if c.category in RUNAWAY and earlier.get(c.previous_id or "") in RUNAWAY:
        features.add("repeat_runaway")
    return {
        "missing_by_category": {c.category},
        "missing_by_reporter": {c.reporter_kind},
        "missing_by_channel": {c.contact_channel},
        "missing_by_status": {c.outcome if done and c.outcome else "open"},
        "missing_features": features,
    }


def count_missing(s: Session, period: Period) -> MissingCounts:
    """Cases opened in `period`; their status as it stood on the period's last day."""
    rows, earlier = _opened(s, period)
    counts: dict[str, Counter[str]] = {k: Counter() for k in KEYS}
    for c in rows:
        for key, found in _rows_of(c, period, earlier).items():
            counts[key].update(found)
    return MissingCounts(
        len(rows),
        counts["missing_by_category"],
        counts["missing_by_reporter"],
        counts["missing_by_status"],
        counts["missing_features"],
        counts["missing_by_channel"],
    )


def missing_case_rows(
    s: Session, period: Period, table: str, row: str
) -> list[tuple[str, datetime, str, str]]:
    """The cases behind one number: (id, opened at, case code, category); never a name."""
    rows, earlier = _opened(s, period)
    return [
        (c.id, c.opened_at, c.code, c.category)
        for c in rows
        if row in _rows_of(c, period, earlier).get(table, set())
    ]


def missing_tables(counts: MissingCounts) -> list[StatTable]:
    """The four tables of a period (every row shown, zeros included, as MCE asks)."""
    n = counts.opened

    def table(
        key: str, vocab_name: str, codes: list[str], c: Counter[str], multi: bool = False
    ) -> StatTable:
        return one_column(
            key, vocab_name, codes, c, n, CASES, person_level=True, multi_valued=multi
        )

    return [
        table("missing_by_category", MC_CATEGORY.name, MC_CATEGORY.codes(), counts.category),
        table("missing_by_reporter", MC_REPORTER.name, MC_REPORTER.codes(), counts.reporter),
        table(
            "missing_by_channel",
            MC_CONTACT_CHANNEL.name,
            MC_CONTACT_CHANNEL.codes(),
            counts.channel,
        ),
        table("missing_by_status", MC_STATUS.name, MC_STATUS.codes(), counts.status),
        table("missing_features", MC_FEATURE.name, MC_FEATURE.codes(), counts.features, True),
    ]
