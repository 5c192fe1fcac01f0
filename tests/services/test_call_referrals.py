"""Referrals from a call go through the client file's consent gate (issue 18, problem 10):
a linked client's call naming a directory entry becomes a referral event only with consent;
without it nothing is saved and the form is told why. Calls without a client keep their text."""

from __future__ import annotations

import pytest

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.calls import CallInput, clean_call, recent_calls, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.directory import create_entry
from sosdesk.services.events import timeline
from sosdesk.store.database import Database

SHELTER = "Sigurna kuća Beograd"


def _input(client_id: str | None, consent: bool) -> CallInput:
    return CallInput(
        categories=["victim_support"],
        client_id=client_id,
        summary="Traži smeštaj",
        referrals_given=[SHELTER, "policija 192"],
        referral_consent=consent,
    )


def test_without_consent_nothing_is_saved(db: Database) -> None:
    create_entry(db, {"kind": "shelter", "name": SHELTER, "city": "Beograd"})
    client = create_client(db, {"given_name": "Milica"})
    with pytest.raises(ValidationFailed) as err:
        save_call(db, _input(client.id, consent=False))
    assert [(e.field, e.code) for e in err.value.errors] == [
        ("referrals_given", "event.referral_consent")
    ]
    with pytest.raises(ValidationFailed):  # the form's all-at-once check sees it too
        clean_call(_input(client.id, consent=False))
    assert recent_calls(db) == [] and timeline(db, client.id) == []


def test_with_consent_each_directory_entry_becomes_a_referral(db: Database) -> None:
    entry = create_entry(db, {"kind": "shelter", "name": SHELTER, "city": "Beograd"})
    client = create_client(db, {"given_name": "Milica"})
    call = save_call(db, _input(client.id, consent=True))
    assert call.client_id == client.id
    referrals = [e for e in timeline(db, client.id) if e.kind == "referral"]
    assert len(referrals) == 1  # "policija 192" is free text: it stays on the call
    assert referrals[0].payload["entry_id"] == entry.id
    assert referrals[0].payload["consent"] is True
    assert call.referrals_given == (SHELTER, "policija 192")


def test_a_call_without_a_client_needs_no_consent(db: Database) -> None:
    create_entry(db, {"kind": "shelter", "name": SHELTER, "city": "Beograd"})
    call = save_call(db, _input(None, consent=False))
    assert call.referrals_given == (SHELTER, "policija 192")
