"""The casework statistics on a hand-built year with known counts, and their suppression."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sosdesk.services.cases import add_goal, open_case
from sosdesk.services.casework import decide_identification, record_report, record_screening
from sosdesk.services.clients import create_client
from sosdesk.services.indicator_lists import current_list
from sosdesk.services.protection_plan import approve_plan
from sosdesk.stats.casework_stats import casework_tables
from sosdesk.stats.periods import Period
from sosdesk.stats.suppression import SuppressionRule, publish
from sosdesk.stats.tables import StatTable
from sosdesk.store.database import Database

STRONG = {"dr_nature_of_job": None, "dr_wages": None, "ec_hours": None, "ec_no_pay": None}


def test_known_counts_by_source_outcome_dimension_days_and_plans(db: Database) -> None:
    year = datetime.now(UTC).year - 1
    formal = current_list(db, "formal")
    sources = ["school"] * 3 + ["police"] * 2 + ["health"]
    outcomes = ["identified", "identified", "identified", "not_identified", "referred_elsewhere"]
    waits = [1, 3, 10, 40, 2]
    for i, source in enumerate(sources):
        client = create_client(db, {"nickname": f"K{i}"})
        case = open_case(db, client.id)
        received = datetime(year, 3, 1 + i, 10, tzinfo=UTC)
        report = record_report(
            db, client.id, source_kind=source, grounds="Prijava.", received_at=received
        )
        if i >= len(outcomes):
            continue
        scr = record_screening(
            db,
            client.id,
            list_id=formal.id,
            stage="formal",
            indicator_set="child_labour",
            observed=STRONG,
            report_id=report.id,
            occurred_at=received + timedelta(hours=2),
        )
        decide_identification(
            db,
            client.id,
            outcome=outcomes[i],
            reasons="Obrazloženje.",
            report_id=report.id,
            screening_id=scr.id,
            case_id=case.id,
            occurred_at=received + timedelta(days=waits[i]),
        )
        if i == 0:
            add_goal(db, case.id, "Sklonište", datetime.now(UTC).date() + timedelta(days=9))
            approve_plan(db, case.id)
            approve_plan(db, case.id)
    tables = {t.key: t for t in casework_tables_of(db, Period.year(year))}
    src = tables["reports_by_source"]
    assert (src.value("school"), src.value("police"), src.value("health")) == (3, 2, 1)
    assert src.totals == (6,)
    out = tables["identifications_by_outcome"]
    assert [out.value(o) for o in ("identified", "not_identified", "referred_elsewhere")] == [
        3,
        1,
        1,
    ]
    dims = tables["identified_by_dimension"]
    assert dims.value("deceptive_recruitment") == 3 and dims.value("exploitative_conditions") == 3
    assert dims.value("coercion_destination") == 0 and dims.totals == (3,)
    days = tables["days_to_identification"]
    assert [days.value(b) for b in ("0-1", "2-3", "4-7", "8-30", "31+")] == [1, 2, 0, 1, 1]
    # Plans were approved today, not in last year.
    assert tables["plans_and_reviews"].value("plans_approved") == 0
    now_tables = {t.key: t for t in casework_tables_of(db, Period.year(year + 1))}
    plans = now_tables["plans_and_reviews"]
    assert plans.value("plans_approved") == 1 and plans.value("plans_revised") == 1
    # Workload by month: the six cases opened this month, none open at last month's end.
    today = datetime.now(UTC).date()
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    [load] = [
        t
        for t in casework_tables_of(db, Period.custom(last_month, today))
        if t.key == "workload_by_month"
    ]
    assert load.rows == (f"{last_month:%Y-%m}", f"{today:%Y-%m}")
    assert load.cells == ((0, 0), (6, 6 * (3 + 1)))  # identification 3 + unknown risk 1
    assert load.totals == (6, 24)
    # Published with k = 3: the single health report and the one-person buckets are hidden.
    shown = publish(src, SuppressionRule(k=3))
    assert shown.text(("c", src.rows.index("health"), 0)) == "<3"
    assert shown.text(("c", src.rows.index("school"), 0)) == "3"


def casework_tables_of(db: Database, period: Period) -> list[StatTable]:
    with db.session() as s:
        return casework_tables(s, period)
