"""The demo holds a realistic year of 116 000 work: cases from the line's calls in every
category, open and closed, a repeat runaway, cross-border cases, cases carried into the year."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from sosdesk.demo.generator import generate
from sosdesk.domain.missing_children import MC_CATEGORY
from sosdesk.stats.mce import mce_figures
from sosdesk.store.database import Database
from sosdesk.store.models import Call, MissingCase, MissingStep


def test_the_demo_year_of_116000_work(db: Database) -> None:
    generate(db, 3000, 11)
    year = datetime.now(UTC).year
    fig = mce_figures(db, year, k=2)
    assert fig.calls > 0
    categories = fig.part("category")
    assert all(v > 0 for v in categories.values), dict(
        zip(categories.rows, categories.values, strict=True)
    )
    assert set(categories.rows) == set(MC_CATEGORY.codes())
    assert fig.value("features", "cross_border") > 0
    assert fig.value("status", "open_at_year_end") > 0 and fig.value("status", "found_alive") > 0
    with db.session() as s:
        repeats = s.execute(
            select(func.count())
            .select_from(MissingCase)
            .where(MissingCase.previous_id.is_not(None))
        ).scalar_one()
        unlinked = s.execute(
            select(func.count())
            .select_from(MissingCase)
            .outerjoin(Call, Call.id == MissingCase.call_id)
            .where(Call.line != "missing_116000")
        ).scalar_one()
        police = s.execute(
            select(func.count()).select_from(MissingStep).where(MissingStep.kind == "police_report")
        ).scalar_one()
    assert repeats > 0 and unlinked == 0 and police > 0
    assert (
        sum(
            mce_figures(db, y, k=2).value("carried", "open_from_earlier_years")
            for y in (year - 1, year)
        )
        > 0
    )
