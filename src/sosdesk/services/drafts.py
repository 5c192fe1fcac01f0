"""Drafts: a form being filled in (a call being taken), kept in the Draft table of the
encrypted database so a crash, a kill or a lock never loses what the operator typed.

Drafts are local to this desk and this user: they are not synced and not audited (they are
replaced every few seconds); the saved call is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from sosdesk.domain.ids import new_id
from sosdesk.domain.messages import CodedError
from sosdesk.services.errors import NotAllowed
from sosdesk.store.database import Database
from sosdesk.store.models import Draft, utcnow
from sosdesk.store.tx import Tx

MAX_PAYLOAD = 200_000  # characters of JSON; a call form is a few kilobytes


class DraftTooLarge(CodedError, ValueError):
    """A draft bigger than any honest form (`draft.too_large`)."""

    code = "draft.too_large"


@dataclass(frozen=True)
class DraftView:
    """One stored draft."""

    id: str
    kind: str
    payload: dict[str, Any] = field(hash=False)
    updated_at: datetime
    note: str | None


def save_draft(
    db: Database,
    kind: str,
    payload: dict[str, Any],
    draft_id: str | None = None,
    note: str | None = None,
) -> str:
    """Create or replace a draft of the unlocked user; returns its id."""
    if len(json.dumps(payload, ensure_ascii=False)) > MAX_PAYLOAD:
        raise DraftTooLarge("draft.too_large", limit=MAX_PAYLOAD)
    draft_id = draft_id or new_id()
    with db.transaction() as tx:
        row = tx.session.get(Draft, draft_id)
        if row is not None and row.user_id != db.actor.user_id:
            raise NotAllowed("draft.not_yours")
        if row is None:
            tx.session.add(
                Draft(
                    id=draft_id,
                    user_id=db.actor.user_id,
                    kind=kind,
                    payload=payload,
                    updated_at=utcnow(),
                    note=note,
                )
            )
        else:
            row.payload = payload
            row.updated_at = utcnow()
            row.note = note
    return draft_id


def list_drafts(db: Database, kind: str) -> list[DraftView]:
    """The unlocked user's drafts of one kind, newest first."""
    with db.session() as s:
        rows = s.execute(
            select(Draft)
            .where(Draft.user_id == db.actor.user_id, Draft.kind == kind)
            .order_by(Draft.updated_at.desc())
        ).scalars()
        return [DraftView(r.id, r.kind, dict(r.payload), r.updated_at, r.note) for r in rows]


def get_draft(db: Database, draft_id: str) -> DraftView | None:
    """One draft of the unlocked user (None if gone or someone else's)."""
    with db.session() as s:
        r = s.get(Draft, draft_id)
        if r is None or r.user_id != db.actor.user_id:
            return None
        return DraftView(r.id, r.kind, dict(r.payload), r.updated_at, r.note)


def discard_draft(db: Database, draft_id: str) -> None:
    """Delete a draft (when the operator discards it)."""
    with db.transaction() as tx:
        delete_draft(tx, db.actor.user_id, draft_id)


def delete_draft(tx: Tx, user_id: str, draft_id: str) -> None:
    """Delete a draft inside the caller's transaction (a saved call takes its draft with it)."""
    tx.session.execute(delete(Draft).where(Draft.id == draft_id, Draft.user_id == user_id))
