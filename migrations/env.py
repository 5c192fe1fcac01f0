"""Alembic environment: runs on the keyed engine the store hands over (never opens a file itself)."""

from __future__ import annotations

from alembic import context

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise RuntimeError(
        "SOS Desk migrations run through sosdesk.store.migrate, on an unlocked database"
    )


def _is_fts_shadow(name: str | None) -> bool:
    # FTS5 keeps its index in shadow tables; they are managed by the migration that made them.
    return bool(name) and any(
        str(name).startswith(p) for p in ("client_fts", "call_fts", "directory_fts")
    )


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    return not (type_ == "table" and _is_fts_shadow(name))


with engine.connect() as connection:
    raw = connection.connection.driver_connection
    # Batch migrations copy tables; foreign keys are checked once at the end instead.
    raw.execute("PRAGMA foreign_keys = OFF")
    try:
        context.configure(
            connection=connection,
            target_metadata=config.attributes.get("target_metadata"),
            render_as_batch=True,
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
        problems = raw.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"migration left {len(problems)} broken references")
    finally:
        raw.execute("PRAGMA foreign_keys = ON")
