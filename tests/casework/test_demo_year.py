"""The demo's casework year: every screen and statistic of casework has something to show."""

from __future__ import annotations

from datetime import UTC, datetime

from sosdesk.demo.casework_year import generate_casework_year
from sosdesk.demo.generator import generate
from sosdesk.services.caseload import case_list, workload
from sosdesk.stats.casework_stats import casework_tables
from sosdesk.stats.periods import Period
from sosdesk.store.database import Database


def test_demo_year_fills_the_case_list_workload_and_statistics(db: Database) -> None:
    generate(db, 400, 7)
    db.add_user("konsultantkinja", "Jelena Savić", "consultant", "lozinka-demo-1")
    db.add_user("savetnica", "Milena Ristić", "consultant", "lozinka-demo-2")
    made = generate_casework_year(db, 7, reports=30)
    assert made.reports == 30 and made.decisions >= 20 and made.plans >= 5
    assert len(case_list(db, limit=500)) >= 30
    loads = workload(db)
    assert sum(w.cases for w in loads) >= 30 and any(w.weight for w in loads)
    year = datetime.now(UTC).year
    with db.session() as s:
        tables = {t.key: t for p in (year - 1, year) for t in casework_tables(s, Period.year(p))}
    sources = tables["reports_by_source"]
    assert sum(1 for row in sources.cells if row[0]) >= 3  # several kinds of source
    assert tables["identifications_by_outcome"].totals[0] > 0
