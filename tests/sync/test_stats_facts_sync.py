"""Statistics facts after a sync import, where the insert triggers are replaced by one bulk
statement per chunk (issue 21): equal to a recount from scratch at the office and at a desk,
triggers back in place afterwards, and nothing changed by an import that fails."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from sosdesk.domain.vocab import CALL_CATEGORY, CALLER_TYPE, LINE, URGENCY
from sosdesk.services.call_corrections import correct_call
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.events import add_event
from sosdesk.stats.facts import missing_triggers
from sosdesk.stats.facts_bulk import facts_added_in_bulk
from sosdesk.stats.facts_sql import REBUILD
from sosdesk.store.database import Database
from sosdesk.store.raw import driver_connection
from tests.sync.helpers import Net, count, desk_to_office, office_to_desk

TABLES = ("stat_call_hours", "stat_call_counts", "stat_event_facts")


def _facts(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.session() as s:
        return {t: sorted(tuple(r) for r in s.execute(text(f"SELECT * FROM {t}"))) for t in TABLES}


def _recounted(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """The facts recounted from scratch, in a transaction that is rolled back."""
    with db.session() as s:
        for statement in REBUILD:
            s.execute(text(statement))
        out = {t: sorted(tuple(r) for r in s.execute(text(f"SELECT * FROM {t}"))) for t in TABLES}
        s.rollback()
    return out


def _work(db: Database, seed: int, calls: int) -> None:
    """Calls on every line at all hours (some with no category, some later corrected) and the
    four kinds of counted events, as a desk writes them."""
    r = random.Random(seed)
    client = create_client(db, {"nickname": f"Klijentkinja {seed}"}).id
    start = datetime(2025, 12, 31, 21, 0, tzinfo=UTC)  # across a Belgrade new year
    saved = []
    for i in range(calls):
        saved.append(
            save_call(
                db,
                CallInput(
                    line=r.choice(LINE.codes()),
                    caller_type=r.choice(CALLER_TYPE.codes()),
                    urgency=r.choice(URGENCY.codes()),
                    categories=r.sample(CALL_CATEGORY.codes(), r.randint(1, 3)),
                    started_at=start + timedelta(minutes=23 * i + seed),
                    client_id=client if i % 5 == 0 else None,
                ),
            ).id
        )
    for call_id in r.sample(saved, 4):  # updates of calls inserted in the same batch
        correct_call(db, call_id, "categories", ["silent"], "pogrešno upisano")
    when = start + timedelta(hours=seed)
    add_event(
        db, client, "assistance", when, {"type": "medical", "amount": "1200", "currency": "RSD"}
    )
    add_event(db, client, "field_action", when + timedelta(hours=1), {"type": "home_visit"})
    add_event(db, client, "status_change", when + timedelta(hours=2), {"to_status": "identified"})


def test_imported_facts_equal_a_recount_at_the_office_and_at_a_desk(net: Net) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    _work(bg1, 1, 70)
    _work(ns1, 2, 50)
    for code in ("BG1", "NS1"):
        assert [o.status for o in desk_to_office(net, code)] == ["applied"]
    office = _facts(net.office)
    assert sum(n for _hour, n in office["stat_call_hours"]) == count(net.office, "calls") == 120
    assert len(office["stat_event_facts"]) == 6
    assert office == _recounted(net.office)
    assert missing_triggers(net.office) == []
    # The office relays BG1's work to NS1, which counts it on top of its own.
    _result, outcomes = office_to_desk(net, "NS1")
    assert [o.status for o in outcomes] == ["applied"]
    desk = _facts(ns1)
    assert sum(n for _hour, n in desk["stat_call_hours"]) == 120
    assert desk == _recounted(ns1)
    assert missing_triggers(ns1) == []
    # The triggers still count a call saved after the import.
    save_call(
        ns1, CallInput(categories=["labour_rights"], started_at=datetime(2026, 2, 1, tzinfo=UTC))
    )
    assert _facts(ns1) == _recounted(ns1) != desk


def test_odd_categories_count_as_the_trigger_counts_them(net: Net) -> None:
    """Rows no form writes (no category, a repeated one, a damaged list) count the same in bulk
    as one at a time."""
    desk = net.desks["BG1"]
    model = save_call(
        desk,
        CallInput(
            categories=["labour_rights"], started_at=datetime(2026, 1, 1, 22, 30, tzinfo=UTC)
        ),
    ).id
    odd = ["[]", '["labour_rights", "labour_rights", "silent"]', "not a list"]
    with desk.transaction() as tx:
        conn = driver_connection(tx.session)
        cols = [
            r[1]
            for r in conn.execute("PRAGMA table_info(calls)")
            if r[1] not in ("id", "categories")
        ]
        with facts_added_in_bulk(conn, "calls"):
            for i, categories in enumerate(odd):
                conn.execute(
                    f"INSERT INTO calls (id, categories, {', '.join(cols)}) "
                    f"SELECT ?, ?, {', '.join(cols)} FROM calls WHERE id = ?",
                    (f"00000000-0000-7000-8000-00000000000{i}", categories, model),
                )
    facts = _facts(desk)
    assert sum(n for _hour, n in facts["stat_call_hours"]) == 4
    assert ("2026-01-01T22", "uncategorised", "", 2) in facts["stat_call_counts"]
    assert ("2026-01-01T22", "category", "labour_rights", 2) in facts["stat_call_counts"]
    assert facts == _recounted(desk)


def test_a_failed_bulk_insert_leaves_the_trigger_and_the_facts(net: Net) -> None:
    office = net.office
    before = _facts(office)
    with pytest.raises(RuntimeError), office.transaction() as tx:
        conn = driver_connection(tx.session)
        with facts_added_in_bulk(conn, "calls"):
            gone = "SELECT count(*) FROM sqlite_master WHERE name = 'stat_calls_insert'"
            assert conn.execute(gone).fetchone() == (0,)  # dropped inside the transaction only
            raise RuntimeError("the disk is full")
    assert missing_triggers(office) == []
    assert _facts(office) == before
