"""Corrections: validated like new events, only the differences recorded, reason required."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.clients import create_client
from sosdesk.services.events import (
    add_event,
    amendments_of,
    correct_event,
    corrected_payload,
    corrected_time,
    count_timeline,
    editable_payload,
    timeline,
)
from sosdesk.store.database import Database


def test_correction_records_only_differences_and_keeps_the_original(db: Database) -> None:
    c = create_client(db, {"nickname": "Nena"})
    e = add_event(
        db,
        c.id,
        "assistance",
        datetime(2026, 3, 1, 10, tzinfo=UTC),
        {"type": "medical", "subtype": "med_general", "amount": "1500.50", "currency": "RSD"},
    )
    form = editable_payload(e)
    assert form["amount"] == "1500.50"
    with pytest.raises(ValidationFailed, match="zero or more"):
        correct_event(db, e.id, {**form, "amount": "-3"}, "greška")
    with pytest.raises(ValidationFailed, match="nothing was changed"):
        correct_event(db, e.id, form, "greška")
    with pytest.raises(ValidationFailed, match="reason"):
        correct_event(db, e.id, {**form, "amount": "1500.00"}, " ")
    later = datetime(2026, 3, 2, 9, tzinfo=UTC)
    a = correct_event(db, e.id, {**form, "amount": "1500.00"}, "pogrešan iznos", occurred_at=later)
    assert a.payload["corrected"] == {"amount": "1500.00", "occurred_at": later.isoformat()}
    with pytest.raises(ValidationFailed, match="original"):
        correct_event(db, a.id, form, "x")
    amendments = amendments_of(db, [e.id])[e.id]
    assert corrected_payload(e, amendments)["amount"] == "1500.00"
    assert corrected_time(e, amendments) == later
    assert {x.id for x in timeline(db, c.id)} == {e.id, a.id}
    assert count_timeline(db, c.id, kinds={"assistance"}) == 1
    assert count_timeline(db, c.id, until=datetime(2026, 3, 1, tzinfo=UTC)) == 0
