"""Erasing many clients on a demo data set (issue 13): time per client, the vacuum at the end,
and the file size before and after.

A copy of the cached encrypted data set is used (the cache stays as built). Every client is
erased through the service (tombstone, audit, outbox scrub), without the per-client vacuum;
one vacuum (with the search index rebuilt) follows.

Run: `.venv/bin/python -m benchmarks.erasure_bench [--calls N] [--clients K]`
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from benchmarks.dataset import PASSPHRASE, USER, dataset
from benchmarks.report import flushed_copy
from sosdesk.services.erasure import compact_file, forget
from sosdesk.store.database import Database
from sosdesk.store.keyfile import keyfile_path


def _size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def main() -> None:
    """Build or reuse the data set, erase `--clients` clients, print the figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=1000)
    args = ap.parse_args()
    ds = dataset(args.calls)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "copy.db"
        flushed_copy(ds.encrypted, path)
        shutil.copy2(keyfile_path(ds.encrypted), keyfile_path(path))
        db = Database.open(path, user=USER, passphrase=PASSPHRASE)
        try:
            db.checkpoint()
            before = _size(path)
            with db.engine.connect() as c:
                codes = [
                    r[0]
                    for r in c.execute(
                        text("SELECT code FROM clients ORDER BY code LIMIT :n"), {"n": args.clients}
                    )
                ]
                n_clients = c.execute(text("SELECT count(*) FROM clients")).scalar_one()
            started = time.perf_counter()
            for code in codes:
                forget(db, code, "erase", "benchmark", despite_proceeding=True, compact=False)
            erased = time.perf_counter() - started
            db.checkpoint()
            mid = _size(path)
            started = time.perf_counter()
            compact_file(db)
            vacuum = time.perf_counter() - started
            after = _size(path)
        finally:
            db.close()
    load = os.getloadavg()[0]
    print(f"data set: {args.calls:,} calls, {n_clients:,} clients; load average {load:.1f}")
    print(
        f"erased {len(codes):,} clients in {erased:.1f} s ({erased / len(codes) * 1000:.0f} ms each)"
    )
    print(f"vacuum (search index rebuilt): {vacuum:.1f} s")
    print(
        f"file: {before / 2**20:.1f} MiB before, {mid / 2**20:.1f} MiB after erasing, "
        f"{after / 2**20:.1f} MiB after vacuum"
    )


if __name__ == "__main__":
    main()
