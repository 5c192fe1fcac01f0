"""The unlocked database: key file + SQLCipher engine + migrations + who is working."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from nacl.public import PrivateKey
from nacl.signing import SigningKey
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from sosdesk.domain import roles
from sosdesk.domain.codes import check_desk_code
from sosdesk.domain.hlc import HybridLogicalClock, Timestamp
from sosdesk.domain.ids import new_id
from sosdesk.files import FileProblem, clean_stale_temps, ensure_private_folder
from sosdesk.store import migrate
from sosdesk.store.engine import WRITE_OPTION, check_database_file, classify, make_engine
from sosdesk.store.errors import (
    DatabaseExists,
    NotADatabase,
    StorageFull,
    UnknownUser,
    UserRefused,
    named,
)
from sosdesk.store.kdf import KdfParams
from sosdesk.store.keyfile import KeyFile, check_new_passphrase, keyfile_path
from sosdesk.store.memory import trim_heap
from sosdesk.store.models import DeviceIdentity, Setting, User, utcnow
from sosdesk.store.tx import Actor, Tx
from sosdesk.store.user_rules import check_user_name

_HLC_KEY = "hlc_last"


# The steps of a schema upgrade at unlock, announced as each starts (a million calls: the
# backup about 15 s, the upgrade half a minute), so the unlock screen can say what it waits for.
BACKING_UP = "backing_up"
UPGRADING = "upgrading"
UpgradeSteps = Callable[[str], None]


@dataclass(frozen=True)
class DeskInfo:
    """Which desk this database belongs to."""

    device_id: str
    desk_code: str
    is_office: bool


def secure_folder(folder: Path) -> None:
    """Create the data folder (0700) if needed; an existing folder keeps its mode."""
    try:
        ensure_private_folder(folder)
    except FileProblem as exc:
        if exc.code == "file.symlink":
            raise NotADatabase("store.symlink", **named(folder)) from None
        if exc.code == "file.no_space":
            raise StorageFull("store.disk_full", **named(folder)) from None
        raise StorageFull("store.folder_cannot_create", **named(folder)) from None


def _refuse_links(*paths: Path) -> None:
    """A (possibly dangling) symbolic link in place of a file we create is refused."""
    for p in paths:
        if p.is_symlink():
            raise NotADatabase("store.symlink", **named(p))


def clean_leftovers(path: Path) -> None:
    """Remove the temp files a killed writer (key file, backup, restore) left beside `path`."""
    clean_stale_temps(path.parent)


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
        role: str = roles.COORDINATOR,
        kdf: KdfParams | None = None,
    ) -> tuple[Database, str]:
        """Create a new encrypted database and key file; returns it and the recovery key."""
        check_desk_code(desk)
        check_user_name(user)
        check_new_passphrase(passphrase)
        kpath = keyfile_path(path)
        _refuse_links(path, kpath)
        if path.exists() or kpath.exists():
            raise DatabaseExists("store.exists", **named(path))
        secure_folder(path.parent)
        if not os.access(path.parent, os.W_OK):
            raise StorageFull("store.folder_not_writable", **named(path))
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
        cls,
        path: Path,
        *,
        user: str,
        passphrase: str,
        backup_dir: Path | None = None,
        on_upgrade: UpgradeSteps | None = None,
    ) -> Database:
        """Unlock with a user's passphrase; migrations run after an automatic backup, each
        step announced to `on_upgrade` (BACKING_UP, UPGRADING) as it starts."""
        check_database_file(path)  # missing, a folder, a device or empty: before the key file
        data_key = KeyFile.load(keyfile_path(path)).unlock(user, passphrase)
        return cls._open_with_key(path, data_key, user, backup_dir, on_upgrade)

    @classmethod
    def open_with_recovery(
        cls, path: Path, recovery_key: str, user: str, on_upgrade: UpgradeSteps | None = None
    ) -> Database:
        """Unlock with the recovery key (then set a new passphrase with `set_passphrase`)."""
        data_key = KeyFile.load(keyfile_path(path)).unlock_recovery(recovery_key)
        return cls._open_with_key(path, data_key, user, None, on_upgrade)

    @classmethod
    def _open_with_key(
        cls,
        path: Path,
        key: bytes,
        user: str,
        backup_dir: Path | None,
        on_upgrade: UpgradeSteps | None = None,
    ) -> Database:
        clean_leftovers(path)
        engine = make_engine(path, key)
        try:
            migrate.known_revision(migrate.current(engine), path)
            if migrate.needs_upgrade(engine):
                from sosdesk.store.backup import backup_engine

                folder = backup_dir or path.parent
                stamp = utcnow().strftime("%Y%m%dT%H%M%S")
                if on_upgrade is not None:
                    on_upgrade(BACKING_UP)
                backup_engine(engine, key, folder / f"{path.stem}.pre-migration-{stamp}.bak")
                if on_upgrade is not None:
                    on_upgrade(UPGRADING)
                migrate.upgrade(engine)
                # An upgrade's index builds sort in memory (a million calls: 130 MB), kept by
                # the pooled connections and the heap; the desk needs none of it again.
                engine.dispose()
                trim_heap()
            with Session(engine) as s:
                ident = s.execute(select(DeviceIdentity)).scalar_one_or_none()
                row = s.execute(select(User).where(User.name == user)).scalar_one_or_none()
            if ident is None:
                raise NotADatabase("store.no_identity", **named(path))
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
        except DatabaseError as exc:
            engine.dispose()
            raise classify(str(exc.orig), path) from None
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
            msg = str(exc.orig).lower()
            if "full" in msg or "disk i/o" in msg:
                # A write that fails half-way is a full disk or quota far more often than damage.
                raise StorageFull("store.disk_full", **named(self.path)) from None
            if "locked" in msg or "busy" in msg:
                raise classify(msg, self.path) from None
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
        """Create (or re-activate) a user row and key slot; returns the user id.

        The database commits first and the key file follows: a failure in between leaves a user
        who cannot unlock yet (running the command again completes it), never a key slot for a
        user the database does not know.
        """
        from sosdesk.domain.vocab import ROLE

        check_user_name(name)
        if role not in ROLE:
            raise UserRefused("store.unknown_role", role=role[:20])
        kf = self.keyfile().with_user(name, passphrase, self._data_key, kdf)
        with self.transaction() as tx:
            existing = tx.session.execute(
                select(User).where(User.name == name)
            ).scalar_one_or_none()
            if existing is not None:
                if role != roles.COORDINATOR:
                    self.keep_a_coordinator(tx.session, existing)
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
        """Deactivate the user (history keeps the name), then remove the key slot."""
        kf = self.keyfile().without_user(name)
        with self.transaction() as tx:
            row = tx.session.execute(select(User).where(User.name == name)).scalar_one_or_none()
            if row is not None:
                self.keep_a_coordinator(tx.session, row)
                tx.update(row, {"active": False})
        # An inactive user cannot unlock even while the slot is still there.
        kf.save(keyfile_path(self.path))

    @staticmethod
    def keep_a_coordinator(session: Session, row: User) -> None:
        """Refuse to take the last active coordinator away (nobody could manage users)."""
        if row.role != roles.COORDINATOR or not row.active:
            return
        others = session.execute(
            select(func.count())
            .select_from(User)
            .where(User.role == roles.COORDINATOR, User.active.is_(True), User.id != row.id)
        ).scalar_one()
        if not others:
            raise UserRefused("store.last_coordinator", user=row.name)

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
