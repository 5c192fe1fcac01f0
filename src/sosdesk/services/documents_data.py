"""What each court-support document shows, gathered from the database as frozen dataclasses.

The `documents` package renders these and never opens a Session. Redaction happens here, so a
pseudonymised document's data never holds the client's name, address or phone numbers.
Times are converted to the organisation's time zone; date ranges are local calendar days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from sosdesk.domain.validation import Checker
from sosdesk.domain.vocab import ASSISTANCE, DOCUMENT_KIND, EVENT_KIND, LANGS
from sosdesk.services.clients import NotFound
from sosdesk.services.documents_redaction import Scrubber
from sosdesk.services.organisation import Organisation, get_organisation, zone
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client, DirectoryEntry, Event, User

PROFILES = ("full", "pseudonymised")
# A chronology shows what was done; register entries and corrections are not "support".
DEFAULT_KINDS = frozenset(EVENT_KIND.codes()) - {"document_issued", "amendment"}
# Accompaniments a certificate may name; visits and health escorts are too intimate.
CERTIFICATE_ACCOMPANIMENTS = (
    "accompany_police",
    "accompany_social_work",
    "accompany_court",
    "accompany_prosecutor",
)
_TEXT_KEYS = (
    "summary",
    "note",
    "text",
    "outcome",
    "reason",
    "provider",
    "entry_name",
    "decided_by",
    "accompanied_by",
    "court",
    "case_number",
    "place",
)


class NothingToPrint(LookupError):
    """The document would be empty (no events in the range, no hearing, no costs...)."""


@dataclass(frozen=True)
class DocumentRequest:
    """What the user asked for: which document, for whom, in which language and range."""

    kind: str
    client_id: str
    lang: str = "sr-Cyrl"
    since: date | None = None
    until: date | None = None
    kinds: frozenset[str] | None = None  # chronology only; None: DEFAULT_KINDS
    profile: str = "full"
    hearing_id: str | None = None  # accompaniment: a court_hearing event (default: latest)
    entry_id: str | None = None  # referral: a directory entry (default: latest referral)

    def check(self) -> None:
        """Raise ValidationFailed naming every bad option."""
        c = Checker()
        c.choice("document", self.kind, DOCUMENT_KIND, required=True)
        if self.lang not in LANGS:
            c.fail("lang", f"choose one of {', '.join(LANGS)}")
        if self.profile not in PROFILES:
            c.fail("profile", f"choose one of {', '.join(PROFILES)}")
        if self.since and self.until and self.until < self.since:
            c.fail("to", "the end date is before the start date; swap them or fix one")
        if self.kinds is not None:
            c.choices("kinds", sorted(self.kinds), EVENT_KIND)
            if not self.kinds:
                c.fail("kinds", "choose at least one kind of event")
        c.done()


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


DocumentData = ChronologyData | CertificateData | AccompanimentData | CostsData | ReferralData


@dataclass(frozen=True)
class Choice:
    """An option for the dialog: a hearing or a referral target."""

    id: str
    when: date
    label: str


# -- helpers --------------------------------------------------------------------------------


def client_kinds(kinds: set[str] | frozenset[str] | list[str]) -> ColumnElement[bool]:
    """A kind filter for one client's events that keeps SQLite on the client's index.

    `kind || ''` cannot use the (kind, occurred_at) index; with it, the planner would walk every
    client's events of that kind (millions) instead of this client's timeline.
    """
    return Event.kind.concat("").in_(sorted(kinds))


def utc_bounds(
    since: date | None, until: date | None, tz: ZoneInfo
) -> tuple[datetime | None, datetime | None]:
    """Local calendar days [since, until] as a half-open UTC interval."""
    lo = datetime.combine(since, time(), tz).astimezone(UTC) if since else None
    hi = datetime.combine(until + timedelta(days=1), time(), tz).astimezone(UTC) if until else None
    return lo, hi


class _Context:
    """Per-request state: session, zone, redaction, author names."""

    def __init__(self, s: Session, db: Database, req: DocumentRequest) -> None:
        self.s, self.req = s, req
        self.org = get_organisation(db)
        self.tz = zone(self.org)
        client = s.get(Client, req.client_id)
        if client is None:
            raise NotFound(f"no client with id {req.client_id}")
        self.client = client
        self.pseudo = req.profile == "pseudonymised"
        self.shelters = {
            e.id: e
            for e in s.execute(
                select(DirectoryEntry).where(DirectoryEntry.kind == "shelter")
            ).scalars()
        }
        self.scrubber = Scrubber(
            client.code,
            [
                v
                for v in (
                    client.given_name,
                    client.family_name,
                    client.nickname,
                    *(client.aliases or []),
                )
                if v
            ],
            [
                v
                for v in (
                    client.address,
                    *(e.name for e in self.shelters.values()),
                    *(e.address for e in self.shelters.values()),
                )
                if v
            ],
        )
        self._authors: dict[str, str] = {}
        me = s.get(User, db.actor.user_id)
        self.signatory = Signatory(me.display_name if me else db.actor.name, db.actor.role)
        self.bounds = utc_bounds(req.since, req.until, self.tz)

    def author(self, user_id: str | None) -> str:
        if not user_id:
            return ""
        if user_id not in self._authors:
            u = self.s.get(User, user_id)
            self._authors[user_id] = u.display_name if u else ""
        return self._authors[user_id]

    def local(self, when: datetime) -> datetime:
        return when.astimezone(self.tz)

    def text(self, value: Any) -> Any:
        if self.pseudo and isinstance(value, str):
            return self.scrubber.scrub(value)
        return value

    def payload(self, kind: str, raw: Mapping[str, Any]) -> Mapping[str, Any]:
        out = {k: (self.text(v) if k in _TEXT_KEYS else v) for k, v in raw.items()}
        if self.pseudo:
            if kind == "field_action":
                out["place"] = None  # a home or a shelter's street must not travel
            if kind == "assistance" and (
                raw.get("type") == "accommodation" or raw.get("provider_id") in self.shelters
            ):
                out["provider"] = None
                out["withheld"] = True
            if kind == "amendment":
                out["corrected"] = {
                    k: self.text(str(v))
                    for k, v in (raw.get("corrected") or {}).items()
                    if k != "place"
                }
            if kind == "referral" and raw.get("entry_id") in self.shelters:
                out["entry_name"] = None
                out["withheld"] = True
        return MappingProxyType(out)

    def correction(self, target_kind: str, e: Event) -> Correction:
        corrected = e.payload.get("corrected") or {}
        hidden = {"place"} if self.pseudo and target_kind == "field_action" else set()
        changes = tuple(
            (str(k), str(self.text(str(v)))) for k, v in corrected.items() if k not in hidden
        )
        return Correction(
            self.local(e.occurred_at),
            self.author(e.author_id),
            changes,
            str(self.text(e.payload.get("reason") or "")),
        )

    def common(self) -> Common:
        c = self.client
        info = ClientInfo(
            code=c.code,
            name=None
            if self.pseudo
            else (" ".join(p for p in (c.given_name, c.family_name) if p) or c.nickname or None),
            gender=c.gender,
            birth_date=None if self.pseudo else c.birth_date,
            birth_year=c.birth_year or (c.birth_date.year if c.birth_date else None),
            citizenship=c.citizenship,
            languages=tuple(c.languages or ()),
            address=None if self.pseudo else c.address,
            phones=() if self.pseudo else tuple(c.phones or ()),
            pseudonymised=self.pseudo,
        )
        today = datetime.now(self.tz).date()
        return Common(
            self.org,
            info,
            self.signatory,
            today,
            self.req.lang,
            self.req.profile,
            (self.req.since, self.req.until),
        )

    def events(self, kinds: frozenset[str] | set[str] | None) -> list[Event]:
        q = select(Event).where(Event.client_id == self.req.client_id)
        if kinds is not None:
            q = q.where(client_kinds(kinds))
        lo, hi = self.bounds
        if lo is not None:
            q = q.where(Event.occurred_at >= lo)
        if hi is not None:
            q = q.where(Event.occurred_at < hi)
        return list(self.s.execute(q.order_by(Event.occurred_at, Event.id)).scalars())

    def amendments_of(self, ids: list[str]) -> dict[str, list[Event]]:
        out: dict[str, list[Event]] = defaultdict(list)
        for i in range(0, len(ids), 500):
            q = select(Event).where(
                client_kinds(["amendment"]), Event.amends_id.in_(ids[i : i + 500])
            )
            for e in self.s.execute(q).scalars():
                out[e.amends_id or ""].append(e)
        for lst in out.values():
            lst.sort(key=lambda e: (e.occurred_at, e.id))
        return out

    def items(self, events: list[Event]) -> list[Item]:
        ids = [e.id for e in events]
        amendments = self.amendments_of(ids)
        calls = self._calls(
            [e.call_id or e.payload.get("call_id") for e in events if e.kind == "call"]
        )
        return [self.item(e, amendments.get(e.id, []), calls) for e in events]

    def item(
        self,
        e: Event,
        amendments: list[Event],
        calls: dict[str, CallFacts],
        amends_at: datetime | None = None,
    ) -> Item:
        call_id = e.call_id or e.payload.get("call_id")
        return Item(
            id=e.id,
            kind=e.kind,
            occurred_at=self.local(e.occurred_at),
            author=self.author(e.author_id),
            payload=self.payload(e.kind, e.payload),
            amount_minor=e.amount_minor,
            currency=e.currency,
            call=calls.get(call_id) if call_id else None,
            corrections=tuple(self.correction(e.kind, a) for a in amendments),
            amends_at=amends_at,
        )

    def _calls(self, ids: list[str | None]) -> dict[str, CallFacts]:
        wanted = sorted({i for i in ids if i})
        out: dict[str, CallFacts] = {}
        for i in range(0, len(wanted), 500):
            q = select(Call).where(Call.id.in_(wanted[i : i + 500]))
            for c in self.s.execute(q).scalars():
                out[c.id] = CallFacts(c.line, c.direction, tuple(c.categories or ()))
        return out

    def nothing(self, what: str) -> NothingToPrint:
        lo, hi = self.req.since, self.req.until
        if lo or hi:
            span = (
                f"between {lo.isoformat() if lo else 'the start'} and "
                f"{hi.isoformat() if hi else 'today'}"
            )
            return NothingToPrint(f"{what} {span}; widen the date range. No PDF was made.")
        return NothingToPrint(f"{what}. No PDF was made.")


# -- the five documents ---------------------------------------------------------------------


def _chronology(cx: _Context) -> ChronologyData:
    kinds = frozenset(cx.req.kinds) if cx.req.kinds is not None else DEFAULT_KINDS
    rows = cx.events(kinds | {"amendment"})
    shown = [e for e in rows if e.kind in kinds and e.kind != "amendment"]
    shown_ids = {e.id for e in shown}
    items = cx.items(shown)
    # Corrections of events outside the range (or filtered out) are events of the range.
    loose = [e for e in rows if e.kind == "amendment" and e.amends_id not in shown_ids]
    if loose:
        targets = {
            t.id: t
            for t in cx.s.execute(
                select(Event).where(Event.id.in_([e.amends_id for e in loose]))
            ).scalars()
        }
        for e in loose:
            target = targets.get(e.amends_id or "")
            if "amendment" in kinds or (target is not None and target.kind in kinds):
                items.append(cx.item(e, [], {}, cx.local(target.occurred_at) if target else None))
        items.sort(key=lambda i: (i.occurred_at, i.id))
    if not items:
        raise cx.nothing("This client has no events of the chosen kinds")
    order = [k for k in EVENT_KIND.codes() if k in kinds]
    return ChronologyData(cx.common(), tuple(items), tuple(order))


def _certificate(cx: _Context) -> CertificateData:
    first = cx.s.execute(
        select(Event.occurred_at)
        .where(Event.client_id == cx.req.client_id, Event.kind != "document_issued")
        .order_by(Event.occurred_at)
        .limit(1)
    ).scalar_one_or_none()
    events = cx.events({"assistance", "field_action", "court_hearing", "call", "referral", "note"})
    if first is None or not events:
        raise cx.nothing("This client has no recorded support")
    assistance: set[str] = set()
    accompaniments: set[str] = set()
    for e in events:
        if e.kind == "assistance" and e.payload.get("type"):
            assistance.add(str(e.payload["type"]))
        if e.kind == "field_action" and e.payload.get("type") in CERTIFICATE_ACCOMPANIMENTS:
            accompaniments.add(str(e.payload["type"]))
        if e.kind == "court_hearing":
            accompaniments.add("accompany_court")
    since = cx.local(first).date()
    if cx.req.since and cx.req.since > since:
        since = cx.req.since
    return CertificateData(
        cx.common(),
        since,
        tuple(t.code for t in ASSISTANCE if not t.group and t.code in assistance),
        tuple(c for c in CERTIFICATE_ACCOMPANIMENTS if c in accompaniments),
        any(e.kind == "call" for e in events),
    )


def _accompaniment(cx: _Context) -> AccompanimentData:
    if cx.req.hearing_id:
        hearing = cx.s.get(Event, cx.req.hearing_id)
        if (
            hearing is None
            or hearing.client_id != cx.req.client_id
            or hearing.kind != "court_hearing"
        ):
            raise NotFound("no court hearing with that id on this client's timeline")
    else:
        found = cx.events({"court_hearing"})
        if not found:
            raise cx.nothing("This client has no court hearing on the timeline")
        hearing = found[-1]
    day = cx.local(hearing.occurred_at).date()
    lo, hi = utc_bounds(day, day, cx.tz)
    q = (
        select(Event)
        .where(
            Event.client_id == cx.req.client_id,
            client_kinds(["field_action"]),
            Event.occurred_at >= lo,
            Event.occurred_at < hi,
        )
        .order_by(Event.occurred_at)
    )
    related = [
        e
        for e in cx.s.execute(q).scalars()
        if e.payload.get("type") in ("accompany_court", "accompany_prosecutor")
    ]
    items = cx.items([hearing, *related])
    return AccompanimentData(cx.common(), items[0], tuple(items[1:]))


def _apply_cost_correction(item: Item) -> CostItem:
    p = item.payload
    values: dict[str, Any] = {
        "type": p.get("type"),
        "subtype": p.get("subtype"),
        "provider": p.get("provider"),
        "note": p.get("note"),
        "amount": item.amount_minor,
        "currency": item.currency,
    }
    for corr in item.corrections:
        for key, value in corr.changes:
            if key == "amount":
                checker = Checker()
                minor = checker.amount("amount", value)
                if minor is not None and not checker.errors:
                    values["amount"] = minor
            elif key in ("type", "subtype") and value in ASSISTANCE:
                values[key] = value
            elif key == "currency" and len(value) == 3:
                values["currency"] = value.upper()
            elif key in ("provider", "note"):
                values[key] = value
    original = (item.amount_minor or 0, item.currency or "")
    changed = (values["amount"], values["currency"]) != original
    return CostItem(
        occurred_on=item.occurred_at.date(),
        type=str(values["type"] or "other"),
        subtype=values["subtype"],
        provider=values["provider"],
        amount_minor=int(values["amount"] or 0),
        currency=str(values["currency"] or ""),
        note=values["note"],
        correction=item.corrections[-1] if item.corrections else None,
        original=original if changed else None,
    )


def _costs(cx: _Context) -> CostsData:
    events = [e for e in cx.events({"assistance"}) if e.amount_minor is not None]
    items = [_apply_cost_correction(i) for i in cx.items(events)]
    items = [i for i in items if i.currency and i.amount_minor >= 0]
    if not items:
        raise cx.nothing("This client has no assistance costs recorded")
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    for i in items:
        groups[(i.type, i.currency)].append(i.amount_minor)
        totals[i.currency] += i.amount_minor
    order = {t.code: n for n, t in enumerate(ASSISTANCE)}
    subtotals = tuple(
        Subtotal(t, cur, sum(v), len(v))
        for (t, cur), v in sorted(
            groups.items(), key=lambda kv: (order.get(kv[0][0], 999), kv[0][1])
        )
    )
    return CostsData(cx.common(), tuple(items), subtotals, tuple(sorted(totals.items())))


def _referral(cx: _Context) -> ReferralData:
    referrals = cx.events({"referral"})
    if cx.req.entry_id:
        entry = cx.s.get(DirectoryEntry, cx.req.entry_id)
        if entry is None:
            raise NotFound("no directory entry with that id")
        referrals = [e for e in referrals if e.payload.get("entry_id") == entry.id]
        if not referrals:
            raise cx.nothing(
                "This client has no recorded referral (with consent) to that entry; "
                "record the referral on the timeline first"
            )
    elif not referrals:
        raise cx.nothing("This client has no recorded referral")
    event = referrals[-1]
    found = cx.s.get(DirectoryEntry, event.payload.get("entry_id") or "")
    if found is None:
        raise NotFound("the directory entry of that referral no longer exists")
    entry = found
    info = EntryInfo(
        entry.kind,
        entry.name,
        entry.organisation,
        entry.city,
        entry.address,
        tuple(entry.phones or ()),
        entry.email,
    )
    return ReferralData(
        cx.common(),
        info,
        cx.local(event.occurred_at).date(),
        str(cx.text(event.payload.get("reason") or "")),
        cx.author(event.author_id),
    )


_BUILDERS: dict[str, Callable[[_Context], DocumentData]] = {
    "chronology": _chronology,
    "certificate": _certificate,
    "accompaniment": _accompaniment,
    "costs": _costs,
    "referral": _referral,
}


def gather(db: Database, req: DocumentRequest) -> DocumentData:
    """The data of one document; NothingToPrint when it would be empty."""
    req.check()
    with db.session() as s:
        cx = _Context(s, db, req)
        data: DocumentData = _BUILDERS[req.kind](cx)
        return data
