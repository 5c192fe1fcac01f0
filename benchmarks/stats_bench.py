"""Statistics on the 1,000,000-call data set, encrypted vs plain SQLite (issue 7).

Times a year of statistics (every table of the dashboard), the same with the previous year
for comparison, a month, the annual report PDF with its CSV tables (budget 5 s), and the CTDC
export. Each store is measured in a process of its own (one after the other); the first run of
each step is reported separately (cold caches), then the median of the repeats.

Statistics read the facts migration 0003 keeps by triggers; if the cached data set predates it,
both copies are migrated in place first (benchmark data: no pre-migration backup is made).

Run: `.venv/bin/python -m benchmarks.stats_bench [--calls 1000000] [--year 2025] [--repeat 5]`
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial
from typing import cast

from sqlalchemy import text

from benchmarks.dataset import PASSPHRASE, USER, Dataset, dataset
from benchmarks.report import Row, each_store, median, merged, print_table, timed_cpu_ms, timed_ms
from sosdesk.stats.ctdc_export import ctdc_export
from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.periods import Period
from sosdesk.stats.report import build_report
from sosdesk.store import migrate
from sosdesk.store.database import Database
from sosdesk.store.engine import make_engine
from sosdesk.store.keyfile import KeyFile, keyfile_path


def upgrade_in_place(ds: Dataset) -> None:
    """Bring both copies to the current schema (no backup: this is generated data)."""
    key = KeyFile.load(keyfile_path(ds.encrypted)).unlock(USER, PASSPHRASE)
    for path, k in ((ds.encrypted, key), (ds.plain, None)):
        engine = make_engine(path, k)
        try:
            if migrate.needs_upgrade(engine):
                started = time.perf_counter()
                migrate.upgrade(engine)
                print(f"  migrated {path.name} in {time.perf_counter() - started:.0f} s")
        finally:
            engine.dispose()


def _steps(year: int) -> list[tuple[str, str, Callable[[Database], object]]]:
    period = Period.year(year)
    return [
        (
            f"year {year}: all statistics",
            "≤ 1 s",
            lambda db: compute_dashboard(db, period, compare=False),
        ),
        (
            f"year {year} + {year - 1} for comparison",
            "—",
            lambda db: compute_dashboard(db, period, compare=True),
        ),
        (
            f"month {year}-06 + previous month",
            "—",
            lambda db: compute_dashboard(db, Period.month(year, 6), compare=True),
        ),
        (
            f"annual report {year}: PDF + CSV (sr-Cyrl)",
            "≤ 5 s",
            lambda db: build_report(db, year, "sr-Cyrl"),
        ),
        (f"CTDC export {year} (k = 11)", "—", lambda db: ctdc_export(db, year)),
    ]


def _measure(calls: int, year: int, repeat: int, encrypted: bool) -> dict[str, object]:
    """First run and repeats of every step on one store, in this (child) process."""
    db = dataset(calls).open(encrypted=encrypted)
    try:
        with db.session() as s:
            n = s.execute(text("SELECT count(*) FROM calls")).scalar_one()
        first: dict[str, float] = {}
        samples: dict[str, list[float]] = {}
        for label, _budget, fn in _steps(year):
            first[label] = timed_ms(partial(fn, db))
            both = [timed_cpu_ms(partial(fn, db)) for _ in range(repeat)]
            samples[label] = [wall for wall, _cpu in both]
            samples[f"{label}|cpu"] = [cpu for _wall, cpu in both]
        return {"calls": n, "first": first, "samples": samples}
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2, help="rounds per store (E P, P E, ...)")
    args = parser.parse_args()
    upgrade_in_place(dataset(args.calls))
    # Each store in its own process: nothing one store's driver sets up can tax the other.
    runs = each_store(_measure, args.calls, args.year, args.repeat, rounds=args.rounds)
    enc, plain = runs[True][0], runs[False][0]
    e_first, p_first = cast(dict[str, float], enc["first"]), cast(dict[str, float], plain["first"])
    e_runs = merged([cast(dict[str, list[float]], r["samples"]) for r in runs[True]])
    p_runs = merged([cast(dict[str, list[float]], r["samples"]) for r in runs[False]])
    rows: list[Row] = []
    for label, budget, _fn in _steps(args.year):
        rows.append(Row(f"{label} — first run (round 1)", e_first[label], p_first[label], budget))
        rows.append(
            Row(
                f"{label} — median of {args.repeat} × {args.rounds}",
                median(e_runs[label]),
                median(p_runs[label]),
                budget,
            )
        )
    print_table(f"Statistics over {enc['calls']:,} calls (issue 7)", rows)
    print_table(
        "Statistics, CPU time of the measuring process (what other load does not stretch)",
        [
            Row(
                f"{label} — CPU, median of {args.repeat} × {args.rounds}",
                median(e_runs[f"{label}|cpu"]),
                median(p_runs[f"{label}|cpu"]),
                "ratio ≤ 1.1",
            )
            for label, _budget, _fn in _steps(args.year)
        ],
    )


if __name__ == "__main__":
    main()
