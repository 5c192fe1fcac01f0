"""Where refused and held files are kept: a `<db name>-sync/` folder beside the database.

The files stay as they arrived, still sealed to this database's key, so keeping them reveals
nothing; the register (table `sync_quarantine`) says why each one was refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.domain.ids import new_id
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.store.models.sync import SyncPeer, SyncQuarantine
from sosdesk.sync.views import QuarantineView


def sync_folder(db: Database, name: str) -> Path:
    """`<db folder>/<db stem>-sync/<name>/`, created 0700."""
    folder = db.path.parent / f"{db.path.stem}-sync" / name
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(PermissionError):
        os.chmod(folder, 0o700)
        os.chmod(folder.parent, 0o700)
    return folder


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def keep_copy(db: Database, source: Path, folder_name: str, limit: int) -> tuple[str | None, str]:
    """Copy a file into a sync folder (if not absurdly large); returns (stored name, sha256)."""
    try:
        size = source.stat().st_size
        digest = file_sha256(source) if size <= limit else "0" * 64
    except OSError:
        return None, "0" * 64
    if size > limit:
        return None, digest  # a file over the limit is not copied: it could fill the disk
    stamp = utcnow().strftime("%Y%m%dT%H%M%S")
    name = f"{stamp}-{digest[:16]}{source.suffix or '.bin'}"
    target = sync_folder(db, folder_name) / name
    if not target.exists():
        tmp = target.with_name(f".{name}.part")
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    return name, digest


def record(
    db: Database,
    source: Path,
    reason: str,
    message: str,
    *,
    limit: int,
    peer: str | None = None,
    seq: int | None = None,
) -> QuarantineView:
    """Keep a copy of a refused file and register why (one small transaction)."""
    stored, digest = keep_copy(db, source, "quarantine", limit)
    try:
        size = source.stat().st_size
    except OSError:
        size = 0
    row = SyncQuarantine(
        id=new_id(),
        received_at=utcnow(),
        file_name=source.name[:255],
        stored_as=stored,
        size=size,
        sha256=digest,
        reason=reason,
        message=message[:2000],
        peer=peer,
        seq=seq,
    )
    with db.transaction() as tx:
        tx.session.add(row)
        tx.session.flush()
        tx.audit(
            "sync_reject",
            "sync_quarantine",
            row.id,
            {"reason": reason, "file": row.file_name, "seq": seq},
        )
        return _view(row, _code(tx.session, peer))


def _code(s: Session, peer: str | None) -> str | None:
    if peer is None:
        return None
    p = s.get(SyncPeer, peer)
    return p.desk_code if p else None


def _view(r: SyncQuarantine, code: str | None) -> QuarantineView:
    return QuarantineView(
        r.id, r.received_at, r.file_name, r.stored_as, r.reason, r.message, code, r.seq
    )


def quarantined(db: Database, limit: int = 200) -> list[QuarantineView]:
    """The latest refused files, newest first."""
    with db.session() as s:
        rows = (
            s.execute(
                select(SyncQuarantine).order_by(SyncQuarantine.received_at.desc()).limit(limit)
            )
            .scalars()
            .all()
        )
        return [_view(r, _code(s, r.peer)) for r in rows]
