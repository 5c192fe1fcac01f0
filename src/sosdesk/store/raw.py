"""The one way to the SQLCipher driver connection, for the few places that need raw speed
(full-text search, sync's bulk reads and writes, statistics queries, backups, demo loads).

The connection is already keyed: it is the store's own, never a second unencrypted one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session


def driver_connection(session: Session) -> Any:
    """The DB-API connection under `session`, inside its current transaction."""
    conn = session.connection().connection.driver_connection
    assert conn is not None
    return conn


def pooled_connection(engine: Engine) -> tuple[Any, Any]:
    """A pooled connection of its own and its driver connection; close the first when done."""
    pooled = engine.raw_connection()
    return pooled, pooled.driver_connection
