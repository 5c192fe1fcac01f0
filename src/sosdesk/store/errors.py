"""Errors of the store, each with a message a user can act on (no client data in them)."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store reports to a user."""


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("Wrong passphrase for this user. Check the keyboard layout and Caps Lock.")


class UnknownUser(StoreError):
    def __init__(self, user: str) -> None:
        super().__init__(
            f"No user named {user!r} can unlock this database. Ask the coordinator to add you."
        )


class KeyFileError(StoreError):
    """The key file is missing, damaged or not ours."""


class NotADatabase(StoreError):
    """The file is not an SOS Desk database, or the key does not open it."""


class DatabaseMissing(StoreError):
    """No database at the path; the store never creates one except on `init`."""


class DatabaseExists(StoreError):
    """`init` refuses to overwrite a database."""


class DatabaseBusy(StoreError):
    """Another instance holds the database."""


class WeakPassphrase(StoreError):
    """A new passphrase that is too short."""


class StorageFull(StoreError):
    """The disk is full or the folder is not writable."""
