"""Court-support documents: a 500-event chronology (budget 2 s), encrypted vs plain (issue 5).

Builds one client with 500 varied timeline events (notes, calls' worth of text, assistance with
costs, hearings, referrals, corrections) in an encrypted database and in a plain SQLite twin,
then times producing the PDF in memory: data gathering plus layout, as a plain PDF and as a
password-protected one, full and pseudonymised, and a costs statement of the same timeline.
With `--dataset N` the client with the longest timeline of the cached demo data set is used
instead (its 500 most recent events), so the queries run against a full-size database.
Each store is measured in a process of its own.

Run: `.venv/bin/python -m benchmarks.documents_bench [--events 500] [--repeat 5] [--dataset N]`
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.plain import create_plain_database
from benchmarks.report import Row, each_store, median, print_table
from sosdesk.documents.produce import render_data
from sosdesk.services.clients import insert_client
from sosdesk.services.documents_data import DocumentRequest, gather
from sosdesk.services.events import insert_event
from sosdesk.store import kdf
from sosdesk.store.database import Database
from sosdesk.store.models import Event

PASS = "benchmark-passphrase"
PDF_PASSWORD = "lozinka-za-sud-2026"
BUDGET_MS = 2000.0
NOTES = (
    "Klijentkinja se javila na SOS telefon; razgovarano o pripremi za ročište i o strahu od "
    "susreta sa okrivljenim. Dogovoren dolazak mobilnog tima.",
    "Позвала је из Новог Сада, послодавац јој је задржао пасош; упућена на адвокатицу.",
    "Kratak razgovor, stanje stabilno.",
)


def _populate(db: Database, events: int, seed: int = 7) -> str:
    """One client with `events` events through the service insert path; returns the id."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 6, 8, tzinfo=UTC)
    with db.transaction() as tx:
        client = insert_client(
            tx,
            db.desk.desk_code,
            {
                "given_name": "Milica",
                "family_name": "Jovanović",
                "gender": "female",
                "phones": ["+381631234567"],
                "address": "Cara Dušana 12, Beograd",
            },
        )
        cid = client.id
        first_cost = None
        for i in range(events):
            at = start + timedelta(hours=13 * i + rng.randrange(0, 6))
            kind = rng.choices(
                ["note", "assistance", "field_action", "court_hearing", "referral"],
                [40, 35, 12, 6, 7],
            )[0]
            payload: dict[str, object]
            if kind == "note":
                payload = {"text": rng.choice(NOTES)}
            elif kind == "assistance":
                payload = {
                    "type": "medical",
                    "subtype": "med_general",
                    "provider": "Dom zdravlja Stari grad",
                    "currency": "RSD",
                    "amount": f"{rng.randrange(500, 60000)}.{rng.randrange(100):02d}",
                }
            elif kind == "field_action":
                payload = {
                    "type": "accompany_court",
                    "place": "Viši sud u Beogradu",
                    "accompanied_by": "mobilni tim",
                }
            elif kind == "court_hearing":
                payload = {
                    "court": "Viši sud u Beogradu",
                    "case_number": f"K {i}/2025",
                    "proceeding": "criminal",
                    "client_role": "injured_witness",
                    "outcome": "ročište odloženo",
                }
            else:
                payload = {
                    "entry_id": "bench-entry",
                    "entry_name": "adv. Jelena Marić",
                    "reason": "zastupanje u parničnom postupku",
                    "consent": True,
                }
            event = insert_event(tx, cid, kind, at, payload)
            if kind == "assistance" and first_cost is None:
                first_cost = event.id
        if first_cost is not None:
            insert_event(
                tx,
                cid,
                "amendment",
                start + timedelta(days=400),
                {
                    "amends_id": first_cost,
                    "corrected": {"amount": "1400.00"},
                    "reason": "pogrešno unet iznos",
                },
            )
    return str(cid)


def _longest_client(db: Database, events: int) -> tuple[str, date]:
    """The demo client with the longest timeline, and the first day of its last `events`."""
    with db.session() as s:
        cid = s.execute(
            select(Event.client_id).group_by(Event.client_id).order_by(func.count().desc()).limit(1)
        ).scalar_one()
        times = (
            s.execute(
                select(Event.occurred_at)
                .where(Event.client_id == cid)
                .order_by(Event.occurred_at.desc())
                .limit(events)
            )
            .scalars()
            .all()
        )
    return str(cid), times[-1].date()


@dataclass
class Timing:
    gather_ms: float
    render_ms: float
    pages: int
    events: int

    @property
    def total_ms(self) -> float:
        return self.gather_ms + self.render_ms


def _once(db: Database, req: DocumentRequest, password: str | None) -> Timing:
    t0 = time.perf_counter()
    data = gather(db, req)
    t1 = time.perf_counter()
    _pdf, pages = render_data(data, req.kind, "BG1-2026-D0001", password)
    t2 = time.perf_counter()
    count = len(getattr(data, "items", ()))
    return Timing((t1 - t0) * 1000, (t2 - t1) * 1000, pages, count)


CASES = (
    ("chronology, plain PDF", "chronology", "full", None),
    ("chronology, password-protected PDF", "chronology", "full", PDF_PASSWORD),
    ("chronology, pseudonymised", "chronology", "pseudonymised", None),
    ("costs statement (same timeline)", "costs", "full", None),
)


def _measure(
    events: int, repeat: int, dataset_calls: int, encrypted: bool
) -> dict[str, list[tuple[float, float, int, int]]]:
    """(gather ms, layout ms, pages, entries) of every case on one store, in this process."""
    with tempfile.TemporaryDirectory() as tmp:
        if dataset_calls:
            from benchmarks.dataset import dataset

            db = dataset(dataset_calls).open(encrypted=encrypted)
            cid, since = _longest_client(db, events)
        else:
            if encrypted:
                db, _ = Database.create(
                    Path(tmp) / "enc.db",
                    user="bench",
                    passphrase=PASS,
                    desk="BG1",
                    kdf=kdf.FAST_KDF,
                )
            else:
                db = create_plain_database(Path(tmp) / "plain.db", user="bench")
            cid, since = _populate(db, events), None
        try:
            out: dict[str, list[tuple[float, float, int, int]]] = {}
            for label, kind, profile, password in CASES:
                req = DocumentRequest(kind, cid, lang="sr-Cyrl", since=since, profile=profile)
                runs = [_once(db, req, password) for _ in range(repeat)]
                out[label] = [(t.gather_ms, t.render_ms, t.pages, t.events) for t in runs]
            return out
        finally:
            db.close()


def main() -> None:
    """Measure and print the table."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2, help="rounds per store (E P, P E, ...)")
    ap.add_argument("--dataset", type=int, default=0, help="use the cached demo set of N calls")
    args = ap.parse_args()
    if args.dataset:
        from benchmarks.dataset import dataset

        dataset(args.dataset)  # build (or find) both stores before any timing
    # Each store in its own process: nothing one store's driver sets up can tax the other.
    runs = each_store(_measure, args.events, args.repeat, args.dataset, rounds=args.rounds)
    results = {
        key: {label: [Timing(*t) for run in runs[flag] for t in run[label]] for label, *_ in CASES}
        for key, flag in (("encrypted", True), ("plain", False))
    }
    rows: list[Row] = []
    details: list[str] = []
    for label, _kind, _profile, _password in CASES:
        enc_t, plain_t = results["encrypted"][label], results["plain"][label]
        rows.append(
            Row(
                f"{label}: median",
                median(t.total_ms for t in enc_t),
                median(t.total_ms for t in plain_t),
                "≤ 2,000 ms",
            )
        )
        rows.append(
            Row(
                f"{label}: worst of {args.repeat} × {args.rounds}",
                max(t.total_ms for t in enc_t),
                max(t.total_ms for t in plain_t),
                "≤ 2,000 ms",
            )
        )
        rows.append(
            Row(
                f"{label}: reading the store (gather), median",
                median(t.gather_ms for t in enc_t),
                median(t.gather_ms for t in plain_t),
                "",
            )
        )
        sample = enc_t[-1]
        details.append(
            f"- {label}: {sample.events} entries, {sample.pages} pages; encrypted store: "
            f"gather {median(t.gather_ms for t in enc_t):.0f} ms + layout "
            f"{median(t.render_ms for t in enc_t):.0f} ms"
        )
    source = f"demo data set of {args.dataset:,} calls" if args.dataset else "fresh databases"
    print_table(f"Court-support documents, {args.events} events ({source})", rows)
    print()
    print("\n".join(details))
    worst = max(max(r.encrypted_ms, r.plain_ms) for r in rows if "chronology" in r.operation)
    verdict = "within" if worst <= BUDGET_MS else "OVER"
    print(f"\nWorst chronology: {worst:,.0f} ms — {verdict} the 2 s budget.")


if __name__ == "__main__":
    main()
