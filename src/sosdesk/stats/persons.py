"""The people statistics count: clients registered in a period, and victims identified in it.

A victim counts in the period of her first formal identification: the first `status_change`
event to `identified` (corrections applied); a file marked identified without such an event
counts at registration. Each person is counted once, in one period, whatever happens later.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.stats.ages import age_at
from sosdesk.stats.corrections import load_corrections
from sosdesk.stats.localtime import local_date_of
from sosdesk.stats.periods import Period

UNKNOWN_COUNTRY = "XX"
_COLUMNS = ("id, code, created_at, gender, birth_date, birth_year, estimated_age, citizenship, "
            "status, exploitation_types, exploitation_countries, means_of_control, "
            "recruiter_relation")  # fmt: skip
_CHUNK = 500


@dataclass(frozen=True)
class Person:
    """What statistics know of a client: no name, no contact, no notes."""

    id: str
    code: str
    registered: str  # stored UTC text of Client.created_at
    gender: str
    age: int | None  # when registered
    citizenship: str  # ISO code, XX when unknown
    status: str
    exploitation: tuple[str, ...]
    countries: tuple[str, ...]  # of exploitation
    means: tuple[str, ...]
    recruiter: str | None

    @property
    def registered_on(self) -> date:
        """The local day of registration."""
        return local_date_of(self.registered)


def _list(value: Any) -> tuple[str, ...]:
    data = json.loads(value) if isinstance(value, str) else (value or [])
    return tuple(dict.fromkeys(str(v) for v in data if v)) if isinstance(data, list) else ()


def _person(row: Any) -> Person:
    (cid, code, created, gender, birth_date, birth_year, estimated_age, citizenship, status,
     exploitation, countries, means, recruiter) = row  # fmt: skip
    born = date.fromisoformat(birth_date) if birth_date else None
    age = age_at(local_date_of(created), born, birth_year, estimated_age)
    return Person(cid, code, created, gender or "unknown", age, citizenship or UNKNOWN_COUNTRY,
                  status or "unknown", _list(exploitation), _list(countries), _list(means),
                  recruiter or None)  # fmt: skip


def persons_by_ids(session: Session, ids: Iterable[str]) -> Iterator[Person]:
    """The persons with these client ids (in no particular order)."""
    pending = list(ids)
    for i in range(0, len(pending), _CHUNK):
        chunk = pending[i : i + _CHUNK]
        marks = ", ".join(f":p{j}" for j in range(len(chunk)))
        sql = f"SELECT {_COLUMNS} FROM clients WHERE id IN ({marks})"
        for row in session.execute(text(sql), {f"p{j}": v for j, v in enumerate(chunk)}):
            yield _person(row)


def registered_in(
    session: Session, period: Period, *, statuses: tuple[str, ...] = ()
) -> list[Person]:
    """Clients registered in the period (optionally only those with one of `statuses`)."""
    a, b = period.utc_bounds()
    where = "created_at >= :a AND created_at < :b"
    params: dict[str, Any] = {"a": a, "b": b}
    if statuses:
        where += " AND status IN (" + ", ".join(f":s{i}" for i in range(len(statuses))) + ")"
        params.update({f"s{i}": s for i, s in enumerate(statuses)})
    rows = session.execute(text(f"SELECT {_COLUMNS} FROM clients WHERE {where} ORDER BY code"),
                           params)  # fmt: skip
    return [_person(r) for r in rows]


def first_identifications(session: Session) -> dict[str, str]:
    """{client id: UTC text of the first status change to `identified`}, corrections applied."""
    corrections = load_corrections(session, "status_change")
    first: dict[str, str] = {}
    rows = session.execute(text(
        "SELECT id, client_id, occurred_at, json_extract(payload, '$.to_status') "
        "FROM events WHERE kind = 'status_change'"))  # fmt: skip
    for event_id, client_id, at, to_status in rows:
        fix = corrections.get(event_id)
        if fix:
            to_status = fix.get("to_status", to_status)
            at = fix.get("occurred_at", at)
        if to_status == "identified" and (client_id not in first or at < first[client_id]):
            first[client_id] = at
    return first


def identified_in(session: Session, period: Period, first: dict[str, str] | None = None
                  ) -> list[Person]:  # fmt: skip
    """Victims formally identified in the period, each person once (see the module notes)."""
    a, b = period.utc_bounds()
    first = first_identifications(session) if first is None else first
    ids = [cid for cid, at in first.items() if a <= at < b]
    out = list(persons_by_ids(session, ids))
    on_file = session.execute(text(
        f"SELECT {_COLUMNS} FROM clients WHERE status = 'identified' "
        "AND created_at >= :a AND created_at < :b"), {"a": a, "b": b})  # fmt: skip
    out.extend(_person(r) for r in on_file if r[0] not in first)
    out.sort(key=lambda p: p.code)
    return out
