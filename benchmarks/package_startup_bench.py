"""Cold and warm start to the unlock screen: the PyInstaller bundle against the source install.

Wall time from starting the program in a new process until the unlock screen is painted
(SOSDESK_STARTUP_PROBE=1, offscreen). "Cold" first evicts the program's own files from the
page cache (posix_fadvise DONTNEED on every file of the bundle, or of the interpreter, the
virtualenv and the sources), so no other process loses its cache; pages another running
process has mapped stay in memory, so a shared virtualenv can look warmer than it is.

Run: `.venv/bin/python -m benchmarks.package_startup_bench BUNDLE_DIR DB [--runs N]`
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def evict(folders: list[Path]) -> int:
    """Drop the cached pages of every file under `folders`; returns the number of files."""
    count = 0
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                try:
                    fd = os.open(path, os.O_RDONLY)
                except OSError:
                    continue
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                    count += 1
                finally:
                    os.close(fd)
    return count


def one_start(command: list[str], db: str, env_extra: dict[str, str]) -> float:
    """Seconds from starting `command --db DB` until it reports the unlock screen."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/root"),
        "QT_QPA_PLATFORM": "offscreen",
        "SOSDESK_STARTUP_PROBE": "1",
        "SOSDESK_USER": "operater",
        **env_extra,
    }
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*command, "--db", db],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    shown = float("nan")
    for line in proc.stdout:
        if line.startswith("unlock-screen"):
            shown = time.perf_counter() - started
            break
    proc.wait(timeout=120)
    return shown


def main() -> None:
    """Print a Markdown table: cold (after eviction) and warm (median) for both installs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("db")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bundle = args.bundle.resolve()
    venv = Path(sys.prefix)
    python_home = Path(sysconfig.get_config_var("LIBDIR") or sys.base_prefix)
    installs = {
        "bundle (PyInstaller one-folder)": (
            [str(bundle / "sosdesk")],
            {},
            [bundle],
        ),
        "source (venv, python -m sosdesk)": (
            [sys.executable, "-m", "sosdesk"],
            {"PYTHONPATH": str(ROOT / "src")},
            [venv, python_home, ROOT / "src", ROOT / "resources", ROOT / "migrations"],
        ),
    }
    print(f"| install | cold start (s) | warm start, median of {args.runs} (s) |")
    print("|---|---:|---:|")
    for name, (command, extra, folders) in installs.items():
        evict(folders)
        cold = one_start(command, args.db, extra)
        warm = statistics.median(one_start(command, args.db, extra) for _ in range(args.runs))
        print(f"| {name} | {cold:.2f} | {warm:.2f} |")
    print(f"\nload average before the last run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
