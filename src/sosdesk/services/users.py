"""Users managed from the desk: coordinators add, deactivate and re-role users and reset a
forgotten passphrase with the recovery key; every user changes her own passphrase.

Removing a user only deactivates her row, so her name stays on everything she did. The key
file keeps the same Argon2id slot rules as the command line (`Database.set_passphrase`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError
from sosdesk.services import access
from sosdesk.store.database import Database
from sosdesk.store.keyfile import check_new_passphrase, guess_score
from sosdesk.store.models import User


class UserChangeRefused(CodedError):
    """A change to the users the rules do not allow (nothing was changed)."""

    code = "users.unknown_user"


@dataclass(frozen=True)
class UserRow:
    """One user as the coordinator sees her."""

    id: str
    name: str
    display_name: str
    role: str
    active: bool


def _check_role(role: str) -> None:
    if role not in roles.ROLES:
        raise UserChangeRefused("roles.unknown_role", role=role[:20])


def _refuse_self(db: Database, code: str, *, demoted: bool = True) -> None:
    """Refuse a change to oneself; the last coordinator is told that first (the sharper rule)."""
    if demoted:
        with db.session() as s:
            row = s.execute(select(User).where(User.id == db.actor.user_id)).scalar_one_or_none()
            if row is not None:
                Database.keep_a_coordinator(s, row)
    raise UserChangeRefused(code)


def list_users(db: Database) -> list[UserRow]:
    """Every user of this database (active first, then by name)."""
    access.require(db, roles.MANAGE_USERS)
    with db.session() as s:
        rows = s.scalars(select(User).where(~User.name.contains("@")))
        found = [UserRow(u.id, u.name, u.display_name, u.role, bool(u.active)) for u in rows]
    return sorted(found, key=lambda u: (not u.active, u.name.casefold()))


def add_user(db: Database, name: str, display_name: str, role: str, passphrase: str) -> str:
    """Add (or re-activate) a user with her first passphrase; returns her id."""
    access.require(db, roles.MANAGE_USERS)
    _check_role(role)
    if name == db.actor.name:
        _refuse_self(db, "roles.own_role", demoted=role != roles.COORDINATOR)
    user_id = db.add_user(name, display_name.strip() or name, role, passphrase)
    with db.transaction() as tx:
        tx.audit("user_added", "users", user_id, {"user": name, "role": role})
    return user_id


def deactivate_user(db: Database, name: str) -> None:
    """Deactivate a user (never oneself, never the last coordinator); her name stays."""
    access.require(db, roles.MANAGE_USERS)
    if name == db.actor.name:
        _refuse_self(db, "users.not_yourself")
    db.remove_user(name)
    with db.transaction() as tx:
        tx.audit("user_removed", "users", None, {"user": name})


def set_role(db: Database, name: str, role: str) -> None:
    """Give a user another role (never one's own, never away from the last coordinator)."""
    access.require(db, roles.MANAGE_USERS)
    _check_role(role)
    if name == db.actor.name:
        _refuse_self(db, "roles.own_role", demoted=role != roles.COORDINATOR)
    with db.transaction() as tx:
        row = tx.session.execute(select(User).where(User.name == name)).scalar_one_or_none()
        if row is None or not row.active:
            raise UserChangeRefused("users.unknown_user", limit=64)
        if role != roles.COORDINATOR:
            Database.keep_a_coordinator(tx.session, row)
        if tx.update(row, {"role": role}):
            tx.audit("role_changed", "users", row.id, {"user": name, "role": role})


def change_own_passphrase(db: Database, old: str, new: str) -> None:
    """Change the unlocked user's passphrase; the old one is required."""
    check_new_passphrase(new)
    db.keyfile().unlock(db.actor.name, old)  # WrongPassphrase when the old one is wrong
    db.set_passphrase(db.actor.name, new)


def reset_passphrase(db: Database, name: str, recovery_key: str, new: str) -> None:
    """Give a user who forgot her passphrase a new one; the recovery key is required."""
    access.require(db, roles.MANAGE_USERS)
    check_new_passphrase(new)
    with db.session() as s:
        row = s.execute(select(User).where(User.name == name)).scalar_one_or_none()
    if row is None or not row.active:
        raise UserChangeRefused("users.unknown_user", limit=64)
    try:
        db.keyfile().unlock_recovery(recovery_key)
    except CodedError:
        raise UserChangeRefused("users.wrong_recovery") from None
    db.set_passphrase(name, new)


def strength(passphrase: str) -> int:
    """0 (easy to guess) .. 4 (very hard), as the store judges a new passphrase."""
    if not passphrase:
        return 0
    return guess_score(passphrase)
