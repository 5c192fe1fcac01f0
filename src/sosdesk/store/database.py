"""The unlocked database: key file + SQLCipher engine + migrations + who is working."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from nacl.public import PrivateKey
from nacl.signing import SigningKey
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sosdesk.domain.codes import check_desk_code
from sosdesk.domain.hlc import HybridLogicalClock, Timestamp
from sosdesk.domain.ids import new_id
from sosdesk.store import migrate
from sosdesk.store.engine import WRITE_OPTION, make_engine
from sosdesk.store.errors import (
    DatabaseBusy,
    DatabaseExists,
    DatabaseMissing,
    NotADatabase,
    StorageFull,
    StoreError,
    UnknownUser,
)
from sosdesk.store.kdf import KdfParams
from sosdesk.store.keyfile import KeyFile, check_new_passphrase, keyfile_path
from sosdesk.store.models import DeviceIdentity, Setting, User, utcnow
from sosdesk.store.tx import Actor, Tx

_HLC_KEY = "hlc_last"


@dataclass(frozen=True)
class DeskInfo:
    """Which desk this database belongs to."""

    device_id: str
    desk_code: str
    is_office: bool


def secure_folder(folder: Path) -> None:
    """Create the data folder (0700) if needed."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # A shared folder we do not own stays as it is; the database file itself is 0600.
    with contextlib.suppress(PermissionError):
        os.chmod(folder, 0o700)


def _secure_files(path: Path) -> None:
    for p in (
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        keyfile_path(path),
    ):
        if p.exists() and stat.S_IMODE(p.stat().st_mode) != 0o600:
            os.chmod(p, 0o600)


class Database:
    """An open, unlocked database. Services take it; widgets hold it but never a Session."""

    def __init__(self, path: Path, engine: Engine, data_key: bytes, actor: Actor, desk: DeskInfo):
        self.path = path
        self.engine = engine
        self._data_key = data_key
        self.actor = actor
        self.desk = desk
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )
        with self._read() as s:
            last = s.get(Setting, _HLC_KEY)
        self.clock = HybridLogicalClock(
            desk.device_id, Timestamp.decode(last.value) if last else None
        )

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        *,
        user: str,
        passphrase: str,
        desk: str,
        display_name: str | None = None,
        office: bool = False,
        role: str = "coordinator",
        kdf: KdfParams | None = None,
    ) -> tuple[Database, str]:
        """Create a new encrypted database and key file; returns it and the recovery key."""
        check_desk_code(desk)
        check_new_passphrase(passphrase)
        kpath = keyfile_path(path)
        if path.exists() or kpath.exists():
            raise DatabaseExists(f"{path.name} already exists; nothing was changed.")
        try:
            secure_folder(path.parent)
        except OSError as exc:
            raise StorageFull(
                f"The folder {path.parent} cannot be created ({exc.strerror}); choose another."
            ) from None
        if not os.access(path.parent, os.W_OK):
            raise StorageFull(f"The folder {path.parent} is not writable; choose another.")
        data_key = secrets.token_bytes(32)
        keyfile, recovery = KeyFile.create(new_id(), desk, data_key, user, passphrase, kdf)
        old_umask = os.umask(0o077)
        try:
            engine = make_engine(path, data_key, create=True)
            try:
                migrate.upgrade(engine)
                device_id, user_id = new_id(), new_id()
                with Session(engine) as s, s.begin():
                    s.add(
                        DeviceIdentity(
                            device_id=device_id, desk_code=desk, is_office=office, **_new_keypairs()
                        )
                    )
                    s.flush()
                    actor = Actor(user_id, user, role)
                    db_desk = DeskInfo(device_id, desk, office)
                tmp = cls(path, engine, data_key, actor, db_desk)
                with tmp.transaction() as tx:
                    tx.insert(
                        User(
                            id=user_id,
                            name=user,
                            display_name=display_name or user,
                            role=role,
                            active=True,
                            preferences={},
                        )
                    )
                    tx.audit("init", "database", None, {"desk": desk, "office": office})
                keyfile.save(kpath)
            except BaseException:
                engine.dispose()
                for p in (
                    path,
                    path.with_name(path.name + "-wal"),
                    path.with_name(path.name + "-shm"),
                    kpath,
                ):
                    p.unlink(missing_ok=True)
                raise
        finally:
            os.umask(old_umask)
        _secure_files(path)
        return tmp, recovery

    @classmethod
    def open(
        cls, path: Path, *, user: str, passphrase: str, backup_dir: Path | None = None
    ) -> Database:
        """Unlock with a user's passphrase; migrations run after an automatic backup."""
        if not path.exists():
            raise DatabaseMissing(
                f"No database at {path}. Check --db, or create one with `sosdesk init`."
            )
        data_key = KeyFile.load(keyfile_path(path)).unlock(user, passphrase)
        return cls._open_with_key(path, data_key, user, backup_dir)

    @classmethod
    def open_with_recovery(cls, path: Path, recovery_key: str, user: str) -> Database:
        """Unlock with the recovery key (then set a new passphrase with `set_passphrase`)."""
        data_key = KeyFile.load(keyfile_path(path)).unlock_recovery(recovery_key)
        return cls._open_with_key(path, data_key, user, None)

    @classmethod
    def _open_with_key(cls, path: Path, key: bytes, user: str, backup_dir: Path | None) -> Database:
        engine = make_engine(path, key)
        try:
            if migrate.needs_upgrade(engine):
                from sosdesk.store.backup import backup_engine

                folder = backup_dir or path.parent
                stamp = utcnow().strftime("%Y%m%dT%H%M%S")
                backup_engine(engine, key, folder / f"{path.stem}.pre-migration-{stamp}.bak")
                migrate.upgrade(engine)
            with Session(engine) as s:
                ident = s.execute(select(DeviceIdentity)).scalar_one_or_none()
                row = s.execute(select(User).where(User.name == user)).scalar_one_or_none()
            if ident is None:
                raise NotADatabase("This database has no desk identity; it is damaged.")
            if row is None or not row.active:
                raise UnknownUser(user)
            actor = Actor(row.id, row.name, row.role)
            db = cls(
                path,
                engine,
                key,
                actor,
                DeskInfo(ident.device_id, ident.desk_code, ident.is_office),
            )
        except OperationalError as exc:
            engine.dispose()
            if "locked" in str(exc):
                raise DatabaseBusy("The database is in use by another program.") from None
            raise
        except BaseException:
            engine.dispose()
            raise
        _secure_files(path)
        return db

    # -- sessions --------------------------------------------------------------------------

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (for services only: never hand it to a widget)."""
        with self._read() as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One write transaction; commits on success, rolls back on any error."""
        try:
            with self._write() as s, s.begin():
                tx = Tx(s, self.actor, self.desk.device_id, self.clock)
                yield tx
                tx.finish()
                s.merge(Setting(key=_HLC_KEY, value=self.clock.last.encode()))
        except OperationalError as exc:
            msg = str(exc.orig)
            if "full" in msg or "disk I/O" in msg:
                raise StorageFull(
                    "The disk is full: nothing of this change was saved. Free some space "
                    "(or ask the coordinator) and save again."
                ) from None
            if "locked" in msg or "busy" in msg:
                raise DatabaseBusy(
                    "The database is busy in another program; nothing was saved. Try again."
                ) from None
            raise

    # -- key management --------------------------------------------------------------------

    def keyfile(self) -> KeyFile:
        """The key file as on disk."""
        return KeyFile.load(keyfile_path(self.path))

    def set_passphrase(self, user: str, passphrase: str, kdf: KdfParams | None = None) -> None:
        """Add a user's slot or change its passphrase (atomic rewrite of the key file)."""
        kf = self.keyfile().with_user(user, passphrase, self._data_key, kdf)
        kf.save(keyfile_path(self.path))
        with self.transaction() as tx:
            tx.audit("passphrase_set", "users", None, {"user": user})

    def add_user(
        self, name: str, display_name: str, role: str, passphrase: str, kdf: KdfParams | None = None
    ) -> str:
        """Create a user row and key slot; returns the user id."""
        from sosdesk.domain.vocab import ROLE

        if role not in ROLE:
            raise StoreError(f"unknown role {role!r}: use operator, consultant or coordinator")
        kf = self.keyfile().with_user(name, passphrase, self._data_key, kdf)
        with self.transaction() as tx:
            existing = tx.session.execute(
                select(User).where(User.name == name)
            ).scalar_one_or_none()
            if existing is not None:
                tx.update(existing, {"active": True, "role": role, "display_name": display_name})
                user_id = existing.id
            else:
                user_id = tx.insert(
                    User(
                        name=name, display_name=display_name, role=role, active=True, preferences={}
                    )
                ).id
            kf.save(keyfile_path(self.path))
        return user_id

    def remove_user(self, name: str) -> None:
        """Remove a user's key slot and deactivate the user (history keeps the name)."""
        kf = self.keyfile().without_user(name)
        with self.transaction() as tx:
            row = tx.session.execute(select(User).where(User.name == name)).scalar_one()
            tx.update(row, {"active": False})
            kf.save(keyfile_path(self.path))

    @property
    def data_key(self) -> bytes:
        """The raw data key (for backup and sync code in the store layer only)."""
        return self._data_key

    def checkpoint(self) -> None:
        """Fold the WAL into the main file (before backups and copies)."""
        with self.engine.connect() as c:
            c.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))

    def close(self) -> None:
        """Dispose every connection; the key stays only as long as this object lives."""
        self.engine.dispose()


def _new_keypairs() -> dict[str, bytes]:
    sign = SigningKey.generate()
    box = PrivateKey.generate()
    return {
        "sign_private": bytes(sign),
        "sign_public": bytes(sign.verify_key),
        "box_private": bytes(box),
        "box_public": bytes(box.public_key),
    }
