"""Store workload on the encrypted store and on plain SQLite, side by side (issue 2).

Inserts 100,000 calls through the service insert path (outbox, audit chain and search index
included, 500 calls per transaction), times single saves, lookups by phone fragment and by name,
loading one client's 2,000-event timeline, and unlock (real Argon2id). Each store is built
and measured in a process of its own.

Run: `.venv/bin/python -m benchmarks.store_bench [--calls N]`
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import text

from benchmarks.plain import create_plain_database
from benchmarks.report import Row, each_store, median, p95, print_table, timed_ms
from sosdesk.demo.generator import generate
from sosdesk.services.calls import CallInput, insert_call, save_call
from sosdesk.services.events import timeline
from sosdesk.services.search import search
from sosdesk.store import kdf
from sosdesk.store.database import Database

PASS = "benchmark-passphrase"
BATCH = 500


def _inputs(rng: random.Random, n: int) -> list[CallInput]:
    words = ["pasoš", "poslodavac", "Beč", "Čačak", "Ђорђе", "agencija", "ugovor", "smeštaj"]
    return [
        CallInput(
            categories=["prevention_info"],
            caller_phone=f"06{rng.randrange(10**8):08d}",
            summary=" ".join(rng.choices(words, k=8)),
            started_at=datetime.now(UTC),
        )
        for _ in range(n)
    ]


def _measure(calls: int, folder: str, encrypted: bool) -> dict[str, float]:
    """Every figure for one store, created afresh in `folder`, in this (child) process."""
    path = Path(folder) / ("enc.db" if encrypted else "plain.db")
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    if encrypted:
        db, _ = Database.create(path, user="b", passphrase=PASS, desk="BG1")
    else:
        db = create_plain_database(path, user="b")
    out: dict[str, float] = {}
    try:
        inputs = _inputs(random.Random(42), calls)
        start = time.perf_counter()
        for i in range(0, calls, BATCH):
            with db.transaction() as tx:
                for data in inputs[i : i + BATCH]:
                    insert_call(tx, db.desk.desk_code, data)
        out["insert"] = (time.perf_counter() - start) * 1000
        out["save"] = p95(
            timed_ms(partial(save_call, db, d)) for d in _inputs(random.Random(7), 300)
        )
        phones = [d.caller_phone[-7:-2] for d in inputs[:: max(1, calls // 200)] if d.caller_phone]
        names = ["Đorđe", "Петровић", "Milic", "Ljilja", "cacak", "Jov", "Нико"] * 20
        out["phone"] = p95(timed_ms(partial(search, db, q)) for q in phones)
        out["name"] = p95(timed_ms(partial(search, db, q)) for q in names)
        result = generate(db, 200, 1, None)  # adds a client with a 2,000-event timeline
        with db.session() as s:
            long_id = s.execute(
                text("SELECT id FROM clients WHERE code = :c"), {"c": result.long_client_code}
            ).scalar_one()
        out["timeline"] = median(timed_ms(partial(timeline, db, long_id)) for _ in range(10))
        out["timeline_page"] = median(
            timed_ms(partial(timeline, db, long_id, limit=100)) for _ in range(10)
        )
    finally:
        db.close()
    if encrypted:
        unlock = [
            timed_ms(lambda: Database.open(path, user="b", passphrase=PASS).close())
            for _ in range(5)
        ]
        out["unlock_median"], out["unlock_max"] = median(unlock), max(unlock)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2, help="rounds per store (E P, P E, ...)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sosdesk-bench-") as folder:
        # Each store in its own process (E P, P E, ...); each figure is the store's best round,
        # so a burst of other load on a shared machine does not land on one store only.
        runs = each_store(_measure, args.calls, folder, rounds=args.rounds)
    e, p = ({k: min(r[k] for r in runs[flag]) for k in runs[flag][0]} for flag in (True, False))
    print_table(
        f"Store workload ({args.calls:,} calls inserted, best of {args.rounds} rounds; Argon2id "
        f"t={kdf.DEFAULT_KDF.time_cost}, m={kdf.DEFAULT_KDF.memory_kib // 1024} MiB, "
        f"p={kdf.DEFAULT_KDF.parallelism})",
        [
            Row(
                f"insert {args.calls:,} calls (500 per transaction)",
                e["insert"],
                p["insert"],
                "ratio ≤ 1.1",
            ),
            Row("save one call (own transaction, fsync), p95", e["save"], p["save"], "≤ 15 ms"),
            Row("lookup by phone fragment, p95", e["phone"], p["phone"], "≤ 16 ms"),
            Row("lookup by name (both scripts), p95", e["name"], p["name"], "≤ 16 ms"),
            Row("load a 2,000-event timeline, median", e["timeline"], p["timeline"], "—"),
            Row(
                "first 100 events of that timeline, median",
                e["timeline_page"],
                p["timeline_page"],
                "≤ 100 ms to first paint",
            ),
        ],
    )
    print(
        f"\nunlock (Argon2id + open + checks): median {e['unlock_median']:.0f} ms, "
        f"max {e['unlock_max']:.0f} ms (budget 300–1000 ms)"
    )


if __name__ == "__main__":
    main()
