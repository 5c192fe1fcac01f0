"""Caller lookup as you type (issue 3): p50/p95 of `search()` for 1-, 2-, 3- and 6-character
queries in each script (Serbian Latin with diacritics, Cyrillic, ASCII spelling) and for phone
fragments, on the data set of 1,000,000 calls and 100,000 clients; encrypted vs plain SQLite.

Queries are prefixes of names, places and words of call summaries, as an operator types them.
Each query runs three times; the first run of each (colder pages) counts too.

Run: `.venv/bin/python -m benchmarks.lookup_bench [--calls N]`
"""

from __future__ import annotations

import argparse
import random

from benchmarks.dataset import dataset
from benchmarks.report import Row, median, p95, print_table, timed_ms
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    args = parser.parse_args()
    ds = dataset(args.calls)
    dbs = {"enc": ds.open(encrypted=True), "plain": ds.open(encrypted=False)}
    try:
        for db in dbs.values():  # the first lookup after unlock also opens the connection
            search(db, "warm up")
        rows: list[Row] = []
        worst = 0.0
        for cell, typed in queries().items():
            samples: dict[str, list[float]] = {k: [] for k in dbs}
            for _ in range(ROUNDS):
                for q in typed:
                    for k, db in dbs.items():  # interleaved: machine load hits both alike
                        samples[k].append(timed_ms(lambda db=db, q=q: search(db, q)))
            enc, plain = p95(samples["enc"]), p95(samples["plain"])
            worst = max(worst, enc)
            rows.append(Row(f"lookup p95, {cell}", enc, plain, "p95 ≤ 16 ms"))
            rows.append(
                Row(f"lookup p50, {cell}", median(samples["enc"]), median(samples["plain"]), "")
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
    finally:
        for db in dbs.values():
            db.close()


if __name__ == "__main__":
    main()
