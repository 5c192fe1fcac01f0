"""The coordinator's office tools behind the Office area: an encrypted backup, the database
check, the print register of every issued document and the verification of a PDF.

Each does what its command does (`sosdesk backup`, `sosdesk verify`, `sosdesk document
verify`), with the same checks and the same audit entries, and answers in frozen dataclasses
the screen renders in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.files.reading import read_bounded
from sosdesk.services import print_register
from sosdesk.services.access import require
from sosdesk.services.erasure_restore import Remembered, reapply, remembered
from sosdesk.services.print_register import Verification
from sosdesk.store.audit import check_chain
from sosdesk.store.backup import backup_engine, inspect_file, restore_file
from sosdesk.store.database import Database
from sosdesk.store.errors import NotADatabase, named
from sosdesk.store.models import Client, Event, User
from sosdesk.store.page_checks import pages_checked_beside

MAX_PDF = 256 * 1024 * 1024  # as `sosdesk document verify`


@dataclass(frozen=True)
class RegisterRow:
    """One issued document: number, kind, client code, who, when, SHA-256 of the PDF."""

    number: str
    kind: str
    client_code: str
    issued_by: str
    issued_at: datetime
    sha256: str


@dataclass(frozen=True)
class BackupDone:
    """A verified encrypted copy: where, and how large."""

    path: Path
    size: int


@dataclass(frozen=True)
class CheckResult:
    """The database check: problems in the pages, in the audit chain, and entries checked."""

    page_problems: int
    chain_problems: int
    entries: int

    @property
    def sound(self) -> bool:
        """Nothing wrong was found."""
        return not (self.page_problems or self.chain_problems)


def issued_register(db: Database, limit: int = 2000) -> list[RegisterRow]:
    """Every document issued at this database, newest first (at most `limit`)."""
    require(db, roles.SEE_PRINT_REGISTER)
    q = (
        select(Event, Client.code, User.display_name)
        .join(Client, Client.id == Event.client_id)
        .outerjoin(User, User.id == Event.author_id)
        .where(Event.kind == print_register.ISSUED)  # ix_events_kind_occurred serves it
        .order_by(Event.occurred_at.desc())
        .limit(limit)
    )
    with db.session() as s:
        return [
            RegisterRow(
                number=str(e.payload.get("number", "")),
                kind=str(e.payload.get("document", "")),
                client_code=code,
                issued_by=who or "",
                issued_at=e.occurred_at,
                sha256=str(e.payload.get("sha256", "")),
            )
            for e, code, who in s.execute(q)
        ]


def verify_document(db: Database, path: Path) -> Verification:
    """Whether the PDF at `path` was issued here, changed after issue, or is unknown."""
    require(db, roles.VERIFY_DOCUMENT)
    return print_register.verify(db, read_bounded(path, MAX_PDF))


def backup_name(desk: str, now: datetime | None = None) -> str:
    """The file name of a new backup: desk and UTC time, never a client's data."""
    when = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return f"sosdesk-{desk}-{when}.sosbackup"


def make_backup(db: Database, folder: Path) -> BackupDone:
    """Write a verified encrypted copy into `folder`; recorded in the audit chain."""
    require(db, roles.BACKUP_RESTORE)
    out = backup_engine(db.engine, db.data_key, folder / backup_name(db.desk.desk_code))
    with db.transaction() as tx:
        tx.audit("backup", "database", None, {"file": out.name})
    return BackupDone(out, out.stat().st_size)


def check_database(db: Database) -> CheckResult:
    """Every page's HMAC beside the audit chain, as `sosdesk verify` (without `--full`)."""
    require(db, roles.CHECK_DATABASE)
    with pages_checked_beside(db.path, db.data_key, full=False) as checked:
        with db.session() as s:
            chain = check_chain(s)
        pages = len(checked.result())
    return CheckResult(pages, len(chain.problems), chain.entries)


def prepare_restore(db: Database, source: Path) -> Callable[[], None]:
    """Check that `source` is a sound backup of this very desk; returns the restore to run
    once the desk is locked (as `sosdesk restore`: the old files come back if it fails)."""
    require(db, roles.BACKUP_RESTORE)
    path, key, user = db.path, db.data_key, db.actor.name
    desk, device = db.desk.desk_code, db.desk.device_id
    try:
        found = inspect_file(source, key)
    except NotADatabase as exc:
        code = "store.backup_newer" if exc.code == "store.newer_schema" else "store.backup_not_ours"
        raise NotADatabase(code, **named(source)) from None
    if found.desk_code != desk or found.device_id != device:
        raise NotADatabase(
            "store.backup_other_desk", found=found.desk_code, expected=desk, **named(source)
        )

    forgotten: Remembered = []

    def reopen() -> Database:
        # The passphrase is not at hand here; the data key it unlocked is (same as unlocking).
        return Database._open_with_key(path, key, user, None)

    def check() -> None:
        # Erasures and merges made since the backup are applied before anyone opens it.
        restored = reopen()
        try:
            reapply(restored, forgotten)
        finally:
            restored.close()

    def restore() -> None:
        forgotten.extend(remembered(path, key))
        restore_file(path, source, key, desk_code=desk, device_id=device, check=check)
        restored = reopen()
        try:
            with restored.transaction() as tx:
                tx.audit("restore", "database", None, {"file": source.name})
        finally:
            restored.close()

    return restore
