"""Store workload on the encrypted store and on plain SQLite, side by side (issue 2).

Inserts 100,000 calls through the service insert path (outbox, audit chain and search index
included, 500 calls per transaction), times single saves, lookups by phone fragment and by name,
loading one client's 2,000-event timeline, and unlock (real Argon2id).

Run: `.venv/bin/python -m benchmarks.store_bench [--calls N]`
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from benchmarks.plain import create_plain_database
from benchmarks.report import Row, median, p95, print_table, timed_ms
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


def _interleaved(dbs: dict[str, Database], calls: int) -> dict[str, dict[str, float]]:
    """Run each step on both stores in turn, so load on the machine hits both alike."""
    out: dict[str, dict[str, float]] = {k: {} for k in dbs}
    inputs = {k: _inputs(random.Random(42), calls) for k in dbs}
    totals = dict.fromkeys(dbs, 0.0)
    for i in range(0, calls, BATCH):
        for k, db in dbs.items():
            start = time.perf_counter()
            with db.transaction() as tx:
                for data in inputs[k][i : i + BATCH]:
                    insert_call(tx, db.desk.desk_code, data)
            totals[k] += (time.perf_counter() - start) * 1000
    for k in dbs:
        out[k]["insert"] = totals[k]
    samples: dict[str, dict[str, list[float]]] = {
        k: {"save": [], "phone": [], "name": []} for k in dbs
    }
    saves = _inputs(random.Random(7), 300)
    for d in saves:
        for k, db in dbs.items():
            samples[k]["save"].append(timed_ms(lambda db=db, d=d: save_call(db, d)))
    first = next(iter(inputs.values()))
    phones = [d.caller_phone[-7:-2] for d in first[:: max(1, calls // 200)] if d.caller_phone]
    names = ["Đorđe", "Петровић", "Milic", "Ljilja", "cacak", "Jov", "Нико"] * 20
    for kind, queries in (("phone", phones), ("name", names)):
        for q in queries:
            for k, db in dbs.items():
                samples[k][kind].append(timed_ms(lambda db=db, q=q: search(db, q)))
    long_ids = {}
    for k, db in dbs.items():
        result = generate(db, 200, 1, None)  # adds a client with a 2,000-event timeline
        with db.session() as s:
            long_ids[k] = s.execute(
                text("SELECT id FROM clients WHERE code = :c"), {"c": result.long_client_code}
            ).scalar_one()
    full: dict[str, list[float]] = {k: [] for k in dbs}
    page: dict[str, list[float]] = {k: [] for k in dbs}
    for _ in range(10):
        for k, db in dbs.items():
            full[k].append(timed_ms(lambda db=db, k=k: timeline(db, long_ids[k])))
            page[k].append(timed_ms(lambda db=db, k=k: timeline(db, long_ids[k], limit=100)))
    for k in dbs:
        out[k].update(
            save=p95(samples[k]["save"]),
            phone=p95(samples[k]["phone"]),
            name=p95(samples[k]["name"]),
            timeline=median(full[k]),
            timeline_page=median(page[k]),
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sosdesk-bench-"))
    enc, _ = Database.create(folder / "enc.db", user="b", passphrase=PASS, desk="BG1")
    plain = create_plain_database(folder / "plain.db", user="b")
    results = _interleaved({"enc": enc, "plain": plain}, args.calls)
    enc.close()
    plain.close()
    unlock = [
        timed_ms(lambda: Database.open(folder / "enc.db", user="b", passphrase=PASS).close())
        for _ in range(5)
    ]
    e, p = results["enc"], results["plain"]
    print_table(
        f"Store workload ({args.calls:,} calls inserted; Argon2id "
        f"t={kdf.DEFAULT_KDF.time_cost}, m={kdf.DEFAULT_KDF.memory_kib // 1024} MiB)",
        [
            Row(
                f"insert {args.calls:,} calls (500 per transaction)",
                e["insert"],
                p["insert"],
                "ratio ≤ 1.25",
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
        f"\nunlock (Argon2id + open + checks): median {median(unlock):.0f} ms, "
        f"max {max(unlock):.0f} ms (budget 300–1000 ms)"
    )
    print(f"data in {folder} (delete when done)")


if __name__ == "__main__":
    main()
