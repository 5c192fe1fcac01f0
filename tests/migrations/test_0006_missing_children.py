"""Revision 0006 (the 116 000 line) with data: down removes only its two tables and leaves every
other record; up brings them back, usable, and a case opened after it is found and synced."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import inspect, text

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.missing_children import (
    ChildInput,
    add_step,
    get_missing_case,
    open_missing_case,
)
from sosdesk.store import migrate
from sosdesk.store.database import Database

TABLES = ("clients", "calls", "events", "audit_entries", "changes", "users")


def _counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as c:
        return {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def test_0006_goes_down_and_up_with_a_case_in_it(db: Database) -> None:
    call = save_call(db, CallInput(line="missing_116000", categories=["missing_child"]))
    case = open_missing_case(
        db, ChildInput(category="lost_injured", reporter_kind="public"), call_id=call.id
    )
    add_step(db, case.id, "sighting", datetime.now(UTC), {"place": "Pančevo"})
    before = _counts(db)
    migrate.downgrade(db.engine, "0005")
    names = set(inspect(db.engine).get_table_names())
    assert not {"missing_cases", "missing_steps"} & names
    assert _counts(db) == before  # the call, its audit trail and outbox stay
    migrate.upgrade(db.engine)
    assert migrate.current(db.engine) == migrate.head()
    again = open_missing_case(
        db, ChildInput(category="lost_injured", reporter_kind="public"), call_id=call.id
    )
    assert get_missing_case(db, again.id).call_id == call.id
    with db.engine.connect() as c:
        assert c.execute(text("PRAGMA foreign_key_check")).all() == []
