"""Protection plan (responsible, reviews as follow-ups, approval versions), the case list with
filters and the workload of each professional, on a hand-built data set with known counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from sosdesk.domain.clock import utcnow
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.caseload import (
    CaseFilter,
    case_list,
    set_case_factors,
    set_weights,
    workload,
)
from sosdesk.services.cases import add_goal, open_case
from sosdesk.services.casework import DECISION_DUE_DAYS, record_report
from sosdesk.services.clients import create_client, update_client
from sosdesk.services.errors import NotAllowed
from sosdesk.services.events import add_event
from sosdesk.services.followups import followups_of_client
from sosdesk.services.protection_plan import (
    REVIEW_WHAT,
    approve_plan,
    plan_goal,
    plan_goals,
    plan_versions,
)
from sosdesk.store.database import Database
from sosdesk.store.models import CaseGoal
from sosdesk.store.tx import Actor


def test_plan_goal_review_creates_a_followup_and_approval_keeps_versions(db: Database) -> None:
    client = create_client(db, {"nickname": "Tea"})
    case = open_case(db, client.id)
    with pytest.raises(ValidationFailed, match="no goals"):
        approve_plan(db, case.id)
    goal = add_goal(db, case.id, "Upis u srednju školu", date.today() + timedelta(days=60))
    vesna = db.add_user("vesna", "Vesna Kostić", "consultant", "lozinka-konsultantkinje-1")
    review = date.today() + timedelta(days=14)
    planned = plan_goal(db, goal.id, responsible_id=vesna, review_on=review, status="in_progress")
    assert planned.responsible_name == "Vesna Kostić" and planned.status == "in_progress"
    [fu] = followups_of_client(db, client.id)
    assert fu.what == REVIEW_WHAT and fu.assigned_to == vesna and fu.due_at.date() == review
    # The same review date again makes no second reminder.
    plan_goal(db, goal.id, responsible_id=vesna, review_on=review, status="in_progress")
    assert len(followups_of_client(db, client.id)) == 1
    v1 = approve_plan(db, case.id, "Prvi plan")
    plan_goal(db, goal.id, responsible_id=vesna, review_on=review, status="achieved")
    v2 = approve_plan(db, case.id)
    assert [v.plan_version for v in plan_versions(db, case.id)] == [1, 2]
    assert v1.goals[0]["status"] == "in_progress" and v2.goals[0]["status"] == "achieved"
    assert plan_goals(db, case.id)[0].status == "achieved"
    # A paper approval entered afterwards keeps its date; a future date is never taken.
    signed = utcnow() - timedelta(days=3)
    assert approve_plan(db, case.id, approved_at=signed).approved_at == signed
    ahead = approve_plan(db, case.id, approved_at=utcnow() + timedelta(days=9))
    assert ahead.approved_at <= utcnow()
    db.actor = Actor(vesna, "vesna", "consultant")
    with pytest.raises(NotAllowed):
        approve_plan(db, case.id)


def _hand_built(db: Database) -> dict[str, str]:
    """Five open cases and one closed, with known phases, risks, ages and goals."""
    today = date.today()
    ids: dict[str, str] = {}
    specs = [
        ("a", {"nickname": "A", "risk_level": "high", "birth_year": today.year - 15}, "crisis"),
        ("b", {"nickname": "B", "risk_level": "high", "birth_year": today.year - 30}, "recovery"),
        ("c", {"nickname": "C", "risk_level": "low", "estimated_age": 16}, "identification"),
        ("d", {"nickname": "D", "risk_level": "medium", "birth_year": today.year - 40}, "recovery"),
        ("e", {"nickname": "E", "risk_level": "low"}, "reintegration"),
    ]
    for key, data, phase in specs:
        client = create_client(db, data)
        ids[key] = open_case(db, client.id, phase=phase).id
        ids[key + "_client"] = client.id
    goal = add_goal(db, ids["b"], "Lična karta", today + timedelta(days=10))
    with db.transaction() as tx:
        # Dates in the past cannot be typed into a new goal; the test moves time instead.
        tx.session.execute(
            update(CaseGoal)
            .where(CaseGoal.id == goal.id)
            .values(target_date=today - timedelta(days=3))
        )
    set_case_factors(db, ids["d"], court_open=True)
    set_case_factors(db, ids["a"], interpreter_needed=True, out_of_town=True)
    add_event(db, ids["a_client"], "note", utcnow(), {"text": "Razgovor."})
    record_report(db, ids["c_client"], source_kind="school", grounds="Prijava škole.")
    return ids


def test_case_list_filters_count_what_was_built(db: Database) -> None:
    ids = _hand_built(db)
    every = case_list(db)
    assert len(every) == 5
    by_case = {r.case_id: r for r in every}
    assert by_case[ids["a"]].child and by_case[ids["c"]].child and not by_case[ids["b"]].child
    assert by_case[ids["b"]].overdue_goals == 1
    # crisis 4 + high 2 + child 2 + interpreter 1 + out of town 1
    assert by_case[ids["a"]].weight == 10
    assert by_case[ids["a"]].last_contact is not None
    assert {r.case_id for r in case_list(db, CaseFilter(phase="recovery"))} == {ids["b"], ids["d"]}
    assert {r.case_id for r in case_list(db, CaseFilter(risk="high"))} == {ids["a"], ids["b"]}
    assert {r.case_id for r in case_list(db, CaseFilter(child=True))} == {ids["a"], ids["c"]}
    assert {r.case_id for r in case_list(db, CaseFilter(court_open=True))} == {ids["d"]}
    assert {r.case_id for r in case_list(db, CaseFilter(overdue_goals=True))} == {ids["b"]}
    quiet = case_list(db, CaseFilter(no_contact_days=DECISION_DUE_DAYS))
    assert {r.case_id for r in quiet} == {ids["b"], ids["d"], ids["e"]}
    mine = case_list(db, CaseFilter(manager_id=db.actor.user_id, risk="low"))
    assert {r.case_id for r in mine} == {ids["c"], ids["e"]}
    assert len(case_list(db, limit=2)) == 2 and len(case_list(db, offset=4)) == 1
    adults = {ids["b"], ids["d"], ids["e"]}
    assert {r.case_id for r in case_list(db, CaseFilter(child=False))} == adults
    both = case_list(db, CaseFilter(child=True, risk="high"))
    assert {r.case_id for r in both} == {ids["a"]}
    # A birth year corrected on the client moves the case into the children's list.
    update_client(db, ids["b_client"], {"birth_year": date.today().year - 12})
    children = {ids["a"], ids["b"], ids["c"]}
    assert {r.case_id for r in case_list(db, CaseFilter(child=True))} == children
    assert {r.case_id for r in case_list(db, CaseFilter(child=False))} == {ids["d"], ids["e"]}


def test_workload_totals_against_capacity_with_a_light(db: Database) -> None:
    _hand_built(db)
    [ana] = workload(db)
    # a 10, b 2+2=4, c 3+0+2=5, d 2+1+1=4, e 1+0=1
    assert ana.cases == 5 and ana.weight == 24 and ana.capacity == 60 and ana.light == "green"
    assert len(ana.by_month) == 12
    set_weights(db, {"capacity": 24})
    assert workload(db)[0].light == "amber"
    set_weights(db, {"capacity": 20})
    assert workload(db)[0].light == "red"
    set_weights(db, {"capacity": 40})
    assert workload(db)[0].light == "green"
    other = db.add_user("vesna", "Vesna Kostić", "consultant", "lozinka-konsultantkinje-1")
    loads = {w.name: w for w in workload(db)}
    assert loads["Vesna Kostić"].weight == 0
    db.actor = Actor(other, "vesna", "consultant")
    with pytest.raises(NotAllowed):
        workload(db)
