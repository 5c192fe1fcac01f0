"""Alembic migrations applied programmatically on an already keyed connection."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from sosdesk.datafiles import shipped


def migrations_dir() -> Path:
    """The migrations folder: inside the wheel or the bundle, or at the top of a checkout."""
    return shipped("migrations", "env.py").parent


def _config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def head() -> str:
    """The newest revision this program knows."""
    script = ScriptDirectory.from_config(_config(None))  # type: ignore[arg-type]
    rev = script.get_current_head()
    assert rev is not None
    return rev


def current(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty file)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def needs_upgrade(engine: Engine) -> bool:
    """Whether the database is behind this program's schema."""
    return current(engine) != head()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade to `revision` (default: head)."""
    command.upgrade(_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade to `revision` (tests and emergency roll-back only)."""
    command.downgrade(_config(engine), revision)


def is_known(revision: str) -> bool:
    """Whether `revision` is one of this program's revisions (at or below head)."""
    script = ScriptDirectory.from_config(_config(None))  # type: ignore[arg-type]
    return any(rev.revision == revision for rev in script.walk_revisions())
