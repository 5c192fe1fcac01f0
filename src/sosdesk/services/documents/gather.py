"""What each court-support document shows, gathered from the database as frozen dataclasses.

The `documents` package renders these and never opens a Session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.validation import Checker
from sosdesk.domain.vocab import ASSISTANCE, EVENT_KIND
from sosdesk.services.access import require
from sosdesk.services.documents.context import Context, client_kinds, utc_bounds
from sosdesk.services.documents.request import (
    CERTIFICATE_ACCOMPANIMENTS,
    DEFAULT_KINDS,
    DocumentRequest,
    DocumentSourceMissing,
)
from sosdesk.services.documents.shapes import (
    AccompanimentData,
    CertificateData,
    ChronologyData,
    CostItem,
    CostsData,
    DocumentData,
    EntryInfo,
    Item,
    PlanData,
    PlanGoalRow,
    ReferralData,
    Subtotal,
)
from sosdesk.store.database import Database
from sosdesk.store.models import Case, DirectoryEntry, Event, PlanApproval


def _chronology(cx: Context) -> ChronologyData:
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
        raise cx.nothing()
    order = [k for k in EVENT_KIND.codes() if k in kinds]
    return ChronologyData(cx.common(), tuple(items), tuple(order))


def _certificate(cx: Context) -> CertificateData:
    first = cx.s.execute(
        select(Event.occurred_at)
        .where(Event.client_id == cx.req.client_id, Event.kind != "document_issued")
        .order_by(Event.occurred_at)
        .limit(1)
    ).scalar_one_or_none()
    events = cx.events({"assistance", "field_action", "court_hearing", "call", "referral", "note"})
    if first is None or not events:
        raise cx.nothing()
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


def _accompaniment(cx: Context) -> AccompanimentData:
    if cx.req.hearing_id:
        hearing = cx.s.get(Event, cx.req.hearing_id)
        if (
            hearing is None
            or hearing.client_id != cx.req.client_id
            or hearing.kind != "court_hearing"
        ):
            raise DocumentSourceMissing("doc.no_hearing", id=cx.req.hearing_id)
    else:
        found = cx.events({"court_hearing"})
        if not found:
            raise cx.nothing()
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


def _costs(cx: Context) -> CostsData:
    events = [e for e in cx.events({"assistance"}) if e.amount_minor is not None]
    items = [_apply_cost_correction(i) for i in cx.items(events)]
    items = [i for i in items if i.currency and i.amount_minor >= 0]
    if not items:
        raise cx.nothing()
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


def _referral(cx: Context) -> ReferralData:
    referrals = cx.events({"referral"})
    if cx.req.entry_id:
        entry = cx.s.get(DirectoryEntry, cx.req.entry_id)
        if entry is None:
            raise DocumentSourceMissing("doc.no_entry", id=cx.req.entry_id)
        referrals = [e for e in referrals if e.payload.get("entry_id") == entry.id]
        if not referrals:
            raise cx.nothing()
    elif not referrals:
        raise cx.nothing()
    event = referrals[-1]
    found = cx.s.get(DirectoryEntry, event.payload.get("entry_id") or "")
    if found is None:
        raise DocumentSourceMissing("doc.entry_gone", id=event.id)
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


def _protection_plan(cx: Context) -> PlanData:
    # The newest approved version of the client's newest case (open cases first).
    cases = list(
        cx.s.execute(
            select(Case)
            .where(Case.client_id == cx.req.client_id)
            .order_by(Case.closed_at.isnot(None), Case.opened_at.desc())
        ).scalars()
    )
    for case in cases:
        approval = cx.s.execute(
            select(PlanApproval)
            .where(PlanApproval.case_id == case.id)
            .order_by(PlanApproval.plan_version.desc())
            .limit(1)
        ).scalar_one_or_none()
        if approval is None:
            continue
        goals = tuple(
            PlanGoalRow(
                g.get("need_domain"),
                str(cx.text(g.get("text") or "")),
                str(g.get("responsible") or cx.text(g.get("provider") or "") or ""),
                date.fromisoformat(g["target_date"]) if g.get("target_date") else None,
                date.fromisoformat(g["review_on"]) if g.get("review_on") else None,
                str(g.get("status") or "planned"),
            )
            for g in approval.goals or []
        )
        return PlanData(
            cx.common(),
            case.phase,
            cx.author(case.manager_id),
            approval.plan_version,
            cx.local(approval.approved_at).date(),
            cx.author(approval.approved_by),
            goals,
        )
    raise cx.nothing()


_BUILDERS: dict[str, Callable[[Context], DocumentData]] = {
    "chronology": _chronology,
    "certificate": _certificate,
    "accompaniment": _accompaniment,
    "costs": _costs,
    "referral": _referral,
    "protection_plan": _protection_plan,
}


def gather(db: Database, req: DocumentRequest) -> DocumentData:
    """The data of one document; NothingToPrint when it would be empty."""
    req.check()
    require(db, roles.document_permission(req.kind), req.client_id)
    with db.session() as s:
        cx = Context(s, db, req)
        data: DocumentData = _BUILDERS[req.kind](cx)
        return data
