"""Keeps the statistics facts trustworthy: if a later table rebuild (an alembic batch
migration copies a table, and SQLite drops its triggers with it) left the triggers missing,
they are re-created and the facts rebuilt from the calls and events, in one transaction."""

from __future__ import annotations

from sqlalchemy import text

from sosdesk.stats.facts_sql import REBUILD, TRIGGERS
from sosdesk.store.database import Database


def missing_triggers(db: Database) -> list[str]:
    """Names of statistics triggers absent from the database."""
    with db.session() as s:
        present = set(
            s.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stat_%'")
            ).scalars()
        )
    return [name for name in TRIGGERS if name not in present]


def rebuild_facts(db: Database) -> None:
    """Re-create every statistics trigger and recount the facts from scratch."""
    with db.transaction() as tx:
        for name in TRIGGERS:
            tx.session.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        for statement in REBUILD:
            tx.session.execute(text(statement))
        for statement in TRIGGERS.values():
            tx.session.execute(text(statement))
        tx.audit("stats_facts_rebuilt", "statistics", None, {})


def ensure_facts(db: Database) -> bool:
    """Rebuild the facts if any trigger is missing; returns whether it had to."""
    if not missing_triggers(db):
        return False
    rebuild_facts(db)
    return True
