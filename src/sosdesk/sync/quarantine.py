"""Where refused and held files are kept: a `<db name>-sync/` folder beside the database.

The files stay as they arrived, still sealed to this database's key, so keeping them reveals
nothing; the register (table `sync_quarantine`) says why each one was refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import time
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sosdesk.domain.ids import new_id
from sosdesk.files import (
    TEMP_SUFFIX,
    FileProblem,
    check_regular_file,
    clean_stale_temps,
    ensure_private_folder,
    open_bounded,
    private_output,
)
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow
from sosdesk.store.models.sync import SyncPeer, SyncQuarantine
from sosdesk.sync.views import QuarantineView

# The quarantine's cap and retention rule (docs/architecture.md, "Sync"): copies older than
# RETENTION_DAYS are removed; beyond MAX_FILES copies or MAX_BYTES in all, a refused file is
# registered (name, size, SHA-256, reason) but not copied. Held batches are never capped.
RETENTION_DAYS = 90
MAX_FILES = 500
MAX_BYTES = 1 << 30
NOT_HASHED = "0" * 64
_BLOCK = 1 << 20


def sync_folder(db: Database, name: str) -> Path:
    """`<db folder>/<db stem>-sync/<name>/`, created 0700 (an existing folder keeps its mode)."""
    base = db.path.parent / f"{db.path.stem}-sync"
    ensure_private_folder(base)
    folder = base / name
    ensure_private_folder(folder)
    if name == "quarantine":
        # A killed writer's temp copy; at worst a concurrent refusal loses its copy (its
        # register row stays). Held copies are never swept: a batch waits on them.
        clean_stale_temps(folder)
    return folder


def file_sha256(path: Path, limit: int) -> str:
    """SHA-256 of an ordinary file of at most `limit` bytes, read in blocks."""
    sha = hashlib.sha256()
    with open_bounded(path, limit) as fh:
        for block in iter(lambda: fh.read(_BLOCK), b""):
            sha.update(block)
    return sha.hexdigest()


def _copies(folder: Path) -> list[tuple[float, int, Path]]:
    out = []
    for entry in folder.iterdir():
        with contextlib.suppress(OSError):
            st = os.lstat(entry)
            if stat.S_ISREG(st.st_mode) and not entry.name.endswith(TEMP_SUFFIX):
                out.append((st.st_mtime, st.st_size, entry))
    return sorted(out)


def prune(folder: Path, now: float | None = None) -> list[str]:
    """Remove quarantine copies older than the retention period; returns their names."""
    cutoff = (time.time() if now is None else now) - RETENTION_DAYS * 86400
    gone = []
    for mtime, _size, entry in _copies(folder):
        if mtime < cutoff:
            with contextlib.suppress(OSError):
                entry.unlink()
                gone.append(entry.name)
    return gone


def _has_room(folder: Path, size: int) -> bool:
    copies = _copies(folder)
    return len(copies) < MAX_FILES and sum(c[1] for c in copies) + size <= MAX_BYTES


def _copy_and_hash(source: Path, target: Path, limit: int) -> str:
    sha = hashlib.sha256()
    with open_bounded(source, limit) as src, private_output(target) as out:
        for block in iter(lambda: src.read(_BLOCK), b""):
            sha.update(block)
            out.write(block)
    return sha.hexdigest()


def keep_copy(
    db: Database, source: Path, folder_name: str, limit: int, *, capped: bool = False
) -> tuple[str | None, str]:
    """Copy a file into a sync folder (if within `limit`, and within the cap when `capped`);
    returns (stored name or None, sha256). Reads at most `limit` bytes."""
    try:
        size = check_regular_file(source)
        if size > limit:
            return None, NOT_HASHED  # over the limit: neither read nor copied
        folder = sync_folder(db, folder_name)
        if capped and not _has_room(folder, size):
            return None, file_sha256(source, limit)
        stamp = utcnow().strftime("%Y%m%dT%H%M%S")
        name = f"{stamp}-{secrets.token_hex(8)}{source.suffix[:16] or '.bin'}"
        digest = _copy_and_hash(source, folder / name, limit)
    except FileProblem:
        return None, NOT_HASHED
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
    try:
        pruned = prune(sync_folder(db, "quarantine"))
    except FileProblem:
        pruned = []
    stored, digest = keep_copy(db, source, "quarantine", limit, capped=True)
    try:
        size = source.stat().st_size
    except (OSError, ValueError):
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
        if pruned:
            tx.session.execute(
                update(SyncQuarantine)
                .where(SyncQuarantine.stored_as.in_(pruned))
                .values(stored_as=None)
            )
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
