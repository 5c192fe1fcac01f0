"""A desk's batch is the outbox range its ledger row names: numbering one marks no change,
a batch is written again byte for byte, marks left by earlier versions still count, and a
set-aside record's changes inside a batch already numbered stay in it, and a mark landing
while a batch is spooled stops its numbering."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from sosdesk.services.clients import update_client
from sosdesk.store.database import Database
from sosdesk.sync import outbox
from sosdesk.sync.errors import SyncError
from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches
from sosdesk.sync.outbox import WAITING
from sosdesk.sync.receipts import import_receipt
from sosdesk.sync.set_aside_decision import apply_without, look_at_refused
from sosdesk.sync.status import desk_status
from tests.sync.helpers import Net, colliding_desk, count, take_call


def _all(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as c:
        return [tuple(r) for r in c.execute(text(sql))]


def _waiting(db: Database) -> int:
    with db.engine.connect() as c:
        return int(c.execute(text(f"SELECT count(*) FROM changes WHERE {WAITING}")).scalar_one())


def test_numbering_a_batch_changes_no_change_and_it_is_written_again_the_same(pair: Net) -> None:
    desk = pair.desks["BG1"]
    take_call(desk, "Ana")
    before = _all(desk, "SELECT * FROM changes ORDER BY seq")
    first = export_desk(desk, pair.stick("one"))
    assert first.new_seq == 1 and first.records == len(before)
    assert _all(desk, "SELECT * FROM changes ORDER BY seq") == before
    assert _waiting(desk) == 0 and desk_status(desk).unexported_changes == 0
    take_call(desk, "Vesna")
    waiting = _waiting(desk)
    second = export_desk(desk, pair.stick("two"))
    assert (second.rewritten, second.new_seq, second.records) == ((1,), 2, waiting)
    outcomes = import_batches(pair.office, list(second.files))
    assert [o.status for o in outcomes] == ["applied", "applied"]
    # Files are sealed afresh each time; the signed hash inside is what must not move.
    [late] = import_batches(pair.office, list(first.files))
    assert (late.status, late.seq) == ("replayed", 1)
    assert count(pair.office, "clients") == 2


def test_changes_marked_by_an_earlier_version_stay_in_their_batch(pair: Net) -> None:
    desk = pair.desks["BG1"]
    take_call(desk, "Ana")
    first = export_desk(desk, pair.stick("one"))
    # Before batches were ranges, numbering a batch wrote its id on each of its changes.
    with desk.engine.begin() as c:
        c.execute(
            text(
                "UPDATE changes SET batch_id = (SELECT batch_id FROM sync_batches WHERE seq = 1) "
                "WHERE seq <= (SELECT last_change FROM sync_batches WHERE seq = 1)"
            )
        )
    assert _waiting(desk) == 0
    take_call(desk, "Vesna")
    second = export_desk(desk, pair.stick("two"))
    assert (second.rewritten, second.new_seq) == ((1,), 2)
    outcomes = import_batches(pair.office, list(second.files))
    assert [o.status for o in outcomes] == ["applied", "applied"]
    # Files are sealed afresh each time; the signed hash inside is what must not move.
    [late] = import_batches(pair.office, list(first.files))
    assert (late.status, late.seq) == ("replayed", 1)
    assert count(pair.office, "clients") == 2


def test_a_set_aside_record_keeps_its_changes_in_a_batch_already_numbered(pair: Net) -> None:
    desk, office = pair.desks["BG1"], pair.office
    bad, _good = colliding_desk(pair)
    first = export_desk(desk, pair.stick("one"))
    update_client(desk, bad, {"risk_level": "high"})  # waits, then goes into batch 2
    second = export_desk(desk, pair.stick("two"))
    assert (second.rewritten, second.new_seq) == ((1,), 2)
    in_two = _all(
        desk,
        "SELECT * FROM changes WHERE seq > (SELECT last_change FROM "
        "sync_batches WHERE seq = 1) ORDER BY seq",
    )
    assert any(r[1] == "clients" and r[2] == bad and r[3] == "update" for r in in_two)
    [refused] = import_batches(office, list(first.files), receipts_dir=pair.stick("r1"))
    assert refused.status == "rejected"
    done = apply_without(office, "BG1", look_at_refused(office, "bg1"), pair.stick("aside"))
    assert done.receipt is not None
    answer = import_receipt(desk, done.receipt)
    assert answer.newly_delivered == (1,)
    # Batch 2 was numbered before the record was set aside: it keeps the record's change,
    # so it is written again with the bytes (and the signed hash) it had.
    assert (
        _all(
            desk,
            "SELECT * FROM changes WHERE seq > (SELECT last_change FROM "
            "sync_batches WHERE seq = 1) ORDER BY seq",
        )
        == in_two
    )
    third = export_desk(desk, pair.stick("three"))
    assert (third.rewritten, third.new_seq) == ((2,), None)
    # (The writer checks the content against the signed header: a batch that lost a change
    # would not be written at all.) The office sees one batch 2, whichever file it reads.
    import_batches(office, list(second.files[1:]), receipts_dir=pair.stick("r2"))
    import_batches(office, list(third.files), receipts_dir=pair.stick("r3"))
    hashes = _all(
        office, "SELECT DISTINCT hash FROM sync_batches WHERE direction = 'in' AND seq = 2"
    )
    assert len(hashes) == 1


def test_a_mark_landing_while_a_batch_is_spooled_stops_its_numbering(
    pair: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = pair.desks["BG1"]
    take_call(desk, "Ana")
    read = outbox.unbatched

    def then_marked(*args: Any, **kwargs: Any) -> Iterator[tuple[bytes, str]]:
        yield from read(*args, **kwargs)
        # Another writer (a receipt setting a record aside) marks a change of the range.
        with desk.engine.begin() as c:
            c.execute(text("UPDATE changes SET batch_id = 'set-aside' WHERE seq = 1"))

    monkeypatch.setattr(outbox, "unbatched", then_marked)
    with pytest.raises(SyncError) as refused:
        export_desk(desk, pair.stick("one"))
    assert refused.value.code == "sync.outbox_changed"
    assert _all(desk, "SELECT count(*) FROM sync_batches WHERE direction = 'out'") == [(0,)]
    monkeypatch.setattr(outbox, "unbatched", read)
    again = export_desk(desk, pair.stick("two"))
    assert (
        again.new_seq == 1 and again.records == _all(desk, "SELECT count(*) - 1 FROM changes")[0][0]
    )
