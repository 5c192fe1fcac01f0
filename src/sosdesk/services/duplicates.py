"""Possible duplicates of a client about to be created: the same name (folded, so Ђорђе,
Đorđe and Djordje meet) and the same birth year, or the same phone number.

Candidates come from the folded client search index (exact tokens, not prefixes) and are then
checked field by field, so the answer stays fast with a hundred thousand clients.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sosdesk.domain.folding import fold, fold_words
from sosdesk.domain.phones import PhoneError, normalise_phone
from sosdesk.store.database import Database
from sosdesk.store.models import Client

CANDIDATES = 200


@dataclass(frozen=True)
class PossibleDuplicate:
    """An existing client the new one may be; `reasons` are `name_birth_year` and/or `phone`."""

    client_id: str
    code: str
    display_name: str
    birth_year: int | None
    phones: tuple[str, ...]
    reasons: tuple[str, ...]


def _year(data: dict[str, Any], today: date) -> tuple[int | None, bool]:
    """Birth year and whether it is only estimated (from an age)."""
    if data.get("birth_year"):
        return int(data["birth_year"]), False
    born = data.get("birth_date")
    if isinstance(born, date):
        return born.year, False
    age = data.get("estimated_age")
    if isinstance(age, int):
        return today.year - age, True
    return None, False


def _client_year(c: Client) -> tuple[int | None, bool]:
    if c.birth_year:
        return c.birth_year, False
    if c.birth_date:
        return c.birth_date.year, False
    if c.estimated_age is not None:
        return c.created_at.year - c.estimated_age, True
    return None, False


def _same_year(a: tuple[int | None, bool], b: tuple[int | None, bool]) -> bool:
    if a[0] is None or b[0] is None:
        return False
    slack = 1 if a[1] or b[1] else 0  # an estimated age is off by a year either way
    return abs(a[0] - b[0]) <= slack


def _ids(s: Session, tokens: list[str]) -> list[str]:
    expr = " AND ".join(f'"{t}"' for t in tokens)
    rows = s.execute(
        text(
            "SELECT r.ref FROM client_fts f JOIN search_refs r ON r.rowid = f.rowid "
            "WHERE client_fts MATCH :q LIMIT :n"
        ),
        {"q": expr, "n": CANDIDATES},
    )
    return [r[0] for r in rows]


def _phones(data: dict[str, Any]) -> list[str]:
    out = []
    for raw in data.get("phones") or []:
        try:
            out.append(normalise_phone(raw))
        except PhoneError:
            continue
    return out


def possible_duplicates(
    db: Database,
    data: dict[str, Any],
    *,
    exclude_id: str | None = None,
    today: date | None = None,
    limit: int = 10,
) -> list[PossibleDuplicate]:
    """Existing clients that match the new client's folded name and birth year, or a phone."""
    today = today or date.today()
    given, family = fold(data.get("given_name") or ""), fold(data.get("family_name") or "")
    year = _year(data, today)
    phones = _phones(data)
    found: dict[str, set[str]] = {}
    clients: dict[str, Client] = {}
    with db.session() as s:
        if given and family and year[0] is not None:
            tokens = fold_words(f"{given} {family}")
            ids = _ids(s, tokens)
            for c in s.execute(select(Client).where(Client.id.in_(ids))).scalars():
                if (
                    fold(c.given_name or "") == given
                    and fold(c.family_name or "") == family
                    and _same_year(year, _client_year(c))
                ):
                    found.setdefault(c.id, set()).add("name_birth_year")
                    clients[c.id] = c
        for number in phones:
            ids = _ids(s, [number.lstrip("+")])
            for c in s.execute(select(Client).where(Client.id.in_(ids))).scalars():
                if number in (c.phones or []):
                    found.setdefault(c.id, set()).add("phone")
                    clients[c.id] = c
    found.pop(exclude_id or "", None)
    out = []
    for cid, reasons in found.items():
        c = clients[cid]
        name = " ".join(p for p in (c.given_name, c.family_name) if p) or c.nickname or c.code
        out.append(
            PossibleDuplicate(
                cid, c.code, name, _client_year(c)[0], tuple(c.phones or ()), tuple(sorted(reasons))
            )
        )
    out.sort(key=lambda d: (-len(d.reasons), d.code))
    return out[:limit]
