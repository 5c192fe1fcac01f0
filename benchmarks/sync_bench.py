"""Sync: export 100,000 changes at a desk and import them at the office, encrypted vs plain.

The changes are real outbox rows written through the service insert path (calls with a new
client each, their timeline events, and some client updates), 500 calls per transaction.
Export and import each run in a fresh process, so the peak memory (max RSS) of each is
reported too: the payload is streamed, so it must not grow with the batch.

Run: `.venv/bin/python -m benchmarks.sync_bench [--changes N]`
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select, update

from benchmarks.plain import create_plain_database, open_plain_database
from benchmarks.report import Row, print_table
from sosdesk.domain.ids import new_id
from sosdesk.services.calls import CallInput, insert_call
from sosdesk.store import kdf
from sosdesk.store.database import Database
from sosdesk.store.keyfile import keyfile_path
from sosdesk.store.models import Change, Client, DeviceIdentity

PASS = "benchmark-passphrase"
USER = "bench"
CALLS_PER_TX = 500
_WORDS = [
    "pasoš",
    "poslodavac",
    "Beč",
    "Čačak",
    "Ђорђе",
    "agencija",
    "ugovor",
    "smeštaj",
    "pratnja",
    "sud",
    "tužilaštvo",
    "prevoz",
    "higijenski paket",
    "sklonište",
]
_NAMES = ["Ana", "Milica", "Jelena", "Đorđe", "Dragana", "Snežana", "Ivana", "Marija"]


def fill_outbox(db: Database, changes: int, seed: int = 2026) -> int:
    """Write about `changes` outbox rows through the services; returns the exact count."""
    rng = random.Random(seed)
    started = datetime.now(UTC) - timedelta(days=30)
    made = 0
    while made < changes:
        with db.transaction() as tx:
            for _ in range(min(CALLS_PER_TX, max(1, (changes - made) // 3))):
                insert_call(
                    tx,
                    db.desk.desk_code,
                    CallInput(
                        categories=["victim_support"],
                        caller_type="victim",
                        caller_phone=f"06{rng.randrange(10**8):08d}",
                        summary=" ".join(rng.choices(_WORDS, k=12)),
                        new_client={
                            "given_name": rng.choice(_NAMES),
                            "notes": " ".join(rng.choices(_WORDS, k=20)),
                        },
                        started_at=started + timedelta(minutes=rng.randrange(40_000)),
                    ),
                )
                made += 3
            if made < changes and rng.random() < 0.5:
                ids = tx.session.execute(select(Client).order_by(func.random()).limit(20))
                for client in ids.scalars():
                    if made >= changes:
                        break
                    tx.update(client, {"risk_level": rng.choice(["low", "medium", "high"])})
                    made += 1
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(Change)).scalar_one())


def replicate_outbox(db: Database, changes: int, template_calls: int = 300) -> int:
    """Real service writes for `template_calls` calls, then their outbox rows cloned with fresh
    ids, client codes and clocks until there are `changes` rows (quick to build at any size)."""
    fill_outbox(db, min(changes, template_calls * 3))
    with db.session() as s:
        template = (
            s.execute(select(Change).where(Change.entity != "users").order_by(Change.seq))
            .scalars()
            .all()
        )
        made = int(s.execute(select(func.count()).select_from(Change)).scalar_one())
    number = 100_000
    year = datetime.now(UTC).year
    while made < changes:
        ids: dict[str, str] = {}

        def fresh(old: str, ids: dict[str, str] = ids) -> str:
            return ids.setdefault(old, new_id())

        rows = []
        for change in template:
            fields = dict(change.fields)
            for key in ("client_id", "call_id", "case_id", "amends_id"):
                if fields.get(key):
                    fields[key] = fresh(fields[key])
            payload = fields.get("payload")
            if isinstance(payload, dict) and payload.get("call_id"):
                fields["payload"] = {**payload, "call_id": fresh(payload["call_id"])}
            if change.entity == "clients" and change.op == "insert":
                number += 1
                fields["code"] = f"{db.desk.desk_code}-{year}-{number:06d}"
            rows.append(
                {
                    "entity": change.entity,
                    "entity_id": fresh(change.entity_id),
                    "op": change.op,
                    "fields": fields,
                    "base_version": change.base_version,
                    "hlc": db.clock.now().encode(),
                    "origin_device": db.desk.device_id,
                }
            )
            made += 1
            if made >= changes:
                break
        with db.transaction() as tx:
            tx.session.execute(insert(Change), rows)
    return made


def _open(path: Path, encrypted: bool) -> Database:
    if encrypted:
        return Database.open(path, user=USER, passphrase=PASS)
    return open_plain_database(path, user=USER)


def _make(path: Path, code: str, encrypted: bool, office: bool) -> Database:
    if encrypted:
        db, _ = Database.create(
            path, user=USER, passphrase=PASS, desk=code, office=office, kdf=kdf.FAST_KDF
        )
        return db
    db = create_plain_database(path, user=USER, desk=code)
    if office:
        with db.engine.begin() as c:
            c.execute(update(DeviceIdentity).values(is_office=True))
        db.close()
        db = open_plain_database(path, user=USER)
    return db


def _setup(root: Path, encrypted: bool, changes: int) -> tuple[Path, Path, int]:
    from sosdesk.sync.identity import read_identity, write_identity
    from sosdesk.sync.peers import enroll_desk, trust_office

    office = _make(root / "office.db", "HQ", encrypted, True)
    desk = _make(root / "desk.db", "BG1", encrypted, False)
    write_identity(desk, root / "desk.sosid")
    write_identity(office, root / "office.sosid")
    enroll_desk(office, read_identity(root / "desk.sosid"))
    trust_office(desk, read_identity(root / "office.sosid"))
    t = time.perf_counter()
    n = replicate_outbox(desk, changes)
    print(
        f"  {'encrypted' if encrypted else 'plain'}: {n:,} changes written in "
        f"{time.perf_counter() - t:.0f} s",
        file=sys.stderr,
    )
    desk.close()
    office.close()
    return root / "desk.db", root / "office.db", n


Measured = tuple[float, int, float, float]  # wall s, max RSS kB, CPU s, 1-min load before


def _export(path: str, encrypted: bool, out: str) -> Measured:
    from sosdesk.sync.export import export_desk

    db = _open(Path(path), encrypted)
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), time.process_time()
    result = export_desk(db, Path(out))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    assert result.new_seq == 1 and len(result.files) == 1
    return elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, cpu, load


def _import(
    path: str, encrypted: bool, batch_dir: str, receipts: str, diagnostic: str = ""
) -> Measured:
    from sosdesk.sync.importer import import_batches

    db = _open(Path(path), encrypted)
    if diagnostic == "stats":  # diagnostic only: without the statistics triggers
        with db.engine.begin() as c:
            names = (
                c.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stat_%'"
                )
                .scalars()
                .all()
            )
            for name in names:
                c.exec_driver_sql(f"DROP TRIGGER {name}")
    files = sorted(Path(batch_dir).glob("*.sosbatch"))
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), time.process_time()
    [outcome] = import_batches(db, files, receipts_dir=Path(receipts))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    assert outcome.status == "applied", outcome.message
    return elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, cpu, load


def _copy(office: Path, name: str) -> Path:
    target = office.with_name(name)
    shutil.copy2(office, target)
    for source, copy in (
        (keyfile_path(office), keyfile_path(target)),
        (office.with_name(office.name + "-wal"), target.with_name(target.name + "-wal")),
    ):
        if source.exists():
            shutil.copy2(source, copy)
    return target


def _in_child(fn: object, *args: object) -> Measured:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        result: Measured = pool.apply(fn, args)  # type: ignore[arg-type]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="also import without the statistics triggers",
    )
    args = parser.parse_args()
    results: dict[bool, dict[str, float]] = {}
    counts: dict[bool, int] = {}
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        for encrypted in (True, False):
            root = Path(tmp) / ("enc" if encrypted else "plain")
            root.mkdir()
            desk, office, counts[encrypted] = _setup(root, encrypted, args.changes)
            stick, receipts = root / "stick", root / "receipts"
            stick.mkdir()
            receipts.mkdir()
            exp, exp_rss, exp_cpu, exp_load = _in_child(_export, str(desk), encrypted, str(stick))
            pristine = _copy(office, "pristine.db")
            imp, imp_rss, imp_cpu, imp_load = _in_child(
                _import, str(office), encrypted, str(stick), str(receipts)
            )
            size = sum(f.stat().st_size for f in stick.glob("*.sosbatch"))
            results[encrypted] = {
                "export": exp * 1000,
                "import": imp * 1000,
                "export_cpu": exp_cpu * 1000,
                "import_cpu": imp_cpu * 1000,
                "export_load": exp_load,
                "import_load": imp_load,
                "export_rss": exp_rss / 1024,
                "import_rss": imp_rss / 1024,
                "size": size / 1024 / 1024,
            }
            if args.diagnose:
                for what in ("stats",):
                    again = _copy(pristine, f"{what}.db")
                    took, _rss, cpu, _load = _in_child(
                        _import, str(again), encrypted, str(stick), str(receipts), what
                    )
                    results[encrypted][what] = took * 1000
                    results[encrypted][what + "_cpu"] = cpu * 1000
    enc, plain = results[True], results[False]
    n = counts[True]
    print_table(
        f"Sync: {n:,} changes, one batch (2 cores, shared machine)",
        [
            Row(f"export {n:,} changes (desk, to file)", enc["export"], plain["export"], "≤ 5 s"),
            Row("import them at the office (+ receipt)", enc["import"], plain["import"], "≤ 10 s"),
            # On a shared, busy machine the wall time includes waiting for a core; the
            # process's own CPU time does not.
            Row("export: CPU time of the process", enc["export_cpu"], plain["export_cpu"], ""),
            Row("import: CPU time of the process", enc["import_cpu"], plain["import_cpu"], ""),
        ]
        + (
            [
                Row(
                    "diagnostic: import without the statistics triggers",
                    enc["stats"],
                    plain["stats"],
                    "not a product setting",
                ),
                Row(
                    "diagnostic: its CPU time",
                    enc["stats_cpu"],
                    plain["stats_cpu"],
                    "not a product setting",
                ),
            ]
            if args.diagnose
            else []
        ),
    )
    print("\n| peak memory (max RSS of the process) | encrypted | plain SQLite |")
    print("|---|---:|---:|")
    print(f"| export | {enc['export_rss']:.0f} MB | {plain['export_rss']:.0f} MB |")
    print(f"| import | {enc['import_rss']:.0f} MB | {plain['import_rss']:.0f} MB |")
    print(
        f"\n1-min load when each started: export {enc['export_load']:.2f} enc / "
        f"{plain['export_load']:.2f} plain, import {enc['import_load']:.2f} enc / "
        f"{plain['import_load']:.2f} plain"
    )
    print(f"\nBatch file: {enc['size']:.1f} MB (sealed, {n:,} records).")


if __name__ == "__main__":
    main()
