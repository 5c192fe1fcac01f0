"""Needs assessment opens plan goals in one step; reassignment moves follow-ups; events link to
a case by an amendment (events stay append-only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from sosdesk.domain.clock import utcnow
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.cases import close_case, get_case, open_case
from sosdesk.services.casework import (
    GoalDraft,
    assess_needs,
    case_event_ids,
    link_event,
    reassign_manager,
)
from sosdesk.services.clients import create_client
from sosdesk.services.errors import NotAllowed
from sosdesk.services.events import add_event, timeline
from sosdesk.services.followups import add_followup, followups_of_client, mark_done
from sosdesk.store.audit import verify_chain
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from sosdesk.store.tx import Actor


def test_needs_assessment_opens_goals_linked_to_needs(db: Database) -> None:
    client = create_client(db, {"nickname": "Sanja"})
    case = open_case(db, client.id)
    target = date.today() + timedelta(days=30)
    result = assess_needs(
        db,
        case.id,
        {
            "safety": ("urgent", "Prete joj preko telefona."),
            "documents": ("high", "Pasoš kod poslodavca."),
            "education": ("none", None),
        },
        [
            GoalDraft("safety", "Bezbedan smeštaj u skloništu", target),
            GoalDraft("documents", "Nova lična karta i pasoš", target + timedelta(days=30)),
        ],
    )
    assert result.event.kind == "needs_assessment" and result.event.case_id == case.id
    assert result.event.payload["ratings"]["safety"]["rating"] == "urgent"
    goals = get_case(db, case.id).goals
    assert [g.text for g in goals] == ["Bezbedan smeštaj u skloništu", "Nova lična karta i pasoš"]
    assert [g.id for g in result.goals] == [g.id for g in goals]


def test_needs_assessment_is_all_or_nothing(db: Database) -> None:
    client = create_client(db, {"nickname": "Jelena"})
    case = open_case(db, client.id)
    with pytest.raises(ValidationFailed, match="did not rate"):
        assess_needs(db, case.id, {"safety": ("high", None)}, [GoalDraft("income", "Posao", None)])
    with pytest.raises(ValidationFailed):
        # The goal has no target date: the assessment is not stored either.
        assess_needs(
            db, case.id, {"safety": ("high", None)}, [GoalDraft("safety", "Sklonište", None)]
        )
    assert case_event_ids(db, case.id) == set()
    assert get_case(db, case.id).goals == ()
    close_case(db, case.id, "goals_achieved")
    with pytest.raises(ValidationFailed, match="closed"):
        assess_needs(db, case.id, {"safety": ("low", None)}, [])


def test_reassignment_moves_open_followups_and_is_audited(db: Database) -> None:
    client = create_client(db, {"nickname": "Dara"})
    case = open_case(db, client.id)
    ana = db.actor.user_id
    other = db.add_user("vesna", "Vesna Kostić", "consultant", "lozinka-konsultantkinje-1")
    due = utcnow() + timedelta(days=2)
    add_followup(db, due, "Pratnja na ročište", client_id=client.id, assigned_to=ana)
    done = add_followup(db, due, "Poziv", client_id=client.id, assigned_to=ana)
    mark_done(db, done.id)
    assert reassign_manager(db, case.id, other) == 1
    assert get_case(db, case.id).manager_name == "Vesna Kostić"
    by_what = {f.what: f for f in followups_of_client(db, client.id)}
    assert by_what["Pratnja na ročište"].assigned_to == other
    assert by_what["Poziv"].assigned_to == ana  # a done follow-up stays where it was
    with pytest.raises(ValidationFailed, match="already manages"):
        reassign_manager(db, case.id, other)
    with db.session() as s:
        assert verify_chain(s) == []
        actions = (
            s.execute(select(AuditEntry.action).where(AuditEntry.entity == "cases")).scalars().all()
        )
    assert len(actions) >= 2  # opened, then reassigned
    db.actor = Actor(other, "vesna", "consultant")
    with pytest.raises(NotAllowed):
        reassign_manager(db, case.id, ana)


def test_an_earlier_event_links_to_the_case(db: Database) -> None:
    client = create_client(db, {"nickname": "Nada"})
    note = add_event(db, client.id, "note", utcnow(), {"text": "Javila se sestra."})
    case = open_case(db, client.id)
    other = create_client(db, {"nickname": "Druga"})
    other_case = open_case(db, other.id)
    assert case_event_ids(db, case.id) == set()
    link = link_event(db, note.id, case.id, "Beleška pripada ovom slučaju")
    assert link.kind == "amendment" and link.case_id == case.id
    assert case_event_ids(db, case.id) == {note.id}
    with pytest.raises(ValidationFailed, match="another client"):
        link_event(db, note.id, other_case.id, "pogrešan slučaj")


def test_a_call_joins_only_an_open_case_of_its_own_client(db: Database) -> None:
    mine = create_client(db, {"nickname": "Jana"})
    other = create_client(db, {"nickname": "Olja"})
    case_id = open_case(db, mine.id, phase="crisis").id
    foreign = open_case(db, other.id, phase="crisis").id
    base = CallInput(caller_type="victim", categories=["follow_up"], client_id=mine.id)
    with pytest.raises(ValidationFailed) as refused:
        save_call(db, replace(base, case_id=foreign))
    assert refused.value.errors[0].code == "casework.case_not_open"
    save_call(db, replace(base, case_id=case_id))
    [call] = [e for e in timeline(db, mine.id) if e.kind == "call"]
    assert call.case_id == case_id
