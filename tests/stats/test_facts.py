"""The statistics facts stay equal to a recount from scratch through inserts, updates and
deletes; a missing trigger is repaired; the migration's frozen SQL matches the live SQL."""

from __future__ import annotations

import importlib.util
import random
from datetime import timedelta

from sqlalchemy import delete, select, text

from sosdesk.domain.vocab import CALL_CATEGORY, CALLER_TYPE, LINE, URGENCY
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.events import add_event
from sosdesk.stats.facts import ensure_facts, missing_triggers
from sosdesk.stats.facts_sql import REBUILD, TRIGGERS
from sosdesk.store import migrate
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Event
from tests.stats.handmade import local

TABLES = ("stat_call_hours", "stat_call_counts", "stat_event_facts")


def _snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.session() as s:
        return {
            t: sorted(
                tuple(r)
                for r in s.execute(text(f"SELECT * FROM {t}"))
                if r[-1] != 0 or t == "stat_event_facts"
            )
            for t in TABLES
        }


def _recount(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.transaction() as tx:
        for statement in REBUILD:
            tx.session.execute(text(statement))
    return _snapshot(db)


def test_facts_follow_inserts_updates_and_deletes(db: Database) -> None:
    r = random.Random(7)
    client = create_client(db, {"nickname": "Vesna"}).id
    start = local(2025, 3, 29, 20, 0)
    for i in range(60):
        save_call(
            db,
            CallInput(
                line=r.choice(LINE.codes()),
                caller_type=r.choice(CALLER_TYPE.codes()),
                urgency=r.choice(URGENCY.codes()),
                categories=r.sample(CALL_CATEGORY.codes(), r.randint(1, 3)),
                started_at=start + timedelta(minutes=37 * i),
                client_id=client if i % 3 == 0 else None,
            ),
        )
        if i % 4 == 0:
            add_event(
                db,
                client,
                "assistance",
                start + timedelta(hours=i),
                {"type": r.choice(["medical", "legal"]), "amount": str(i), "currency": "RSD"},
            )
    with db.transaction() as tx:
        calls = list(tx.session.execute(select(Call)).scalars())
        for call in r.sample(calls, 15):  # edits: moved in time, another line, new categories
            tx.update(
                call,
                {
                    "started_at": call.started_at + timedelta(hours=r.randint(1, 30)),
                    "line": r.choice(LINE.codes()),
                    "categories": r.sample(CALL_CATEGORY.codes(), r.randint(0, 2)),
                },
            )
        events = list(tx.session.execute(select(Event).where(Event.kind == "assistance")).scalars())
        tx.update(events[0], {"payload": {**events[0].payload, "type": "interpreter"}})
        gone = [c.id for c in r.sample([c for c in calls if c.client_id is None], 5)]
        tx.session.execute(delete(Call).where(Call.id.in_(gone)))
        tx.session.execute(delete(Event).where(Event.id == events[1].id))
    maintained = _snapshot(db)
    assert maintained == _recount(db)
    assert sum(n for _h, n in maintained["stat_call_hours"]) == 55


def test_missing_trigger_is_recreated_and_facts_rebuilt(db: Database) -> None:
    client = create_client(db, {"nickname": "Zora"}).id
    with db.transaction() as tx:
        tx.session.execute(text("DROP TRIGGER stat_calls_insert"))
    save_call(db, CallInput(categories=["silent"], started_at=local(2025, 5, 5, 5, 5)))  # unseen
    add_event(db, client, "field_action", local(2025, 5, 5, 6, 0), {"type": "home_visit"})
    assert missing_triggers(db) == ["stat_calls_insert"]
    assert ensure_facts(db) is True
    assert missing_triggers(db) == []
    with db.session() as s:
        assert s.execute(text("SELECT sum(n) FROM stat_call_hours")).scalar_one() == 1
    assert ensure_facts(db) is False


def test_migration_holds_the_same_sql() -> None:
    path = migrate.migrations_dir() / "versions" / "0003_stats.py"
    spec = importlib.util.spec_from_file_location("migration_0003", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TRIGGERS == TRIGGERS
    assert tuple(module.REBUILD) == REBUILD


def test_triggers_exist_after_migrating_to_head(db: Database) -> None:
    assert missing_triggers(db) == []
