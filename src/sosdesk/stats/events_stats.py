"""Assistance (with costs), field actions and court hearings in a period, corrections applied.

Rows come from `stat_event_facts` (kept by triggers: the classifying payload field is already
pulled out). Costs are summed per currency in integer minor units: exact, never converted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from sosdesk.domain.vocab import ASSISTANCE, CURRENCY, FIELD_ACTION, PROCEEDING
from sosdesk.stats.corrections import load_corrections
from sosdesk.stats.periods import Period
from sosdesk.stats.rawsql import rows
from sosdesk.stats.tables import EVENTS, MONEY, StatTable, multi_column, ordered_rows

# The payload field that classifies each kind of event (what `stat_key` holds).
CLASSIFIER = {
    "assistance": "type",
    "field_action": "type",
    "court_hearing": "proceeding",
    "status_change": "to_status",
}


# One counted event, as corrected: (event id, client id, key, occurred at, amount, currency),
# where key is the type, proceeding or status ("" when missing). Plain tuples: a year holds
# tens of thousands of them.
Fact = tuple[str, str, str, str, int | None, str | None]


def _apply(fact: Fact, kind: str, fix: dict[str, Any]) -> Fact:
    cls = CLASSIFIER[kind]
    event_id, client_id, key, at, amount, currency = fact
    return (
        event_id,
        client_id,
        str(fix[cls] or "") if cls in fix else key,
        fix.get("occurred_at", at),
        fix.get("amount_minor", amount),
        fix.get("currency", currency),
    )


def facts(session: Session, kind: str, period: Period | None) -> Iterator[Fact]:
    """Events of `kind` in the period (all time when None), with their corrections applied."""
    corrections = load_corrections(session, kind)
    a, b = period.utc_bounds() if period else ("", "\uffff")
    found = rows(
        session,
        "SELECT event_id, client_id, coalesce(stat_key, ''), occurred_at, amount_minor, currency "
        "FROM stat_event_facts WHERE kind = :k AND occurred_at >= :a AND occurred_at < :b",
        {"k": kind, "a": a, "b": b},
    )
    if not corrections:
        yield from found
        return
    for fact in found:
        fix = corrections.get(fact[0])
        if fix:
            fact = _apply(fact, kind, fix)
            if not a <= fact[3] < b:
                continue
        yield fact
    # Corrections that move an event from outside into the period.
    moved = [i for i, fix in corrections.items() if a <= fix.get("occurred_at", "") < b]
    for event_id, client_id, payload, at, amount, currency in _events_by_id(session, moved):
        if a <= at < b:
            continue  # already counted above
        data = json.loads(payload) if isinstance(payload, str) else (payload or {})
        key = data.get(CLASSIFIER[kind]) if isinstance(data, dict) else None
        original = (event_id, client_id, "" if key is None else str(key), at, amount, currency)
        yield _apply(original, kind, corrections[event_id])


def _events_by_id(session: Session, ids: list[str]) -> Iterator[tuple[Any, ...]]:
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ", ".join(f":p{j}" for j in range(len(chunk)))
        yield from rows(
            session,
            "SELECT id, client_id, payload, occurred_at, amount_minor, currency FROM events "
            f"WHERE id IN ({marks})",
            {f"p{j}": v for j, v in enumerate(chunk)},
        )


@dataclass(frozen=True)
class EventCounts:
    """Counts of one kind of event in one period."""

    kind: str
    events: Counter[str] = field(default_factory=Counter)  # by classifier
    clients: Counter[str] = field(default_factory=Counter)  # distinct clients by classifier
    total_events: int = 0
    total_clients: int = 0
    costs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (type, currency) -> minor
    cost_totals: Counter[str] = field(default_factory=Counter)  # currency -> minor


def count_events_of(session: Session, kind: str, period: Period) -> EventCounts:
    """Count events of `kind` (assistance, field_action, court_hearing) in the period."""
    events: Counter[str] = Counter()
    clients: dict[str, set[str]] = {}
    everyone: set[str] = set()
    costs: Counter[tuple[str, str]] = Counter()
    cost_totals: Counter[str] = Counter()
    n = 0
    for _event_id, client_id, key, _at, amount, currency in facts(session, kind, period):
        n += 1
        events[key] += 1
        clients.setdefault(key, set()).add(client_id)
        everyone.add(client_id)
        if amount is not None:
            costs[(key, currency or "")] += amount
            cost_totals[currency or ""] += amount
    return EventCounts(
        kind,
        events,
        Counter({k: len(v) for k, v in clients.items()}),
        n,
        len(everyone),
        costs,
        cost_totals,
    )


_VOCAB = {"assistance": ASSISTANCE, "field_action": FIELD_ACTION, "court_hearing": PROCEEDING}
_TABLE = {
    "assistance": "assistance_by_type",
    "field_action": "field_actions_by_type",
    "court_hearing": "hearings_by_proceeding",
}
_DIMENSION = {
    "assistance": "assistance",
    "field_action": "field action",
    "court_hearing": "proceeding type",
}


def event_table(now: EventCounts, before: EventCounts) -> StatTable:
    """Events and distinct clients by type (assistance: top-level types only)."""
    codes = [t.code for t in _VOCAB[now.kind] if not t.group]
    rows = ordered_rows(codes, now.events, before.events)
    counts = {(r, "events"): now.events.get(r, 0) for r in rows}
    counts.update({(r, "clients"): now.clients.get(r, 0) for r in rows})
    return multi_column(
        _TABLE[now.kind],
        _DIMENSION[now.kind],
        rows,
        ("events", "clients"),
        counts,
        (now.total_events, now.total_clients),
        EVENTS,
    )


def costs_table(now: EventCounts, before: EventCounts) -> StatTable:
    """Costs of assistance by type, one column per currency that occurs (RSD always)."""
    currencies = ordered_rows(CURRENCY.codes(), now.cost_totals, before.cost_totals)
    columns = tuple(
        c for c in currencies if c == "RSD" or now.cost_totals.get(c) or before.cost_totals.get(c)
    )
    codes = [t.code for t in ASSISTANCE if not t.group]
    rows = ordered_rows(codes, {t: 1 for t, _c in now.costs}, {t: 1 for t, _c in before.costs})
    return multi_column(
        "costs_by_type",
        "assistance",
        rows,
        columns,
        now.costs,
        tuple(now.cost_totals.get(c, 0) for c in columns),
        MONEY,
        column_dimension="currency",
    )
