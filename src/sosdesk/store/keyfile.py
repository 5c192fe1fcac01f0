"""The key file beside the database: the data key wrapped once per user, plus a recovery slot.

Each slot is Argon2id(passphrase) -> XChaCha20-Poly1305 wrap of the 32-byte data key, with
the database id, slot kind and user name as associated data so slots cannot be swapped.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nacl import bindings
from nacl.exceptions import CryptoError

from sosdesk.store import kdf as kdf_mod
from sosdesk.store.errors import KeyFileError, StorageFull, UnknownUser, WrongPassphrase
from sosdesk.store.kdf import KdfParams, derive

FORMAT = "sosdesk-keyfile"
VERSION = 1
MIN_PASSPHRASE = 10
_MAX_SIZE = 1_000_000


def keyfile_path(db_path: Path) -> Path:
    """Where the key file of a database lives."""
    return db_path.with_name(db_path.name + ".keys")


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _unb64(s: Any, size: int | None = None) -> bytes:
    try:
        raw = base64.b64decode(str(s), validate=True)
    except (ValueError, TypeError):
        raise KeyFileError("key file is damaged (bad encoding)") from None
    if size is not None and len(raw) != size:
        raise KeyFileError("key file is damaged (bad field length)")
    return raw


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the data key."""

    kind: str  # "user" or "recovery"
    user: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "user": self.user,
            "kdf": self.kdf.to_json(),
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }

    @classmethod
    def from_json(cls, d: Any) -> Slot:
        if not isinstance(d, dict) or d.get("kind") not in ("user", "recovery"):
            raise KeyFileError("key file is damaged (bad slot)")
        return cls(
            kind=d["kind"],
            user=str(d.get("user", "")),
            kdf=KdfParams.from_json(d.get("kdf")),
            salt=_unb64(d.get("salt"), 16),
            nonce=_unb64(d.get("nonce"), 24),
            wrapped=_unb64(d.get("wrapped"), 48),
        )


def _aad(db_id: str, kind: str, user: str) -> bytes:
    return f"sosdesk-keyslot|{db_id}|{kind}|{user}".encode()


def _wrap(
    db_id: str, kind: str, user: str, secret: bytes, data_key: bytes, kdf: KdfParams | None
) -> Slot:
    kdf = kdf or kdf_mod.default_kdf()
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(24)
    kek = derive(secret, salt, kdf)
    wrapped = bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(
        data_key, _aad(db_id, kind, user), nonce, kek
    )
    return Slot(kind, user, kdf, salt, nonce, wrapped)


def _unwrap(db_id: str, slot: Slot, secret: bytes) -> bytes:
    kek = derive(secret, slot.salt, slot.kdf)
    try:
        return bytes(
            bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(
                slot.wrapped, _aad(db_id, slot.kind, slot.user), slot.nonce, kek
            )
        )
    except CryptoError:
        raise WrongPassphrase() from None


def new_recovery_key() -> str:
    """A recovery key to write down: 32 base32 characters in groups of four."""
    raw = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _norm_recovery(text: str) -> bytes:
    return "".join(ch for ch in text.upper() if ch.isalnum()).encode("ascii", "ignore")


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect client data."""
    from sosdesk.store.errors import WeakPassphrase

    if len(passphrase) < MIN_PASSPHRASE:
        raise WeakPassphrase(
            f"The passphrase must have at least {MIN_PASSPHRASE} characters; "
            "a short sentence is easy to remember and hard to guess."
        )


@dataclass(frozen=True)
class KeyFile:
    """Parsed key file; every change returns a new KeyFile to be saved atomically."""

    db_id: str
    desk: str
    slots: tuple[Slot, ...]

    @classmethod
    def create(
        cls,
        db_id: str,
        desk: str,
        data_key: bytes,
        user: str,
        passphrase: str,
        kdf: KdfParams | None = None,
    ) -> tuple[KeyFile, str]:
        """A key file with one user slot and a recovery slot; returns it and the recovery key."""
        check_new_passphrase(passphrase)
        recovery = new_recovery_key()
        slots = (
            _wrap(db_id, "user", user, passphrase.encode(), data_key, kdf),
            _wrap(db_id, "recovery", "", _norm_recovery(recovery), data_key, kdf),
        )
        return cls(db_id, desk, slots), recovery

    def users(self) -> list[str]:
        """Names of the users with a slot."""
        return [s.user for s in self.slots if s.kind == "user"]

    def _slot(self, user: str) -> Slot:
        for s in self.slots:
            if s.kind == "user" and s.user == user:
                return s
        raise UnknownUser(user)

    def unlock(self, user: str, passphrase: str) -> bytes:
        """The data key, or WrongPassphrase / UnknownUser."""
        return _unwrap(self.db_id, self._slot(user), passphrase.encode())

    def unlock_recovery(self, recovery_key: str) -> bytes:
        """The data key from the recovery key."""
        for s in self.slots:
            if s.kind == "recovery":
                return _unwrap(self.db_id, s, _norm_recovery(recovery_key))
        raise KeyFileError("this key file has no recovery slot")

    def with_user(
        self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> KeyFile:
        """Add or replace a user's slot."""
        check_new_passphrase(passphrase)
        slot = _wrap(self.db_id, "user", user, passphrase.encode(), data_key, kdf)
        others = tuple(s for s in self.slots if not (s.kind == "user" and s.user == user))
        return replace(self, slots=(slot, *others))

    def without_user(self, user: str) -> KeyFile:
        """Remove a user's slot; the last user slot cannot be removed."""
        self._slot(user)
        rest = tuple(s for s in self.slots if not (s.kind == "user" and s.user == user))
        if not any(s.kind == "user" for s in rest):
            raise KeyFileError("the last user cannot be removed: nobody could unlock the database")
        return replace(self, slots=rest)

    def to_bytes(self) -> bytes:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "db_id": self.db_id,
            "desk": self.desk,
            "slots": [s.to_json() for s in self.slots],
        }
        return json.dumps(doc, indent=1).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> KeyFile:
        """Parse a key file, refusing anything damaged or foreign."""
        if len(raw) > _MAX_SIZE:
            raise KeyFileError("key file is too large: not an SOS Desk key file")
        try:
            doc = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise KeyFileError(
                "key file is damaged (not readable); restore it from a backup"
            ) from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise KeyFileError("this is not an SOS Desk key file")
        if doc.get("version") != VERSION:
            raise KeyFileError(f"key file version {doc.get('version')} is not supported")
        slots = doc.get("slots")
        if not isinstance(slots, list) or not slots:
            raise KeyFileError("key file is damaged (no key slots)")
        return cls(
            str(doc.get("db_id", "")),
            str(doc.get("desk", "")),
            tuple(Slot.from_json(s) for s in slots),
        )

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read the key file at `path`."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileError(
                f"The key file {path.name} is missing beside the database. "
                "Copy it back from where you keep backups; without it the database cannot be opened."
            ) from None
        except OSError as exc:
            raise KeyFileError(f"cannot read the key file: {exc.strerror}") from None
        return cls.from_bytes(raw)

    def save(self, path: Path) -> None:
        """Write atomically: temp file, fsync, rename, fsync the folder."""
        write_atomic(path, self.to_bytes())


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageFull(
            f"cannot write {path.name}: {exc.strerror}. Free some disk space "
            "or choose a writable folder; nothing was changed."
        ) from None
