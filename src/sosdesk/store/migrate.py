"""Alembic migrations applied programmatically on an already keyed connection.

Every unlock asks whether the database is at this program's schema. That answer comes from
`HEAD` and one read of `alembic_version`; alembic itself (0.15 s to import) is loaded only when
a database is behind, ahead or foreign, and by the commands that upgrade or downgrade.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

from sosdesk.datafiles import shipped
from sosdesk.store.errors import NotADatabase, named

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in migrations/versions: a new migration moves it (a test says so).
HEAD = "0012"
_HAS_VERSION_TABLE = text(
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
)


def migrations_dir() -> Path:
    """The migrations folder: inside the wheel or the bundle, or at the top of a checkout."""
    return shipped("migrations", "env.py").parent


def _config(engine: Engine | None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["engine"] = engine
    return cfg


def head() -> str:
    """The newest revision this program knows."""
    return HEAD


def current(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty or foreign file)."""
    with engine.connect() as conn:
        if conn.execute(_HAS_VERSION_TABLE).first() is None:
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def needs_upgrade(engine: Engine) -> bool:
    """Whether the database is behind this program's schema."""
    return current(engine) != HEAD


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade to `revision` (default: head)."""
    from alembic import command

    command.upgrade(_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade to `revision` (tests and emergency roll-back only)."""
    from alembic import command

    command.downgrade(_config(engine), revision)


def revisions() -> list[str]:
    """Every revision of this program, oldest first, as alembic reads them from the files."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_config(None))
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def known_revision(revision: str | None, path: Path) -> str:
    """`revision` when it is one of this program's; NotADatabase otherwise: store.not_ours
    for a file with none, store.newer_schema for one written by a newer program."""
    if revision is None:
        raise NotADatabase("store.not_ours", **named(path))
    if not is_known(revision):
        raise NotADatabase("store.newer_schema", **named(path))
    return revision


def is_known(revision: str) -> bool:
    """Whether `revision` is one of this program's revisions (at or below head)."""
    return revision == HEAD or revision in revisions()
