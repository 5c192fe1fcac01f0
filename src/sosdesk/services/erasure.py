"""Anonymise or erase one client on request, with the legal basis and the reason.

The effect (services/forgetting.py) and a tombstone (`Erasure`: ids and counts, never the
content) are written in one transaction; the tombstone travels to the office and every desk,
which apply the same effect. Afterwards the search index is rebuilt without the entries and the
file is vacuumed (`secure_delete` is on), so no page keeps what was removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services import forgetting
from sosdesk.services.access import require
from sosdesk.services.errors import NotFound
from sosdesk.store.database import Database
from sosdesk.store.models import Case, Client, ClientMerge, Erasure, Event
from sosdesk.store.raw import driver_connection, pooled_connection

# ZZPL 2018 (as the GDPR): erasure on the person's request (čl. 30), purpose fulfilled,
# unlawful processing, withdrawn consent, a legal obligation, and the retention rules.
LEGAL_BASES = (
    "request",
    "purpose_fulfilled",
    "consent_withdrawn",
    "unlawful",
    "legal_obligation",
    "retention",
)


class ErasureRefused(CodedError, ValueError):
    """An erasure that may not be done as asked (nothing is changed)."""

    code = "erasure.already_erased"


@dataclass(frozen=True)
class ErasureView:
    """What one anonymisation or erasure did here."""

    id: str
    client_code: str
    mode: str
    removed: dict[str, Any]


def _check(mode: str, legal_basis: str, reason: str) -> None:
    problems = []
    if mode not in forgetting.MODES:
        problems.append(FieldError("mode", "erasure.unknown_mode", mode=mode[:20]))
    if legal_basis not in LEGAL_BASES:
        problems.append(
            FieldError("legal_basis", "erasure.unknown_basis", bases=", ".join(LEGAL_BASES))
        )
    if not reason.strip():
        problems.append(FieldError("reason", "erasure.reason_required"))
    if problems:
        raise ValidationFailed(problems)


def open_proceeding(db: Database, client_id: str) -> bool:
    """Whether the client has court hearings on the timeline and a case still open."""
    with db.session() as s:
        hearings = s.execute(
            select(func.count())
            .select_from(Event)
            .where(Event.client_id == client_id, Event.kind == "court_hearing")
        ).scalar_one()
        open_cases = s.execute(
            select(func.count())
            .select_from(Case)
            .where(Case.client_id == client_id, Case.closed_at.is_(None))
        ).scalar_one()
    return bool(hearings and open_cases)


def forget(
    db: Database,
    code: str,
    mode: str,
    reason: str,
    *,
    legal_basis: str = "request",
    despite_proceeding: bool = False,
    compact: bool = True,
) -> ErasureView:
    """Anonymise (`mode="anonymise"`) or erase (`"erase"`) the client with `code`."""
    require(db, roles.ERASE_CLIENT if mode == forgetting.ERASE else roles.ANONYMISE_CLIENT)
    _check(mode, legal_basis, reason)
    with db.session() as s:
        client = s.execute(select(Client).where(Client.code == code)).scalar_one_or_none()
        if client is None:
            erased = s.execute(select(Erasure.id).where(Erasure.client_code == code)).first()
            merged = s.execute(
                select(ClientMerge.id).where(ClientMerge.absorb_code == code)
            ).first()
            if erased is not None:
                raise ErasureRefused("erasure.already_erased", code=code[:24])
            if merged is not None:
                raise ErasureRefused("erasure.merged_away", code=code[:24])
            raise NotFound("not_found.client_code", code=code[:24])
        client_id = client.id
    if open_proceeding(db, client_id) and not despite_proceeding:
        raise ErasureRefused("erasure.open_proceeding", code=code)
    with db.transaction() as tx:
        conn = driver_connection(tx.session)
        calls = [
            r[0] for r in conn.execute("SELECT id FROM calls WHERE client_id = ?", (client_id,))
        ]
        removed = forgetting.forget_client(conn, client_id, calls, mode)
        tomb = Erasure(
            client_id=client_id,
            client_code=code,
            mode=mode,
            legal_basis=legal_basis,
            reason=reason.strip(),
            call_ids=calls,
            removed=removed,
            author_id=db.actor.user_id,
        )
        tx.insert(tomb, audit_detail={"mode": mode, "legal_basis": legal_basis, "code": code})
        tx.audit(mode, "clients", client_id, {"legal_basis": legal_basis, "removed": removed})
        view = ErasureView(tomb.id, code, mode, removed)
    if compact:
        compact_file(db)
    return view


def compact_file(db: Database) -> None:
    """Rebuild the search index without deleted entries, vacuum, and empty the WAL."""
    pooled, conn = pooled_connection(db.engine)
    try:
        for table in ("client_fts", "call_fts", "directory_fts"):
            conn.execute(f"INSERT INTO {table}({table}) VALUES('optimize')")
        conn.commit()
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        pooled.close()
