"""Client, call and event services on a real encrypted database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client, get_client, update_client
from sosdesk.services.events import add_event, amend_event, timeline
from sosdesk.services.search import search
from sosdesk.store.audit import verify_chain
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry, Change


def test_call_with_new_client_lands_on_timeline_outbox_and_audit(db: Database) -> None:
    call = save_call(
        db,
        CallInput(
            categories=["victim_support"],
            caller_type="victim",
            caller_phone="063/123-45-67",
            new_client={"given_name": "Đorđe", "family_name": "Petrović"},
            summary="Poslodavac zadržao pasoš",
        ),
    )
    assert call.client_id is not None
    client = get_client(db, call.client_id)
    assert client.code == f"BG1-{datetime.now(UTC).year}-0001"
    assert client.phones == ("+381631234567",)
    events = timeline(db, call.client_id)
    assert [e.kind for e in events] == ["call"]
    with db.session() as s:
        entities = {r[0] for r in s.execute(select(Change.entity))}
        assert {"calls", "clients", "events"} <= entities
        assert verify_chain(s) == []
        assert s.execute(select(func.count()).select_from(AuditEntry)).scalar_one() >= 4
    assert [h.ref for h in search(db, "Ђорђе")][:1] == [call.client_id]
    assert [h.ref for h in search(db, "1234567")][:1] == [call.client_id]


def test_update_versions_and_amendment_keeps_original(db: Database) -> None:
    c = create_client(db, {"nickname": "Buba"})
    assert update_client(db, c.id, {"risk_level": "high", "nickname": "Buba"}) == ["risk_level"]
    assert get_client(db, c.id).version == 2
    e = add_event(
        db,
        c.id,
        "assistance",
        datetime(2026, 3, 1, tzinfo=UTC),
        {"type": "medical", "subtype": "med_general", "amount": "1500.50", "currency": "RSD"},
    )
    assert e.amount_minor == 150050
    a = amend_event(db, e.id, {"amount": "1500.00"}, "pogrešno unet iznos")
    kinds = {x.id: x.kind for x in timeline(db, c.id)}
    assert kinds == {e.id: "assistance", a.id: "amendment"}
    assert a.amends_id == e.id


def test_referral_without_consent_is_refused_and_nothing_saved(db: Database) -> None:
    c = create_client(db, {"nickname": "Lela"})
    with pytest.raises(ValidationFailed) as err:
        add_event(
            db,
            c.id,
            "referral",
            datetime(2026, 3, 1, tzinfo=UTC),
            {"entry_id": "x", "reason": "pravna pomoć", "consent": False},
        )
    assert "consent" in str(err.value)
    assert timeline(db, c.id) == []


def test_serbian_text_is_stored_as_written_in_json_columns_and_the_outbox(db: Database) -> None:
    # Escaped (\u0402...) a Cyrillic letter takes 6 bytes instead of 2 in every outbox row,
    # batch and encrypted page.
    c = create_client(db, {"given_name": "Ђорђе", "aliases": ["Đole", "Ђоле"]})
    with db.engine.connect() as conn:
        fields = conn.exec_driver_sql(
            "SELECT fields FROM changes WHERE entity = 'clients' AND entity_id = ?", (c.id,)
        ).scalar_one()
        aliases = conn.exec_driver_sql(
            "SELECT aliases FROM clients WHERE id = ?", (c.id,)
        ).scalar_one()
    assert '"Ђорђе"' in fields and '"Ђоле"' in fields and "\\u" not in fields
    assert aliases == '["Đole", "Ђоле"]'
    assert get_client(db, c.id).aliases == ("Đole", "Ђоле")
