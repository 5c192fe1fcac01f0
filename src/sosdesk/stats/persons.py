"""The people statistics count: clients registered in a period, and victims identified in it.

A victim counts in the period of her first formal identification: the first `status_change`
event to `identified` (corrections applied); a file marked identified without such an event
counts at registration. Each person is counted once, in one period, whatever happens later.
Ages are ages when registered (see `ages.py`).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from sosdesk.stats.ages import age_at, group_of, local_year_sql
from sosdesk.stats.events_stats import facts
from sosdesk.stats.localtime import local_date_of
from sosdesk.stats.periods import Period
from sosdesk.stats.rawsql import rows

UNKNOWN_COUNTRY = "XX"
# Only columns of the statistics index (ix_clients_stats): names and notes are never read.
_COLUMNS = (
    "id, code, created_at, gender, birth_date, birth_year, estimated_age, citizenship, "
    "status, exploitation_types, exploitation_countries, means_of_control, "
    "recruiter_relation"
)
_CHUNK = 500

# What a person counts as in the tables: gender, age group, citizenship, status,
# exploitation types, countries of exploitation.
Profile = tuple[str, str, str, str, tuple[str, ...], tuple[str, ...]]


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

    @property
    def profile(self) -> Profile:
        return (
            self.gender,
            group_of(self.age),
            self.citizenship,
            self.status,
            self.exploitation,
            self.countries,
        )


@lru_cache(maxsize=4096)
def codes_of(value: str | None) -> tuple[str, ...]:
    """A stored JSON list of codes as a tuple (duplicates and blanks dropped, order kept)."""
    if not value:
        return ()
    try:
        data = json.loads(value)
    except ValueError:
        return ()
    return tuple(dict.fromkeys(str(v) for v in data if v)) if isinstance(data, list) else ()


def _person(row: tuple[Any, ...]) -> Person:
    (
        cid,
        code,
        created,
        gender,
        birth_date,
        birth_year,
        estimated_age,
        citizenship,
        status,
        exploitation,
        countries,
        means,
        recruiter,
    ) = row
    born = date.fromisoformat(birth_date) if birth_date else None
    age = age_at(local_date_of(created), born, birth_year, estimated_age)
    return Person(
        cid,
        code,
        created,
        gender or "unknown",
        age,
        citizenship or UNKNOWN_COUNTRY,
        status or "unknown",
        codes_of(exploitation),
        codes_of(countries),
        codes_of(means),
        recruiter or None,
    )


def persons_by_ids(session: Session, ids: Iterable[str]) -> Iterator[Person]:
    """The persons with these client ids (in no particular order)."""
    pending = list(ids)
    for i in range(0, len(pending), _CHUNK):
        chunk = pending[i : i + _CHUNK]
        marks = ", ".join(f":p{j}" for j in range(len(chunk)))
        sql = f"SELECT {_COLUMNS} FROM clients WHERE id IN ({marks})"
        for row in rows(session, sql, {f"p{j}": v for j, v in enumerate(chunk)}):
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
    found = [
        _person(r) for r in rows(session, f"SELECT {_COLUMNS} FROM clients WHERE {where}", params)
    ]
    found.sort(key=lambda p: p.code)
    return found


def new_client_profiles(session: Session, period: Period) -> Counter[Profile]:
    """How many clients registered in the period have each profile. Ages from a birth year or
    an estimate are worked out in SQL (no per-row allocation: cheap under SQLCipher), from a
    date of birth here; both follow `age_at`."""
    a, b = period.utc_bounds()
    year = local_year_sql("created_at", period.start.year - 1, period.end.year + 1)
    sql = (
        "SELECT gender, citizenship, status, exploitation_types, "
        f"CASE WHEN birth_date IS NULL AND birth_year IS NOT NULL THEN {year} - birth_year "
        "WHEN birth_date IS NULL THEN estimated_age END, "
        "birth_date, CASE WHEN birth_date IS NOT NULL THEN created_at END "
        "FROM clients WHERE created_at >= :a AND created_at < :b"
    )
    raw = Counter(rows(session, sql, {"a": a, "b": b}))
    out: Counter[Profile] = Counter()
    for (gender, citizenship, status, exploitation, age, born, created), n in raw.items():
        if born:
            age = age_at(local_date_of(created), date.fromisoformat(born), None, None)
        out[
            (
                gender or "unknown",
                group_of(age),
                citizenship or UNKNOWN_COUNTRY,
                status or "unknown",
                codes_of(exploitation),
                (),
            )
        ] += n
    return out


def first_identifications(session: Session) -> dict[str, str]:
    """{client id: UTC text of the first status change to `identified`}, corrections applied."""
    first: dict[str, str] = {}
    for _event_id, client_id, status, at, _amount, _currency in facts(
        session, "status_change", None
    ):
        if status == "identified" and (client_id not in first or at < first[client_id]):
            first[client_id] = at
    return first


def identified_in(
    session: Session, period: Period, first: dict[str, str] | None = None
) -> list[Person]:
    """Victims formally identified in the period, each person once (see the module notes)."""
    a, b = period.utc_bounds()
    first = first_identifications(session) if first is None else first
    out = list(persons_by_ids(session, [cid for cid, at in first.items() if a <= at < b]))
    on_file = rows(
        session,
        f"SELECT {_COLUMNS} FROM clients WHERE status = 'identified' "
        "AND created_at >= :a AND created_at < :b",
        {"a": a, "b": b},
    )
    out.extend(_person(r) for r in on_file if r[0] not in first)
    out.sort(key=lambda p: p.code)
    return out


def profiles(persons: Iterable[Person]) -> Counter[Profile]:
    """How many of `persons` have each profile."""
    return Counter(p.profile for p in persons)
