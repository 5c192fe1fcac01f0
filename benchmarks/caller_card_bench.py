"""Caller recognition and the safety card (issue 18): p95 of `recognise()` per keystroke as a
phone number and a name are typed character by character, and of `safety_card()` for clients
with contacts; encrypted vs plain SQLite. Budgets: 16 ms per keystroke, 50 ms per card.

Run: `.venv/bin/python -m benchmarks.caller_card_bench [--calls N]`
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from functools import partial

from sqlalchemy import func, select

from benchmarks.dataset import dataset
from benchmarks.report import Row, median, p95, print_table, timed_ms
from sosdesk.services.caller_card import recognise, safety_card
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client

SAMPLES = 40


def _typing(db: Database, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """Prefixes of real clients' numbers and names as typed, and ids of clients with calls."""
    with db.session() as s:
        clients = list(
            s.execute(
                select(Client.phones, Client.given_name).order_by(Client.id).limit(2000)
            ).all()
        )
        with_calls = [
            str(r[0])
            for r in s.execute(
                select(Call.client_id)
                .where(Call.client_id.is_not(None))
                .group_by(Call.client_id)
                .having(func.count() >= 3)
                .limit(500)
            ).all()
        ]
    rng.shuffle(clients)
    phones = [p[0] for p, _ in clients if p][:SAMPLES]
    names = [n for _, n in clients if n][:SAMPLES]
    phone_keys = [p[: i + 1] for p in phones for i in range(len(p))]
    name_keys = [n[: i + 1] for n in names for i in range(len(n))]
    rng.shuffle(with_calls)
    return phone_keys, name_keys, with_calls[:SAMPLES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    args = parser.parse_args()
    ds = dataset(args.calls)
    dbs = {"enc": ds.open(encrypted=True), "plain": ds.open(encrypted=False)}
    try:
        phone_keys, name_keys, _ = _typing(dbs["plain"], random.Random(18))
        # Ids differ between the two copies (random), the seeded contents do not.
        cards = {k: _typing(db, random.Random(18))[2] for k, db in dbs.items()}
        for db in dbs.values():
            recognise(db, name="warm up")

        def card(db: Database, i: int) -> object:
            return safety_card(db, cards["enc" if db is dbs["enc"] else "plain"][i])

        cells: dict[str, list[Callable[[Database], object]]] = {
            "phone, per keystroke": [partial(recognise, phone=k) for k in phone_keys],
            "name, per keystroke": [partial(recognise, name=k) for k in name_keys],
            "safety card": [partial(card, i=i) for i in range(min(len(v) for v in cards.values()))],
        }
        rows: list[Row] = []
        for cell, runs in cells.items():
            samples: dict[str, list[float]] = {k: [] for k in dbs}
            for run in runs:
                for k, db in dbs.items():  # interleaved: machine load hits both alike
                    samples[k].append(timed_ms(partial(run, db)))
            budget = "p95 ≤ 50 ms" if cell == "safety card" else "p95 ≤ 16 ms"
            rows.append(Row(f"p95, {cell}", p95(samples["enc"]), p95(samples["plain"]), budget))
            rows.append(Row(f"p50, {cell}", median(samples["enc"]), median(samples["plain"]), ""))
            print(f"  {cell}: {len(runs)} samples per store")
        print_table(f"Caller recognition and safety card, {args.calls:,} calls", rows)
    finally:
        for db in dbs.values():
            db.close()


if __name__ == "__main__":
    main()
