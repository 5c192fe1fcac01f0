"""Plain, frozen views of records: what services hand to widgets and commands."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class ClientView:
    id: str
    code: str
    given_name: str | None
    family_name: str | None
    nickname: str | None
    aliases: tuple[str, ...]
    gender: str
    birth_date: date | None
    birth_year: int | None
    estimated_age: int | None
    citizenship: str | None
    languages: tuple[str, ...]
    phones: tuple[str, ...]
    address: str | None
    status: str
    exploitation_types: tuple[str, ...]
    means_of_control: tuple[str, ...]
    recruiter_relation: str | None
    recruitment_countries: tuple[str, ...]
    exploitation_countries: tuple[str, ...]
    consent_date: date | None
    consent_scope: str | None
    consent_share_institutions: bool
    risk_level: str
    notes: str | None
    version: int
    created_at: datetime
    name_cyrillic: str | None = None

    @property
    def display_name(self) -> str:
        """Name as an operator reads it, falling back to nickname and then code."""
        name = " ".join(p for p in (self.given_name, self.family_name) if p)
        return name or self.nickname or self.code


@dataclass(frozen=True)
class CallView:
    id: str
    line: str
    direction: str
    started_at: datetime
    ended_at: datetime | None
    operator_id: str | None
    caller_type: str
    caller_phone: str | None
    language: str
    categories: tuple[str, ...]
    client_id: str | None
    summary: str | None
    actions_taken: str | None
    referrals_given: tuple[str, ...]
    urgency: str
    emergency_steps: tuple[str, ...]


@dataclass(frozen=True)
class EventView:
    id: str
    client_id: str
    case_id: str | None
    kind: str
    occurred_at: datetime
    author_id: str | None
    payload: dict[str, Any] = field(hash=False)
    amount_minor: int | None
    currency: str | None
    amends_id: str | None
    created_at: datetime


@dataclass(frozen=True)
class SearchHit:
    """One lookup result: a client (`ref` = client id) or a call (`ref` = call id)."""

    kind: str  # "client" or "call"
    ref: str
    title: str  # client code and name, or call time and line
    detail: str
    client_id: str | None


def to_view(cls: type[Any], obj: Any) -> Any:
    """Build a frozen view from an ORM row, turning lists into tuples."""
    values = {}
    for name in cls.__dataclass_fields__:
        v = getattr(obj, name)
        values[name] = tuple(v) if isinstance(v, list) else v
    return cls(**values)
