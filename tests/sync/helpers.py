"""Shared pieces of the sync tests: an office and enrolled desks on real encrypted databases."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from sosdesk.services.events import add_event
from sosdesk.store.database import Database
from sosdesk.sync.export import export_desk, export_office
from sosdesk.sync.identity import read_identity, write_identity
from sosdesk.sync.importer import import_batches
from sosdesk.sync.peers import enroll_desk, trust_office
from sosdesk.sync.receipts import import_receipt
from sosdesk.sync.views import ExportResult, ImportOutcome
from tests.conftest import PASSPHRASE
from tests.factory import take_call

__all__ = ["take_call"]  # the builder lives in tests/factory.py; sync tests import it here

OFFICE_USER = "koordinatorka"
# Bookkeeping that a refused batch may touch: the refusal register and the audit chain.
BOOKKEEPING = {"sync_quarantine", "audit_entries", "alembic_version"}


@dataclass
class Net:
    """One office, its desks, and the folders that stand for USB sticks."""

    root: Path
    office: Database
    desks: dict[str, Database] = field(default_factory=dict)

    def stick(self, name: str) -> Path:
        folder = self.root / "sticks" / name
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def close(self) -> None:
        self.office.close()
        for d in self.desks.values():
            d.close()


def make_db(root: Path, code: str, *, office: bool = False, user: str = "ana") -> Database:
    db, _ = Database.create(
        root / code / f"{code.lower()}.db",
        user=user,
        passphrase=PASSPHRASE,
        desk=code,
        office=office,
    )
    return db


def enrol(net: Net, code: str, *, user: str = "ana") -> Database:
    """A new desk, enrolled at the office and trusting it."""
    desk = make_db(net.root, code, user=user)
    ids = net.root / "ids"
    ids.mkdir(exist_ok=True)
    write_identity(desk, ids / f"{code}.sosid")
    write_identity(net.office, ids / "office.sosid")
    enroll_desk(net.office, read_identity(ids / f"{code}.sosid"))
    trust_office(desk, read_identity(ids / "office.sosid"))
    net.desks[code] = desk
    return desk


def new_net(root: Path, *codes: str) -> Net:
    net = Net(root, make_db(root, "HQ", office=True, user=OFFICE_USER))
    for code in codes:
        enrol(net, code)
    return net


def note(db: Database, client_id: str, words: str) -> None:
    add_event(db, client_id, "note", datetime(2026, 3, 1, tzinfo=UTC), {"text": words})


def desk_to_office(net: Net, code: str, receipts: bool = True) -> list[ImportOutcome]:
    """Export at a desk, import at the office, bring the receipts back."""
    desk = net.desks[code]
    stick = net.stick(f"{code}-out-{datetime.now(UTC).timestamp()}")
    result = export_desk(desk, stick)
    back = net.stick(f"{code}-receipts-{datetime.now(UTC).timestamp()}")
    outcomes = import_batches(net.office, list(result.files), receipts_dir=back)
    if receipts:
        for r in sorted(back.iterdir()):
            import_receipt(desk, r)
    return outcomes


def office_to_desk(net: Net, code: str) -> tuple[ExportResult, list[ImportOutcome]]:
    desk = net.desks[code]
    stick = net.stick(f"to-{code}-{datetime.now(UTC).timestamp()}")
    result = export_office(net.office, code, stick)
    return result, import_batches(desk, list(result.files))


def snapshot(db: Database, skip: set[str] | None = None) -> dict[str, str]:
    """A hash of every table's rows (sorted), except bookkeeping that may record a refusal."""
    skip = BOOKKEEPING | (skip or set())
    out: dict[str, str] = {}
    with db.engine.connect() as c:
        names = [
            r[0]
            for r in c.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            )
        ]
        for name in names:
            if name in skip:
                continue
            rows = c.execute(text(f'SELECT * FROM "{name}"')).all()
            if name == "sync_batches":  # refusals of signed batches are recorded in the ledger
                rows = [r for r in rows if "rejected" not in r]
            digest = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
            out[name] = f"{len(rows)}:{digest}"
    return out


def count(db: Database, table: str) -> int:
    with db.engine.connect() as c:
        return int(c.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _scalar(db: Database, sql: str) -> object:
    with db.engine.connect() as c:
        return c.execute(text(sql)).scalar_one()


def colliding_desk(net: Net) -> tuple[str, str]:
    """Desk BG1 with a client whose code another client already has at the office, and a
    good client; returns (bad id, good id)."""
    desk, office = net.desks["BG1"], net.office
    bad = take_call(desk, "Ana")
    good = take_call(desk, "Bojana")
    code = str(_scalar(desk, f"SELECT code FROM clients WHERE id = '{bad}'"))
    other = take_call(office, "Olga")
    with office.engine.begin() as c:  # e.g. a code typed by hand at the office long ago
        c.execute(text("UPDATE clients SET code = :c WHERE id = :i"), {"c": code, "i": other})
    return bad, good
