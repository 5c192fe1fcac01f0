"""init, verify, backup, restore, passwd and user: the encrypted store from the command line."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DatabaseError

from sosdesk.commands.common import (
    EXIT_UNSOUND,
    UserError,
    add_db_args,
    db_path,
    open_db,
    read_secret,
    user_name,
)
from sosdesk.config import ENV_NEW_PASSPHRASE, ENV_PASSPHRASE
from sosdesk.domain import roles
from sosdesk.services import users
from sosdesk.services.access import may, require
from sosdesk.services.erasure_restore import reapply, remembered
from sosdesk.store.audit import check_file_chain
from sosdesk.store.backup import backup_engine, inspect_file, restore_file
from sosdesk.store.database import Database
from sosdesk.store.engine import check_database_file
from sosdesk.store.errors import DatabaseDamaged, StoreError
from sosdesk.store.keyfile import KeyFile, keyfile_path
from sosdesk.store.page_checks import pages_checked_beside


def _init(args: argparse.Namespace) -> int:
    path = db_path(args)
    user = user_name(args)
    passphrase = read_secret(ENV_PASSPHRASE, f"New passphrase for {user}: ", confirm=True)
    db, recovery = Database.create(
        path,
        user=user,
        passphrase=passphrase,
        desk=args.desk,
        display_name=args.name,
        office=args.office,
    )
    db.close()
    kind = "office" if args.office else "desk"
    print(f"Created the {kind} database {path} for {args.desk}, user {user}.")
    print("RECOVERY KEY (shown once; write it down and keep it in the safe):")
    print(f"    {recovery}")
    return 0


def _verify(args: argparse.Namespace) -> int:
    path = db_path(args)
    user = user_name(args)
    passphrase = read_secret(ENV_PASSPHRASE, f"Passphrase for {user}: ")
    check_database_file(path)
    key = KeyFile.load(keyfile_path(path)).unlock(user, passphrase)
    with pages_checked_beside(path, key, full=args.full) as pages:
        chain: list[str] = []
        entries = 0
        try:
            walked = check_file_chain(path, key)
            chain += [f"audit chain: {p.message} ({p.kind})" for p in walked.problems]
            entries = walked.entries
        except (DatabaseDamaged, DatabaseError):
            chain.append("a page cannot be read (damaged)")
        except StoreError:
            if not pages.result():  # not explained by damaged pages (a full disk, say)
                raise
        problems = pages.result()
    if not problems:  # damaged pages explain any broken link: name them alone
        problems = chain
    for line in problems:
        print(f"UNSOUND: {line}")
    if problems:
        return EXIT_UNSOUND
    if args.full:
        print(f"ok: every page, the whole structure and the audit chain ({entries} entries)")
    else:
        print(f"ok: every page's encryption and the audit chain ({entries} entries)")
    return 0


def _backup(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        require(db, roles.BACKUP_RESTORE)
        out = backup_engine(db.engine, db.data_key, Path(args.out).expanduser())
        with db.transaction() as tx:
            tx.audit("backup", "database", None, {"file": out.name})
    finally:
        db.close()
    print(f"Encrypted backup written and verified: {out}")
    print("It opens only with this database's key file; keep the key file backed up too.")
    return 0


def _current_device(path: Path, key: bytes) -> str | None:
    """The desk identity of the database being replaced, if it still reads (it may be lost)."""
    if not path.exists():
        return None
    try:
        return inspect_file(path, key, readonly=False).device_id
    except StoreError:
        return None  # damaged or not ours: exactly what a restore is for


def _may_restore(path: Path, user: str, passphrase: str) -> None:
    """Refuse a user whose role may not restore, when the current database still opens."""
    try:
        current = Database.open(path, user=user, passphrase=passphrase)
    except (StoreError, DatabaseError):
        return  # damaged or lost: exactly what a restore is for; `check` decides on the copy
    try:
        require(current, roles.BACKUP_RESTORE)
    finally:
        current.close()


def _restore(args: argparse.Namespace) -> int:
    path = db_path(args)
    user = user_name(args)
    passphrase = read_secret(ENV_PASSPHRASE, f"Passphrase for {user}: ")
    source = Path(os.path.abspath(Path(args.source).expanduser()))
    # The key file proves the right to restore; the database itself may be damaged or lost.
    keyfile = KeyFile.load(keyfile_path(path))
    key = keyfile.unlock(user, passphrase)

    # Erasures and merges made since the backup are applied to it before anyone opens it.
    forgotten = remembered(path, key)

    def check() -> None:
        restored = Database.open(path, user=user, passphrase=passphrase)
        try:  # the restored copy must also let this user restore, or the old files return
            require(restored, roles.BACKUP_RESTORE)
            reapply(restored, forgotten)
        finally:
            restored.close()

    _may_restore(path, user, passphrase)

    restore_file(
        path,
        source,
        key,
        desk_code=keyfile.desk,
        device_id=_current_device(path, key),
        check=check,
    )
    db = Database.open(path, user=user, passphrase=passphrase)
    try:
        with db.transaction() as tx:
            tx.audit("restore", "database", None, {"file": source.name})
    finally:
        db.close()
    print(f"Restored {path} from {source.name}.")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    path = db_path(args)
    user = user_name(args)
    target = args.target or user
    if args.recovery:
        recovery = read_secret("SOSDESK_RECOVERY_KEY", "Recovery key: ")
        db = Database.open_with_recovery(path, recovery, user)
    else:
        db = open_db(args)
    try:
        if target != user and not may(db, roles.MANAGE_USERS):
            raise UserError("cli.coordinator_only_passwd")
        if target != user:
            require(db, roles.MANAGE_USERS)
        new = read_secret(ENV_NEW_PASSPHRASE, f"New passphrase for {target}: ", confirm=True)
        db.set_passphrase(target, new)
    finally:
        db.close()
    print(f"Passphrase of {target} changed.")
    return 0


def _user_add(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if not may(db, roles.MANAGE_USERS):
            raise UserError("cli.coordinator_only_add")
        require(db, roles.MANAGE_USERS)
        new = read_secret(ENV_NEW_PASSPHRASE, f"Passphrase for {args.name}: ", confirm=True)
        users.add_user(db, args.name, args.display or args.name, args.role, new)
    finally:
        db.close()
    print(f"User {args.name} ({args.role}) can now unlock this database.")
    return 0


def _user_remove(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        if not may(db, roles.MANAGE_USERS):
            raise UserError("cli.coordinator_only_remove")
        require(db, roles.MANAGE_USERS)
        users.deactivate_user(db, args.name)
    finally:
        db.close()
    print(f"User {args.name} can no longer unlock this database.")
    return 0


def _user_role(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        users.set_role(db, args.name, args.role)
    finally:
        db.close()
    print(f"User {args.name} now has the role {args.role}.")
    return 0


def _users(args: argparse.Namespace) -> int:
    kf = KeyFile.load(keyfile_path(db_path(args)))
    for name in kf.users():
        print(name)
    return 0


def register(sub: Any) -> None:
    """Add the store commands."""
    p = sub.add_parser("init", help="create an encrypted database and key file")
    add_db_args(p)
    p.add_argument("--desk", required=True, help="desk code, e.g. BG1 (HQ for the office)")
    p.add_argument("--name", help="the user's full name")
    p.add_argument("--office", action="store_true", help="create the office database")
    p.set_defaults(handler=_init)

    p = sub.add_parser("verify", help="check every page's encryption and the audit chain")
    add_db_args(p)
    p.add_argument(
        "--full",
        action="store_true",
        help="also check the whole structure, every index against its table (after a crash or "
        "a disk error; minutes on a large database)",
    )
    p.set_defaults(handler=_verify)

    p = sub.add_parser("backup", help="write a verified encrypted copy")
    add_db_args(p)
    p.add_argument("--out", required=True, metavar="FILE")
    p.set_defaults(handler=_backup)

    p = sub.add_parser("restore", help="replace the database with a verified backup")
    add_db_args(p)
    p.add_argument("--from", dest="source", required=True, metavar="FILE")
    p.set_defaults(handler=_restore)

    p = sub.add_parser("passwd", help="change a passphrase (or set one with the recovery key)")
    add_db_args(p)
    p.add_argument("--for", dest="target", metavar="NAME", help="whose passphrase (default: yours)")
    p.add_argument(
        "--recovery",
        action="store_true",
        help="unlock with the recovery key ($SOSDESK_RECOVERY_KEY or prompt)",
    )
    p.set_defaults(handler=_passwd)

    p = sub.add_parser("user", help="add or remove a user's key slot")
    usub = p.add_subparsers(dest="user_command", required=True)
    a = usub.add_parser("add", help="add a user (coordinator only)")
    add_db_args(a)
    a.add_argument("--name", required=True)
    a.add_argument("--display", help="full name")
    # No argparse choices: an unknown role is refused by the store with a coded message.
    a.add_argument("--role", default="operator", help=", ".join(roles.ROLES))
    a.set_defaults(handler=_user_add)
    r = usub.add_parser("remove", help="remove a user (coordinator only)")
    add_db_args(r)
    r.add_argument("--name", required=True)
    r.set_defaults(handler=_user_remove)
    ro = usub.add_parser("role", help="give a user another role (coordinator only)")
    add_db_args(ro)
    ro.add_argument("--name", required=True)
    ro.add_argument("--role", required=True, help=", ".join(roles.ROLES))
    ro.set_defaults(handler=_user_role)
    ls = usub.add_parser("list", help="users with a key slot")
    add_db_args(ls, user=False)
    ls.set_defaults(handler=_users)
