"""Caller recognition as the phone or name is typed, and the safety card of a linked client."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import select

from sosdesk.services.caller_card import recognise, safety_card
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.cases import open_case
from sosdesk.services.clients import create_client
from sosdesk.services.errors import NotAllowed
from sosdesk.services.followups import add_followup, mark_done
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry, utcnow


def _client(db: Database) -> str:
    return create_client(
        db,
        {
            "given_name": "Jelena",
            "family_name": "Marković",
            "phones": ["063 123 4567"],
            "risk_level": "high",
            "notes": "Ne zvati posle 22h; sigurna reč: plava kuća.",
            "languages": ["sr", "ro"],
            "consent_share_institutions": True,
        },
    ).id


def test_recognise_by_phone_fragment_then_by_name(db: Database) -> None:
    cid = _client(db)
    create_client(db, {"given_name": "Milica", "phones": ["064 555 0000"]})
    assert recognise(db, phone="06") == []  # two digits tell nothing
    assert [h.ref for h in recognise(db, phone="063 12")] == [cid]
    assert [h.ref for h in recognise(db, phone="+381 63 123")] == [cid]
    assert [h.ref for h in recognise(db, name="Jele")] == [cid]
    assert [h.ref for h in recognise(db, name="Јелена")] == [cid]  # Cyrillic meets Latin
    assert recognise(db, phone="099 999", name="J") == []


def test_safety_card_gathers_what_the_operator_needs(db: Database) -> None:
    cid = _client(db)
    now = utcnow()
    for i in range(7):
        save_call(
            db,
            CallInput(
                started_at=now - timedelta(days=7 - i),
                categories=["prevention_info"],
                client_id=cid,
                summary=f"poziv {i}",
                urgency="urgent" if i == 6 else "routine",
            ),
        )
    late = add_followup(db, now - timedelta(hours=1), "Pozvati nazad", client_id=cid)
    soon = add_followup(db, now + timedelta(days=1), "Pratnja na sud", client_id=cid)
    done = add_followup(db, now + timedelta(days=2), "Gotovo", client_id=cid)
    mark_done(db, done.id)
    case = open_case(db, cid)
    card = safety_card(db, cid, now=now)
    assert card.name == "Jelena Marković" and card.risk_level == "high"
    assert "plava kuća" in card.safety_plan
    assert card.languages == ("sr", "ro") and card.consent_share_institutions
    assert [c.summary for c in card.recent] == [f"poziv {i}" for i in (6, 5, 4, 3, 2)]
    assert card.recent[0].urgency == "urgent"
    assert [(f.id, f.overdue) for f in card.followups] == [(late.id, True), (soon.id, False)]
    assert card.case_id == case.id and card.case_manager == "Ana Petrović"
    with db.session() as s:
        views = s.execute(
            select(AuditEntry).where(AuditEntry.entity_id == cid, AuditEntry.action == "view")
        ).all()
    assert views  # opening a card is a view of the client file


@pytest.mark.parametrize("role", ["volunteer", "operator", "consultant", "coordinator"])
def test_roles_that_see_the_card(db: Database, role: str) -> None:
    cid = _client(db)
    db.actor = dataclasses.replace(db.actor, role=role)
    assert safety_card(db, cid).client_id == cid


def test_auditor_may_not_open_the_card(db: Database) -> None:
    cid = _client(db)
    db.actor = dataclasses.replace(db.actor, role="auditor")
    with pytest.raises(NotAllowed) as err:
        safety_card(db, cid)
    assert err.value.code == "roles.needs.see_safety_card"
