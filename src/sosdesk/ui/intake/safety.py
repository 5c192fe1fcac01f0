"""What the emergency checklist shows beside its steps: the Centre's number from the referral
directory and the linked client's risk level and notes (the client's safety plan)."""

from __future__ import annotations

from sosdesk.domain.vocab import RISK_LEVEL
from sosdesk.services.client_card import client_card
from sosdesk.services.clients import NotFound
from sosdesk.services.errors import NotAllowed
from sosdesk.services.search import directory_hits
from sosdesk.services.session import StoreError
from sosdesk.ui.context import AppContext

CENTRE_QUERY = "Centar za zaštitu žrtava trgovine ljudima"
MAX_PLAN = 600


def centre_phone(ctx: AppContext) -> str:
    """The first phone number of the Centre in the directory ('' when it is not there)."""
    try:
        hits = ctx.call(directory_hits, CENTRE_QUERY, 3)
    except StoreError:
        return ""
    for hit in hits:
        for part in reversed(hit.detail.split(" · ")):
            if sum(ch.isdigit() for ch in part) >= 6:
                return part
    return ""


def safety_brief(ctx: AppContext, client_id: str) -> tuple[str, str]:
    """(risk level label, notes) of the client; opening them is recorded as a view."""
    try:
        client = ctx.call(client_card, client_id)
    except (NotFound, NotAllowed, StoreError):
        return "", ""
    notes = (client.notes or "").strip()
    if len(notes) > MAX_PLAN:
        notes = notes[:MAX_PLAN].rstrip() + " …"
    return RISK_LEVEL.label(client.risk_level, ctx.lang), notes


def directory_names(ctx: AppContext) -> list[str]:
    """Names of the active directory entries (referral choices)."""
    try:
        return [h.title for h in ctx.call(directory_hits, "", 2000)]
    except StoreError:
        return []
