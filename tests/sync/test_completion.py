"""Completing the outbox before an export: a change that points at a record the office has
never been sent (demo data written straight into the tables) takes that record with it."""

from __future__ import annotations

from sqlalchemy import text

from sosdesk.demo.generator import generate
from sosdesk.services.call_corrections import correct_call
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from tests.sync.helpers import Net, desk_to_office


def _one(db: object, sql: str) -> str:
    with db.engine.connect() as c:  # type: ignore[attr-defined]
        return str(c.execute(text(sql)).scalar_one())


def test_a_call_moved_onto_a_demo_client_takes_the_client_along(pair: Net) -> None:
    desk = pair.desks["BG1"]
    generate(desk, 30, seed=11)
    client = create_client(desk, {"given_name": "Vesna"})
    call = save_call(desk, CallInput(categories=["victim_support"], client_id=client.id))
    assert [o.status for o in desk_to_office(pair, "BG1")] == ["applied"]
    demo = _one(desk, "SELECT id FROM clients WHERE given_name != 'Vesna' ORDER BY id LIMIT 1")
    assert _one(pair.office, f"SELECT count(*) FROM clients WHERE id = '{demo}'") == "0"

    correct_call(desk, call.id, "client", demo, "Pogrešno povezan poziv")
    outcomes = desk_to_office(pair, "BG1")

    assert [o.status for o in outcomes] == ["applied"], [o.message for o in outcomes]
    assert _one(pair.office, f"SELECT client_id FROM calls WHERE id = '{call.id}'") == demo
    assert _one(pair.office, f"SELECT count(*) FROM clients WHERE id = '{demo}'") == "1"
    # The completed outbox keeps the desk's changes in order, after the record they need.
    kinds = _one(
        desk,
        "SELECT group_concat(entity || ':' || op, ',') FROM "
        "(SELECT entity, op FROM changes, (SELECT first_change, last_change FROM sync_batches "
        "WHERE direction = 'out' ORDER BY seq DESC LIMIT 1) AS b "
        "WHERE seq BETWEEN b.first_change AND b.last_change ORDER BY seq)",
    )
    assert kinds.split(",")[0] == "clients:insert"
    assert "calls:update" in kinds
