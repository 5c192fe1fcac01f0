"""The frozen shapes a document is rendered from: no Session, no ORM object ever leaves here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sosdesk.services.organisation import Organisation


@dataclass(frozen=True)
class ClientInfo:
    """The client as a document names her or him (code only when pseudonymised)."""

    code: str
    name: str | None
    gender: str
    birth_date: date | None
    birth_year: int | None
    citizenship: str | None
    languages: tuple[str, ...]
    address: str | None
    phones: tuple[str, ...]
    pseudonymised: bool
    name_cyrillic: str | None = None  # as the profile writes it, for Cyrillic documents

    @property
    def label(self) -> str:
        """Name, or the code when pseudonymised or nameless."""
        return self.name or self.code


@dataclass(frozen=True)
class Signatory:
    """Who signs: the user producing the document."""

    name: str
    role: str  # ROLE code


@dataclass(frozen=True)
class Common:
    """What every document carries besides its body."""

    organisation: Organisation
    client: ClientInfo
    signatory: Signatory
    issued_on: date
    lang: str
    profile: str
    period: tuple[date | None, date | None]


@dataclass(frozen=True)
class Correction:
    """An amendment of an event: which fields now read what, and why."""

    occurred_at: datetime
    author: str
    changes: tuple[tuple[str, str], ...]
    reason: str


@dataclass(frozen=True)
class CallFacts:
    """The call behind a `call` event."""

    line: str
    direction: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One timeline event, redacted as the profile asks, in local time."""

    id: str
    kind: str
    occurred_at: datetime
    author: str
    payload: Mapping[str, Any]
    amount_minor: int | None
    currency: str | None
    call: CallFacts | None
    corrections: tuple[Correction, ...]
    amends_at: datetime | None = None  # an amendment row: when the corrected event happened


@dataclass(frozen=True)
class ChronologyData:
    common: Common
    items: tuple[Item, ...]
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class CertificateData:
    common: Common
    since: date
    assistance: tuple[str, ...]  # top-level ASSISTANCE codes, in vocabulary order
    accompaniments: tuple[str, ...]  # FIELD_ACTION codes from CERTIFICATE_ACCOMPANIMENTS
    via_sos_line: bool  # counselling by phone (calls on the timeline)


@dataclass(frozen=True)
class AccompanimentData:
    common: Common
    hearing: Item
    related: tuple[Item, ...]  # accompaniments to court or prosecutor on the hearing's day


@dataclass(frozen=True)
class CostItem:
    occurred_on: date
    type: str
    subtype: str | None
    provider: str | None
    amount_minor: int
    currency: str
    note: str | None
    correction: Correction | None  # the latest amendment, already applied to the figures
    original: tuple[int, str] | None  # amount and currency before a correction changed them


@dataclass(frozen=True)
class Subtotal:
    type: str
    currency: str
    amount_minor: int
    count: int


@dataclass(frozen=True)
class CostsData:
    common: Common
    items: tuple[CostItem, ...]
    subtotals: tuple[Subtotal, ...]
    totals: tuple[tuple[str, int], ...]  # (currency, amount in minor units)


@dataclass(frozen=True)
class EntryInfo:
    """The directory entry a referral letter is addressed to."""

    kind: str
    name: str
    organisation: str | None
    city: str | None
    address: str | None
    phones: tuple[str, ...]
    email: str | None


@dataclass(frozen=True)
class ReferralData:
    common: Common
    entry: EntryInfo
    referred_at: date
    reason: str
    author: str


@dataclass(frozen=True)
class PlanGoalRow:
    """One goal of an approved protection plan as printed."""

    need_domain: str | None
    text: str
    responsible: str
    target_date: date | None
    review_on: date | None
    status: str


@dataclass(frozen=True)
class PlanData:
    """An approved version of a case's protection plan."""

    common: Common
    phase: str
    manager: str
    plan_version: int
    approved_on: date
    approved_by: str
    goals: tuple[PlanGoalRow, ...]


DocumentData = (
    ChronologyData | CertificateData | AccompanimentData | CostsData | ReferralData | PlanData
)


@dataclass(frozen=True)
class Choice:
    """An option for the dialog: a hearing or a referral target."""

    id: str
    when: date
    label: str
