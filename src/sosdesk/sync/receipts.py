"""Receipts: the office's signed word that a desk's batch was applied (or already was), or
that it was refused (a refusal receipt).

A receipt is sealed to the desk's own key (a lost one reveals nothing) and signed by the
office. The desk marks the named batch, and every earlier one (the office applies a desk's
batches strictly in order), as delivered. A refusal receipt names the refused batch and the
coded reason; the desk marks that batch refused, shows why, and its next export numbers that
batch and the later unconfirmed ones again, completed with the records the office was missing
(see docs/architecture.md, "Refused records").
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey
from sqlalchemy import select

from sosdesk.domain.messages import all_codes
from sosdesk.domain.messages.core import Problem
from sosdesk.files import FileProblem, open_bounded, private_output
from sosdesk.store.database import Database
from sosdesk.store.models.sync import SyncBatch
from sosdesk.sync import errors
from sosdesk.sync.batch_format import GENESIS, Limits, canonical
from sosdesk.sync.container import (
    KIND_RECEIPT,
    PlainReader,
    SealedWriter,
    open_sealed,
    random_name,
)
from sosdesk.sync.errors import Rejected, SyncError
from sosdesk.sync.identity import DeviceKeys, device_keys
from sosdesk.sync.peers import require_desk, trusted_office
from sosdesk.sync.views import ReceiptOutcome

FORMAT = "sosdesk-receipt"
VERSION = 1
_DOMAIN = b"sosdesk-receipt-v1\x00"
_KEYS = {"format", "version", "office", "desk", "batch_id", "seq", "hash", "records", "applied_at"}
REFUSAL = "sosdesk-refusal"
_REFUSAL_KEYS = {"format", "version", "office", "desk", "seq", "hash", "reason", "code", "params"}


def write_receipt(
    keys: DeviceKeys, desk_device: str, desk_box_public: bytes, batch: SyncBatch, out_dir: Path
) -> Path:
    """Write a signed, sealed receipt for an applied batch into out_dir."""
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "office": keys.device_id,
        "desk": desk_device,
        "batch_id": batch.batch_id,
        "seq": batch.seq,
        "hash": batch.hash,
        "records": batch.record_count,
        "applied_at": batch.done_at.isoformat() if batch.done_at else None,
    }
    return _seal(keys, desk_box_public, doc, out_dir)


def write_refusal(
    keys: DeviceKeys,
    desk_device: str,
    desk_box_public: bytes,
    batch: tuple[int, str],
    refusal: Rejected,
    out_dir: Path,
) -> Path:
    """Write a signed, sealed refusal receipt for a refused batch (seq, hash) into out_dir."""
    params = {k: v for k, v in refusal.params.items() if isinstance(v, str | int)}
    doc = {
        "format": REFUSAL,
        "version": VERSION,
        "office": keys.device_id,
        "desk": desk_device,
        "seq": batch[0],
        "hash": batch[1],
        "reason": refusal.reason,
        "code": refusal.code,
        "params": params,
    }
    return _seal(keys, desk_box_public, doc, out_dir)


def _seal(keys: DeviceKeys, desk_box_public: bytes, doc: dict[str, Any], out_dir: Path) -> Path:
    body = canonical(doc)
    sig = SigningKey(keys.sign_private).sign(_DOMAIN + body).signature
    if not out_dir.is_dir():
        raise SyncError("sync.no_receipts_folder", folder=str(out_dir))
    name = random_name("sosreceipt")
    try:
        with private_output(out_dir / name) as fh:
            w = SealedWriter(fh, desk_box_public, KIND_RECEIPT)
            w.write(struct.pack(">I", len(body)) + body + sig)
            w.close()
    except FileProblem as exc:
        raise SyncError("sync.receipt_not_written", why=exc.code) from None
    return out_dir / name


def _read(path: Path, keys: DeviceKeys, office_sign: bytes, limits: Limits) -> dict[str, Any]:
    try:
        with open_bounded(path, limits.max_receipt_bytes) as fh:
            reader = PlainReader(open_sealed(fh, keys.box_private, KIND_RECEIPT, "this desk"))
            (n,) = struct.unpack(">I", reader.read_exact(4))
            if n > limits.max_receipt_bytes:
                raise Rejected(errors.MALFORMED, "the receipt is malformed")
            body = reader.read_exact(n)
            sig = reader.read_exact(64)
            if list(reader.lines(limits.max_receipt_bytes)):
                raise Rejected(errors.TRAILING_DATA, "the receipt carries unexpected extra data")
    except FileProblem as exc:
        if exc.code == "file.too_large":
            raise Rejected(errors.TOO_LARGE, "this file is far too large to be a receipt") from None
        raise
    try:
        VerifyKey(office_sign).verify(_DOMAIN + body, sig)
    except (BadSignatureError, ValueError):
        raise Rejected(
            errors.BAD_SIGNATURE, "the receipt is not signed by the office this desk trusts"
        ) from None
    try:
        doc = json.loads(body)
    except ValueError:
        raise Rejected(errors.MALFORMED, "the receipt is malformed") from None
    if not isinstance(doc, dict) or (
        (set(doc) != _KEYS or doc["format"] != FORMAT)
        and (set(doc) != _REFUSAL_KEYS or doc["format"] != REFUSAL or not _fair(doc))
    ):
        raise Rejected(errors.MALFORMED, "the receipt is malformed")
    return doc


def _fair(doc: dict[str, Any]) -> bool:
    """A refusal's reason is a known code with plain parameters."""
    params = doc["params"]
    return (
        isinstance(doc["code"], str)
        and doc["code"] in all_codes()
        and isinstance(doc["reason"], str)
        and isinstance(params, dict)
        and all(isinstance(v, str | int) and len(str(v)) <= 200 for v in params.values())
    )


def _refused(db: Database, doc: dict[str, Any], office_id: str) -> ReceiptOutcome:
    """Mark the batch a refusal receipt names as refused; the next export sends it again."""
    problem = Problem(doc["code"], dict(doc["params"]))
    with db.transaction() as tx:
        row = tx.session.execute(
            select(SyncBatch).where(
                SyncBatch.direction == "out",
                SyncBatch.peer == office_id,
                SyncBatch.seq == doc["seq"],
            )
        ).scalar_one_or_none()
        if row is None or row.hash != doc["hash"]:
            # Most likely a batch this desk has numbered again since; nothing to do.
            return ReceiptOutcome(
                doc["seq"], (), f"the refused batch {doc['seq']} was already sent again"
            )
        marked: tuple[int, ...] = ()
        if row.state in ("pending", "exported"):
            row.state, row.done_at = "refused", tx.now
            row.note = json.dumps({"code": doc["code"], "params": doc["params"]})
            tx.audit("sync_refused", "sync_batches", row.id, {"seq": row.seq, "why": doc["reason"]})
            marked = (row.seq,)
        seq = row.seq
    return ReceiptOutcome(
        seq,
        (),
        f"the office refused batch {seq}; the next export sends it again, completed",
        problem=problem,
        refused=marked,
    )


def import_receipt(db: Database, path: Path, limits: Limits | None = None) -> ReceiptOutcome:
    """Mark the batch a receipt names (and every earlier one) as delivered. Desk only."""
    require_desk(db)
    keys = device_keys(db)
    with db.session() as s:
        office = trusted_office(s)
        if office is None:
            raise SyncError("sync.no_office_trusted")
        office_id, office_sign = office.device_id, office.sign_public
    doc = _read(path.expanduser(), keys, office_sign, limits or Limits())
    if doc["desk"] != keys.device_id or doc["office"] != office_id:
        raise Rejected(errors.WRONG_RECIPIENT, "this receipt is for another desk")
    if doc["format"] == REFUSAL:
        return _refused(db, doc, office_id)
    with db.transaction() as tx:
        s = tx.session
        row = s.execute(
            select(SyncBatch).where(
                SyncBatch.direction == "out",
                SyncBatch.peer == office_id,
                SyncBatch.seq == doc["seq"],
            )
        ).scalar_one_or_none()
        if row is None or row.hash != doc["hash"] or row.hash == GENESIS:
            raise Rejected(
                errors.UNKNOWN_BATCH,
                f"the receipt names batch {doc['seq']}, which "
                "this desk did not write (a receipt for another desk or database)",
            )
        open_rows = (
            s.execute(
                select(SyncBatch)
                .where(
                    SyncBatch.direction == "out",
                    SyncBatch.peer == office_id,
                    SyncBatch.seq <= row.seq,
                    SyncBatch.state.in_(("pending", "exported")),
                )
                .order_by(SyncBatch.seq)
            )
            .scalars()
            .all()
        )
        marked = []
        for r in open_rows:
            r.state = "delivered"
            r.done_at = tx.now
            marked.append(r.seq)
        s.flush()
        if marked:
            tx.audit("sync_receipt", "sync_batches", row.id, {"seq": row.seq, "marked": marked})
    if marked:
        msg = f"the office confirmed batch {row.seq}; delivered: {', '.join(map(str, marked))}"
    else:
        msg = f"batch {row.seq} was already marked as delivered; nothing changed"
    return ReceiptOutcome(row.seq, tuple(marked), msg)
