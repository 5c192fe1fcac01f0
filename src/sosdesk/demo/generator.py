"""Seeded synthetic data at scale: a million calls in minutes, written in bulk.

The orchestrator: one generator per entity (`directory`, `clients`, `calls`, `events`,
`casework`) draws from the run's one seeded random source in a fixed order, so a seed always
gives the same data. Demo rows skip the per-row outbox (local sample data, never synced);
one audit entry records the run.
"""

from __future__ import annotations

from dataclasses import dataclass

from sosdesk.demo.bulk import Bulk
from sosdesk.demo.calls import generate_calls
from sosdesk.demo.casework import generate_casework
from sosdesk.demo.clients import generate_clients
from sosdesk.demo.context import DemoContext, Progress
from sosdesk.demo.directory import directory_names, generate_directory
from sosdesk.demo.events import BENCH_CLIENT_EVENTS, generate_timelines, long_timelines
from sosdesk.demo.missing import generate_missing
from sosdesk.services.caseload import store_weights
from sosdesk.store.database import Database

__all__ = ["BENCH_CLIENT_EVENTS", "DemoResult", "Progress", "generate"]


@dataclass(frozen=True)
class DemoResult:
    """What a demo run added."""

    calls: int
    clients: int
    events: int
    followups: int
    directory: int
    long_client_code: str | None


def generate(db: Database, calls: int, seed: int, progress: Progress | None = None) -> DemoResult:
    """Add `calls` calls with clients (one per ten calls), their timelines and follow-ups."""
    if calls < 1:
        raise ValueError("at least one call")
    g = DemoContext(db, seed)
    report = progress or (lambda done, total, label: None)
    directory = generate_directory(db, g)
    clients = generate_clients(db, g, max(5, calls // 10), report)
    bulk = Bulk(db)
    try:
        n_events = generate_calls(g, bulk, clients, calls, report)
        n_events += generate_timelines(g, bulk, clients, directory_names(db), report)
        followups = generate_casework(g, bulk, clients, long_timelines(len(clients)))
        generate_missing(g, bulk)  # last: the earlier generators' draws stay as they were
    finally:
        bulk.close()
    with db.transaction() as tx:
        store_weights(tx.session)  # the cases above went straight into the table
        tx.audit(
            "demo_generated",
            "database",
            None,
            {"calls": calls, "clients": len(clients), "events": n_events, "seed": seed},
        )
    return DemoResult(calls, len(clients), n_events, followups, directory, clients[0].code)
