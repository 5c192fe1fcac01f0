"""A client's safety card: what a volunteer at a call may see (code, risk level, safety notes).

The full file needs `see_client_file`; the card needs only `see_safety_card`, so the emergency
checklist and the call detail work for every role that takes calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from sosdesk.domain import roles
from sosdesk.services.access import require
from sosdesk.services.errors import NotFound
from sosdesk.store.database import Database
from sosdesk.store.models import Client


@dataclass(frozen=True)
class ClientCard:
    """The part of a client's file shown at a call."""

    id: str
    code: str
    risk_level: str
    notes: str | None


def client_card(db: Database, client_id: str, *, audit_view: bool = True) -> ClientCard:
    """The client's safety card; opening it is recorded as a view of the card."""
    require(db, roles.SEE_SAFETY_CARD, client_id)
    with db.transaction() as tx:
        client = tx.session.get(Client, client_id)
        if client is None:
            raise NotFound("not_found.client", id=client_id)
        if audit_view:
            tx.audit("view", "clients", client_id, {"part": "safety_card"})
        return ClientCard(client.id, client.code, client.risk_level, client.notes)
