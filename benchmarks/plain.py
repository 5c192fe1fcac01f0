"""Plain (unencrypted) SQLite databases with the same schema: for benchmarks only, so the cost
of encryption can be measured on the same workload. Never used by the application itself.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.domain.ids import new_id
from sosdesk.store import migrate
from sosdesk.store.database import Database, DeskInfo, _new_keypairs
from sosdesk.store.engine import make_engine
from sosdesk.store.models import DeviceIdentity, User
from sosdesk.store.tx import Actor


def create_plain_database(path: Path, *, user: str, desk: str = "BG1") -> Database:
    """A new plain SQLite database with a desk identity and one coordinator."""
    engine = make_engine(path, None, create=True)
    migrate.upgrade(engine)
    device_id, user_id = new_id(), new_id()
    with Session(engine) as s, s.begin():
        s.add(
            DeviceIdentity(device_id=device_id, desk_code=desk, is_office=False, **_new_keypairs())
        )
    db = Database(
        path,
        engine,
        secrets.token_bytes(32),
        Actor(user_id, user, "coordinator"),
        DeskInfo(device_id, desk, False),
    )
    with db.transaction() as tx:
        tx.insert(
            User(
                id=user_id,
                name=user,
                display_name=user,
                role="coordinator",
                active=True,
                preferences={},
            )
        )
    return db


def open_plain_database(path: Path, *, user: str) -> Database:
    """Reopen a plain benchmark database (brought up to the head revision, as `Database.open`
    does for the encrypted copy, so a cached data set survives a new migration)."""
    engine = make_engine(path, None)
    if migrate.needs_upgrade(engine):
        migrate.upgrade(engine)
    with Session(engine) as s:
        ident = s.execute(select(DeviceIdentity)).scalar_one()
        row = s.execute(select(User).where(User.name == user)).scalar_one()
    return Database(
        path,
        engine,
        secrets.token_bytes(32),
        Actor(row.id, row.name, row.role),
        DeskInfo(ident.device_id, ident.desk_code, ident.is_office),
    )
