"""Timing helpers and the encrypted-vs-plain table every benchmark prints."""

from __future__ import annotations

import multiprocessing
import os
import random
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
RATIO_BUDGET = 1.1  # encrypted vs plain, each store in its own process (DESIGN.md §8)


@dataclass(frozen=True)
class Row:
    """One measured operation on both stores."""

    operation: str
    encrypted_ms: float
    plain_ms: float
    budget: str

    @property
    def ratio(self) -> float:
        return self.encrypted_ms / self.plain_ms if self.plain_ms else float("nan")


def timed_ms(fn: Callable[[], object]) -> float:
    """Wall time of one call, in milliseconds."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def timed_cpu_ms(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall time and this process's CPU time of one call (ms): on a shared machine the CPU
    time is what the other programs' load does not stretch."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000


def p95(samples: Iterable[float]) -> float:
    """95th percentile."""
    data = sorted(samples)
    return data[min(len(data) - 1, round(0.95 * (len(data) - 1)))]


def median(samples: Iterable[float]) -> float:
    """Median."""
    return statistics.median(list(samples))


def print_table(title: str, rows: list[Row]) -> None:
    """A Markdown table: operation, encrypted, plain, ratio, budget."""
    print(f"\n### {title}\n")
    print("| operation | encrypted | plain SQLite | ratio | budget |")
    print("|---|---:|---:|---:|---|")
    for r in rows:
        print(
            f"| {r.operation} | {r.encrypted_ms:,.1f} ms | {r.plain_ms:,.1f} ms | "
            f"{r.ratio:.2f} | {r.budget} |"
        )
    over = [r.operation for r in rows if r.ratio > RATIO_BUDGET]
    print(
        f"\nencrypted/plain ≤ {RATIO_BUDGET}: "
        + (f"over on {len(over)} of {len(rows)} rows" if over else f"met on all {len(rows)} rows")
    )
    print(load_line())


def load_line() -> str:
    """The machine's load average, printed under every table."""
    return f"Machine load (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}"


def in_child(fn: Callable[..., T], *args: object) -> T:
    """Run `fn(*args)` in a fresh (spawned) process and return its result: each store is
    measured in a process of its own, so nothing one driver sets up can tax the other. Not a
    Pool's daemonic worker: what is measured may start processes of its own (the page check)."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(fn, *args).result()


def each_store(fn: Callable[..., T], *args: object, rounds: int = 2) -> dict[bool, list[T]]:
    """`fn(*args, encrypted)` in a process of its own per store and round, in the order
    E P, P E, E P ...: on a shared machine a burst of other load then lands on both stores
    alike. Returns each store's results (True: encrypted), one per round."""
    out: dict[bool, list[T]] = {True: [], False: []}
    for r in range(rounds):
        for encrypted in (True, False) if r % 2 == 0 else (False, True):
            out[encrypted].append(in_child(fn, *args, encrypted))
    return out


def merged(runs: list[dict[str, list[float]]]) -> dict[str, list[float]]:
    """The samples of several rounds, per key, as one list."""
    return {k: [x for run in runs for x in run[k]] for k in runs[0]}


# `ru_maxrss` from wait4 is useless for a child of a big benchmark process: Linux carries the
# parent's high-water mark across fork and exec. The child's own VmHWM is read instead, at exit.
_PEAK_LAUNCHER = (
    "import atexit, runpy, sys\n"
    "def _peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('peak-kib ' + line.split()[1] + '\\n')\n"
    "atexit.register(_peak)\n"
    "sys.argv[0] = 'sosdesk'\n"
    "runpy.run_module('sosdesk', run_name='__main__', alter_sys=True)\n"
)


def compile_sources() -> None:
    """Compile sosdesk's modules to bytecode, as installing the wheel or the bundle does: a
    checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile them at every start."""
    import compileall

    import sosdesk

    compileall.compile_dir(os.path.dirname(sosdesk.__file__), quiet=1)


def sosdesk_argv(*args: str) -> list[str]:
    """`python -m sosdesk ARGS` that prints `peak-kib N` (its VmHWM) on stderr at exit."""
    return [sys.executable, "-c", _PEAK_LAUNCHER, *args]


def peak_mb(stderr: str) -> float:
    """The peak printed by a process started with `sosdesk_argv` (MB), NaN if none."""
    for line in stderr.splitlines():
        if line.startswith("peak-kib "):
            return int(line.split()[1]) / 1024
    return float("nan")


def flushed_copy(source: Path, target: Path) -> None:
    """Copy a file and flush the copy to disk before anything is timed on it: else the first
    checkpoint's fsync writes the copy out, and one timed step is billed for it (a save of
    the intake benchmark took 1,480 ms so, against 20 ms with the copy flushed)."""
    shutil.copy2(source, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def evict(path: Path) -> None:
    """Drop a database file (and its WAL) from the OS page cache: only our own files."""
    for p in (path, path.with_name(path.name + "-wal")):
        try:
            fd = os.open(p, os.O_RDONLY)
        except FileNotFoundError:
            continue
        try:
            os.fsync(fd)  # dirty pages cannot be dropped
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def read_once_s(path: Path) -> float:
    """Seconds to read every byte of `path` once, evicted first: what the disk gives without
    check. Eviction reaches this system's cache only: a virtual machine's host may still hold
    the file (on one benchmark host, 607 MB/s so against 217 MB/s for a file it had not kept)."""
    evict(path)
    started = time.perf_counter()
    with path.open("rb", buffering=0) as f:
        while f.read(8 << 20):
            pass
    return time.perf_counter() - started


def random_reads_ms(path: Path, reads: int = 300) -> list[float]:
    """Milliseconds of each of `reads` random 4 KiB reads of `path`, evicted first: how fast
    the disk answered the cold figures measured beside them (see `read_once_s`)."""
    evict(path)
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_RANDOM)  # one page each, no read-ahead
        pages = os.fstat(fd).st_size // 4096
        picks = random.Random(len(path.name)).sample(range(pages), min(reads, pages))
        out = []
        for page in picks:
            started = time.perf_counter()
            os.pread(fd, 4096, page * 4096)
            out.append((time.perf_counter() - started) * 1000)
        return out
    finally:
        os.close(fd)


def _children_peak_kib() -> int:
    pids = [
        pid
        for task in Path("/proc/self/task").iterdir()
        for pid in (task / "children").read_text().split()
    ]
    peak = 0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue  # it has just ended
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]))
    return peak


@contextmanager
def children_peak() -> Iterator[list[float]]:
    """[MB]: the largest peak (VmHWM) of this process's children while the block runs, read
    ten times a second (the page check's own process; 0 when none ran)."""
    peak, stop = [0.0], threading.Event()

    def watch() -> None:
        while not stop.wait(0.1):
            peak[0] = max(peak[0], _children_peak_kib() / 1024)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield peak
    finally:
        stop.set()
        watcher.join()


def own_peak_mb() -> float:
    """This process's own peak resident memory (VmHWM, MB)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")
