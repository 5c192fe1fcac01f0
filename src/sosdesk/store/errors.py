"""Errors of the store: coded (`store.*` in the message table), never with client data."""

from __future__ import annotations

from pathlib import Path

from sosdesk.domain.messages import CodedError
from sosdesk.files.errors import display_name


class StoreError(CodedError):
    """Base of every error the store reports to a user; the code is one of `store.*`."""

    code = "store.not_ours"

    def __init__(self, code: str | None = None, /, **params: str | int) -> None:
        # Older callers pass a file name or a sentence positionally: keep the class's own code.
        if code is not None and not code.startswith("store."):
            code = None
        super().__init__(code, **params)


def named(path: Path | str) -> dict[str, str]:
    """The `name` parameter of a message about `path` (its own name, no folders)."""
    return {"name": display_name(path)}


class WrongPassphrase(StoreError):
    code = "store.wrong_passphrase"


class UnknownUser(StoreError):
    code = "store.unknown_user"

    def __init__(self, user: str = "", /) -> None:
        # A user name is an account name, not client data.
        super().__init__("store.unknown_user", user=user)


class KeyFileError(StoreError):
    """The key file is missing, damaged or not ours."""

    code = "store.keyfile_damaged"


class NotADatabase(StoreError):
    """The file is not an SOS Desk database, or the key does not open it."""

    code = "store.not_ours"


class DatabaseDamaged(NotADatabase):
    """A page of an SOS Desk database fails its checks."""

    code = "store.damaged"


class DatabaseMissing(StoreError):
    """No database at the path; the store never creates one except on `init`."""

    code = "store.missing"


class DatabaseExists(StoreError):
    """`init` refuses to overwrite a database."""

    code = "store.exists"


class DatabaseBusy(StoreError):
    """Another instance holds the database."""

    code = "store.busy"


class WeakPassphrase(StoreError):
    """A new passphrase that is too easy to guess."""

    code = "store.weak_passphrase"


class StorageFull(StoreError):
    """The disk is full or the folder is not writable."""

    code = "store.disk_full"


class UserRefused(StoreError):
    """A change to the users that would break the database (bad name, last coordinator)."""

    code = "store.user_name"
