"""Saving a call (issue 3): p50/p95 of `save_call()` as the intake form calls it, on a copy of
the 1,000,000-call data set, encrypted vs plain SQLite; and the draft autosave of the form.

The mix is what a night shift looks like: half quick tallies (no client), a third calls linked
to an existing client, the rest a new client registered inline with a follow-up.
The data sets are copied to a temporary folder first, so the shared ones stay as built.

Run: `.venv/bin/python -m benchmarks.intake_bench [--calls N] [--saves N]`
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from benchmarks.dataset import PASSPHRASE, USER, dataset
from benchmarks.plain import open_plain_database
from benchmarks.report import Row, median, p95, print_table, timed_ms
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.drafts import save_draft
from sosdesk.store.database import Database

WORDS = (
    "poslodavac",
    "pasoš",
    "Nemačka",
    "Čačak",
    "smeštaj",
    "pretnje",
    "dug",
    "Ђорђе",
    "agencija",
    "ugovor",
    "klijentkinja",
    "sklonište",
    "policija",
    "advokat",
)


def _copy(src: Path, folder: Path) -> Path:
    for p in src.parent.glob(src.name + "*"):
        if not p.name.endswith((".done", ".bak")):
            shutil.copy2(p, folder / p.name)
    return folder / src.name


def _inputs(rng: random.Random, n: int, client_ids: list[str]) -> list[CallInput]:
    out = []
    for i in range(n):
        start = datetime.now(UTC) - timedelta(minutes=rng.randint(2, 40))
        summary = " ".join(rng.choices(WORDS, k=rng.randint(6, 20)))
        kind = rng.random()
        if kind < 0.5:
            out.append(
                CallInput(
                    categories=["prevention_info"],
                    caller_type="citizen",
                    started_at=start,
                    ended_at=start + timedelta(minutes=3),
                )
            )
        elif kind < 0.85:
            out.append(
                CallInput(
                    categories=["victim_support"],
                    caller_type="victim",
                    client_id=rng.choice(client_ids),
                    summary=summary,
                    caller_phone=f"06{rng.randrange(10**8):08d}",
                    started_at=start,
                    ended_at=start + timedelta(minutes=12),
                )
            )
        else:
            out.append(
                CallInput(
                    categories=["report_suspicion"],
                    caller_type="victim",
                    new_client={"given_name": f"Ime{i}", "family_name": "Petrović"},
                    caller_phone=f"06{rng.randrange(10**8):08d}",
                    summary=summary,
                    urgency="urgent",
                    started_at=start,
                    ended_at=start + timedelta(minutes=20),
                    follow_up_at=datetime.now(UTC) + timedelta(days=1),
                    follow_up_what="Pozvati radi provere bezbednosti",
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--saves", type=int, default=300)
    args = parser.parse_args()
    ds = dataset(args.calls)
    with tempfile.TemporaryDirectory(prefix="sosdesk-intake-bench-") as tmp:
        folder = Path(tmp)
        enc_path, plain_path = _copy(ds.encrypted, folder), _copy(ds.plain, folder)
        dbs = {
            "enc": Database.open(enc_path, user=USER, passphrase=PASSPHRASE),
            "plain": open_plain_database(plain_path, user=USER),
        }
        try:
            with dbs["enc"].session() as s:
                ids = [r[0] for r in s.execute(text("SELECT id FROM clients LIMIT 5000"))]
            plain_ids = {}
            with dbs["plain"].session() as s:
                plain_ids = [r[0] for r in s.execute(text("SELECT id FROM clients LIMIT 5000"))]
            inputs = {
                "enc": _inputs(random.Random(9), args.saves, ids),
                "plain": _inputs(random.Random(9), args.saves, plain_ids),
            }
            for k, db in dbs.items():  # first write opens the write connection
                save_call(db, _inputs(random.Random(1), 1, ids if k == "enc" else plain_ids)[0])
            saves: dict[str, list[float]] = {k: [] for k in dbs}
            drafts: dict[str, list[float]] = {k: [] for k in dbs}
            draft_ids: dict[str, str | None] = dict.fromkeys(dbs)
            for i in range(args.saves):
                for k, db in dbs.items():  # interleaved: machine load hits both alike
                    data = inputs[k][i]
                    saves[k].append(timed_ms(lambda db=db, data=data: save_call(db, data)))
                    payload = {"v": 1, "texts": {"summary": data.summary or "", "n": i}}

                    def keep(db: Database = db, k: str = k, payload: dict = payload) -> None:
                        draft_ids[k] = save_draft(db, "call", payload, draft_ids[k])

                    drafts[k].append(timed_ms(keep))
            rows = [
                Row("save a call, p95", p95(saves["enc"]), p95(saves["plain"]), "p95 ≤ 15 ms"),
                Row("save a call, median", median(saves["enc"]), median(saves["plain"]), ""),
                Row("save a call, max", max(saves["enc"]), max(saves["plain"]), ""),
                Row(
                    "draft autosave, p95",
                    p95(drafts["enc"]),
                    p95(drafts["plain"]),
                    "every 3 s while typing",
                ),
            ]
            print_table(
                f"Saving calls on a copy of the {args.calls:,}-call data set "
                f"({args.saves} saves: 50% tally, 35% linked client, "
                "15% new client + follow-up)",
                rows,
            )
        finally:
            for db in dbs.values():
                db.close()


if __name__ == "__main__":
    main()
