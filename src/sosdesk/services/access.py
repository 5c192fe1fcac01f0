"""Enforce the role matrix (`domain/roles.py`): `require(db, permission, client_id)`.

Every service operation that reads client data or changes something calls `require` first,
so the GUI and the CLI obey the same rule. A refusal is a coded `NotAllowed` naming the
permission the role lacks. Consultants hold the client-scoped permissions only for their own
clients (an open case they manage) and for clients without a case manager. An emergency
("break the glass") access grants the file permissions for one client until the desk locks.
"""

from __future__ import annotations

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.services.errors import NotAllowed
from sosdesk.store.database import Database
from sosdesk.store.models import Case
from sosdesk.store.tx import Actor

# (database path, user id) -> client ids opened by breaking the glass; cleared on lock.
_EMERGENCY: dict[tuple[str, str], set[str]] = {}
_EMERGENCY_PERMISSIONS = frozenset({roles.SEE_CLIENT_FILE, roles.SEE_SENSITIVE})


def _actor(db_or_actor: Database | Actor) -> Actor:
    return db_or_actor if isinstance(db_or_actor, Actor) else db_or_actor.actor


def may(db_or_actor: Database | Actor, permission: str, client_id: str | None = None) -> bool:
    """True when the unlocked user may do `permission` (for `client_id` when given)."""
    try:
        require(db_or_actor, permission, client_id)
    except NotAllowed:
        return False
    return True


def refusal(role: str, permission: str) -> NotAllowed:
    """The coded refusal for `role` lacking `permission` (also used by the GUI's tooltips)."""
    return NotAllowed(f"roles.needs.{permission}", role=role, permission=permission)


def require(db_or_actor: Database | Actor, permission: str, client_id: str | None = None) -> None:
    """Raise `NotAllowed` unless the unlocked user holds `permission` (for `client_id`)."""
    actor = _actor(db_or_actor)
    if permission not in roles.PERMISSIONS:
        raise ValueError(f"unknown permission {permission}")  # a programming error
    if (
        client_id is not None
        and permission in _EMERGENCY_PERMISSIONS
        and isinstance(db_or_actor, Database)
        and client_id in _opened(db_or_actor)
    ):
        return
    if not roles.allows(actor.role, permission):
        raise refusal(actor.role, permission)
    if client_id is None or actor.role not in roles.SCOPED_ROLES:
        return
    if permission not in roles.CLIENT_SCOPED:
        return
    # Scoped: needs the database to know who manages the client; without it, refuse.
    if isinstance(db_or_actor, Database) and _may_manage(db_or_actor, client_id):
        return
    err = NotAllowed("roles.not_your_client", role=actor.role, permission=permission)
    raise err


def _may_manage(db: Database, client_id: str) -> bool:
    """The client's open cases have no manager, or the unlocked user is one of them."""
    with db.session() as s:
        managers = set(
            s.scalars(
                select(Case.manager_id).where(Case.client_id == client_id, Case.closed_at.is_(None))
            )
        )
    managers.discard(None)
    return not managers or db.actor.user_id in managers


def _key(db: Database) -> tuple[str, str]:
    return (str(db.path), db.actor.user_id)


def _opened(db: Database) -> set[str]:
    return _EMERGENCY.get(_key(db), set())


def grant_emergency(db: Database, client_id: str) -> None:
    """Remember an emergency access to `client_id` for this unlocked session."""
    _EMERGENCY.setdefault(_key(db), set()).add(client_id)


def emergency_clients(db: Database) -> frozenset[str]:
    """The clients opened by breaking the glass in this session (for the banner)."""
    return frozenset(_opened(db))


def end_emergencies(db: Database) -> None:
    """Forget every emergency access of this session (called when the desk locks)."""
    _EMERGENCY.pop(_key(db), None)
