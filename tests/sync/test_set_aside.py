"""A batch with one record the office can never take (its client code collides with another
client there) does not hold the desk's other work back forever: the coordinator sets the
record aside, the good records are applied, and the desk's next batch goes through."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from sosdesk.cli import main
from sosdesk.services.errors import NotAllowed
from sosdesk.store.database import Database
from sosdesk.store.raw import driver_connection
from sosdesk.store.tx import Actor
from sosdesk.sync import outbox
from sosdesk.sync.errors import SyncError
from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches
from sosdesk.sync.receipts import import_receipt
from sosdesk.sync.set_aside_decision import apply_without, look_at_refused
from sosdesk.sync.views import ImportOutcome, ReceiptOutcome
from sosdesk.ui.sync.summary import import_summary
from tests.conftest import PASSPHRASE
from tests.sync.forge import forge
from tests.sync.helpers import OFFICE_USER, Net, colliding_desk, new_net, snapshot, take_call


def _one(db: Database, sql: str) -> str:
    with db.engine.connect() as c:
        return str(c.execute(text(sql)).scalar_one())


def _round(net: Net, name: str) -> tuple[list[ImportOutcome], list[ReceiptOutcome]]:
    desk = net.desks["BG1"]
    result = export_desk(desk, net.stick(f"{name}-out"))
    back = net.stick(f"{name}-receipts")
    outcomes = import_batches(net.office, list(result.files), receipts_dir=back)
    answers = [import_receipt(desk, r) for r in sorted(back.iterdir())]
    return outcomes, answers


def test_an_unfixable_record_is_set_aside_and_the_pair_converges(pair: Net) -> None:
    desk, office = pair.desks["BG1"], pair.office
    bad, good = colliding_desk(pair)

    # Completion cannot help: the same batch is refused on every round trip, and the office
    # is told what it can decide.
    for name in ("first", "second"):
        outcomes, answers = _round(pair, name)
        assert "set-aside --desk BG1" in import_summary(outcomes, str)[0]
        assert [o.status for o in outcomes] == ["rejected"]
        assert outcomes[0].problem is not None
        assert outcomes[0].problem.code == "office.record_does_not_fit"
        assert [a.refused for a in answers] == [(1,)]
    assert _one(office, f"SELECT count(*) FROM clients WHERE id = '{good}'") == "0"

    # The coordinator looks first: nothing changes, the records are named with reasons.
    before = snapshot(office)
    plan = look_at_refused(office, "bg1")
    assert snapshot(office) == before
    assert (plan.desk, plan.seq) == ("BG1", 1)
    named = {(r.entity, r.record_id) for r in plan.set_aside}
    assert ("clients", bad) in named
    assert all(r.record_id != good for r in plan.set_aside)
    why = {r.record_id: r.problem for r in plan.set_aside}
    assert why[bad].code == "set_aside.does_not_fit"
    assert "clients.code" in str(why[bad].params["why"])  # the constraint, never a value
    assert len(plan.set_aside) < plan.records

    back = pair.stick("set-aside-receipt")
    done = apply_without(office, "BG1", plan, back)

    assert done.set_aside == plan.set_aside and done.receipt is not None
    assert _one(office, f"SELECT count(*) FROM clients WHERE id = '{good}'") == "1"
    assert _one(office, f"SELECT count(*) FROM clients WHERE id = '{bad}'") == "0"
    assert _one(office, "SELECT count(*) FROM audit_entries WHERE action = 'sync_set_aside'") == "1"
    # The refused file stays sealed in quarantine, with its reason.
    assert _one(office, "SELECT count(*) FROM sync_quarantine WHERE stored_as IS NOT NULL") == "2"

    answer = import_receipt(desk, done.receipt)
    assert answer.newly_delivered == (1,)
    assert {(r.entity, r.record_id) for r in answer.set_aside} == named
    assert answer.set_aside[0].problem.text("sr-Latn")  # shown in the user's language

    # The desk is unstuck: nothing is repeated, and its next work goes through.
    assert export_desk(desk, pair.stick("nothing-new")).nothing
    newer = take_call(desk, "Vesna")
    outcomes, answers = _round(pair, "third")
    assert [o.status for o in outcomes] == ["applied"], [o.message for o in outcomes]
    assert outcomes[0].seq == 2
    assert _one(office, f"SELECT count(*) FROM clients WHERE id = '{newer}'") == "1"
    assert answers[0].newly_delivered == (2,)


def test_only_a_coordinator_decides_and_a_changed_list_is_refused(pair: Net) -> None:
    office = pair.office
    colliding_desk(pair)
    with pytest.raises(SyncError) as none:
        look_at_refused(office, "BG1")
    assert none.value.code == "set_aside.nothing_refused"
    _round(pair, "first")
    plan = look_at_refused(office, "BG1")

    coordinator = office.actor
    uid = office.add_user("vesna", "Vesna", "operator", "vesna-lozinka-1234")
    office.actor = Actor(uid, "vesna", "volunteer")
    with pytest.raises(NotAllowed):
        look_at_refused(office, "BG1")
    with pytest.raises(NotAllowed):
        apply_without(office, "BG1", plan, pair.stick("no"))
    office.actor = coordinator

    before = snapshot(office)
    stale = type(plan)(plan.desk, plan.seq, plan.records, plan.set_aside[:-1])
    with pytest.raises(SyncError) as changed:
        apply_without(office, "BG1", stale, pair.stick("stale"))
    assert changed.value.code == "set_aside.changed"
    assert snapshot(office) == before


def test_a_desk_that_sent_the_batch_again_meanwhile_follows_the_office(
    pair: Net, tmp_path: Path
) -> None:
    """The desk numbered the refused batch again before the coordinator's receipt came back:
    its copy is set aside at the office as superseded, and its next batch continues."""
    desk, office = pair.desks["BG1"], pair.office
    _bad, good = colliding_desk(pair)
    _round(pair, "first")  # refused; the desk knows
    plan = look_at_refused(office, "BG1")
    done = apply_without(office, "BG1", plan, pair.stick("aside"))
    assert done.receipt is not None
    again = export_desk(desk, pair.stick("again"))  # batch 1 numbered again, in flight
    answer = import_receipt(desk, done.receipt)
    assert 1 in answer.newly_delivered
    late = import_batches(office, list(again.files))
    assert [o.status for o in late] == ["replayed"], [o.message for o in late]
    newer = take_call(desk, "Vesna")
    outcomes, _answers = _round(pair, "next")
    assert [o.status for o in outcomes] == ["applied"], [o.message for o in outcomes]
    assert _one(office, f"SELECT count(*) FROM clients WHERE id = '{newer}'") == "1"
    assert _one(office, f"SELECT count(*) FROM clients WHERE id = '{good}'") == "1"


def test_the_decision_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOSDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SOSDESK_LANG", "sr-Latn")
    net = new_net(tmp_path / "net", "BG1")
    bad, _good = colliding_desk(net)
    _round(net, "first")
    hq, bg1 = str(net.office.path), str(net.desks["BG1"].path)
    net.close()
    office_args = ["office", "set-aside", "--db", hq, "--user", OFFICE_USER, "--desk", "BG1"]

    assert main(office_args) == 0
    shown = capsys.readouterr().out
    assert "Paket 1 punkta BG1" in shown and bad in shown and "Ništa nije promenjeno" in shown
    assert main([*office_args, "--yes"]) == 2  # where does the receipt go?
    assert "--receipts" in capsys.readouterr().err

    back = tmp_path / "receipts"
    back.mkdir()
    assert main([*office_args, "--yes", "--receipts", str(back)]) == 0
    assert "primenjen je bez" in capsys.readouterr().out
    (receipt,) = back.iterdir()
    assert main(["sync", "receipt", "--db", bg1, "--user", "ana", str(receipt)]) == 0
    told = capsys.readouterr().out
    assert "Kancelarija je primenila paket 1 bez" in told and bad in told


def test_a_record_with_a_value_the_office_refuses_is_set_aside_by_line(pair: Net) -> None:
    """A record that breaks a rule of its table (here a gender outside the vocabulary) is
    named by its line and table, and the rest of the batch is applied."""
    desk, office = pair.desks["BG1"], pair.office
    good = take_call(desk, "Bojana")
    with desk.session() as s:
        lines = [
            bytes(line).rstrip(b"\n") for line, _o in outbox.unbatched(driver_connection(s), 10**9)
        ]
    bad = json.loads(next(x for x in lines if b'"clients"' in x))
    bad["id"], bad["fields"]["code"] = "01900000-0000-7000-8000-0000000000aa", "BG1-X-1"
    bad["fields"]["gender"], bad["seq"] = "not-a-gender", 10**6
    path = forge(desk, office, pair.stick("forged"), [*lines, bad])
    back = pair.stick("refusal")
    (refused,) = import_batches(office, [path], receipts_dir=back)
    assert refused.status == "rejected" and refused.receipt is not None

    plan = look_at_refused(office, "BG1")
    assert [(r.line, r.entity, r.record_id, r.problem.code) for r in plan.set_aside] == [
        (len(lines) + 1, "clients", bad["id"], "set_aside.bad_value")
    ]
    done = apply_without(office, "BG1", plan, pair.stick("aside"))
    assert done.inserted == len(lines)
    assert _one(office, f"SELECT count(*) FROM clients WHERE id = '{good}'") == "1"
