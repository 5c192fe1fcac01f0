"""Possible duplicates across scripts and by phone; field and status history from the outbox."""

from __future__ import annotations

from datetime import UTC, datetime

from sosdesk.services.client_history import field_history, status_history
from sosdesk.services.clients import create_client, update_client
from sosdesk.services.duplicates import possible_duplicates
from sosdesk.services.events import add_event
from sosdesk.store.database import Database


def test_same_name_other_script_and_birth_year_or_phone(db: Database) -> None:
    c = create_client(
        db,
        {
            "given_name": "Ђорђе",
            "family_name": "Петровић",
            "birth_year": 1990,
            "phones": ["063 123 4567"],
        },
    )
    hits = possible_duplicates(
        db, {"given_name": "Đorđe", "family_name": "Petrović", "birth_year": 1990}
    )
    assert [(h.client_id, h.reasons) for h in hits] == [(c.id, ("name_birth_year",))]
    assert (
        possible_duplicates(
            db, {"given_name": "Djordje", "family_name": "Petrovic", "birth_year": 1991}
        )
        == []
    )
    assert possible_duplicates(db, {"given_name": "Đorđe", "family_name": "Petrović"}) == []
    by_phone = possible_duplicates(db, {"nickname": "Đole", "phones": ["+381 63 1234567"]})
    assert [(h.code, h.reasons) for h in by_phone] == [(c.code, ("phone",))]
    both = possible_duplicates(
        db,
        {
            "given_name": "Djordje",
            "family_name": "Petrović",
            "estimated_age": datetime.now(UTC).year - 1991,
            "phones": ["0631234567"],
        },
    )
    assert both[0].reasons == ("name_birth_year", "phone")
    assert (
        possible_duplicates(
            db,
            {"given_name": "Đorđe", "family_name": "Petrović", "birth_year": 1990},
            exclude_id=c.id,
        )
        == []
    )


def test_field_history_shows_previous_values_and_status_decisions(db: Database) -> None:
    c = create_client(db, {"nickname": "Buba", "risk_level": "low"})
    update_client(db, c.id, {"risk_level": "high", "nickname": "Bubica"})
    update_client(db, c.id, {"risk_level": "medium"})
    add_event(
        db,
        c.id,
        "status_change",
        datetime(2026, 3, 1, tzinfo=UTC),
        {
            "from_status": "unknown",
            "to_status": "presumed",
            "decided_by": "Centar za zaštitu žrtava trgovine ljudima",
        },
    )
    history = field_history(db, c.id)
    risk = [(h.old, h.new, h.version) for h in history if h.field == "risk_level"]
    assert risk == [("high", "medium", 3), ("low", "high", 2)]
    assert {h.actor for h in history} == {"Ana Petrović"}  # display names, not logins
    [status] = status_history(db, c.id)
    assert (status.old, status.new) == ("unknown", "presumed")
    assert status.decided_by == "Centar za zaštitu žrtava trgovine ljudima"
    update_client(db, c.id, {"status": "identified"})  # an edit no event explains is listed too
    latest, first = status_history(db, c.id)
    assert (latest.old, latest.new, latest.decided_by) == ("presumed", "identified", None)
    assert first.new == "presumed" and first.actor == "Ana Petrović"
