"""A call's inline new client goes through the duplicate check: a possible duplicate refuses the
save (nothing written) until the operator confirms; linking the existing client needs no check."""

from __future__ import annotations

import pytest

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.calls import CallInput, new_client_duplicates, save_call
from sosdesk.services.clients import create_client
from sosdesk.store.database import Database
from tests.sync.helpers import snapshot


def _input(**kw: object) -> CallInput:
    return CallInput(
        categories=["victim_support"],
        caller_type="victim",
        summary="prvi poziv",
        **kw,  # type: ignore[arg-type]
    )


def test_same_phone_as_an_existing_client_is_refused_until_confirmed(db: Database) -> None:
    known = create_client(db, {"given_name": "Jelena", "phones": ["063 123 4567"]})
    data = _input(caller_phone="063/123-45-67", new_client={"given_name": "Jeca"})
    assert [d.code for d in new_client_duplicates(db, data)] == [known.code]
    before = snapshot(db)
    with pytest.raises(ValidationFailed) as err:
        save_call(db, data)
    [problem] = err.value.errors
    assert (problem.field, problem.code) == ("client_id", "call.possible_duplicate")
    assert problem.params["codes"] == known.code and problem.params["count"] == 1
    assert snapshot(db) == before
    data.new_client_confirmed = True
    view = save_call(db, data)
    assert view.client_id not in (None, known.id)


def test_same_name_and_birth_year_is_refused_and_linking_is_not(db: Database) -> None:
    known = create_client(
        db, {"given_name": "Đorđe", "family_name": "Petrović", "birth_year": 1990}
    )
    new = {"given_name": "Djordje", "family_name": "Petrovic", "birth_year": 1990}
    with pytest.raises(ValidationFailed):
        save_call(db, _input(new_client=new))
    assert save_call(db, _input(client_id=known.id)).client_id == known.id
    other = {"given_name": "Đorđe", "family_name": "Petrović", "birth_year": 1975}
    assert save_call(db, _input(new_client=other)).client_id not in (None, known.id)
