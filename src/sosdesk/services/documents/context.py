"""Per-request state while gathering a document: session, time zone, redaction, authors.

Redaction happens here, so a pseudonymised document's data never holds the client's name,
address or phone numbers. Times are converted to the organisation's time zone; date ranges are
local calendar days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from sosdesk.domain.folding import fold
from sosdesk.services.documents.redaction import Scrubber, cyrillic_spelling, respell
from sosdesk.services.documents.request import (
    DocumentRequest,
    DocumentSourceMissing,
    NothingToPrint,
)
from sosdesk.services.documents.shapes import (
    CallFacts,
    ClientInfo,
    Common,
    Correction,
    Item,
    Signatory,
)
from sosdesk.services.organisation import get_organisation, zone
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client, DirectoryEntry, Event, User

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


def other_names(s: Session, client: Client) -> list[str]:
    """Names of other people and places a document may mention that share a part of the
    client's name (directory entries, users): redaction must leave them alone."""
    stems = {fold(p)[:4] for p in (client.given_name, client.family_name) if p and len(p) >= 3}
    if not stems:
        return []
    candidates: list[str | None] = []
    for name, organisation in s.execute(select(DirectoryEntry.name, DirectoryEntry.organisation)):
        candidates += [name, organisation]
    candidates += list(s.execute(select(User.display_name)).scalars())
    # A one-word name ("Jelena") would shield the client's own first name everywhere.
    return sorted(
        {
            c
            for c in candidates
            if c and len(c.split()) >= 2 and any(stem in fold(c) for stem in stems)
        }
    )


class Context:
    """Per-request state: session, zone, redaction, author names."""

    def __init__(self, s: Session, db: Database, req: DocumentRequest) -> None:
        self.s, self.req = s, req
        self.org = get_organisation(db)
        self.tz = zone(self.org)
        client = s.get(Client, req.client_id)
        if client is None:
            raise DocumentSourceMissing("doc.no_client", id=req.client_id)
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
            [v for v in (client.nickname, *(client.aliases or [])) if v],
            [
                v
                for v in (
                    client.address,
                    *(e.name for e in self.shelters.values()),
                    *(e.address for e in self.shelters.values()),
                )
                if v
            ],
            full_name=(client.given_name, client.family_name),
            protected=other_names(s, client) if self.pseudo else (),
        )
        # A Cyrillic document spells the client's name in free text as the profile does.
        self._respell = (
            cyrillic_spelling(client.given_name, client.family_name, client.name_cyrillic)
            if req.lang == "sr-Cyrl" and not self.pseudo
            else None
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
        if not isinstance(value, str):
            return value
        if self.pseudo:
            return self.scrubber.scrub(value)
        if self._respell is not None:
            c = self.client
            return respell(value, self._respell, c.given_name, c.family_name, c.name_cyrillic or "")
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
            name_cyrillic=None if self.pseudo else c.name_cyrillic,
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
            payload=self.payload(e.kind, _corrected_call(e, amendments)),
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

    def nothing(self) -> NothingToPrint:
        """The document of this request would be empty."""
        return NothingToPrint(self.req.kind)


def _corrected_call(e: Event, amendments: list[Event]) -> Mapping[str, Any]:
    """A call's event prints the corrected summary (its corrections are listed under it)."""
    if e.kind != "call" or not amendments:
        return e.payload
    out = dict(e.payload)
    for a in amendments:
        corrected = a.payload.get("corrected") or {}
        if "summary" in corrected:
            out["summary"] = corrected["summary"]
    return out
