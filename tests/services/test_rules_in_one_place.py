"""Each rule lives in one service function that the forms call too: the service refuses what
the form refuses (status change, age)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sosdesk.domain.messages import ValidationFailed
from sosdesk.services.clients import check_age, create_client
from sosdesk.services.events import add_event, check_status_change
from sosdesk.services.session import Database


def test_a_status_change_to_the_same_status_is_refused_by_the_service(db: Database) -> None:
    c = create_client(db, {"nickname": "Buba"})
    payload = {"from_status": "presumed", "to_status": "presumed"}
    with pytest.raises(ValidationFailed) as caught:
        add_event(db, c.id, "status_change", datetime(2026, 3, 1, tzinfo=UTC), payload)
    assert [(e.field, e.code) for e in caught.value.errors] == [("to_status", "event.same_status")]
    assert check_status_change("presumed", "identified") == []
    assert check_status_change("presumed", None) == []


@pytest.mark.parametrize("age", [-1, 111, "12a", True, 2.5])
def test_the_age_rule_refuses_what_is_not_whole_years_to_110(db: Database, age: object) -> None:
    assert [e.code for e in check_age(age)] == ["field.age_range"]
    with pytest.raises(ValidationFailed):
        create_client(db, {"nickname": "Buba", "estimated_age": age})


def test_the_age_rule_accepts_empty_and_whole_years() -> None:
    assert check_age(None) == [] and check_age(0) == [] and check_age(110) == []
