"""Device identities: the public half as a small file to exchange, and its short fingerprint.

The identity file is JSON (public keys only) signed by its own signing key, so a damaged or
edited file is noticed at once. Whether it is the *right* desk is settled by comparing the
fingerprint by phone: 25 digits in five groups, read aloud in half a minute.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey
from sqlalchemy import select

from sosdesk.domain.codes import DESK_CODE
from sosdesk.files import FileProblem, read_bounded, write_private
from sosdesk.store.database import Database
from sosdesk.store.models import DeviceIdentity
from sosdesk.sync.errors import SyncError

FORMAT = "sosdesk-identity"
VERSION = 1
_MAX_FILE = 16 * 1024
_FP_DOMAIN = b"sosdesk-fingerprint-v1\x00"
_SIG_DOMAIN = b"sosdesk-identity-v1\x00"


def fingerprint(device_id: str, sign_public: bytes, box_public: bytes) -> str:
    """Five groups of five digits derived from the device id and both public keys."""
    digest = hashlib.sha256(_FP_DOMAIN + device_id.encode() + sign_public + box_public).digest()
    groups = [int.from_bytes(digest[i * 4 : i * 4 + 4], "big") % 100_000 for i in range(5)]
    return " ".join(f"{g:05d}" for g in groups)


def normalise_fingerprint(text: str) -> str:
    """What a user typed (spaces, dashes anywhere) in the displayed form."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return " ".join(digits[i : i + 5] for i in range(0, len(digits), 5))


@dataclass(frozen=True)
class PublicIdentity:
    """The public half of a desk's or the office's identity."""

    device_id: str
    desk_code: str
    role: str  # "desk" or "office"
    sign_public: bytes
    box_public: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.device_id, self.sign_public, self.box_public)


@dataclass(frozen=True)
class DeviceKeys:
    """This database's private keys (sync code only; never shown, never exported)."""

    device_id: str
    desk_code: str
    is_office: bool
    sign_private: bytes
    box_private: bytes
    sign_public: bytes
    box_public: bytes


def device_keys(db: Database) -> DeviceKeys:
    """The key pairs stored in this (unlocked) database."""
    with db.session() as s:
        row = s.execute(select(DeviceIdentity)).scalar_one()
        return DeviceKeys(
            row.device_id,
            row.desk_code,
            row.is_office,
            row.sign_private,
            row.box_private,
            row.sign_public,
            row.box_public,
        )


def own_identity(db: Database) -> PublicIdentity:
    """This database's public identity."""
    k = device_keys(db)
    return PublicIdentity(
        k.device_id, k.desk_code, "office" if k.is_office else "desk", k.sign_public, k.box_public
    )


def _body(ident: PublicIdentity) -> dict[str, object]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "device_id": ident.device_id,
        "desk_code": ident.desk_code,
        "role": ident.role,
        "sign_public": base64.b64encode(ident.sign_public).decode(),
        "box_public": base64.b64encode(ident.box_public).decode(),
    }


def _canonical(doc: dict[str, object]) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def write_identity(db: Database, path: Path) -> PublicIdentity:
    """Write this database's public identity to `path` (atomically); returns it."""
    keys = device_keys(db)
    ident = own_identity(db)
    doc = _body(ident)
    sig = SigningKey(keys.sign_private).sign(_SIG_DOMAIN + _canonical(doc)).signature
    doc["signature"] = base64.b64encode(sig).decode()
    doc["fingerprint"] = ident.fingerprint  # for people reading the file; recomputed on read
    path = path.expanduser()
    if path.is_dir():
        raise SyncError("sync.identity_is_folder", name=path.name, desk=ident.desk_code)
    # An identity holds public keys only; writing it again over an older one is expected.
    write_private(path, json.dumps(doc, indent=2, sort_keys=True).encode() + b"\n", overwrite=True)
    return ident


def read_identity(path: Path) -> PublicIdentity:
    """Read and check an identity file; raises SyncError saying what is wrong."""
    path = path.expanduser()
    try:
        doc = json.loads(read_bounded(path, _MAX_FILE))
    except FileProblem as exc:
        if exc.code == "file.too_large":
            raise SyncError("sync.not_identity", name=exc.params["name"]) from None
        raise
    except (OSError, ValueError):
        raise SyncError("sync.not_identity", name=path.name) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SyncError("sync.not_identity", name=path.name)
    if doc.get("version") != VERSION:
        raise SyncError("sync.identity_version", name=path.name)
    try:
        sig = base64.b64decode(doc["signature"], validate=True)
        sign_public = base64.b64decode(doc["sign_public"], validate=True)
        box_public = base64.b64decode(doc["box_public"], validate=True)
        device_id, desk_code, role = str(doc["device_id"]), str(doc["desk_code"]), doc["role"]
    except (KeyError, ValueError, TypeError):
        raise SyncError("sync.identity_key_missing", name=path.name) from None
    if len(sign_public) != 32 or len(box_public) != 32 or role not in ("desk", "office"):
        raise SyncError("sync.identity_key_size", name=path.name)
    if not DESK_CODE.match(desk_code) or len(device_id) != 36:
        raise SyncError("sync.identity_bad_code", name=path.name)
    ident = PublicIdentity(device_id, desk_code, role, sign_public, box_public)
    try:
        VerifyKey(sign_public).verify(_SIG_DOMAIN + _canonical(_body(ident)), sig)
    except (BadSignatureError, ValueError):
        raise SyncError(
            f"{path.name} was altered or damaged: its signature does not match"
        ) from None
    return ident
