"""Demo timelines beyond calls: assistance, field actions, court hearings, referrals, notes and
the status decision of every presumed or identified client; a few clients get long timelines,
one exactly `BENCH_CLIENT_EVENTS` (the benchmarks open it)."""

from __future__ import annotations

from typing import Any

from sosdesk.demo import corpus
from sosdesk.demo.bulk import CHUNK, Bulk, insert_rows, iso, js
from sosdesk.demo.context import DemoClient, DemoContext, Progress
from sosdesk.domain.ids import new_id
from sosdesk.domain.vocab import ASSISTANCE, CLIENT_ROLE, FIELD_ACTION, PROCEEDING

BENCH_CLIENT_EVENTS = 2_000  # one client gets exactly this long a timeline (benchmarks)

EVENT_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "client_id",
    "case_id",
    "kind",
    "occurred_at",
    "author_id",
    "payload",
    "amount_minor",
    "currency",
    "amends_id",
    "call_id",
)
EXTRA_KINDS = ("assistance", "field_action", "court_hearing", "referral", "note")
EXTRA_WEIGHTS = (45, 20, 6, 9, 18)
COURTS = (
    "Viši sud u Beogradu",
    "Viši sud u Novom Sadu",
    "Prvi osnovni sud u Beogradu",
    "Viši sud u Nišu",
)
COSTLY = (
    "medical",
    "technical",
    "accommodation",
    "legal",
    "interpreter",
    "repatriation",
    "psychological",
)


def _payload(
    g: DemoContext, kind: str, dir_names: dict[str, str]
) -> tuple[dict[str, Any], int | None, str | None]:
    r = g.r
    if kind == "assistance":
        top = r.choice([t for t in ASSISTANCE if not t.group])
        subs = ASSISTANCE.in_group(top.code)
        provider = r.choice(g.directory_ids) if g.directory_ids else None
        costly = top.code in COSTLY
        amount = r.randrange(500, 60_000) * 100 if costly and r.random() < 0.7 else None
        currency = r.choice(["RSD"] * 9 + ["EUR"]) if amount else None
        if currency == "EUR" and amount:
            amount //= 100
        return (
            {
                "type": top.code,
                "subtype": r.choice(subs).code if subs else None,
                "provider_id": provider,
                "provider": dir_names.get(provider or ""),
                "note": None,
            },
            amount,
            currency,
        )
    if kind == "field_action":
        return (
            {
                "type": r.choice(FIELD_ACTION.codes()),
                "place": r.choice(corpus.CITIES),
                "accompanied_by": "mobilni tim",
                "note": None,
            },
            None,
            None,
        )
    if kind == "court_hearing":
        return (
            {
                "court": r.choice(list(COURTS)),
                "court_id": None,
                "case_number": f"K {r.randint(1, 999)}/{r.randint(2022, 2026)}",
                "proceeding": r.choice(PROCEEDING.codes()),
                "client_role": r.choice(CLIENT_ROLE.codes()),
                "accompanied_by": "pravnica i psihološkinja",
                "outcome": r.choice(
                    ["ročište odloženo", "saslušana kao svedok", "presuda doneta", None]
                ),
                "note": None,
            },
            None,
            None,
        )
    if kind == "referral":
        entry = r.choice(g.directory_ids) if g.directory_ids else None
        return (
            {
                "entry_id": entry,
                "entry_name": dir_names.get(entry or ""),
                "reason": "potrebna stručna pomoć",
                "consent": True,
            },
            None,
            None,
        )
    return ({"text": g.summary(corpus.CLIENT_SUMMARIES, "klijentkinja")}, None, None)


def _row(
    g: DemoContext,
    client_id: str,
    kind: str,
    at: float,
    payload: dict[str, Any],
    amount: int | None = None,
    currency: str | None = None,
) -> tuple[Any, ...]:
    return (
        new_id(),
        iso(at),
        g.hlc(),
        g.device,
        1,
        client_id,
        None,
        kind,
        iso(at),
        g.user,
        js(payload),
        amount,
        currency,
        None,
        None,
    )


def long_timelines(n_clients: int) -> int:
    """How many clients (after the benchmark one) get a long timeline."""
    return max(3, n_clients * 3 // 1000)


def generate_timelines(
    g: DemoContext,
    bulk: Bulk,
    clients: list[DemoClient],
    dir_names: dict[str, str],
    report: Progress,
) -> int:
    """Insert the clients' timeline events; returns how many were written."""
    r = g.r
    n_long = long_timelines(len(clients))
    plan = [(clients[0], BENCH_CLIENT_EVENTS)]
    for i, c in enumerate(clients[1:]):
        count = (
            r.randint(200, 1500)
            if i < n_long
            else r.choices([0, 1, 2, 3, 5, 8], [30, 20, 15, 15, 12, 8])[0]
        )
        plan.append((c, count))
    # Every presumed or identified client gets its status decision, even with no other events.
    total = sum(max(n, 1) if c.status in ("presumed", "identified") else n for c, n in plan)
    written = 0
    rows: list[tuple[Any, ...]] = []
    for (client_id, _code, registered, status), count in plan:
        if status in ("presumed", "identified"):
            # The one decision that made the client's current status, as the Centre took it.
            at = r.uniform(registered, g.now - 60)
            decision = {
                "from_status": "potential",
                "to_status": status,
                "note": None,
                "decided_by": "Centar za zaštitu žrtava trgovine ljudima",
            }
            rows.append(_row(g, client_id, "status_change", at, decision))
            count = max(0, count - 1)
        for _ in range(count):
            kind = r.choices(EXTRA_KINDS, EXTRA_WEIGHTS)[0]
            payload, amount, currency = _payload(g, kind, dir_names)
            at = r.uniform(registered, g.now - 60)
            rows.append(_row(g, client_id, kind, at, payload, amount, currency))
        if len(rows) >= CHUNK:
            with bulk as conn:
                insert_rows(conn, "events", EVENT_COLS, rows)
            written += len(rows)
            rows = []
            report(written, total, "events")
    if rows:
        with bulk as conn:
            insert_rows(conn, "events", EVENT_COLS, rows)
        written += len(rows)
    report(written, total, "events")
    return written
