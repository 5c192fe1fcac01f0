"""A call on the client timeline shows more than its summary (issue 18, problem 6): urgency with
a danger mark, categories, emergency steps, actions and referrals; older call events (summary
only) read as before."""

from __future__ import annotations

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.events import timeline
from sosdesk.store.database import Database
from sosdesk.ui.timeline.text import DANGER_MARK, summary, value_text


def test_call_event_carries_the_call(db: Database, qapp) -> None:
    client = create_client(db, {"given_name": "Milica", "family_name": "Jovanović"})
    save_call(
        db,
        CallInput(
            categories=["victim_support"],
            client_id=client.id,
            summary="Javlja da je prate",
            urgency="immediate_danger",
            emergency_steps=["police_192"],
            actions_taken="Dat broj policije",
            referrals_given=["Sigurna kuća Beograd"],
            referral_consent=True,
        ),
    )
    save_call(db, CallInput(categories=["prevention_info"], client_id=client.id, summary="Pita"))
    danger, routine = sorted(timeline(db, client.id), key=lambda e: e.payload.get("urgency", ""))
    payload = danger.payload
    assert payload["urgency"] == "immediate_danger"
    assert payload["emergency_steps"] == ["police_192"]
    assert payload["referrals_given"] == ["Sigurna kuća Beograd"]
    line = summary("call", payload, "sr-Latn")
    assert line.startswith(f"{DANGER_MARK} Neposredna opasnost")
    assert "Javlja da je prate" in line
    assert value_text("call", "emergency_steps", payload["emergency_steps"], "sr-Latn") == (
        "Pozvana policija (192)"
    )
    assert DANGER_MARK not in summary("call", routine.payload, "sr-Latn")
    old = {"call_id": "x", "summary": "Stari poziv"}  # an event saved before this change
    assert summary("call", old, "sr-Latn") == "Stari poziv"
