"""Options the documents dialog offers for a client: hearings, referral targets, date span."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from sosdesk.services.documents.context import client_kinds
from sosdesk.services.documents.shapes import Choice
from sosdesk.services.organisation import get_organisation, zone
from sosdesk.store.database import Database
from sosdesk.store.models import DirectoryEntry, Event


def hearings(db: Database, client_id: str) -> list[Choice]:
    """The client's court hearings, newest first (for the accompaniment record)."""
    q = (
        select(Event)
        .where(Event.client_id == client_id, client_kinds(["court_hearing"]))
        .order_by(Event.occurred_at.desc())
    )
    tz = zone(get_organisation(db))
    with db.session() as s:
        return [
            Choice(
                e.id,
                e.occurred_at.astimezone(tz).date(),
                " · ".join(
                    str(v) for v in (e.payload.get("court"), e.payload.get("case_number")) if v
                ),
            )
            for e in s.execute(q).scalars()
        ]


def referral_targets(db: Database, client_id: str) -> list[Choice]:
    """Directory entries the client was referred to (with consent), latest referral first."""
    q = (
        select(Event)
        .where(Event.client_id == client_id, client_kinds(["referral"]))
        .order_by(Event.occurred_at.desc())
    )
    tz = zone(get_organisation(db))
    out: dict[str, Choice] = {}
    with db.session() as s:
        for e in s.execute(q).scalars():
            entry_id = e.payload.get("entry_id")
            if not entry_id or entry_id in out:
                continue
            entry = s.get(DirectoryEntry, entry_id)
            if entry is not None:
                out[entry_id] = Choice(entry_id, e.occurred_at.astimezone(tz).date(), entry.name)
    return list(out.values())


def timeline_span(db: Database, client_id: str) -> tuple[date, date] | None:
    """First and last local day of the client's timeline (dialog defaults), or None."""
    tz = zone(get_organisation(db))
    with db.session() as s:
        base = select(Event.occurred_at).where(Event.client_id == client_id)
        first = s.execute(base.order_by(Event.occurred_at).limit(1)).scalar_one_or_none()
        last = s.execute(base.order_by(Event.occurred_at.desc()).limit(1)).scalar_one_or_none()
    if first is None or last is None:
        return None
    return first.astimezone(tz).date(), last.astimezone(tz).date()
