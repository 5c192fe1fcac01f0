"""Demo data sets for benchmarks, built once and cached under benchmarks/.data/ (git-ignored).

The same seeded data is built twice: in an encrypted database and in a plain SQLite one, so
every benchmark can report both side by side. Shaped like the design (DESIGN.md §8): the demo
generator's calls, clients and timelines, topped up by `sosdesk.demo.history` to two events per
call, follow-ups, and the outbox row and audit entry the services write for every synced row.
"""

from __future__ import annotations

import fcntl
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.plain import create_plain_database, open_plain_database
from sosdesk.demo.generator import generate
from sosdesk.demo.history import add_history
from sosdesk.store import kdf
from sosdesk.store.database import Database

DATA = Path(__file__).resolve().parent / ".data"
USER = "bench"
PASSPHRASE = "benchmark-passphrase"
# Bumped when the shape of the data changes, so an older cached set is not measured as this one.
SHAPE = "d5"


@dataclass(frozen=True)
class Dataset:
    """Paths of one data set."""

    encrypted: Path
    plain: Path
    calls: int

    def open(self, encrypted: bool) -> Database:
        """Unlock the encrypted copy (real Argon2id) or open the plain one."""
        if encrypted:
            return Database.open(self.encrypted, user=USER, passphrase=PASSPHRASE)
        return open_plain_database(self.plain, user=USER)


def _progress(done: int, total: int, label: str) -> None:
    if done >= total:
        print(f"  {label}: {total:,}", file=sys.stderr)


def dataset(calls: int = 1_000_000, seed: int = 2026, history: bool = True) -> Dataset:
    """The cached data set with `calls` calls (built on first use; a lock keeps builds single).

    `history=False` leaves out the write history (second event per call, follow-ups, outbox,
    audit): a lighter set for lookup at sizes whose full set would not fit this disk, since
    lookup reads none of those tables.
    """
    DATA.mkdir(exist_ok=True)
    shape = SHAPE if history else "lookup"
    ds = Dataset(DATA / f"enc-{calls}-{shape}.db", DATA / f"plain-{calls}-{shape}.db", calls)
    with open(DATA / f"build-{calls}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for encrypted, path in ((True, ds.encrypted), (False, ds.plain)):
            done_mark = path.with_suffix(".done")
            if done_mark.exists():
                continue
            for p in path.parent.glob(path.name + "*"):
                p.unlink()
            started = time.perf_counter()
            print(f"building {path.name} ({calls:,} calls)...", file=sys.stderr)
            if encrypted:
                db, _ = Database.create(
                    path, user=USER, passphrase=PASSPHRASE, desk="BG1", kdf=kdf.DEFAULT_KDF
                )
            else:
                db = create_plain_database(path, user=USER)
            try:
                demo = generate(db, calls, seed, _progress)
                made = time.perf_counter() - started
                added = (
                    add_history(db, seed + 1, calls, demo.long_client_code, _progress)
                    if history
                    else "no history"
                )
            finally:
                db.close()
            took = time.perf_counter() - started
            done_mark.write_text(
                f"{took:.1f} s (demo {made:.1f} s, history {took - made:.1f} s): {added}\n"
            )
            print(f"  built in {took:.1f} s (demo {made:.1f} s)", file=sys.stderr)
    return ds


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    d = dataset(n, history="--without-history" not in sys.argv)
    print(d.encrypted, d.plain)
