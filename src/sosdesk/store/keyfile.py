"""The key file beside the database: the data key wrapped once per user, plus a recovery slot.

Each slot is Argon2id(passphrase) -> XChaCha20-Poly1305 wrap of the 32-byte data key, with
the database id, slot kind and user name as associated data so slots cannot be swapped. The
exact format (enough to unwrap the key by hand with libsodium and argon2) is in the README's
"Disaster recovery" section.

Passphrases are NFC-normalised UTF-8. Slots made before normalisation hold whatever form was
typed; keyboards produce the composed (NFC) form, so those are NFC in practice, and an unlock
that fails with the NFC form retries once with the form as typed, so no old slot is stranded.
"""

from __future__ import annotations

import base64
import json
import secrets
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from nacl import bindings
from nacl.exceptions import CryptoError

from sosdesk.files import FileProblem, read_bounded, write_private
from sosdesk.store import kdf as kdf_mod
from sosdesk.store.errors import (
    KeyFileError,
    StorageFull,
    StoreError,
    UnknownUser,
    WeakPassphrase,
    WrongPassphrase,
    named,
)
from sosdesk.store.kdf import KdfParams, derive

FORMAT = "sosdesk-keyfile"
VERSION = 1
MIN_PASSPHRASE = 10
MAX_PASSPHRASE = 1024
# zxcvbn score 0-4; 3 is "safely unguessable: moderate protection from offline attacks".
MIN_SCORE = 3
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
        raise KeyFileError("store.keyfile_damaged", detail="encoding") from None
    if size is not None and len(raw) != size:
        raise KeyFileError("store.keyfile_damaged", detail="field length")
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
            raise KeyFileError("store.keyfile_damaged", detail="slot")
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
        code = "store.wrong_recovery_key" if slot.kind == "recovery" else "store.wrong_passphrase"
        raise WrongPassphrase(code) from None


def passphrase_secret(passphrase: str) -> bytes:
    """The bytes a passphrase is hashed from: its NFC form in UTF-8."""
    try:
        return unicodedata.normalize("NFC", passphrase).encode("utf-8")
    except UnicodeError:
        # A terminal in another encoding hands over undecodable bytes as lone surrogates.
        raise StoreError("store.passphrase_not_utf8") from None


def _as_typed(passphrase: str) -> bytes | None:
    """The passphrase as typed, when it differs from its NFC form (slots made before NFC)."""
    raw = passphrase.encode("utf-8")
    return None if raw == passphrase_secret(passphrase) else raw


def new_recovery_key() -> str:
    """A recovery key to write down: 32 base32 characters in groups of four."""
    raw = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _norm_recovery(text: str) -> bytes:
    return "".join(ch for ch in text.upper() if ch.isalnum()).encode("ascii", "ignore")


def guess_score(passphrase: str) -> int:
    """zxcvbn's score, 0 (easy to guess) .. 4, of the first 100 characters (its cost grows fast
    with length; they decide well enough)."""
    # Imported here: its word lists are 11 MB of Python objects every desk would otherwise hold
    # from start to exit, for the few moments a passphrase is being chosen.
    from zxcvbn import zxcvbn  # type: ignore[import-untyped]

    return int(zxcvbn(passphrase[:100], max_length=100)["score"])


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase that is not UTF-8, too long, too short or easy to guess (zxcvbn)."""
    passphrase_secret(passphrase)
    text = unicodedata.normalize("NFC", passphrase)
    if len(text) > MAX_PASSPHRASE:
        raise WeakPassphrase("store.passphrase_too_long", limit=MAX_PASSPHRASE)
    if len(text.strip()) < MIN_PASSPHRASE or guess_score(text) < MIN_SCORE:
        raise WeakPassphrase("store.weak_passphrase", min=MIN_PASSPHRASE)


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
            _wrap(db_id, "user", user, passphrase_secret(passphrase), data_key, kdf),
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
        slot = self._slot(user)
        secret = passphrase_secret(passphrase)
        try:
            return _unwrap(self.db_id, slot, secret)
        except WrongPassphrase:
            typed = _as_typed(passphrase)
            if typed is None:
                raise
            return _unwrap(self.db_id, slot, typed)

    def unlock_recovery(self, recovery_key: str) -> bytes:
        """The data key from the recovery key."""
        for s in self.slots:
            if s.kind == "recovery":
                return _unwrap(self.db_id, s, _norm_recovery(recovery_key))
        raise KeyFileError("store.keyfile_no_recovery")

    def with_user(
        self, user: str, passphrase: str, data_key: bytes, kdf: KdfParams | None = None
    ) -> KeyFile:
        """Add or replace a user's slot."""
        check_new_passphrase(passphrase)
        slot = _wrap(self.db_id, "user", user, passphrase_secret(passphrase), data_key, kdf)
        others = tuple(s for s in self.slots if not (s.kind == "user" and s.user == user))
        return replace(self, slots=(slot, *others))

    def without_user(self, user: str) -> KeyFile:
        """Remove a user's slot; the last user slot cannot be removed."""
        self._slot(user)
        rest = tuple(s for s in self.slots if not (s.kind == "user" and s.user == user))
        if not any(s.kind == "user" for s in rest):
            raise KeyFileError("store.last_user")
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
            raise KeyFileError("store.keyfile_damaged", detail="too large")
        try:
            doc = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise KeyFileError("store.keyfile_damaged", detail="not readable") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise KeyFileError("store.keyfile_damaged", detail="format")
        if doc.get("version") != VERSION:
            raise KeyFileError("store.keyfile_damaged", detail="version")
        slots = doc.get("slots")
        if not isinstance(slots, list) or not slots:
            raise KeyFileError("store.keyfile_damaged", detail="no key slots")
        return cls(
            str(doc.get("db_id", "")),
            str(doc.get("desk", "")),
            tuple(Slot.from_json(s) for s in slots),
        )

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        """Read the key file at `path` (bounded: a key file is small)."""
        try:
            raw = read_bounded(path, _MAX_SIZE)
        except FileProblem as exc:
            if exc.code == "file.missing":
                raise KeyFileError("store.keyfile_missing", **named(path)) from None
            if exc.code == "file.too_large":
                raise KeyFileError("store.keyfile_damaged", detail="too large") from None
            raise KeyFileError("store.keyfile_unreadable", **named(path)) from None
        return cls.from_bytes(raw)

    def save(self, path: Path) -> None:
        """Write atomically (temp file, fsync, rename, fsync the folder) at mode 0600."""
        try:
            write_private(path, self.to_bytes(), overwrite=True)
        except FileProblem as exc:
            if exc.code == "file.not_writable":
                raise StorageFull("store.folder_not_writable", **named(path)) from None
            if exc.code == "file.no_space":
                raise StorageFull("store.disk_full", **named(path)) from None
            raise
