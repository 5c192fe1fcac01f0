"""Casework travels: indicator lists seeded on two desks arrive once, screenings, decisions,
plan goals, approvals and a reassignment reach the office and the other desk."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from sosdesk.services.cases import add_goal, get_case, open_case
from sosdesk.services.casework import decide_identification, reassign_manager, record_screening
from sosdesk.services.events import timeline
from sosdesk.services.indicator_lists import add_version, current_list, seed_data
from sosdesk.services.protection_plan import approve_plan, plan_goal, plan_versions
from tests.sync.helpers import Net, count, desk_to_office, new_net, office_to_desk, take_call


@pytest.fixture
def two(tmp_path: Path) -> Iterator[Net]:
    n = new_net(tmp_path, "BG1", "NS1")
    yield n
    n.close()


def test_casework_reaches_the_office_and_the_other_desk(two: Net) -> None:
    bg1, ns1 = two.desks["BG1"], two.desks["NS1"]
    current_list(ns1, "formal")  # NS1 seeds its lists on its own
    client = take_call(bg1, "Milica")
    case = open_case(bg1, client)
    formal = current_list(bg1, "formal")
    scr = record_screening(
        bg1,
        client,
        list_id=formal.id,
        stage="formal",
        indicator_set="adult_labour",
        observed={"dr_nature_of_job": "obećan posao u pekari", "ec_hours": None},
        case_id=case.id,
    )
    decide_identification(
        bg1,
        client,
        outcome="identified",
        reasons="Obrazloženje.",
        case_id=case.id,
        screening_id=scr.id,
    )
    goal = add_goal(bg1, case.id, "Sklonište", date.today() + timedelta(days=30))
    plan_goal(bg1, goal.id, review_on=date.today() + timedelta(days=7), status="in_progress")
    approve_plan(bg1, case.id)
    other = bg1.add_user("vesna", "Vesna Kostić", "consultant", "lozinka-konsultantkinje-1")
    reassign_manager(bg1, case.id, other)
    add_version(bg1, "formal", seed_data(), "Nova verzija")
    for code in ("BG1", "NS1"):
        assert [o.status for o in desk_to_office(two, code)] == ["applied"]
    office = two.office
    # Version 1 is the same row everywhere; BG1's version 2 is one more.
    assert count(office, "indicator_lists") == 3
    assert [v.plan_version for v in plan_versions(office, case.id)] == [1]
    kinds = {e.kind for e in timeline(office, client)}
    assert {"screening", "identification_decision", "status_change"} <= kinds
    assert get_case(office, case.id).manager_id == other
    _, outcomes = office_to_desk(two, "NS1")
    assert [o.status for o in outcomes] == ["applied"]
    assert current_list(ns1, "formal").version == 2
    assert get_case(ns1, case.id).goals[0].text == "Sklonište"
    screened = next(e for e in timeline(ns1, client) if e.kind == "screening")
    assert screened.payload["reading"]["strong_dimensions"] == 2
