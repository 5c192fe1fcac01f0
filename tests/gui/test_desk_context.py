"""Widgets reach services through the desk context, never the Database itself."""

from __future__ import annotations

import pytest

from sosdesk.services.calls import recent_calls
from sosdesk.store.database import Database
from sosdesk.ui.context import DeskContext, DeskLocked


def test_the_context_runs_service_calls_and_hides_the_database(db: Database) -> None:
    ctx = DeskContext(db)
    assert ctx.call(recent_calls, 5) == []
    assert ctx.desk_code == "BG1" and ctx.role == db.actor.role and ctx.user_id
    for reachable in ("db", "session", "data_key", "engine"):
        assert not hasattr(ctx, reachable)
        assert not hasattr(ctx.caller(), reachable)


def test_a_locked_context_refuses_service_calls(db: Database) -> None:
    ctx = DeskContext(db)
    call = ctx.caller()
    ctx.set_db(None)
    assert ctx.is_locked
    with pytest.raises(DeskLocked):
        ctx.call(recent_calls, 5)
    with pytest.raises(DeskLocked):
        _ = ctx.desk_code
    assert call(recent_calls, 5) == []  # a worker started before the lock finishes its read
