"""Merge two registrations of the same person: the survivor takes the chosen fields, and
every call, event, case, follow-up and document of the absorbed client moves to it.

The chosen fields travel as ordinary field updates of the survivor; the move itself travels
as one `ClientMerge` record that every desk and the office apply identically
(services/forgetting.py `merge_into`: idempotent, in any order with other batches). The
absorbed code stays an alias of the survivor: it is still found and printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services import forgetting, search_index
from sosdesk.services.access import require
from sosdesk.services.clients import EDITABLE
from sosdesk.services.errors import NotFound
from sosdesk.store.database import Database
from sosdesk.store.models import Client, ClientMerge, Erasure
from sosdesk.store.raw import driver_connection

# The survivor's fields a merge may take from the absorbed client.
# What a merge may take from the absorbed client: every editable field but the aliases, which
# the merge joins itself (the absorbed code becomes one of them).
FIELDS = tuple(name for name in EDITABLE if name != "aliases")
LIST_FIELDS = frozenset(
    {
        "languages",
        "phones",
        "exploitation_types",
        "means_of_control",
        "recruitment_countries",
        "exploitation_countries",
    }
)
KEEP, ABSORB, BOTH = "keep", "absorb", "both"


@dataclass(frozen=True)
class MergeView:
    """The merge as recorded."""

    id: str
    keep_id: str
    keep_code: str
    absorb_id: str
    absorb_code: str
    fields_taken: tuple[str, ...]


def _client(s: Session, code: str) -> Client:
    client = s.execute(select(Client).where(Client.code == code)).scalar_one_or_none()
    if client is not None:
        return client
    if s.execute(select(Erasure.id).where(Erasure.client_code == code)).first() is not None:
        raise ValidationFailed([FieldError("client", "merge.erased", code=code[:24])])
    if s.execute(select(ClientMerge.id).where(ClientMerge.absorb_code == code)).first():
        raise ValidationFailed([FieldError("client", "merge.already_merged", code=code[:24])])
    raise NotFound("not_found.client_code", code=code[:24])


def _taken(keep: Client, absorb: Client, choose: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, how in choose.items():
        if name not in FIELDS or how not in (KEEP, ABSORB, BOTH):
            raise ValidationFailed([FieldError(name[:40], "merge.unknown_field", field=name[:40])])
        if how == ABSORB:
            out[name] = getattr(absorb, name)
        elif how == BOTH and name in LIST_FIELDS:
            mine = list(getattr(keep, name) or [])
            out[name] = mine + [v for v in getattr(absorb, name) or [] if v not in mine]
    # Names the absorbed registration was known by become aliases of the survivor.
    aliases = list(keep.aliases or [])
    for v in (*(absorb.aliases or []), absorb.nickname):
        if v and v not in aliases:
            aliases.append(v)
    out["aliases"] = aliases
    return out


def merge_clients(
    db: Database,
    keep_code: str,
    absorb_code: str,
    reason: str,
    choose: dict[str, str] | None = None,
) -> MergeView:
    """Merge `absorb_code` into `keep_code`; `choose` maps a field to keep/absorb/both."""
    require(db, roles.MERGE_CLIENTS)
    if keep_code.strip().upper() == absorb_code.strip().upper():
        raise ValidationFailed([FieldError("absorb", "merge.same_client")])
    if not reason.strip():
        raise ValidationFailed([FieldError("reason", "merge.reason_required")])
    with db.transaction() as tx:
        s = tx.session
        keep = _client(s, keep_code.strip().upper())
        absorb = _client(s, absorb_code.strip().upper())
        if keep.id == absorb.id:
            raise ValidationFailed([FieldError("absorb", "merge.same_client")])
        taken = tx.update(keep, _taken(keep, absorb, choose or {}))
        search_index.put(s, "client", keep.id, search_index.client_body(keep))
        record = ClientMerge(
            keep_id=keep.id,
            absorb_id=absorb.id,
            absorb_code=absorb.code,
            reason=reason.strip(),
            author_id=db.actor.user_id,
        )
        tx.insert(record, audit_detail={"keep": keep.code, "absorb": absorb.code})
        s.flush()
        view = MergeView(record.id, keep.id, keep.code, absorb.id, absorb.code, tuple(taken))
        s.expunge(absorb)
        forgetting.merge_into(driver_connection(s), keep.id, absorb.id, absorb.code)
        s.expire(keep)
    return view
