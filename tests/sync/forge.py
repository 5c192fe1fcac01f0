"""Hand-made batches for the bad-input tests: any header, any payload, any signing key."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from sosdesk.store import migrate
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.sync import batch_format as bf
from sosdesk.sync.identity import device_keys
from sosdesk.sync.writer import spool_payload, write_file

UUID_A = "01900000-0000-7000-8000-000000000001"


def record(
    desk: Database,
    entity: str,
    fields: dict[str, Any],
    *,
    op: str = "insert",
    rid: str = UUID_A,
    seq: int = 1,
    base: int = 0,
    origin: str | None = None,
    hlc: str | None = None,
) -> dict[str, Any]:
    """One payload record as a desk would write it."""
    origin = origin or desk.desk.device_id
    return {
        "base": base,
        "entity": entity,
        "fields": fields,
        "hlc": hlc or f"{1_790_000_000_000 + seq:013d}-000000-{origin}",
        "id": rid,
        "op": op,
        "origin": origin,
        "seq": seq,
    }


def forge(
    desk: Database,
    to: Database,
    out: Path,
    lines: list[bytes | dict[str, Any]],
    *,
    signer: Database | None = None,
    recipient_box: bytes | None = None,
    kind: str = bf.KIND_DESK,
    **header: Any,
) -> Path:
    """A sealed, signed batch from `desk` to `to` with exactly these lines."""
    raw = [(x if isinstance(x, bytes) else json.dumps(x).encode()) + b"\n" for x in lines]
    payload = spool_payload(
        desk.path.parent, ((r, desk.desk.device_id) for r in raw), len(raw), None
    )
    h = bf.BatchHeader(
        kind=kind,
        batch_id="01900000-0000-7000-8000-0000000000ff",
        schema=migrate.head(),
        sender=desk.desk.device_id,
        sender_code=desk.desk.desk_code,
        recipient=to.desk.device_id,
        seq=1,
        prev_hash=bf.GENESIS,
        created_at=utcnow().isoformat(),
        records=payload.records,
        payload_sha256=payload.sha256,
        payload_bytes=payload.size,
        audit=None,
        ack=None,
        origins={desk.desk.device_id: desk.desk.desk_code},
    )
    h = dataclasses.replace(h, **header)
    header_bytes = h.encode()
    signature = bf.sign_header(header_bytes, device_keys(signer or desk).sign_private)
    box = recipient_box or device_keys(to).box_public
    out.mkdir(parents=True, exist_ok=True)
    try:
        return write_file(out, box, header_bytes, signature, payload, 10**9)
    finally:
        payload.spool.close()
