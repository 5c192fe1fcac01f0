"""Sync: how much encryption costs the export and the import, from `perf` samples (a profiler
nobody here wrote) rather than from two wall times.

Wall-time ratios of two runs move with this machine's speed, which drifts by up to 2x over
minutes, more than the encryption costs. Shares of samples inside one process do not: the whole
process slows alike. Two shares are read from each run:
- the page cipher's (AES, the page HMAC, OpenSSL's glue and SQLCipher's codec, all inside
  SQLCipher's module): its share s of the encrypted run bounds what the cipher's own work can
  cost, 1 / (1 - s); in the plain run it must be near zero (the control);
- the interpreter's: CPython runs the same code for both stores, so the ratio of its shares,
  plain over encrypted, is the ratio of the runs' whole CPU as if both had run at one speed. It
  also counts what the cipher costs elsewhere (SQLite, libc and the kernel waiting on cache
  misses), which the first share cannot see. It is not steadier than the wall times: the
  interpreter's share itself moved by 2 points between two plain runs (47.4% and 49.3%), so
  one pair reads anywhere from 1.05 to 1.15; take the median of several runs.

Run: `.venv/bin/python -m benchmarks.cipher_share_bench [--changes N] [--runs N]` (needs `perf`;
says so if not).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import sync_bench
from benchmarks.report import in_child, load_line, median

# Symbols of the page cipher, in the module SQLCipher is linked into: OpenSSL's AES and SHA
# kernels and its EVP/HMAC/provider glue, SQLCipher's codec. Nothing of SQLite's own.
_CIPHER = re.compile(
    r"^(aesni_|aes_|_?sha256_|_?sha512_|sqlcipher_|EVP_|evp_|HMAC|hmac_|ossl_|OPENSSL_|"
    r"CRYPTO_|ctr_|drbg_|RAND_|rand_|ERR_|OSSL_|md_|cipher_)"
)
_LINE = re.compile(r"^\s*([\d.]+)%\s+(\S+)\s+\[\.\]\s+(\S+)")


def _child(what: str, path: str, encrypted: bool, stick: str, receipts: str) -> None:
    if what == "export":
        sync_bench._export(path, encrypted, stick)
    else:
        sync_bench._import(path, encrypted, stick, receipts)


def _sampled(what: str, root: Path, encrypted: bool) -> tuple[float, float]:
    """Run one export or import under `perf record`; the percentages of its samples in the
    page cipher and in the interpreter."""
    stick, receipts = root / "stick", root / "receipts"
    if what == "export":
        stick = root / "stick-sampled"
        shutil.rmtree(stick, ignore_errors=True)
        stick.mkdir()
        target = sync_bench._copy(root / "desk.db", "desk-run.db")
    else:
        target = sync_bench._copy(root / "office.db", "office-run.db")
    shutil.rmtree(receipts, ignore_errors=True)
    receipts.mkdir()
    data = root / f"{what}.perf"
    code = (
        "import sys; from benchmarks.cipher_share_bench import _child; "
        "_child(sys.argv[1], sys.argv[2], sys.argv[3] == '1', sys.argv[4], sys.argv[5])"
    )
    flag = "1" if encrypted else "0"
    run = [sys.executable, "-c", code, what, str(target), flag, str(stick), str(receipts)]
    subprocess.run(
        ["perf", "record", "-q", "-F", "999", "-e", "cpu-clock", "-o", str(data), "--", *run],
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    report = subprocess.run(
        ["perf", "report", "-i", str(data), "--sort", "dso,sym", "--stdio", "-q"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    cipher = interpreter = 0.0
    for line in report.splitlines():
        m = _LINE.match(line)
        if not m:
            continue
        if m.group(2).startswith("_sqlite3") and _CIPHER.match(m.group(3)):
            cipher += float(m.group(1))
        elif m.group(2).startswith(("libpython", "python")):
            interpreter += float(m.group(1))
    return cipher, interpreter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2, help="sampled runs per store and step")
    args = parser.parse_args()
    if shutil.which("perf") is None:
        print("perf is not installed (Debian: linux-perf): nothing measured.")
        return
    shares: dict[tuple[str, bool], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="cipher-share-") as tmp:
        roots = {enc: Path(tmp) / ("enc" if enc else "plain") for enc in (True, False)}
        for encrypted, root in roots.items():
            root.mkdir()
            sync_bench._setup(root, encrypted, args.changes)
            (root / "stick").mkdir()
            # The import needs the desk's batch: exported once from a copy, so the data set
            # stays as built for the sampled export.
            first = sync_bench._copy(root / "desk.db", "desk-first.db")
            in_child(sync_bench._export, str(first), encrypted, str(root / "stick"))
        for r in range(args.runs):
            for encrypted in (True, False) if r % 2 == 0 else (False, True):
                for what in ("export", "import"):
                    got = _sampled(what, roots[encrypted], encrypted)
                    shares.setdefault((what, encrypted), []).append(got)
    print(f"\n### What encryption costs the sync, {args.changes:,} changes (perf samples)\n")
    print(
        "| operation | cipher's share, enc / plain | ratio the cipher can cause | "
        "interpreter's share, enc / plain | whole-run ratio at one speed | budget |"
    )
    print("|---|---:|---:|---:|---:|---|")
    for what in ("export", "import"):
        enc, plain = shares[(what, True)], shares[(what, False)]
        cipher_enc, cipher_plain = median(c for c, _ in enc), median(c for c, _ in plain)
        py_enc, py_plain = median(p for _, p in enc), median(p for _, p in plain)
        print(
            f"| {what} | {cipher_enc:.1f} % / {cipher_plain:.1f} % | "
            f"{1 / (1 - cipher_enc / 100):.2f} | {py_enc:.1f} % / {py_plain:.1f} % | "
            f"{py_plain / py_enc:.2f} | ≤ 1.1 |"
        )
    print(f"\nMedians of {args.runs} sampled run(s) per store, in the order E P, P E, ...")
    print(load_line())


if __name__ == "__main__":
    main()
