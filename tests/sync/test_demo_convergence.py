"""A desk with demo data (rows that never entered the outbox) still reaches the office: the
UX scenario of issue 14, "demo follow-up marked done, export, office import"."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sosdesk.commands.sync_cmd import report_imports
from sosdesk.demo.generator import generate
from sosdesk.services.followups import mark_done
from sosdesk.sync.completion import Completion
from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches
from sosdesk.sync.outbox import WAITING
from sosdesk.sync.receipts import import_receipt
from sosdesk.ui.widgets.problem_text import error_text
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
    assert _one(desk, f"SELECT count(*) FROM changes WHERE {WAITING}") == "0"
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


def test_a_refused_batch_is_answered_and_sent_again_completed(
    pair: Net, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A desk whose batch was refused (made before completion existed) is not stuck: the
    office answers with a signed refusal receipt, the desk shows why and its next export
    numbers the batch again with the missing records; the pair converges in two round trips."""
    desk = pair.desks["BG1"]
    generate(desk, 30, seed=7)
    fid = _one(desk, "SELECT id FROM followups WHERE done_at IS NULL ORDER BY id LIMIT 1")
    mark_done(desk, fid)
    with monkeypatch.context() as m:  # the old export: changes only, never the whole records
        m.setattr("sosdesk.sync.export.complete_outbox", lambda s, d: Completion({}))
        first = export_desk(desk, pair.stick("old"))
    back = pair.stick("refusals")
    refused = import_batches(pair.office, list(first.files), receipts_dir=back)
    assert [o.status for o in refused] == ["rejected"]
    assert refused[0].problem is not None and refused[0].problem.code == "office.missing_record"
    assert refused[0].receipt is not None
    assert report_imports(refused) == 2  # what `sosdesk office import` prints
    assert "1 of them were answered with a refusal receipt" in capsys.readouterr().out
    answer = import_receipt(desk, refused[0].receipt)
    assert answer.refused == (1,) and answer.problem is not None
    assert "followups" in error_text(answer.problem)

    outcomes = desk_to_office(pair, "BG1")  # the second round trip

    assert [o.status for o in outcomes] == ["applied"], [o.message for o in outcomes]
    assert outcomes[0].seq == 1  # numbered again from the refused number
    assert _one(pair.office, f"SELECT done_at IS NOT NULL FROM followups WHERE id = '{fid}'") == "1"
    assert _one(desk, "SELECT count(*) FROM sync_batches WHERE state != 'delivered'") == "0"
    # An old copy of the refused file arriving later changes nothing and raises no alarm.
    late = import_batches(pair.office, list(first.files))
    assert [o.status for o in late] == ["replayed"], [o.message for o in late]


def test_later_batches_of_a_refused_one_raise_no_alarm(
    pair: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches numbered after a refused one (held at the office, or arriving late) are
    superseded by the desk's new numbering: no fork alert, and the pair converges."""
    desk = pair.desks["BG1"]
    generate(desk, 30, seed=7)
    with desk.engine.connect() as c:
        fids = [
            r[0]
            for r in c.execute(
                text("SELECT id FROM followups WHERE done_at IS NULL ORDER BY id LIMIT 2")
            )
        ]
    with monkeypatch.context() as m:  # two batches made before completion existed
        m.setattr("sosdesk.sync.export.complete_outbox", lambda s, d: Completion({}))
        mark_done(desk, fids[0])
        one = export_desk(desk, pair.stick("one"))
        mark_done(desk, fids[1])
        two = export_desk(desk, pair.stick("two"))
    assert two.new_seq == 2
    first, second = list(one.files), [two.files[-1]]  # the new batch is written last
    back = pair.stick("refusals")
    refused = import_batches(pair.office, first, receipts_dir=back)
    assert [o.status for o in refused] == ["rejected"]
    assert [o.status for o in import_batches(pair.office, second)] == ["held"]
    assert refused[0].receipt is not None
    import_receipt(desk, refused[0].receipt)

    outcomes = desk_to_office(pair, "BG1")

    # The new batch 1 holds both changes; the old held batch 2 is set aside, without alarm.
    assert [o.status for o in outcomes] == ["applied", "replayed"], [o.message for o in outcomes]
    assert "ALERT" not in " ".join(o.message for o in outcomes)
    for fid in fids:
        done = f"SELECT done_at IS NOT NULL FROM followups WHERE id = '{fid}'"
        assert _one(pair.office, done) == "1"
    late = import_batches(pair.office, second)  # the old second batch, brought again
    assert [o.status for o in late] == ["replayed"], [o.message for o in late]
    assert "ALERT" not in " ".join(o.message for o in late)
    assert _one(pair.office, "SELECT count(*) FROM sync_batches WHERE state = 'held'") == "0"
