"""The audit, readable: who viewed, changed, printed, exported, imported, published, backed up.

`read_audit` verifies the hash chain before it lists anything: a broken chain is refused
(`AuditBroken`, naming the first bad entry), never shown as if it were sound. Reading the audit
is itself recorded. `who_opened` answers a case manager's question about her client's file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select

from sosdesk.domain import roles
from sosdesk.domain.codes import parse_client_code
from sosdesk.domain.messages import CodedError
from sosdesk.services import access
from sosdesk.services.errors import NotFound
from sosdesk.store.audit import verify_chain
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry, Case, Client, Event

# What a reader asks for, and the actions each word covers.
CATEGORIES: dict[str, frozenset[str]] = {
    "viewed": frozenset({"view", "emergency_access", "stats_drilldown"}),
    "changed": frozenset({"create", "update", "settings_changed", "sync_conflict_resolved"}),
    "printed": frozenset({"document_issued", "document_copy", "document_output_failed"}),
    "exported": frozenset({"sync_export"}),
    "imported": frozenset({"sync_import", "sync_hold", "sync_reject"}),
    "published": frozenset({"stats_report", "stats_ctdc_export", "privacy_release"}),
    "backed_up": frozenset({"backup", "restore"}),
    "emergency": frozenset({"emergency_access", "emergency_reviewed"}),
    "users": frozenset({"passphrase_set", "user_added", "user_removed", "role_changed"}),
}
MAX_ROWS = 10_000
TYPED = frozenset({"reason", "note", "text"})  # free text a user typed into an audit detail
READ = "audit_read"


class AuditBroken(CodedError):
    """The hash chain does not hold: the list is not shown."""

    code = "audit.broken"
    exit_code = 1


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list (every field optional)."""

    user: str | None = None
    client_id: str | None = None
    action: str | None = None  # an action code or one of CATEGORIES
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 1000


@dataclass(frozen=True)
class AuditRow:
    """One entry as a reader sees it."""

    seq: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    client_code: str | None
    detail: dict[str, Any]


def actions_for(word: str) -> frozenset[str]:
    """The actions a filter word covers (a category, else the action itself)."""
    return CATEGORIES.get(word, frozenset({word}))


def read_audit(db: Database, wanted: AuditFilter) -> list[AuditRow]:
    """Entries matching `wanted`, newest first, after verifying the whole chain."""
    access.require(db, roles.READ_AUDIT)
    with db.session() as s:
        problems = verify_chain(s)
    if problems:
        raise AuditBroken(seq=problems[0].seq, kind=problems[0].kind)
    rows = _list(db, _query(wanted), min(max(wanted.limit, 1), MAX_ROWS))
    if not access.may(db, roles.SEE_CLIENT_FILE):
        # An auditor sees who did what, never client data: a typed reason may quote some.
        rows = [
            replace(r, detail={k: v for k, v in r.detail.items() if k not in TYPED}) for r in rows
        ]
    with db.transaction() as tx:
        tx.audit(READ, "audit_entries", None, {"rows": len(rows)})
    return rows


def who_opened(db: Database, client_id: str) -> list[AuditRow]:
    """Who opened this client's file (views and emergency accesses), newest first.

    For the client's case manager (and whoever else may see the file); the chain is verified.
    """
    access.require(db, roles.SEE_CLIENT_FILE, client_id)
    if not access.may(db, roles.READ_AUDIT) and not _manages(db, client_id):
        raise access.refusal(db.actor.role, roles.READ_AUDIT)
    with db.session() as s:
        problems = verify_chain(s)
    if problems:
        raise AuditBroken(seq=problems[0].seq, kind=problems[0].kind)
    q = (
        select(AuditEntry)
        .where(AuditEntry.entity == "clients", AuditEntry.entity_id == client_id)
        .where(AuditEntry.action.in_(sorted(CATEGORIES["viewed"])))
        .order_by(AuditEntry.seq.desc())
    )
    return _list(db, q, MAX_ROWS)


def _manages(db: Database, client_id: str) -> bool:
    with db.session() as s:
        found = s.scalar(
            select(Case.id).where(Case.client_id == client_id, Case.manager_id == db.actor.user_id)
        )
    return found is not None


def _query(wanted: AuditFilter) -> Select[Any]:
    q = select(AuditEntry)
    if wanted.user:
        q = q.where(AuditEntry.actor == wanted.user)
    if wanted.action:
        q = q.where(AuditEntry.action.in_(sorted(actions_for(wanted.action))))
    if wanted.since is not None:
        q = q.where(AuditEntry.at >= wanted.since)
    if wanted.until is not None:
        q = q.where(AuditEntry.at < wanted.until)
    if wanted.client_id:
        cid = wanted.client_id
        q = q.where(
            or_(
                (AuditEntry.entity == "clients") & (AuditEntry.entity_id == cid),
                (AuditEntry.entity == "events")
                & AuditEntry.entity_id.in_(select(Event.id).where(Event.client_id == cid)),
                (AuditEntry.entity == "cases")
                & AuditEntry.entity_id.in_(select(Case.id).where(Case.client_id == cid)),
            )
        )
    return q.order_by(AuditEntry.seq.desc())


def _list(db: Database, q: Select[Any], limit: int) -> list[AuditRow]:
    with db.session() as s:
        entries: list[AuditEntry] = list(s.scalars(q.limit(limit)))
        ids = {e.entity_id for e in entries if e.entity == "clients" and e.entity_id}
        codes = {
            cid: code
            for cid, code in s.execute(
                select(Client.id, Client.code).where(Client.id.in_(sorted(ids)))
            )
        }
        return [
            AuditRow(
                e.seq,
                e.at,
                e.actor,
                e.action,
                e.entity,
                e.entity_id,
                codes.get(e.entity_id or ""),
                dict(e.detail or {}),
            )
            for e in entries
        ]


def client_id_of(db: Database, code: str) -> str:
    """The id of the client with `code` (for the audit filter; no other client data)."""
    access.require(db, roles.READ_AUDIT)
    normal = str(parse_client_code(code))
    with db.session() as s:
        found = s.scalar(select(Client.id).where(Client.code == normal))
    if found is None:
        raise NotFound("not_found.client_code", code=normal)
    return str(found)
