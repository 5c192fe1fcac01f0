"""Opening and holding the encrypted database: the unlock flow (runs in a worker, Argon2id takes
~0.5 s), what the unlock screen may show before unlocking (the desk code, never data), and the
store's names the window needs (errors, the instance lock) so that `ui` never imports `store`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sosdesk.store.database import BACKING_UP, UPGRADING, Database, UpgradeSteps
from sosdesk.store.errors import (
    DatabaseBusy,
    DatabaseMissing,
    KeyFileError,
    NotADatabase,
    StorageFull,
    StoreError,
    UnknownUser,
    WeakPassphrase,
    WrongPassphrase,
)
from sosdesk.store.instance_lock import DatabaseInUse, InstanceLock
from sosdesk.store.keyfile import KeyFile, check_new_passphrase, keyfile_path

__all__ = [
    "BACKING_UP",
    "UPGRADING",
    "Credentials",
    "Database",
    "DatabaseBusy",
    "DatabaseInUse",
    "DatabaseMissing",
    "InstanceLock",
    "KeyFileError",
    "NotADatabase",
    "StorageFull",
    "StoreError",
    "UnknownUser",
    "UpgradeSteps",
    "WeakPassphrase",
    "WrongPassphrase",
    "desk_code_of",
    "open_database",
]


@dataclass(frozen=True)
class Credentials:
    """What the operator typed on the unlock screen."""

    user: str
    passphrase: str = ""
    recovery_key: str = ""
    new_passphrase: str = ""

    @property
    def recovering(self) -> bool:
        return bool(self.recovery_key)


def desk_code_of(path: Path) -> str | None:
    """The desk code written in the key file beside the database (None when unreadable)."""
    try:
        return KeyFile.load(keyfile_path(path)).desk or None
    except (StoreError, OSError, ValueError):
        return None


def open_database(
    path: Path, creds: Credentials, on_upgrade: UpgradeSteps | None = None
) -> Database:
    """Unlock with a passphrase, or with the recovery key and then set the new passphrase;
    a schema upgrade announces its steps (BACKING_UP, UPGRADING) to `on_upgrade`."""
    if not creds.recovering:
        return Database.open(
            path, user=creds.user, passphrase=creds.passphrase, on_upgrade=on_upgrade
        )
    check_new_passphrase(creds.new_passphrase)  # refuse before touching anything
    db = Database.open_with_recovery(path, creds.recovery_key, creds.user, on_upgrade)
    try:
        db.set_passphrase(creds.user, creds.new_passphrase)
    except BaseException:
        db.close()
        raise
    return db
