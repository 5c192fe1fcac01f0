"""A desk can never export a batch the office must refuse for a column (no poison batch)."""

from __future__ import annotations

import pytest

from sosdesk.domain.messages import CodedError
from sosdesk.store.errors import StoreError
from sosdesk.store.models import User
from tests.conftest import PASSPHRASE
from tests.sync.helpers import Net, count, desk_to_office, take_call


def test_a_value_the_office_would_refuse_is_refused_when_saved(pair: Net) -> None:
    bg1 = pair.desks["BG1"]
    users, changes = count(bg1, "users"), count(bg1, "changes")
    with pytest.raises(CodedError) as caught:
        bg1.add_user("vesna", "V" * 121, "operator", PASSPHRASE)
    assert caught.value.code == "sync.bad_column"
    assert isinstance(caught.value, StoreError)  # today's CLI: one line, exit 2
    assert "users.display_name" in caught.value.text("en")
    assert "users.display_name" in caught.value.text("sr-Latn")
    assert (count(bg1, "users"), count(bg1, "changes")) == (users, changes)
    # Nothing blocks the next batch: it is applied.
    take_call(bg1, "Mila")
    [outcome] = desk_to_office(pair, "BG1")
    assert outcome.status == "applied", outcome


def test_the_outbox_check_runs_in_the_transaction(pair: Net) -> None:
    bg1 = pair.desks["BG1"]
    before = count(bg1, "changes")
    with pytest.raises(CodedError), bg1.transaction() as tx:
        tx.insert(User(name="x" * 65, display_name="X", role="operator", active=False))
    assert count(bg1, "changes") == before and count(bg1, "users") == 1
