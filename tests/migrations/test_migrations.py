"""Migrations: the head matches the models, and every revision goes down and up with data kept."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.search import search
from sosdesk.store import database, migrate
from sosdesk.store.database import Database
from sosdesk.store.models import Base
from tests.conftest import PASSPHRASE, USER

CORE = ("clients", "calls", "events", "audit_entries", "changes", "users")


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.migrations_dir()))
    return cfg


def _revisions() -> list[str]:
    """Alembic's own reading of the migrations folder, which `migrate.HEAD` must follow."""
    script = ScriptDirectory.from_config(_alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _shadow(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    return not (
        type_ == "table"
        and name
        and name.split("_")[0] in ("client", "call", "directory")
        and "_fts" in name
    )


def _counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as c:
        return {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in CORE}


def test_single_head_and_head_matches_models(db: Database) -> None:
    assert migrate.current(db.engine) == migrate.head() == _revisions()[-1]
    assert migrate.revisions() == _revisions()
    assert len(ScriptDirectory.from_config(_alembic_config()).get_heads()) == 1
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": _shadow, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_every_revision_down_and_up_keeps_data(db: Database) -> None:
    client = create_client(db, {"given_name": "Dušica", "family_name": "Ristić"})
    save_call(db, CallInput(categories=["victim_support"], client_id=client.id, summary="pratnja"))
    before = _counts(db)
    revisions = _revisions()
    # Walk down to the first revision one step at a time (below it there is no schema at all).
    for rev in reversed(revisions[:-1]):
        migrate.downgrade(db.engine, rev)
        assert migrate.current(db.engine) == rev
        assert _counts(db) == before
    for rev in revisions[1:]:
        migrate.upgrade(db.engine, rev)
        assert migrate.current(db.engine) == rev
    assert _counts(db) == before
    with db.engine.connect() as c:
        assert c.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
    db.close()
    reopened = Database.open(db.path, user=USER, passphrase=PASSPHRASE)
    assert [h.ref for h in search(reopened, "Dusica")] == [client.id]
    reopened.close()


def test_first_revision_downgrades_to_empty_and_back(db: Database) -> None:
    first = _revisions()[0]
    migrate.downgrade(db.engine, first)
    migrate.downgrade(db.engine, "base")
    with db.engine.connect() as c:
        left = (
            c.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'alembic%'"
                )
            )
            .scalars()
            .all()
        )
    assert left == []
    migrate.upgrade(db.engine)
    assert migrate.current(db.engine) == migrate.head()


def test_unlock_of_an_old_database_backs_up_then_migrates(db: Database) -> None:
    revisions = _revisions()
    assert len(revisions) >= 2, "needs an older revision to migrate from"
    client = create_client(db, {"given_name": "Nevena"})
    migrate.downgrade(db.engine, revisions[-2])
    db.close()
    reopened = Database.open(db.path, user=USER, passphrase=PASSPHRASE)
    assert migrate.current(reopened.engine) == migrate.head()
    backups = list(db.path.parent.glob("*.pre-migration-*.bak"))
    assert len(backups) == 1
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")
    assert [h.ref for h in search(reopened, "Nevena")] == [client.id]
    reopened.close()


def test_an_upgrade_at_unlock_gives_its_memory_back(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index builds of an upgrade sort in memory; the desk goes on without that memory
    (at a million calls the process kept 130 MB more after the upgrade of 0011)."""
    trims: list[int] = []
    monkeypatch.setattr(database, "trim_heap", lambda: trims.append(1))
    path = db.path
    db.close()
    Database.open(path, user=USER, passphrase=PASSPHRASE).close()
    assert trims == []  # nothing to upgrade: nothing to give back
    old = Database.open(path, user=USER, passphrase=PASSPHRASE)
    migrate.downgrade(old.engine, _revisions()[-2])
    old.close()
    reopened = Database.open(path, user=USER, passphrase=PASSPHRASE)
    assert trims == [1]
    assert reopened.engine.pool.checkedout() == 0
    assert migrate.current(reopened.engine) == migrate.head()  # the pool opens keyed again
    reopened.close()
