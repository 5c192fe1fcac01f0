"""A desk with demo data (rows that never entered the outbox) still reaches the office: the
UX scenario of issue 14, "demo follow-up marked done, export, office import"."""

from __future__ import annotations

from sqlalchemy import text

from sosdesk.demo.generator import generate
from sosdesk.services.followups import mark_done
from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches
from tests.sync.helpers import Net, count, desk_to_office, note


def _one(db: object, sql: str) -> str:
    with db.engine.connect() as c:  # type: ignore[attr-defined]
        return str(c.execute(text(sql)).scalar_one())


def test_demo_followup_done_converges_in_one_round_trip(pair: Net) -> None:
    desk = pair.desks["BG1"]
    generate(desk, 30, seed=7)
    fid = _one(desk, "SELECT id FROM followups WHERE done_at IS NULL ORDER BY id LIMIT 1")
    client = _one(desk, f"SELECT client_id FROM followups WHERE id = '{fid}'")
    mark_done(desk, fid)
    note(desk, client, "Nova beleška")  # a new row referring to a demo client

    outcomes = desk_to_office(pair, "BG1")

    assert [o.status for o in outcomes] == ["applied"], [o.message for o in outcomes]
    assert _one(pair.office, f"SELECT done_at IS NOT NULL FROM followups WHERE id = '{fid}'") == "1"
    assert _one(pair.office, f"SELECT count(*) FROM clients WHERE id = '{client}'") == "1"
    # Nothing is left waiting at the desk, and the next export sends nothing new.
    assert _one(desk, "SELECT count(*) FROM changes WHERE batch_id IS NULL") == "0"
    again = export_desk(desk, pair.stick("again"))
    assert again.new_seq is None
    assert count(pair.office, "sync_quarantine") == 0


def test_untouched_demo_data_stays_at_the_desk(pair: Net) -> None:
    desk = pair.desks["BG1"]
    generate(desk, 30, seed=7)
    result = export_desk(desk, pair.stick("out"))
    outcomes = import_batches(pair.office, list(result.files))
    assert all(o.status == "applied" for o in outcomes)
    assert count(pair.office, "clients") == 0
