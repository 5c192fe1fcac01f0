"""Sync: the share of the encrypted export's and import's CPU time spent on page encryption,
sampled by Linux `perf` (a profiler nobody here wrote).

Wall-time ratios of two runs move with this machine's speed, which drifts by up to 2x over
minutes, more than the encryption costs. A share of samples inside one process does not: the
whole process slows alike. The page cipher runs inside SQLCipher's module (AES, the page HMAC,
OpenSSL's glue and SQLCipher's codec); its share s of the encrypted run bounds the ratio the
encryption alone can cause, 1 / (1 - s). The same symbols are counted in the plain run, where
they must be near zero (the batch's own seal and hash use other libraries).

Run: `.venv/bin/python -m benchmarks.cipher_share_bench [--changes N]` (needs `perf`; says so if not).
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
from benchmarks.report import in_child, load_line

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


def _sampled(what: str, root: Path, encrypted: bool) -> float:
    """Run one export or import under `perf record`; the percentage of its samples in the
    page cipher."""
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
    share = 0.0
    for line in report.splitlines():
        m = _LINE.match(line)
        if m and m.group(2).startswith("_sqlite3") and _CIPHER.match(m.group(3)):
            share += float(m.group(1))
    return share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--changes", type=int, default=100_000)
    args = parser.parse_args()
    if shutil.which("perf") is None:
        print("perf is not installed (Debian: linux-perf): nothing measured.")
        return
    shares: dict[tuple[str, bool], float] = {}
    with tempfile.TemporaryDirectory(prefix="cipher-share-") as tmp:
        for encrypted in (True, False):
            root = Path(tmp) / ("enc" if encrypted else "plain")
            root.mkdir()
            sync_bench._setup(root, encrypted, args.changes)
            (root / "stick").mkdir()
            # The import needs the desk's batch: exported once from a copy, so the data set
            # stays as built for the sampled export.
            first = sync_bench._copy(root / "desk.db", "desk-first.db")
            in_child(sync_bench._export, str(first), encrypted, str(root / "stick"))
            for what in ("export", "import"):
                shares[(what, encrypted)] = _sampled(what, root, encrypted)
    print(f"\n### Page encryption's share of the CPU, {args.changes:,} changes (perf samples)\n")
    print("| operation | share, encrypted | share, plain | ratio it can cause | budget |")
    print("|---|---:|---:|---:|---|")
    for what in ("export", "import"):
        enc, plain = shares[(what, True)], shares[(what, False)]
        bound = 1 / (1 - enc / 100)
        print(f"| {what} | {enc:.1f} % | {plain:.1f} % | {bound:.2f} | ≤ 1.1 |")
    print("\n" + load_line())


if __name__ == "__main__":
    main()
