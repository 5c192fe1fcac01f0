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


_IN_PERIOD = "FROM stat_event_facts WHERE kind = :k AND occurred_at >= :a AND occurred_at < :b"
_ONLY = " AND event_id IN (SELECT value FROM json_each(:only))"


def facts(
    session: Session,
    kind: str,
    period: Period | None,
    *,
    corrections: dict[str, dict[str, Any]] | None = None,
    only: list[str] | None = None,
) -> Iterator[Fact]:
    """Events of `kind` in the period (all time when None), with their corrections applied;
    with `only`, just the events of those ids."""
    if corrections is None:
        corrections = load_corrections(session, kind)
    a, b = period.utc_bounds() if period else ("", "\uffff")
    found = _stored(session, kind, a, b, only)
    if only is not None:
        corrections = {i: corrections[i] for i in only if i in corrections}
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


def _stored(session: Session, kind: str, a: str, b: str, only: list[str] | None) -> Iterator[Fact]:
    """The facts as the triggers stored them (before corrections)."""
    sql = (
        "SELECT event_id, client_id, coalesce(stat_key, ''), occurred_at, amount_minor, currency "
        + _IN_PERIOD
    )
    params = {"k": kind, "a": a, "b": b}
    if only is not None:
        sql += _ONLY
        params["only"] = json.dumps(only)
    return rows(session, sql, params)


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
    # A year holds some 200,000 facts: SQLite counts them by (type, client) and sums the
    # costs, so Python sees one row per pair; only corrected events are read one by one.
    a, b = period.utc_bounds()
    params = {"k": kind, "a": a, "b": b}
    pairs: Counter[tuple[str, str]] = Counter(
        rows(session, f"SELECT coalesce(stat_key, ''), client_id {_IN_PERIOD}", params)
    )
    costs: Counter[tuple[str, str]] = Counter()
    costed: Counter[tuple[str, str]] = Counter()  # facts with an amount, per (type, currency)
    for key, currency, total, n in rows(
        session,
        "SELECT coalesce(stat_key, ''), coalesce(currency, ''), sum(amount_minor), count(*) "
        f"{_IN_PERIOD} AND amount_minor IS NOT NULL GROUP BY 1, 2",
        params,
    ):
        costs[(key, currency)], costed[(key, currency)] = total, n
    corrections = load_corrections(session, kind)
    if corrections:
        only = list(corrections)
        for sign, found in (
            (-1, _stored(session, kind, a, b, only)),  # each as stored comes out ...
            (1, facts(session, kind, period, corrections=corrections, only=only)),  # ... fixed in
        ):
            for _event_id, client_id, key, _at, amount, currency in found:
                pairs[(key, client_id)] += sign
                if amount is not None:
                    costs[(key, currency or "")] += sign * amount
                    costed[(key, currency or "")] += sign
    events: Counter[str] = Counter()
    clients: Counter[str] = Counter()
    everyone: set[str] = set()
    for (key, client_id), n in pairs.items():
        if n > 0:
            events[key] += n
            clients[key] += 1
            everyone.add(client_id)
    kept = Counter({k: v for k, v in costs.items() if costed[k] > 0})
    cost_totals: Counter[str] = Counter()
    for (_key, currency), amount in kept.items():
        cost_totals[currency] += amount
    return EventCounts(
        kind, events, clients, sum(events.values()), len(everyone), kept, cost_totals
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
