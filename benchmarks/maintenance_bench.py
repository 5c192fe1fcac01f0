"""Maintenance at scale (issue 21): `verify` and `backup` of a desk whose audit log holds
millions of entries, time and peak memory, encrypted vs plain, each in its own process.

The data set is the cached demo set (`--calls`) copied and given `--audit` extra audit entries,
chained exactly as the store writes them (`store.audit.append_many`, one transaction per 50,000),
cached under benchmarks/.data/. Two measurements:

- the check itself (every page's HMAC beside the streamed audit-chain check, as `sosdesk
  verify` runs them; with `--full` also `verify --full`, which adds `integrity_check`), and the
  backup (`backup_engine`:
  export, then the check of the copy), in a spawned process per store; peak memory is that
  process's own high-water mark (VmHWM);
- the real commands, `sosdesk verify` and `sosdesk backup`, in a new process each (encrypted
  only: a plain database has no key file), wall time and the command's own VmHWM.

"Not in the OS cache" means evicted from this system's cache (`report.evict`). On a virtual
machine the host may still hold the file, and a check then reads faster than the disk could
give it; the row "read the file once" says what the disk gave at that moment, so a reader can
tell a check bound by the disk from one bound by the processor.

Run: `.venv/bin/python -m benchmarks.maintenance_bench [--calls N] [--audit N]`
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.dataset import DATA, PASSPHRASE, SHAPE, USER, Dataset, dataset
from benchmarks.plain import open_plain_database
from benchmarks.report import (
    children_peak,
    evict,
    in_child,
    load_line,
    own_peak_mb,
    peak_mb,
    read_once_s,
    sosdesk_argv,
)
from sosdesk.store.audit import append_many, check_file_chain
from sosdesk.store.backup import backup_engine
from sosdesk.store.database import Database
from sosdesk.store.page_checks import pages_checked_beside

_CHUNK = 50_000
VERIFY_BUDGET_S = 30.0
MEMORY_BUDGET_MB = 300.0


def _grow(ds: Dataset, audit: int, encrypted: bool) -> Path:
    """A copy of the data set's store with `audit` more audit entries (built once)."""
    source = ds.encrypted if encrypted else ds.plain
    if audit == 0:
        return source  # the data set as built: its own audit log, no copy
    target = DATA / f"{'enc' if encrypted else 'plain'}-{ds.calls}-{SHAPE}-audit-{audit}.db"
    done = target.with_suffix(".done")
    if done.exists():
        return target
    print(f"building {target.name}...", file=sys.stderr)
    shutil.copyfile(source, target)
    if encrypted:
        shutil.copyfile(Path(f"{source}.keys"), Path(f"{target}.keys"))
    opened = _open(target, encrypted)
    try:
        at = datetime.now(UTC)
        for start in range(0, audit, _CHUNK):
            entries: list[tuple[str, str, str | None, dict[str, Any]]] = [
                ("view", "client", f"{n:032x}", {"reason": "benchmark", "n": n})
                for n in range(start, min(audit, start + _CHUNK))
            ]
            with opened.session() as s, s.begin():
                append_many(s, at, USER, entries)
    finally:
        opened.close()
    done.write_text("built\n")
    return target


def _open(path: Path, encrypted: bool) -> Database:
    if encrypted:
        return Database.open(path, user=USER, passphrase=PASSPHRASE)
    return open_plain_database(path, user=USER)


def check_in_child(path: str, full: bool, encrypted: bool, cold: bool) -> tuple[float, float]:
    """(seconds, peak MB) of the check as `sosdesk verify [--full]` runs it: the page checks
    beside the streamed audit chain; `cold`: the file evicted from the OS cache first. The peak
    is the larger of this process's and the page check's own process's (page_checks.py)."""
    db = _open(Path(path), encrypted)
    key = db.data_key if encrypted else None
    db.close()
    if cold:
        evict(Path(path))
    started = time.perf_counter()
    checked = pages_checked_beside(Path(path), key, full=full)  # type: ignore[arg-type]
    with children_peak() as child, checked as pages:
        problems = [p.message for p in check_file_chain(Path(path), key).problems]
        problems += pages.result()
    assert not problems, problems
    return time.perf_counter() - started, max(own_peak_mb(), child[0])


def backup_in_child(path: str, cold: bool) -> tuple[float, float]:
    """(seconds, peak MB) of an encrypted backup, every page of its copy checked; `cold`: the
    file evicted from the OS cache first."""
    db = _open(Path(path), True)
    if cold:
        evict(Path(path))
    out = Path(tempfile.mkdtemp(dir=DATA)) / "copy.db"
    try:
        started = time.perf_counter()
        backup_engine(db.engine, db.data_key, out)
        return time.perf_counter() - started, own_peak_mb()
    finally:
        db.close()
        shutil.rmtree(out.parent, ignore_errors=True)


def command(*argv: str, cold: Path | None = None) -> tuple[float, float]:
    """(seconds, peak MB) of one `sosdesk` command in a new process (`cold`: that file evicted
    from the OS cache first); the peak is the command's own."""
    if cold is not None:
        evict(cold)
    env = dict(os.environ, SOSDESK_USER=USER, SOSDESK_PASSPHRASE=PASSPHRASE)
    started = time.perf_counter()
    done = subprocess.run(
        sosdesk_argv(*argv), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"sosdesk {argv[0]} failed")
    return time.perf_counter() - started, peak_mb(done.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--audit", type=int, default=2_000_000, help="0: the set's own log")
    parser.add_argument("--full", action="store_true", help="also time `verify --full`")
    args = parser.parse_args()
    ds = dataset(args.calls)
    enc, plain = _grow(ds, args.audit, True), _grow(ds, args.audit, False)
    size = enc.stat().st_size / 2**20
    rows: list[str] = []
    memory = f"≤ {MEMORY_BUDGET_MB:.0f} MB"
    both = f"≤ {VERIFY_BUDGET_S:.0f} s, {memory}"
    for cold in (False, True):
        cache = "file not in the OS cache" if cold else "file in the OS cache"
        checks = [("check (every page's HMAC + audit chain)", False, both)]
        if args.full:
            checks.append(("full check (+ integrity_check)", True, memory))
        for name, full, budget in checks:
            on_enc = in_child(check_in_child, str(enc), full, True, cold)
            on_plain = in_child(check_in_child, str(plain), full, False, cold)
            rows.append(
                f"| {name}, {cache} | {on_enc[0]:.1f} s | {on_plain[0]:.1f} s | "
                f"{on_enc[0] / on_plain[0]:.2f} | {on_enc[1]:.0f} / {on_plain[1]:.0f} MB "
                f"| {budget} |"
            )
        backup_enc = in_child(backup_in_child, str(enc), cold)
        rows.append(
            f"| backup (copy, every page's HMAC checked beside it), {cache} | "
            f"{backup_enc[0]:.1f} s | – | – | {backup_enc[1]:.0f} MB "
            f"| {both} |"
        )
        if cold:
            secs = read_once_s(enc)
            rows.append(
                f"| read the file once, nothing checked, {cache} | {secs:.1f} s "
                f"({size / secs:,.0f} MB/s) | – | – | – | |"
            )
        out = Path(tempfile.mkdtemp(dir=DATA))
        evicted = enc if cold else None
        try:
            verify_cmd = command("verify", "--db", str(enc), cold=evicted)
            backup_cmd = command(
                "backup", "--db", str(enc), "--out", str(out / "copy.db"), cold=evicted
            )
        finally:
            shutil.rmtree(out, ignore_errors=True)
        for name, (secs, mb) in (("verify", verify_cmd), ("backup", backup_cmd)):
            rows.append(
                f"| `sosdesk {name}` (new process), {cache} | {secs:.1f} s | – | – "
                f"| {mb:.0f} MB | {both} |"
            )
    extra = f" + {args.audit:,} audit entries" if args.audit else " (its own audit log)"
    title = f"{args.calls:,} calls{extra}, {size:,.0f} MB encrypted"
    print(f"\n### Maintenance: {title}\n")
    print(load_line() + "\n")
    print("| operation | encrypted | plain SQLite | ratio | peak memory (enc / plain) | budget |")
    print("|---|---:|---:|---:|---:|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
