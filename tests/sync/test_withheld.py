"""Office -> desk batches carry only what the desk's users may see (sensitive sections of
clients managed at another desk are withheld), and say how many records were withheld."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from sosdesk.cli import main
from sosdesk.commands.sync_cmd import report_imports
from sosdesk.services.cases import open_case
from sosdesk.services.casework import reassign_manager
from sosdesk.services.events import add_event, amend_event, timeline
from sosdesk.store.models import Event, User
from sosdesk.sync import batch_format as bf
from sosdesk.sync.export import export_office
from sosdesk.sync.importer import import_batches
from sosdesk.ui.sync.summary import import_summary
from tests.conftest import PASSPHRASE
from tests.factory import at
from tests.sync.helpers import OFFICE_USER, Net, desk_to_office, note, office_to_desk, take_call

COURT = {
    "court": "Viši sud u Beogradu",
    "case_number": "K 123/2025",
    "proceeding": "criminal",
    "client_role": "injured_witness",
}
HELP = {"type": "medical", "subtype": "med_general", "amount": "1500.50", "currency": "RSD"}


def _event_ids(db: object) -> set[str]:
    with db.session() as s:  # type: ignore[attr-defined]
        return set(s.execute(select(Event.id)).scalars())


def test_sensitive_events_reach_only_the_managing_desk(
    net: Net, capsys: pytest.CaptureFixture[str]
) -> None:
    bg1, ns1, ni1 = (net.desks[c] for c in ("BG1", "NS1", "NI1"))
    managed = take_call(bg1, "Đurđa")
    open_case(bg1, managed)  # the case manager is BG1's user
    medical = add_event(bg1, managed, "assistance", at(2), HELP).id
    note(bg1, managed, "dogovoren sastanak")
    unmanaged = take_call(bg1, "Vesna")  # no case manager: every consultant sees her file
    free_help = add_event(bg1, unmanaged, "assistance", at(3), HELP).id
    assert [o.status for o in desk_to_office(net, "BG1")] == ["applied"]

    _, outcomes = office_to_desk(net, "NS1")
    assert [o.status for o in outcomes] == ["applied"]
    assert outcomes[0].withheld == 1
    got = _event_ids(ns1)
    assert medical not in got
    assert free_help in got
    assert {e.kind for e in timeline(ns1, managed)} == {"call", "note"}  # the file still opens
    text, bad = import_summary(outcomes, lambda s: s)
    assert not bad and "1 sensitive record(s)" in text
    assert report_imports(outcomes, "sr-Latn") == 0
    assert "koje je kancelarija zadržala: 1;" in capsys.readouterr().out

    # The office corrects the medical help: the amendment follows its event.
    fix = amend_event(net.office, medical, {"amount": "1600.00"}, "pogrešan iznos na računu").id
    _, outcomes = office_to_desk(net, "BG1")
    assert [o.status for o in outcomes] == ["applied"]
    assert outcomes[0].withheld == 0
    assert fix in _event_ids(bg1)
    _, outcomes = office_to_desk(net, "NI1")
    assert outcomes[0].withheld == 2  # the medical help and its correction
    assert {medical, fix}.isdisjoint(_event_ids(ni1))
    assert free_help in _event_ids(ni1)

    # Withheld once, never sent later: NS1's next batch holds only the correction's count.
    _, outcomes = office_to_desk(net, "NS1")  # the first batch is not confirmed yet: again
    assert [o.status for o in outcomes] == ["replayed", "applied"]
    assert outcomes[1].records == 0 and outcomes[1].withheld == 1
    assert {medical, fix}.isdisjoint(_event_ids(ns1))


def test_a_sensitive_event_written_at_another_desk_reaches_the_manager(net: Net) -> None:
    bg1, ns1, ni1 = (net.desks[c] for c in ("BG1", "NS1", "NI1"))
    managed = take_call(bg1, "Đurđa")
    open_case(bg1, managed)
    desk_to_office(net, "BG1")
    office_to_desk(net, "NS1")
    court = add_event(ns1, managed, "court_hearing", at(5), COURT).id
    note(ns1, managed, "klijentkinja javila da je bezbedna")
    assert [o.status for o in desk_to_office(net, "NS1")] == ["applied"]
    _, outcomes = office_to_desk(net, "BG1")
    assert outcomes[0].withheld == 0
    assert court in _event_ids(bg1)
    _, outcomes = office_to_desk(net, "NI1")
    assert outcomes[0].withheld == 1
    assert court not in _event_ids(ni1)
    assert {e.kind for e in timeline(ni1, managed)} == {"call", "note"}


def test_an_unconfirmed_batch_is_written_again_the_same(net: Net, tmp_path: Path) -> None:
    bg1 = net.desks["BG1"]
    managed = take_call(bg1, "Đurđa")
    open_case(bg1, managed)
    add_event(bg1, managed, "assistance", at(2), HELP)
    desk_to_office(net, "BG1")
    first = export_office(net.office, "NS1", net.stick("a"))
    again = export_office(net.office, "NS1", net.stick("b"))  # not delivered: written again
    assert again.rewritten == (first.new_seq,)
    ns1 = net.desks["NS1"]
    outcomes = import_batches(ns1, [*first.files, *again.files])
    assert [o.status for o in outcomes] == ["applied", "replayed"]
    assert outcomes[0].withheld == 1


def test_only_the_office_may_say_it_withheld_records() -> None:
    head = bf.BatchHeader(
        kind=bf.KIND_DESK,
        batch_id="b",
        schema="0005",
        sender="s",
        sender_code="BG1",
        recipient="r",
        seq=1,
        prev_hash=bf.GENESIS,
        created_at="2026-03-01T00:00:00",
        records=0,
        payload_sha256=bf.GENESIS,
        payload_bytes=0,
    )
    assert b"withheld" not in head.encode()  # headers without withheld records are unchanged
    assert bf.parse_header(head.encode()) == head
    office = bf.BatchHeader(
        **{**head.__dict__, "kind": bf.KIND_OFFICE, "withheld": {"events.assistance": 2}}
    )
    assert bf.parse_header(office.encode()).withheld == {"events.assistance": 2}
    desk = bf.BatchHeader(**{**head.__dict__, "withheld": {"events.assistance": 2}})
    with pytest.raises(bf.Rejected):
        bf.parse_header(desk.encode())
    bad = bf.BatchHeader(**{**office.__dict__, "withheld": {"events.assistance": -1}})
    with pytest.raises(bf.Rejected):
        bf.parse_header(bad.encode())


def test_a_reassigned_case_changes_only_later_records(net: Net) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    client = take_call(bg1, "Đurđa")
    case = open_case(bg1, client).id
    desk_to_office(net, "BG1")
    office_to_desk(net, "NS1")
    before = add_event(ns1, client, "court_hearing", at(5), COURT).id
    desk_to_office(net, "NS1")
    first = export_office(net.office, "BG1", net.stick("first"))  # not yet delivered
    # The coordinator takes the case over at the office: BG1 is no longer the manager's desk.
    with net.office.session() as s:
        me = s.execute(select(User.id).where(User.name == OFFICE_USER)).scalar_one()
    reassign_manager(net.office, case, me)
    after = add_event(ns1, client, "court_hearing", at(6), COURT).id
    desk_to_office(net, "NS1")
    again = export_office(net.office, "BG1", net.stick("again"))
    assert again.rewritten == (first.new_seq,)  # the same bytes as before the reassignment
    outcomes = import_batches(bg1, [*first.files, *again.files])
    assert [o.status for o in outcomes] == ["applied", "replayed", "applied"]
    assert [o.withheld for o in outcomes] == [0, 0, 1]
    got = _event_ids(bg1)
    assert before in got and after not in got


def test_sync_import_on_the_command_line_says_what_was_withheld(
    net: Net, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    client = take_call(bg1, "Đurđa")
    open_case(bg1, client)
    add_event(bg1, client, "assistance", at(2), HELP)
    add_event(bg1, client, "court_hearing", at(3), COURT)
    desk_to_office(net, "BG1")
    files = [str(f) for f in export_office(net.office, "NS1", net.stick("cli")).files]
    ns1.close()  # the command line opens the database itself
    monkeypatch.setenv("SOSDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SOSDESK_LANG", "sr-Latn")
    capsys.readouterr()
    code = main(["sync", "import", "--db", str(ns1.path), "--user", "ana", *files])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "2 sensitive record(s) withheld by the office" in out  # the batch line
    assert "koje je kancelarija zadržala: 2;" in out
