"""Sync: export 100,000 changes at a desk and import them at the office, encrypted vs plain.

The changes are real outbox rows written through the service insert path (calls with a new
client each, their timeline events, and some client updates), 500 calls per transaction.
Export and import each run in a fresh process, on fresh copies of the data set, so the peak
memory of each is reported too (the payload is streamed: it must not grow with the batch).
Rounds alternate the stores (E P, P E, ...) and each round's ratio compares its two runs, made
minutes apart at most: the host's speed drifts by more than encryption costs.

Run: `.venv/bin/python -m benchmarks.sync_bench [--changes N] [--rounds N]`
"""

from __future__ import annotations

import argparse
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
from benchmarks.report import Row, flushed_copy, in_child, median, print_table
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


Measured = tuple[float, float, float, float]  # wall s, peak MB, CPU s, 1-min load before


def _peak_mb() -> float:
    # The process's own high-water mark: ru_maxrss of a spawned child can carry its parent's.
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _export(path: str, encrypted: bool, out: str) -> Measured:
    from sosdesk.sync.export import export_desk

    db = _open(Path(path), encrypted)
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), time.process_time()
    result = export_desk(db, Path(out))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    assert result.new_seq == 1 and len(result.files) == 1
    return elapsed, _peak_mb(), cpu, load


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
    return elapsed, _peak_mb(), cpu, load


def _copy(source: Path, name: str) -> Path:
    """A copy of a closed database (with its key file and WAL) beside it, named `name`."""
    target = source.with_name(name)
    flushed_copy(source, target)
    for src, copy in (
        (keyfile_path(source), keyfile_path(target)),
        (source.with_name(source.name + "-wal"), target.with_name(target.name + "-wal")),
    ):
        copy.unlink(missing_ok=True)
        if src.exists():
            flushed_copy(src, copy)
    return target


def _fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir()
    return path


def _round(root: Path, encrypted: bool, diagnose: bool) -> dict[str, float]:
    """Export the desk's changes and import them at the office, each from the state the data
    set was built in (fresh copies), each in a process of its own."""
    desk = _copy(root / "desk.db", "desk-run.db")
    stick, receipts = _fresh_dir(root / "stick"), _fresh_dir(root / "receipts")
    exp, exp_peak, exp_cpu, exp_load = in_child(_export, str(desk), encrypted, str(stick))
    office = _copy(root / "office.db", "office-run.db")
    imp, imp_peak, imp_cpu, imp_load = in_child(
        _import, str(office), encrypted, str(stick), str(receipts)
    )
    out = {
        "export": exp * 1000,
        "import": imp * 1000,
        "export_cpu": exp_cpu * 1000,
        "import_cpu": imp_cpu * 1000,
        "export_load": exp_load,
        "import_load": imp_load,
        "export_rss": exp_peak,
        "import_rss": imp_peak,
        "size": sum(f.stat().st_size for f in stick.glob("*.sosbatch")) / 1024 / 1024,
    }
    if diagnose:
        again = _copy(root / "office.db", "office-run.db")
        took, _peak, cpu, _load = in_child(
            _import, str(again), encrypted, str(stick), str(_fresh_dir(receipts)), "stats"
        )
        out["stats"], out["stats_cpu"] = took * 1000, cpu * 1000
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--changes", type=int, default=100_000)
    # One round's ratio moves by about 5% either way on this host (two plain imports run side
    # by side differed by up to 4%), so one round or three cannot tell 1.07 from 1.12.
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="export and import this many times per store, in the order E P, P E, ...",
    )
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="also import without the statistics triggers",
    )
    args = parser.parse_args()
    counts: dict[bool, int] = {}
    runs: dict[bool, list[dict[str, float]]] = {True: [], False: []}
    with tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        roots = {enc: Path(tmp) / ("enc" if enc else "plain") for enc in (True, False)}
        for encrypted, root in roots.items():
            root.mkdir()
            counts[encrypted] = _setup(root, encrypted, args.changes)[2]
        for r in range(args.rounds):
            for encrypted in (True, False) if r % 2 == 0 else (False, True):
                runs[encrypted].append(_round(roots[encrypted], encrypted, args.diagnose))
    _report(runs, counts[True], args.diagnose)


def _report(runs: dict[bool, list[dict[str, float]]], n: int, diagnose: bool) -> None:
    enc = {k: median(r[k] for r in runs[True]) for k in runs[True][0]}
    plain = {k: median(r[k] for r in runs[False]) for k in runs[False][0]}
    rounds = len(runs[True])
    print_table(
        f"Sync: {n:,} changes, one batch, median of {rounds} rounds (2 cores, shared machine)",
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
            if diagnose
            else []
        ),
    )
    # Each round runs the two stores back to back, so a round's ratio compares like minutes:
    # this machine's speed drifts by up to 2x over minutes, more than encryption costs.
    print("\n| round | export enc / plain | ratio | import enc / plain | ratio | load |")
    print("|---:|---:|---:|---:|---:|---:|")
    for i, (e, p) in enumerate(zip(runs[True], runs[False], strict=True), 1):
        print(
            f"| {i} | {e['export']:,.0f} / {p['export']:,.0f} ms | "
            f"{e['export'] / p['export']:.2f} | {e['import']:,.0f} / {p['import']:,.0f} ms | "
            f"{e['import'] / p['import']:.2f} | {e['import_load']:.2f} / {p['import_load']:.2f} |"
        )
    print()
    for what in ("export", "import"):
        ratios = [e[what] / p[what] for e, p in zip(runs[True], runs[False], strict=True)]
        print(f"{what}: median of the rounds' ratios {median(ratios):.2f}")
    print("\n| peak memory (VmHWM of the process, largest round) | encrypted | plain SQLite |")
    print("|---|---:|---:|")
    for what in ("export", "import"):
        worst = {enc: max(r[f"{what}_rss"] for r in runs[enc]) for enc in (True, False)}
        print(f"| {what} | {worst[True]:.0f} MB | {worst[False]:.0f} MB |")
    print(f"\nBatch file: {enc['size']:.1f} MB (sealed, {n:,} records).")


if __name__ == "__main__":
    main()
