"""Possible duplicates across desks, for the coordinator at the office: a client registered at
one desk who may be a client another desk registered (same folded name and birth year, or a
phone). The desks' own checks only see what they hold; the office sees every desk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.codes import CodeError, parse_client_code
from sosdesk.services.access import require
from sosdesk.services.duplicates import possible_duplicates
from sosdesk.store.database import Database
from sosdesk.store.models import Client, utcnow


@dataclass(frozen=True)
class CrossDeskPair:
    """Two registrations at different desks that may be one person."""

    code: str  # registered in the period looked at
    other_code: str
    reasons: tuple[str, ...]


def _desk(code: str) -> str:
    try:
        return parse_client_code(code).desk
    except CodeError:
        return ""


def duplicates_across_desks(
    db: Database, *, since: datetime | None = None, limit: int = 500
) -> list[CrossDeskPair]:
    """Pairs of clients of different desks that may be the same person, for clients
    registered since `since` (default: the last 30 days); each pair once."""
    require(db, roles.LIST_DUPLICATES)
    since = since or utcnow() - timedelta(days=30)
    with db.session() as s:
        recent = [
            (
                c.id,
                c.code,
                {
                    "given_name": c.given_name,
                    "family_name": c.family_name,
                    "birth_year": c.birth_year,
                    "birth_date": c.birth_date,
                    "estimated_age": c.estimated_age,
                    "phones": list(c.phones or []),
                },
            )
            for c in s.execute(
                select(Client).where(Client.created_at >= since).order_by(Client.code)
            ).scalars()
        ]
    seen: set[frozenset[str]] = set()
    out: list[CrossDeskPair] = []
    for cid, code, data in recent:
        for d in possible_duplicates(db, data, exclude_id=cid):
            pair = frozenset((code, d.code))
            if _desk(d.code) == _desk(code) or pair in seen:
                continue
            seen.add(pair)
            out.append(CrossDeskPair(code, d.code, d.reasons))
            if len(out) >= limit:
                return out
    return out
