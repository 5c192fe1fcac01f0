"""Caller lookup as you type (issue 3): p50/p95 of `search()` for 1-, 2-, 3- and 6-character
queries in each script (Serbian Latin with diacritics, Cyrillic, ASCII spelling) and for phone
fragments, on the data set of 1,000,000 calls and 100,000 clients; encrypted vs plain SQLite.

Queries are prefixes of names, places and words of call summaries, as an operator types them.
Each query runs three times; the first run of each (colder pages) counts too. Each store is
measured in a process of its own.

Run: `.venv/bin/python -m benchmarks.lookup_bench [--calls N]`
"""

from __future__ import annotations

import argparse
import random
from functools import partial

from benchmarks.dataset import dataset
from benchmarks.report import Row, in_child, median, p95, print_table, timed_ms
from sosdesk.demo import corpus
from sosdesk.domain.translit import latin_to_cyrillic
from sosdesk.services.search import search

LENGTHS = (1, 2, 3, 6)
PER_CELL = 30
ROUNDS = 3
_ASCII = {
    "č": "c",
    "ć": "c",
    "š": "s",
    "ž": "z",
    "đ": "dj",
    "Č": "C",
    "Ć": "C",
    "Š": "S",
    "Ž": "Z",
    "Đ": "Dj",
}


def ascii_spelling(word: str) -> str:
    """How a Serbian word is typed without diacritics (Đorđe -> Djordje)."""
    return "".join(_ASCII.get(ch, ch) for ch in word)


def _words() -> list[str]:
    summary_words = {
        w.strip(".,;:()")
        for t in corpus.CLIENT_SUMMARIES + corpus.INFO_SUMMARIES
        for w in t.split()
        if "{" not in w
    }
    words = [
        *corpus.FEMALE,
        *corpus.MALE,
        *corpus.FAMILY,
        *corpus.CITIES,
        *sorted(w for w in summary_words if len(w) >= 6),
    ]
    return [w for w in words if len(w) >= 6]


def queries(seed: int = 3) -> dict[str, list[str]]:
    """Cell name -> the queries typed for it."""
    rng = random.Random(seed)
    words = _words()
    spell = {"latin": lambda w: w, "cyrillic": latin_to_cyrillic, "ascii": ascii_spelling}
    cells: dict[str, list[str]] = {}
    for script, convert in spell.items():
        for n in LENGTHS:
            found = list(dict.fromkeys(convert(w)[:n] for w in words))
            rng.shuffle(found)
            cells[f"{script}, {n} char{'s' if n > 1 else ''}"] = found[:PER_CELL]
    digits = [f"06{rng.randrange(10**8):08d}" for _ in range(PER_CELL)]
    cells["phone, 3 digits"] = [d[rng.randrange(0, 7) :][:3] for d in digits]
    cells["phone, 6 digits"] = [d[rng.randrange(0, 4) :][:6] for d in digits]
    cells["phone, +381 6x ... format"] = [f"+381 {d[1:3]} {d[3:6]}" for d in digits]
    return cells


def _measure(calls: int, encrypted: bool) -> dict[str, list[float]]:
    """Every cell's samples for one store, in this (child) process."""
    db = dataset(calls).open(encrypted=encrypted)
    try:
        search(db, "warm up")  # the first lookup after unlock also opens the connection
        samples: dict[str, list[float]] = {}
        for cell, typed in queries().items():
            samples[cell] = [timed_ms(partial(search, db, q)) for _ in range(ROUNDS) for q in typed]
        return samples
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    args = parser.parse_args()
    dataset(args.calls)  # build (or find) both stores before any timing
    # Each store in its own process: nothing one store's driver sets up can tax the other.
    enc_samples = in_child(_measure, args.calls, True)
    plain_samples = in_child(_measure, args.calls, False)
    rows: list[Row] = []
    worst = 0.0
    for cell in enc_samples:
        enc, plain = p95(enc_samples[cell]), p95(plain_samples[cell])
        worst = max(worst, enc)
        rows.append(Row(f"lookup p95, {cell}", enc, plain, "p95 ≤ 16 ms"))
        rows.append(
            Row(f"lookup p50, {cell}", median(enc_samples[cell]), median(plain_samples[cell]), "")
        )
    print_table(
        f"Caller lookup, {args.calls:,} calls ({PER_CELL} queries × {ROUNDS} per cell)",
        [r for r in rows if "p95" in r.operation],
    )
    print_table("Caller lookup, medians", [r for r in rows if "p50" in r.operation])
    print(
        f"\nworst p95 (encrypted): {worst:.1f} ms — budget 16 ms: "
        f"{'met' if worst <= 16 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
