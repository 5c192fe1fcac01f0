"""Desk -> office -> receipt -> desk, and office -> desk, on real encrypted databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import update_client
from sosdesk.services.events import timeline
from sosdesk.services.followups import add_followup
from sosdesk.services.preferences import update_preferences
from sosdesk.services.search import search
from sosdesk.store.audit import verify_chain
from sosdesk.store.models import Change, Client, User
from sosdesk.store.models.sync import SyncBatch
from sosdesk.sync.export import export_desk, export_office
from sosdesk.sync.importer import import_batches
from sosdesk.sync.receipts import import_receipt
from sosdesk.sync.status import desk_status
from tests.sync.helpers import Net, count, desk_to_office, note, office_to_desk, take_call


def test_three_desks_reach_the_office_and_each_other(net: Net) -> None:
    bg1, ns1, ni1 = (net.desks[c] for c in ("BG1", "NS1", "NI1"))
    a = take_call(bg1, "Đorđe", "Poslodavac zadržao pasoš", phones=["063/123-45-67"])
    note(bg1, a, "pratnja na sud dogovorena")
    b = take_call(ns1, "Milica")
    take_call(ni1, "Jelena")
    for code in ("BG1", "NS1", "NI1"):
        outcomes = desk_to_office(net, code)
        assert [o.status for o in outcomes] == ["applied"]
    assert count(net.office, "clients") == 3
    assert count(net.office, "events") == 4
    # The office's audit chain records every import and stays whole.
    with net.office.session() as s:
        assert verify_chain(s) == []
    # The night shift at NS1 sees BG1's client, found in any script, with her timeline.
    _, outcomes = office_to_desk(net, "NS1")
    assert [o.status for o in outcomes] == ["applied"]
    hits = search(ns1, "Ђорђе")
    assert [h.client_id for h in hits if h.kind == "client"] == [a]
    assert {e.kind for e in timeline(ns1, a)} == {"call", "note"}
    assert [h.client_id for h in search(ns1, "1234567") if h.kind == "client"] == [a]
    # NS1 does not get its own records back; it has them already.
    assert count(ns1, "clients") == 3
    with ns1.session() as s:
        assert s.get(Client, b) is not None
        names = set(s.execute(select(User.name)).scalars())
    assert {"ana@BG1", "ana@NI1", "koordinatorka@HQ"} <= names  # authors, never log-ins


def test_receipts_mark_exactly_the_delivered_batches(pair: Net) -> None:
    bg1 = pair.desks["BG1"]
    take_call(bg1, "Ana")
    first = export_desk(bg1, pair.stick("one"))
    take_call(bg1, "Vesna")
    second = export_desk(bg1, pair.stick("two"))
    assert (first.new_seq, second.new_seq, second.rewritten) == (1, 2, (1,))
    receipts = pair.stick("receipts")
    [applied] = import_batches(pair.office, list(first.files), receipts_dir=receipts)
    assert applied.status == "applied" and applied.receipt is not None
    out = import_receipt(bg1, applied.receipt)
    assert out.newly_delivered == (1,)
    status = desk_status(bg1)
    assert [b.seq for b in status.undelivered] == [2]
    assert status.last_delivered is not None and status.last_delivered.seq == 1
    # The same receipt again changes nothing.
    assert import_receipt(bg1, applied.receipt).newly_delivered == ()


def test_lost_stick_next_export_writes_the_same_batch_again(pair: Net) -> None:
    bg1 = pair.desks["BG1"]
    take_call(bg1, "Ivana")
    lost = export_desk(bg1, pair.stick("lost"))
    take_call(bg1, "Marija")
    again = export_desk(bg1, pair.stick("again"))
    assert again.rewritten == (1,) and again.new_seq == 2
    with bg1.session() as s:
        hashes = {b.seq: b.hash for b in s.execute(select(SyncBatch)).scalars()}
    outcomes = import_batches(pair.office, list(again.files), receipts_dir=pair.stick("r"))
    assert sorted(o.status for o in outcomes) == ["applied", "applied"]
    # The lost stick turns up: its batch is the same batch, a no-op reported as such.
    [late] = import_batches(pair.office, list(lost.files))
    assert late.status == "replayed" and late.seq == 1
    with pair.office.session() as s:
        office_hashes = {
            b.seq: b.hash
            for b in s.execute(select(SyncBatch).where(SyncBatch.direction == "in")).scalars()
        }
    assert office_hashes == hashes
    assert count(pair.office, "clients") == 2


def test_nothing_new_writes_nothing(pair: Net) -> None:
    desk_to_office(pair, "BG1")
    result = export_desk(pair.desks["BG1"], pair.stick("empty"))
    assert result.nothing


def test_batches_carry_no_plaintext_and_no_local_settings(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    client = take_call(bg1, "Zorana", "Zorana je pobegla iz stana u Zemunu")
    update_preferences(bg1, theme="dark")
    result = export_desk(bg1, pair.stick("s"))
    [path] = result.files
    blob = path.read_bytes()
    for secret in (
        b"Zorana",
        "Zorana".encode("utf-16-le"),
        b"Zemun",
        b"BG1",
        bg1.desk.device_id.encode(),
        client.encode(),
    ):
        assert secret not in blob
    assert path.suffix == ".sosbatch" and "BG1" not in path.name
    assert not list(pair.stick("s").glob(".*"))  # no temp file left behind
    import_batches(pair.office, [path])
    with pair.office.session() as s:
        prefs = [u.preferences for u in s.execute(select(User)).scalars()]
        rows = (
            s.execute(
                select(Change.fields).where(
                    Change.entity == "users", Change.origin_device == bg1.desk.device_id
                )
            )
            .scalars()
            .all()
        )
    assert all(p == {} for p in prefs)
    assert rows and not any("preferences" in f for f in rows)


def test_office_sends_directory_and_other_desks_work_but_not_their_todo_lists(net: Net) -> None:
    from sosdesk.services.directory import create_entry, update_entry

    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    entry = create_entry(
        net.office,
        {
            "kind": "lawyer",
            "name": "Advokatica Jovana Marić",
            "city": "Beograd",
            "phones": ["011 123 4567"],
        },
    )
    a = take_call(bg1, "Sanja")
    add_followup(bg1, datetime.now(UTC) + timedelta(days=1), "Povratni poziv", client_id=a)
    desk_to_office(net, "BG1")
    assert count(net.office, "followups") == 1
    _, outcomes = office_to_desk(net, "NS1")
    assert outcomes[0].status == "applied"
    assert count(ns1, "followups") == 0  # BG1's call-backs stay BG1's
    assert [h.title for h in search(ns1, "Marić") if h.kind == "directory"] or count(
        ns1, "directory_entries"
    ) == 1
    # A later change at the office reaches the desk with the next batch, and only it.
    update_entry(net.office, entry.id, {"city": "Novi Sad"})
    result, outcomes = office_to_desk(net, "NS1")
    assert result.new_seq == 2 and result.records == 1
    with ns1.session() as s:
        from sosdesk.store.models import DirectoryEntry

        assert s.get(DirectoryEntry, entry.id).city == "Novi Sad"  # type: ignore[union-attr]


def test_desk_acknowledges_office_batches_in_its_next_batch(pair: Net) -> None:
    take_call(pair.office, "Dragana")
    _, outcomes = office_to_desk(pair, "BG1")
    assert outcomes[0].status == "applied"
    with pair.office.session() as s:
        assert (
            s.execute(select(SyncBatch.state).where(SyncBatch.direction == "out")).scalar_one()
            == "exported"
        )
    # Nothing new at the desk, yet the export carries the acknowledgement.
    desk_to_office(pair, "BG1")
    with pair.office.session() as s:
        assert (
            s.execute(select(SyncBatch.state).where(SyncBatch.direction == "out")).scalar_one()
            == "delivered"
        )
    again = export_office(pair.office, "BG1", pair.stick("x"))
    assert again.nothing


def test_updates_travel_and_last_writer_wins(net: Net) -> None:
    bg1, ns1 = net.desks["BG1"], net.desks["NS1"]
    a = take_call(bg1, "Tijana")
    desk_to_office(net, "BG1")
    office_to_desk(net, "NS1")
    update_client(ns1, a, {"risk_level": "high"})
    desk_to_office(net, "NS1")
    office_to_desk(net, "BG1")
    with bg1.session() as s:
        assert s.get(Client, a).risk_level == "high"  # type: ignore[union-attr]
    # A later call at BG1 for the same client lands in the same file at the office.
    save_call(bg1, CallInput(categories=["victim_support"], client_id=a, summary="drugi poziv"))
    desk_to_office(net, "BG1")
    assert {e.kind for e in timeline(net.office, a)} == {"call"}
    assert len(timeline(net.office, a)) == 2
