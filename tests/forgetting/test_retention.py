"""Retention rules: calls without a client lose the caller's number and text after the period
(the call still counts); a client whose cases all closed long ago is anonymised; a client with
an open case is not; the coordinator's periods replace the defaults within their limits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.dialects import sqlite

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services import retention
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.cases import close_case, open_case
from sosdesk.services.clients import get_client
from sosdesk.services.retention import DEFAULTS, apply_retention, due, rules, set_rules
from sosdesk.store.database import Database
from sosdesk.store.models import Call
from tests.factory import take_call


def test_closed_cases_long_ago_are_anonymised_open_ones_are_not(db: Database) -> None:
    done = take_call(db, "Dragana", summary="stara priča", gender="female")
    still = take_call(db, "Milena", summary="još traje")
    case = open_case(db, done)
    close_case(db, case.id, "goals_achieved")
    open_case(db, still)
    later = datetime.now(UTC) + timedelta(days=365 * 10 + 5)
    assert due(db).empty
    todo = due(db, now=later)
    assert todo.clients == (get_client(db, done, audit_view=False).code,)
    seen: list[tuple[int, int]] = []
    assert apply_retention(db, now=later, progress=lambda n, t: seen.append((n, t))) == {
        "calls": 0,
        "clients": 1,
    }
    assert seen == [(1, 1)]
    kept = get_client(db, done, audit_view=False)
    assert (kept.given_name, kept.gender) == (None, "female")
    assert get_client(db, still, audit_view=False).given_name == "Milena"
    assert due(db, now=later).empty  # anonymised once


def test_call_text_after_the_period_and_the_coordinators_periods(db: Database) -> None:
    started = datetime.now(UTC) - timedelta(days=200)
    save_call(
        db,
        CallInput(
            categories=["victim_support"],
            started_at=started,
            summary="x",
            caller_phone="064 111 2233",
        ),
    )
    assert rules(db) == DEFAULTS and due(db).empty
    with pytest.raises(ValidationFailed):
        set_rules(db, {"call_text_months": 0})
    with pytest.raises(ValidationFailed):
        set_rules(db, {"forever": 3})
    assert set_rules(db, {"call_text_months": 6})["call_text_months"] == 6
    assert due(db).calls == 1
    apply_retention(db)
    with db.engine.connect() as c:
        row = c.execute(text("SELECT summary, caller_phone, categories FROM calls")).one()
    assert tuple(row) == (None, None, '["victim_support"]')


def test_due_calls_are_counted_and_cleared_page_by_page(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The daily check counts (holds no ids); applying walks the due calls in pages of
    `CHUNK`, each page its own transaction, and clears every one, ties on the same minute
    included, and none that is not due."""
    monkeypatch.setattr(retention, "CHUNK", 2)
    old = datetime.now(UTC) - timedelta(days=800)
    for n in range(5):  # three share one start time: the page boundary falls inside the tie
        at = old if n < 3 else old + timedelta(minutes=n)
        save_call(db, CallInput(categories=["other"], started_at=at, summary=f"stara {n}"))
    save_call(db, CallInput(categories=["other"], started_at=datetime.now(UTC), summary="nova"))
    assert due(db).calls == 5
    seen: list[tuple[int, int]] = []
    assert apply_retention(db, progress=lambda n, t: seen.append((n, t)))["calls"] == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    with db.engine.connect() as c:
        left = c.execute(text("SELECT summary FROM calls WHERE summary IS NOT NULL")).scalars()
        assert list(left) == ["nova"]
    assert due(db).calls == 0


_HELD = (
    "SELECT count(*) FROM calls INDEXED BY ix_calls_text_kept "
    "WHERE caller_phone IS NOT NULL OR summary IS NOT NULL OR actions_taken IS NOT NULL"
)


def test_the_daily_count_reads_only_calls_still_holding_text(db: Database) -> None:
    """The check at every unlock walks the partial index, never the calls' rows: a million
    calls' rows were most of the table to decrypt, and a pooled connection's cache filled."""
    old = datetime.now(UTC) - timedelta(days=800)
    for summary, phone in (("x", None), (None, "064 111 2233"), (None, None)):
        save_call(
            db,
            CallInput(
                categories=["victim_support"], started_at=old, summary=summary, caller_phone=phone
            ),
        )
    count = select(func.count()).select_from(Call).where(*retention._calls_due(datetime.now(UTC)))
    sql = str(count.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with db.session() as s:
        plan = " ".join(str(row[-1]) for row in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
        assert s.execute(text(_HELD)).scalar_one() == 2
    assert "ix_calls_text_kept" in plan
    assert due(db).calls == 2
    apply_retention(db)
    assert due(db).calls == 0
    with db.session() as s:
        assert s.execute(text(_HELD)).scalar_one() == 0  # cleared calls leave the index
