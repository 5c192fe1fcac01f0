"""Saving a call (issue 3): p50/p95 of `save_call()` as the intake form calls it, on a copy of
the 1,000,000-call data set, encrypted vs plain SQLite; and the draft autosave of the form.

The mix is what a night shift looks like: half quick tallies (no client), a third calls linked
to an existing client, the rest a new client registered inline with a follow-up.
The data sets are copied to a temporary folder first, so the shared ones stay as built.
Each store is measured in a process of its own.

Run: `.venv/bin/python -m benchmarks.intake_bench [--calls N] [--saves N]`
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from sqlalchemy import text

from benchmarks.dataset import PASSPHRASE, USER, dataset
from benchmarks.plain import open_plain_database
from benchmarks.report import (
    Row,
    each_store,
    flushed_copy,
    median,
    merged,
    p95,
    print_table,
    timed_ms,
)
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.drafts import save_draft
from sosdesk.store.database import Database

WORDS = (
    "poslodavac",
    "pasoš",
    "Nemačka",
    "Čačak",
    "smeštaj",
    "pretnje",
    "dug",
    "Ђорђе",
    "agencija",
    "ugovor",
    "klijentkinja",
    "sklonište",
    "policija",
    "advokat",
)


def _copy(src: Path, folder: Path) -> Path:
    for p in src.parent.glob(src.name + "*"):
        if not p.name.endswith((".done", ".bak")):
            flushed_copy(p, folder / p.name)
    return folder / src.name


def _inputs(rng: random.Random, n: int, client_ids: list[str]) -> list[CallInput]:
    out = []
    for i in range(n):
        start = datetime.now(UTC) - timedelta(minutes=rng.randint(2, 40))
        summary = " ".join(rng.choices(WORDS, k=rng.randint(6, 20)))
        kind = rng.random()
        if kind < 0.5:
            out.append(
                CallInput(
                    categories=["prevention_info"],
                    caller_type="citizen",
                    started_at=start,
                    ended_at=start + timedelta(minutes=3),
                )
            )
        elif kind < 0.85:
            out.append(
                CallInput(
                    categories=["victim_support"],
                    caller_type="victim",
                    client_id=rng.choice(client_ids),
                    summary=summary,
                    caller_phone=f"06{rng.randrange(10**8):08d}",
                    started_at=start,
                    ended_at=start + timedelta(minutes=12),
                )
            )
        else:
            out.append(
                CallInput(
                    categories=["report_suspicion"],
                    caller_type="victim",
                    new_client={"given_name": f"Ime{i}", "family_name": "Petrović"},
                    caller_phone=f"06{rng.randrange(10**8):08d}",
                    summary=summary,
                    urgency="urgent",
                    started_at=start,
                    ended_at=start + timedelta(minutes=20),
                    follow_up_at=datetime.now(UTC) + timedelta(days=1),
                    follow_up_what="Pozvati radi provere bezbednosti",
                )
            )
    return out


def _measure(calls: int, saves: int, encrypted: bool) -> dict[str, list[float]]:
    """Save and autosave timings on a copy of one store, in this (child) process."""
    ds = dataset(calls)
    with tempfile.TemporaryDirectory(prefix="sosdesk-intake-bench-") as tmp:
        folder = Path(tmp)
        if encrypted:
            db = Database.open(_copy(ds.encrypted, folder), user=USER, passphrase=PASSPHRASE)
        else:
            db = open_plain_database(_copy(ds.plain, folder), user=USER)
        try:
            with db.session() as s:
                ids = [r[0] for r in s.execute(text("SELECT id FROM clients LIMIT 5000"))]
            inputs = _inputs(random.Random(9), saves, ids)
            save_call(db, _inputs(random.Random(1), 1, ids)[0])  # opens the write connection
            out: dict[str, list[float]] = {"save": [], "draft": []}
            draft_id: str | None = None
            for i, data in enumerate(inputs):
                out["save"].append(timed_ms(partial(save_call, db, data)))
                payload = {"v": 1, "texts": {"summary": data.summary or "", "n": i}}
                start = time.perf_counter()
                draft_id = save_draft(db, "call", payload, draft_id)
                out["draft"].append((time.perf_counter() - start) * 1000)
            return out
        finally:
            db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2, help="rounds per store (E P, P E, ...)")
    args = parser.parse_args()
    dataset(args.calls)  # build (or find) both stores before any timing
    # Each store in its own process: nothing one store's driver sets up can tax the other.
    runs = each_store(_measure, args.calls, args.saves, rounds=args.rounds)
    enc, plain = merged(runs[True]), merged(runs[False])
    rows = [
        Row("save a call, p95", p95(enc["save"]), p95(plain["save"]), "p95 ≤ 15 ms"),
        Row("save a call, median", median(enc["save"]), median(plain["save"]), ""),
        Row("save a call, max", max(enc["save"]), max(plain["save"]), ""),
        Row(
            "draft autosave, p95", p95(enc["draft"]), p95(plain["draft"]), "every 3 s while typing"
        ),
    ]
    print_table(
        f"Saving calls on a copy of the {args.calls:,}-call data set "
        f"({args.saves} saves × {args.rounds} rounds: 50% tally, 35% linked client, 15% new client + follow-up)",
        rows,
    )


if __name__ == "__main__":
    main()
