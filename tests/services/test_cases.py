"""Cases: phases, closing with a reason, one open case per client, plan goals and reviews."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.cases import (
    add_goal,
    cases_of,
    close_case,
    move_phase,
    open_case,
    reopen_case,
    review_goal,
    update_goal,
)
from sosdesk.services.client_history import entity_history
from sosdesk.services.clients import create_client
from sosdesk.store.audit import verify_chain
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry


def test_case_moves_through_phases_and_closes_with_a_reason(db: Database) -> None:
    client = create_client(db, {"nickname": "Mina"})
    case = open_case(db, client.id)
    assert case.phase == "identification" and case.is_open
    assert case.manager_id == db.actor.user_id and case.manager_name == "Ana Petrović"
    with pytest.raises(ValidationFailed, match="already has an open case"):
        open_case(db, client.id)
    move_phase(db, case.id, "crisis")
    moved = move_phase(db, case.id, "recovery")
    assert moved.phase == "recovery" and moved.version == 3
    with pytest.raises(ValidationFailed, match="reason"):
        move_phase(db, case.id, "closed")
    with pytest.raises(ValidationFailed) as err:
        close_case(db, case.id, "other")
    assert err.value.errors[0].field == "note"
    closed = close_case(db, case.id, "goals_achieved", "samostalno stanovanje")
    assert closed.phase == "closed" and closed.close_reason == "goals_achieved"
    assert closed.closed_at is not None and closed.notes == "samostalno stanovanje"
    with pytest.raises(ValidationFailed, match="closed"):
        move_phase(db, case.id, "recovery")
    history = entity_history(db, "cases", case.id, fields={"phase"})
    assert [(h.old, h.new) for h in history] == [
        ("recovery", "closed"),
        ("crisis", "recovery"),
        ("identification", "crisis"),
    ]
    again = reopen_case(db, case.id, "reintegration")
    assert again.is_open and again.close_reason is None
    assert [c.id for c in cases_of(db, client.id)] == [case.id]
    with db.session() as s:
        actions = [
            a.action
            for a in s.execute(select(AuditEntry).where(AuditEntry.entity == "cases")).scalars()
        ]
        assert actions.count("update") == 4 and verify_chain(s) == []


def test_goals_need_text_and_target_date_and_keep_reviews(db: Database) -> None:
    client = create_client(db, {"nickname": "Lana"})
    case = open_case(db, client.id, phase="recovery")
    with pytest.raises(ValidationFailed) as err:
        add_goal(db, case.id, "  ", None)
    assert {e.field for e in err.value.errors} == {"text", "target_date"}
    with pytest.raises(ValidationFailed, match="before the case was opened"):
        add_goal(db, case.id, "Lična karta", date(2000, 1, 1))
    target = date.today() + timedelta(days=30)
    goal = add_goal(db, case.id, "Izvaditi ličnu kartu", target)
    review_goal(db, goal.id, "Zakazan termin u policiji")
    done = review_goal(db, goal.id, "Lična karta preuzeta", achieved=True)
    assert done.achieved_at == date.today() and [r.achieved for r in done.reviews] == [False, True]
    assert done.reviews[0].by == "ana"
    moved = update_goal(db, goal.id, "Izvaditi ličnu kartu i zdravstvenu knjižicu", target)
    assert moved.text.endswith("knjižicu")
    assert not moved.overdue(date.today() + timedelta(days=365))  # achieved goals are never late
    assert cases_of(db, client.id)[0].goals == (moved,)
    with pytest.raises(ValidationFailed):
        review_goal(db, goal.id, "")
