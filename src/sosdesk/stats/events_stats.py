"""Assistance (with costs), field actions and court hearings in a period, corrections applied.

Costs are summed per currency in minor units by SQLite's integer `sum`: exact, never converted
between currencies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from sosdesk.domain.vocab import ASSISTANCE, CURRENCY, FIELD_ACTION, PROCEEDING
from sosdesk.stats.corrections import corrections_json, load_corrections
from sosdesk.stats.periods import Period
from sosdesk.stats.tables import EVENTS, MONEY, StatTable, multi_column, ordered_rows

# The payload field that classifies each kind of event in the tables.
CLASSIFIER = {"assistance": "type", "field_action": "type", "court_hearing": "proceeding"}
_CORRECTED = ("type", "proceeding", "amount_minor", "currency", "occurred_at")


def effective_events_sql(kind: str) -> str:
    """A CTE `ev(id, client_id, t, amount, cur, at)` of the events of `kind` in [:a, :b) with
    their corrections applied (a correction may also move an event into or out of the range)."""
    cls = CLASSIFIER[kind]
    cols = f"""e.id AS id, e.client_id AS client_id,
        CASE WHEN k.has_{cls} THEN k.{cls} ELSE json_extract(e.payload, '$.{cls}') END AS t,
        CASE WHEN k.has_amount_minor THEN k.amount_minor ELSE e.amount_minor END AS amount,
        CASE WHEN k.has_currency THEN k.currency ELSE e.currency END AS cur,
        CASE WHEN k.has_occurred_at THEN k.occurred_at ELSE e.occurred_at END AS at"""
    corr = ", ".join(f"json_extract(value, '$.has_{n}') AS has_{n}, json_extract(value, '$.{n}') AS {n}"
                     for n in _CORRECTED)  # fmt: skip
    return f"""
    corr AS MATERIALIZED (SELECT json_extract(value, '$.id') AS id, {corr} FROM json_each(:corr)),
    raw AS MATERIALIZED (
        SELECT {cols} FROM events e LEFT JOIN corr k ON k.id = e.id
        WHERE e.kind = '{kind}' AND e.occurred_at >= :a AND e.occurred_at < :b
        UNION ALL
        SELECT {cols} FROM corr k JOIN events e ON e.id = k.id
        WHERE k.has_occurred_at AND e.kind = '{kind}'
          AND NOT (e.occurred_at >= :a AND e.occurred_at < :b)
    ),
    ev AS MATERIALIZED (SELECT * FROM raw WHERE at >= :a AND at < :b)"""


_SUMMARY = """
SELECT 'type', coalesce(t, ''), '', count(*), count(DISTINCT client_id), NULL FROM ev GROUP BY 2
UNION ALL SELECT 'all', '', '', count(*), count(DISTINCT client_id), NULL FROM ev
"""
_COSTS = """
UNION ALL SELECT 'cost', coalesce(t, ''), coalesce(cur, ''), count(*), count(DISTINCT client_id),
    sum(amount) FROM ev WHERE amount IS NOT NULL GROUP BY 2, 3
UNION ALL SELECT 'costall', '', coalesce(cur, ''), count(*), count(DISTINCT client_id), sum(amount)
    FROM ev WHERE amount IS NOT NULL GROUP BY 3
"""


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
    a, b = period.utc_bounds()
    corrections = load_corrections(session, kind)
    sql = "WITH " + effective_events_sql(kind) + _SUMMARY + (_COSTS if kind == "assistance" else "")
    out = EventCounts(kind)
    totals = [0, 0]
    params = {"a": a, "b": b, "corr": corrections_json(corrections, _CORRECTED)}
    for part, key, cur, n, clients, amount in session.execute(text(sql), params):
        if part == "type":
            out.events[key] += int(n)
            out.clients[key] += int(clients)
        elif part == "all":
            totals = [int(n), int(clients)]
        elif part == "cost":
            out.costs[(key, cur)] += int(amount)
        elif part == "costall":
            out.cost_totals[cur] += int(amount)
    return EventCounts(kind, out.events, out.clients, totals[0], totals[1], out.costs,
                       out.cost_totals)  # fmt: skip


_VOCAB = {"assistance": ASSISTANCE, "field_action": FIELD_ACTION, "court_hearing": PROCEEDING}
_TABLE = {"assistance": "assistance_by_type", "field_action": "field_actions_by_type",
          "court_hearing": "hearings_by_proceeding"}  # fmt: skip
_DIMENSION = {"assistance": "assistance", "field_action": "field action",
              "court_hearing": "proceeding type"}  # fmt: skip


def event_table(now: EventCounts, before: EventCounts) -> StatTable:
    """Events and distinct clients by type (assistance: top-level types only)."""
    vocab = _VOCAB[now.kind]
    codes = [t.code for t in vocab if not t.group]
    rows = ordered_rows(codes, now.events, before.events)
    counts = {(r, "events"): now.events.get(r, 0) for r in rows}
    counts.update({(r, "clients"): now.clients.get(r, 0) for r in rows})
    return multi_column(_TABLE[now.kind], _DIMENSION[now.kind], rows, ("events", "clients"),
                        counts, (now.total_events, now.total_clients), EVENTS)  # fmt: skip


def costs_table(now: EventCounts, before: EventCounts) -> StatTable:
    """Costs of assistance by type, one column per currency that occurs (RSD always)."""
    currencies = ordered_rows(CURRENCY.codes(), now.cost_totals, before.cost_totals)
    columns = tuple(c for c in currencies if c == "RSD" or now.cost_totals.get(c) or
                    before.cost_totals.get(c))  # fmt: skip
    codes = [t.code for t in ASSISTANCE if not t.group]
    types_now = Counter({t: 1 for (t, _c) in now.costs})
    types_before = Counter({t: 1 for (t, _c) in before.costs})
    rows = ordered_rows(codes, types_now, types_before)
    return multi_column("costs_by_type", "assistance", rows, columns, now.costs,
                        tuple(now.cost_totals.get(c, 0) for c in columns), MONEY,
                        column_dimension="currency")  # fmt: skip
