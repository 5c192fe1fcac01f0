"""Case list and workload view (issue 16) on the encrypted store and on plain SQLite.

Builds (once, cached in benchmarks/.data/) a demo data set of `--calls` calls, then tops it up
to `--cases` open cases: extra clients written straight into the tables, 50 professionals, a
plan goal on a third of the cases (some overdue). Times the first page of the case list under
each filter and the workload view for 50 professionals.

Run: `.venv/bin/python -m benchmarks.casework_bench [--calls N] [--cases C] [--runs R]`
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime
from functools import partial

from sqlalchemy import func, select, text

from benchmarks.dataset import DATA, PASSPHRASE, USER
from benchmarks.plain import create_plain_database, open_plain_database
from benchmarks.report import Row, p95, print_table, timed_ms
from sosdesk.demo.bulk import Bulk, insert_rows, iso, js
from sosdesk.demo.clients import CLIENT_COLS
from sosdesk.demo.generator import generate
from sosdesk.domain.ids import new_id
from sosdesk.services.caseload import CaseFilter, case_list, store_weights, workload
from sosdesk.store import kdf
from sosdesk.store.database import Database
from sosdesk.store.models import Case, Client, User

PROFESSIONALS = 50
CASE_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "client_id",
    "opened_at",
    "phase",
    "manager_id",
    "court_open",
    "interpreter_needed",
    "out_of_town",
)
GOAL_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "case_id",
    "text",
    "target_date",
    "reviews",
    "status",
)
USER_COLS = (
    "id",
    "created_at",
    "updated_hlc",
    "origin_device",
    "version",
    "name",
    "display_name",
    "role",
    "active",
    "preferences",
)


def _top_up(db: Database, cases: int, seed: int) -> None:
    r = random.Random(seed)
    now = time.time()
    g_hlc, dev = db.clock.now().encode(), db.desk.device_id
    bulk = Bulk(db)
    try:
        users = [new_id() for _ in range(PROFESSIONALS)]
        with bulk as conn:
            insert_rows(
                conn,
                "users",
                USER_COLS,
                [
                    (
                        u,
                        iso(now),
                        g_hlc,
                        dev,
                        1,
                        f"strucni{i:02d}",
                        f"Stručni radnik {i:02d}",
                        "consultant",
                        1,
                        "{}",
                    )
                    for i, u in enumerate(users)
                ],
            )
        with db.session() as s:
            have = list(s.execute(select(Case.client_id)).scalars())
            clients = [c for c in s.execute(select(Client.id)).scalars() if c not in set(have)]
        extra = max(0, cases - len(have) - len(clients))
        rows = []
        for i in range(extra):
            cid = new_id()
            clients.append(cid)
            row: list[object] = [None] * len(CLIENT_COLS)
            vals = dict(
                id=cid,
                created_at=iso(now),
                updated_hlc=g_hlc,
                origin_device=dev,
                version=1,
                code=f"BN1-2026-{i:06d}",
                aliases="[]",
                gender="female",
                birth_year=r.randint(1960, 2015),
                languages="[]",
                phones="[]",
                status="presumed",
                exploitation_types="[]",
                means_of_control="[]",
                recruitment_countries="[]",
                exploitation_countries="[]",
                consent_share_institutions=0,
                risk_level=r.choice(["low", "medium", "high", "unknown"]),
                extra=js({}),
            )
            for k, v in vals.items():
                row[CLIENT_COLS.index(k)] = v
            rows.append(tuple(row))
            if len(rows) == 20_000:
                with bulk as conn:
                    insert_rows(conn, "clients", CLIENT_COLS, rows)
                rows = []
        with bulk as conn:
            insert_rows(conn, "clients", CLIENT_COLS, rows)
        case_rows, goal_rows = [], []
        phases = ["identification", "crisis", "recovery", "reintegration"]
        for cid in clients[: cases - len(have)]:
            case_id = new_id()
            opened = now - r.uniform(0, 3 * 365 * 86400)
            case_rows.append(
                (
                    case_id,
                    iso(opened),
                    g_hlc,
                    dev,
                    1,
                    cid,
                    iso(opened),
                    r.choice(phases),
                    r.choice(users),
                    int(r.random() < 0.15),
                    int(r.random() < 0.2),
                    int(r.random() < 0.3),
                )
            )
            if r.random() < 0.33:
                target = datetime.fromtimestamp(now + r.uniform(-90, 180) * 86400, UTC).date()
                goal_rows.append(
                    (
                        new_id(),
                        iso(opened),
                        g_hlc,
                        dev,
                        1,
                        case_id,
                        "Cilj plana",
                        target.isoformat(),
                        "[]",
                        "planned",
                    )
                )
        with bulk as conn:
            insert_rows(conn, "cases", CASE_COLS, case_rows)
            insert_rows(conn, "case_goals", GOAL_COLS, goal_rows)
    finally:
        bulk.close()
    with db.transaction() as tx:
        store_weights(tx.session)  # the cases above went straight into the table
        tx.session.execute(text("ANALYZE"))


def build(calls: int, cases: int, seed: int) -> dict[bool, object]:
    """The two stores (built on first use)."""
    DATA.mkdir(exist_ok=True)
    out: dict[bool, object] = {}
    for encrypted in (True, False):
        path = DATA / f"casework-{'enc' if encrypted else 'plain'}-{calls}-{cases}.db"
        done = path.with_suffix(".done")
        if not done.exists():
            for p in path.parent.glob(path.name + "*"):
                p.unlink()
            started = time.perf_counter()
            if encrypted:
                db, _ = Database.create(
                    path, user=USER, passphrase=PASSPHRASE, desk="BG1", kdf=kdf.DEFAULT_KDF
                )
            else:
                db = create_plain_database(path, user=USER)
            try:
                generate(db, calls, seed)
                _top_up(db, cases, seed)
            finally:
                db.close()
            done.write_text(f"{time.perf_counter() - started:.1f} s\n")
            print(f"built {path.name} in {done.read_text().strip()}", file=sys.stderr)
        out[encrypted] = path
    return out


def _open(path: object, encrypted: bool) -> Database:
    if encrypted:
        return Database.open(path, user=USER, passphrase=PASSPHRASE)  # type: ignore[arg-type]
    return open_plain_database(path, user=USER)  # type: ignore[arg-type]


FILTERS = {
    "no filter": CaseFilter(),
    "phase = recovery": CaseFilter(phase="recovery"),
    "risk = high": CaseFilter(risk="high"),
    "one manager": None,  # filled with a real manager id
    "overdue goals": CaseFilter(overdue_goals=True),
    "no contact 30 days": CaseFilter(no_contact_days=30),
    "children": CaseFilter(child=True),
    "court open": CaseFilter(court_open=True),
    "children + high risk + court": CaseFilter(child=True, risk="high", court_open=True),
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=100_000)
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=20)
    # One store per process keeps the two measurements from sharing a warm page cache.
    ap.add_argument("--store", choices=("both", "enc", "plain"), default="both")
    args = ap.parse_args()
    paths = build(args.calls, args.cases, 2026)
    timings: dict[str, dict[bool, float]] = {}
    stores = {"both": (True, False), "enc": (True,), "plain": (False,)}[args.store]
    for encrypted in stores:
        db = _open(paths[encrypted], encrypted)
        try:
            with db.session() as s:
                n_cases = s.execute(select(func.count(Case.id))).scalar_one()
                manager = s.execute(select(User.id).where(User.name == "strucni07")).scalar_one()
            filters = dict(FILTERS, **{"one manager": CaseFilter(manager_id=manager)})
            for name, f in filters.items():
                case_list(db, f)  # warm the page cache once
                ms = [timed_ms(partial(case_list, db, f)) for _ in range(args.runs)]
                timings.setdefault(f"case list, {name}", {})[encrypted] = p95(ms)
            workload(db)
            ms = [timed_ms(partial(workload, db)) for _ in range(max(5, args.runs // 4))]
            timings.setdefault(f"workload, {PROFESSIONALS} professionals", {})[encrypted] = p95(ms)
        finally:
            db.close()
    rows = [
        Row(
            k,
            v.get(True, float("nan")),
            v.get(False, float("nan")),
            "≤ 200 ms" if k.startswith("workload") else "≤ 100 ms",
        )
        for k, v in timings.items()
    ]
    print_table(f"Casework: {n_cases:,} cases, {args.calls:,} calls, p95 of {args.runs} runs", rows)


if __name__ == "__main__":
    main()
