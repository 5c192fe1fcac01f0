"""Run every `benchmarks/*_bench.py` in turn (`make bench`); each prints its own table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    """Run the benchmarks named on the command line, or all of them."""
    here = Path(__file__).resolve().parent
    names = sys.argv[1:] or sorted(p.stem for p in here.glob("*_bench.py"))
    failed = 0
    for name in names:
        print(f"\n## {name}", flush=True)
        failed += (
            subprocess.call([sys.executable, "-m", f"benchmarks.{name}"], cwd=here.parent) != 0
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
