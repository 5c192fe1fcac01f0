"""Merges and tombstones travel as one record each: the office and every desk end in the same
state, whatever order the batches arrive in, and an older batch cannot bring erased data back.
Real encrypted databases: an office and three desks."""

from __future__ import annotations

from sqlalchemy import text

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import find_by_code, update_client
from sosdesk.services.erasure import forget
from sosdesk.services.merge import merge_clients
from sosdesk.store.database import Database
from tests.forgetting.canary import canary_client, found_in
from tests.sync.helpers import Net, desk_to_office, note, office_to_desk, take_call

DESKS = ("BG1", "NS1", "NI1")


def _code(db: Database, client_id: str) -> str:
    with db.engine.connect() as c:
        return str(c.execute(text(f"SELECT code FROM clients WHERE id = '{client_id}'")).scalar())


_STATE = {
    "clients": "SELECT id, code, given_name, nickname, aliases FROM clients",
    "calls": "SELECT id, client_id, summary FROM calls",
    "events": "SELECT id, client_id FROM events",
    "merges": "SELECT id, keep_id, absorb_id FROM client_merges",
}


def _state(db: Database) -> str:
    """What must be the same everywhere: clients, who each call and event belongs to."""
    with db.engine.connect() as c:
        return repr({k: sorted(tuple(r) for r in c.execute(text(q))) for k, q in _STATE.items()})


def _rows(db: Database, what: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as c:
        return sorted(tuple(r) for r in c.execute(text(_STATE[what])))


def _everyone(net: Net, order: tuple[str, ...]) -> None:
    for code in order:
        desk_to_office(net, code)
    for code in DESKS:
        office_to_desk(net, code)


def _settle(net: Net) -> None:
    """Two full rounds: every batch acknowledged, every outbox past its last unsent batch."""
    _everyone(net, DESKS)
    _everyone(net, DESKS)


def _call(db: Database, client_id: str, summary: str) -> None:
    save_call(
        db,
        CallInput(
            categories=["victim_support"],
            caller_type="victim",
            client_id=client_id,
            summary=summary,
        ),
    )


def test_an_erasure_reaches_the_office_and_every_desk(net: Net) -> None:
    cid, code, _call_id = canary_client(net.desks["BG1"])
    _everyone(net, DESKS)
    assert "clients" in found_in(net.desks["NS1"])
    # NI1 writes about the client before the tombstone reaches it: that batch comes later.
    update_client(net.desks["NI1"], cid, {"notes": "plavobradi opet zvao"})
    forget(net.desks["BG1"], code, "erase", "zahtev lica")
    _everyone(net, ("BG1", "NI1"))
    for db in net.desks.values():
        assert "clients" not in found_in(db), db.desk.desk_code
    _settle(net)
    for db in (net.office, *net.desks.values()):
        assert found_in(db) == {}, db.desk.desk_code
    # A repeated export of everything changes nothing and brings nothing back.
    _everyone(net, DESKS)
    assert all(found_in(db) == {} for db in (net.office, *net.desks.values()))


def test_an_anonymisation_travels_and_later_calls_arrive_without_text(net: Net) -> None:
    cid, code, _ = canary_client(net.desks["BG1"])
    _everyone(net, DESKS)
    _call(net.desks["NS1"], cid, "plavobradi se javio")  # sent after the anonymisation
    forget(net.desks["BG1"], code, "anonymise", "svrha ostvarena", legal_basis="purpose_fulfilled")
    _everyone(net, ("BG1", "NS1"))
    _settle(net)
    for db in (net.office, *net.desks.values()):
        assert found_in(db) == {}, db.desk.desk_code
        assert find_by_code(db, code).citizenship == "RS"


def test_merge_gives_the_same_state_in_any_order(net: Net) -> None:
    states = []
    for order in (("BG1", "NS1", "NI1"), ("NI1", "NS1", "BG1")):
        net = _fresh(net)
        keep = take_call(net.desks["BG1"], "Jovana", summary="prvi")
        absorb = take_call(net.desks["BG1"], "Jovanka", summary="drugi")
        _everyone(net, DESKS)
        keep_code, absorb_code = _code(net.office, keep), _code(net.office, absorb)
        # Before the merge reaches them, two desks add to the absorbed client.
        _call(net.desks["NI1"], absorb, "treći")
        note(net.desks["BG1"], absorb, "beleška")
        merge_clients(
            net.desks["NS1"], keep_code, absorb_code, "ista osoba", {"nickname": "absorb"}
        )
        _everyone(net, order)
        _everyone(net, order[::-1])  # duplicates: every batch again
        seen = {_state(db) for db in (net.office, *net.desks.values())}
        assert len(seen) == 1
        office = net.office
        [(kept, _, _, nickname, aliases)] = _rows(office, "clients")
        assert (kept, nickname, absorb_code in str(aliases)) == (keep, None, True)
        assert {c[1] for c in _rows(office, "calls")} == {keep}
        assert {e[1] for e in _rows(office, "events")} == {keep}
        assert len(_rows(office, "merges")) == 1
        assert find_by_code(net.desks["NI1"], absorb_code).id == keep  # the alias is found
        states.append(len(_rows(office, "calls")))
    assert states == [3, 3]
    net.close()


def _fresh(net: Net) -> Net:
    from tests.sync.helpers import new_net

    root = net.root / "again"
    net.close()
    return new_net(root, *DESKS)
