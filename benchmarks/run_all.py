"""Run every `benchmarks/*_bench.py` in turn (`make bench`); each prints its own tables, with
the machine's load under every one. `--calls N` is passed on to the benchmarks that take it.

Run: `.venv/bin/python -m benchmarks.run_all [--calls N] [name ...]`
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from benchmarks.report import load_line

# Benchmarks that measure on the cached data set of N calls (flag they take it with).
# store_bench is not one: its --calls is how many calls it inserts, one service call each.
_SIZED = {
    "client_file_bench": "--calls",
    "intake_bench": "--calls",
    "lookup_bench": "--calls",
    "maintenance_bench": "--calls",
    "stats_bench": "--calls",
    "startup_bench": "--calls",
    "unlock_bench": "--calls",
    "documents_bench": "--dataset",
}
# Benchmarks that measure something the checkout does not hold: run by hand, named.
_BY_HAND = {
    "package_startup_bench": "needs a built bundle and a database (see its docstring)",
}


def main() -> int:
    """Run the benchmarks named on the command line, or all of them."""
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=0, help="data set size (default: each own)")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    names = args.names or sorted(p.stem for p in here.glob("*_bench.py"))
    failed = []
    for name in names:
        if name in _BY_HAND and not args.names:
            print(f"\n## {name}\n\nnot run: {_BY_HAND[name]}", flush=True)
            continue
        print(f"\n## {name}\n\n{load_line()} (before)", flush=True)
        extra = [_SIZED[name], str(args.calls)] if args.calls and name in _SIZED else []
        cmd = [sys.executable, "-m", f"benchmarks.{name}", *extra]
        if subprocess.call(cmd, cwd=here.parent) != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
