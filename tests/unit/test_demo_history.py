"""The benchmark data set's write history: the design's rates, a chain that verifies, and the
outbox a desk would hold (`sosdesk.demo.history`)."""

from __future__ import annotations

import json

from sqlalchemy import text

from sosdesk.demo.generator import generate
from sosdesk.demo.history import EVENTS_PER_CALL, FOLLOWUPS_PER_CALL, SYNCED, add_history
from sosdesk.store.audit import verify_chain
from sosdesk.store.database import Database


def count(db: Database, sql: str) -> int:
    with db.session() as s:
        return int(s.execute(text(sql)).scalar_one())


def test_history_tops_up_to_the_design_rates(db: Database) -> None:
    demo = generate(db, 1500, 5)
    kept_before = count(
        db,
        f"SELECT count(*) FROM events JOIN clients c ON c.id = client_id "
        f"WHERE c.code = '{demo.long_client_code}'",
    )
    followups_before = count(db, "SELECT count(*) FROM followups")
    audit_before = count(db, "SELECT count(*) FROM audit_entries")

    # At this size the benchmarks' 2,000-event client outweighs the calls: the rates are
    # asked for as of a desk of 4,000 calls, so the top-up has events to add.
    added = add_history(db, 6, 4000, demo.long_client_code)

    assert count(db, "SELECT count(*) FROM events") == EVENTS_PER_CALL * 4000
    assert count(db, "SELECT count(*) FROM followups") == followups_before + round(
        FOLLOWUPS_PER_CALL * 4000
    )
    kept_after = count(
        db,
        f"SELECT count(*) FROM events JOIN clients c ON c.id = client_id "
        f"WHERE c.code = '{demo.long_client_code}'",
    )
    assert kept_after == kept_before  # the benchmarks' fixed-length timeline stays as it was
    synced = sum(count(db, f"SELECT count(*) FROM {t}") for t in SYNCED)
    # One outbox row and one audit entry for every row the services would have inserted.
    names = ", ".join(repr(t) for t in SYNCED)
    ours = count(db, f"SELECT count(*) FROM changes WHERE entity IN ({names})")
    assert added.outbox == synced == ours
    assert count(db, "SELECT count(*) FROM audit_entries") == audit_before + synced
    assert 0 < count(db, "SELECT count(*) FROM changes WHERE batch_id IS NULL") <= 600
    with db.session() as s:
        assert verify_chain(s) == []


def test_outbox_fields_are_the_row(db: Database) -> None:
    demo = generate(db, 30, 2)
    add_history(db, 3, 30, demo.long_client_code)
    with db.session() as s:
        fields, summary = s.execute(
            text(
                "SELECT ch.fields, c.summary FROM changes ch JOIN calls c ON c.id = ch.entity_id "
                "WHERE ch.entity = 'calls' LIMIT 1"
            )
        ).one()
        row = json.loads(fields)
    assert row["summary"] == summary
    assert isinstance(row["categories"], list)
