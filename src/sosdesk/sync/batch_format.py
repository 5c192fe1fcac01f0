"""The batch format (DESIGN.md §5): signed header, JSON Lines payload, limits.

Inside the encrypted container the plaintext is:

    4-byte big-endian header length | header (canonical JSON) | Ed25519 signature (64 bytes)
    | payload: one JSON object per line

The header names the payload's SHA-256, size and record count, so the signature over the
header covers the payload too, and the importer can check sender, recipient and sequence
before it reads a single record. The batch hash (the ledger's chain link) is SHA-256 of the
header bytes.
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import asdict, dataclass, field
from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from sosdesk.sync import errors
from sosdesk.sync.errors import Rejected

FORMAT = "sosdesk-batch"
VERSION = 1
GENESIS = "0" * 64
KIND_DESK = "desk"  # a desk's work, to the office
KIND_OFFICE = "office"  # the office's merged records, to one desk
_DOMAIN = b"sosdesk-batch-header-v1\x00"
SIG_LEN = 64


@dataclass(frozen=True)
class Limits:
    """Bounds checked before (file size) and while (everything else) a batch is read."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_header_bytes: int = 64 * 1024
    max_records: int = 2_000_000
    max_line_bytes: int = 1024 * 1024
    max_receipt_bytes: int = 64 * 1024


@dataclass(frozen=True)
class Checkpoint:
    """A point of a chain: sequence number and hash."""

    seq: int
    hash: str


@dataclass(frozen=True)
class BatchHeader:
    """Everything the importer checks before reading records."""

    kind: str
    batch_id: str
    schema: str
    sender: str
    sender_code: str
    recipient: str
    seq: int
    prev_hash: str
    created_at: str
    records: int
    payload_sha256: str
    payload_bytes: int
    audit: Checkpoint | None = None
    ack: Checkpoint | None = None
    origins: dict[str, str] = field(default_factory=dict)
    format: str = FORMAT
    version: int = VERSION
    # Office -> desk: records left out for the desk's roles, counted by "table.kind".
    withheld: dict[str, int] = field(default_factory=dict)

    def encode(self) -> bytes:
        """Canonical bytes (sorted keys, no spaces): what is hashed and signed."""
        doc = asdict(self)
        if not self.withheld:
            del doc["withheld"]  # headers without withheld records stay as they always were
        return canonical(doc)


def canonical(doc: Any) -> bytes:
    """Deterministic JSON bytes."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def sign_header(header_bytes: bytes, sign_private: bytes) -> bytes:
    """Ed25519 signature over the domain-separated header."""
    return bytes(SigningKey(sign_private).sign(_DOMAIN + header_bytes).signature)


def verify_header(header_bytes: bytes, signature: bytes, sign_public: bytes) -> bool:
    """Whether `signature` is the key's signature over the header."""
    try:
        VerifyKey(sign_public).verify(_DOMAIN + header_bytes, signature)
    except (BadSignatureError, ValueError):
        return False
    return True


def batch_hash(header_bytes: bytes) -> str:
    """The batch's identity in the ledger chain."""
    return hashlib.sha256(header_bytes).hexdigest()


def frame_header(header_bytes: bytes, signature: bytes) -> bytes:
    """Length prefix, header and signature: the first bytes of the plaintext."""
    return struct.pack(">I", len(header_bytes)) + header_bytes + signature


def _reject(msg: str) -> Rejected:
    return Rejected(errors.MALFORMED, f"the batch header is malformed: {msg}")


def _checkpoint(value: Any, name: str) -> Checkpoint | None:
    if value is None:
        return None
    if (
        not isinstance(value, dict)
        or set(value) != {"seq", "hash"}
        or not _is_int(value["seq"])
        or not _is_hex64(value["hash"])
    ):
        raise _reject(f"{name} is not a checkpoint")
    return Checkpoint(value["seq"], value["hash"])


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _is_hex64(v: Any) -> bool:
    return isinstance(v, str) and len(v) == 64 and all(c in "0123456789abcdef" for c in v)


_STR_FIELDS = (
    "kind",
    "batch_id",
    "schema",
    "sender",
    "sender_code",
    "recipient",
    "created_at",
    "format",
)
_INT_FIELDS = ("seq", "records", "payload_bytes", "version")


def parse_header(raw: bytes) -> BatchHeader:
    """Decode and type-check a header; raises Rejected(MALFORMED)."""
    try:
        doc = json.loads(raw.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError):
        raise _reject("not JSON") from None
    if not isinstance(doc, dict):
        raise _reject("not an object")
    expected = set(BatchHeader.__dataclass_fields__)
    doc.setdefault("withheld", {})
    if set(doc) != expected:
        extra = sorted(set(doc) - expected)
        missing = sorted(expected - set(doc))
        raise _reject(f"unexpected fields {extra} / missing fields {missing}")
    if doc["format"] != FORMAT:
        raise _reject("not an SOS Desk batch")
    for name in _STR_FIELDS:
        if not isinstance(doc[name], str) or not 0 < len(doc[name]) <= 64:
            raise _reject(f"{name} is not text")
    for name in _INT_FIELDS:
        if not _is_int(doc[name]):
            raise _reject(f"{name} is not a number")
    for name in ("prev_hash", "payload_sha256"):
        if not _is_hex64(doc[name]):
            raise _reject(f"{name} is not a hash")
    origins = doc["origins"]
    if not isinstance(origins, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) <= 36 and len(v) <= 8
        for k, v in origins.items()
    ):
        raise _reject("origins is not a map of devices")
    withheld = doc["withheld"]
    if not isinstance(withheld, dict) or not all(
        isinstance(k, str) and len(k) <= 64 and _is_int(v) for k, v in withheld.items()
    ):
        raise _reject("withheld is not a map of counts")
    if doc["kind"] not in (KIND_DESK, KIND_OFFICE):
        raise _reject("unknown batch kind")
    if withheld and doc["kind"] != KIND_OFFICE:
        raise _reject("only the office withholds records")
    if doc["seq"] < 1:
        raise _reject("sequence numbers start at 1")
    return BatchHeader(
        kind=doc["kind"],
        batch_id=doc["batch_id"],
        schema=doc["schema"],
        sender=doc["sender"],
        sender_code=doc["sender_code"],
        recipient=doc["recipient"],
        seq=doc["seq"],
        prev_hash=doc["prev_hash"],
        created_at=doc["created_at"],
        records=doc["records"],
        payload_sha256=doc["payload_sha256"],
        payload_bytes=doc["payload_bytes"],
        audit=_checkpoint(doc["audit"], "audit"),
        ack=_checkpoint(doc["ack"], "ack"),
        origins=dict(origins),
        format=doc["format"],
        version=doc["version"],
        withheld=dict(withheld),
    )


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def schema_number(schema: str) -> int | None:
    """`0002` -> 2 (our revision ids are numbered); None for anything else."""
    return int(schema) if schema.isdigit() and len(schema) <= 6 else None
