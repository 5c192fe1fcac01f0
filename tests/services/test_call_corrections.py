"""Correcting a saved call: the call holds the corrected value, its history keeps the original,
the timeline, statistics and search follow, and a bad correction changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import text

from sosdesk.documents.produce import build
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.call_corrections import correct_call, corrections_of, original_call
from sosdesk.services.calls import CallInput, get_call, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.documents_data import DocumentRequest
from sosdesk.services.errors import NotAllowed, NotFound
from sosdesk.services.events import timeline
from sosdesk.services.search import search
from sosdesk.stats.calls_stats import count_calls
from sosdesk.stats.periods import Period
from sosdesk.store.database import Database
from sosdesk.store.tx import Actor
from tests.documents.conftest import flat, pdf_text
from tests.sync.helpers import snapshot

START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def _call(db: Database, client_id: str | None = None) -> str:
    view = save_call(
        db,
        CallInput(
            categories=["victim_support"],
            caller_type="victim",
            client_id=client_id,
            summary="pratnja do doma zdravlja",
            started_at=START,
            ended_at=START.replace(minute=20),
        ),
    )
    return view.id


def test_each_field_is_corrected_and_the_original_stays_in_history(db: Database) -> None:
    call_id = _call(db)
    corrections = {
        "line": "free_line",
        "direction": "outgoing",
        "caller_type": "family",
        "language": "en",
        "urgency": "urgent",
        "categories": "victim_support,work_abroad",
        "emergency_steps": "police_192",
        "referrals_given": "Centar",
        "summary": "pratnja do bolnice",
        "actions_taken": "pozvana patrola",
        "caller_phone": "0641234567",
        "started_at": "2026-03-02T09:30:00+00:00",
        "ended_at": "2026-03-02T09:50:00+00:00",
    }
    for field, value in corrections.items():
        correct_call(db, call_id, field, value, f"ispravka {field}")
    now = get_call(db, call_id)
    assert now.line == "free_line" and now.caller_type == "family"
    assert now.categories == ("victim_support", "work_abroad")
    assert now.summary == "pratnja do bolnice" and now.caller_phone == "+381641234567"
    assert now.started_at == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    history = corrections_of(db, call_id)
    assert [c.field for c in history] == list(corrections)
    assert history[8].old_value == "pratnja do doma zdravlja"
    assert [c.base_version for c in history] == list(range(1, 14))
    first = original_call(db, call_id)
    assert first["summary"] == "pratnja do doma zdravlja" and first["line"] == "sos_24_7"
    # Search finds the corrected words, not the replaced ones.
    assert [h.ref for h in search(db, "bolnice")] == [call_id]
    assert search(db, "zdravlja") == []


def test_bad_corrections_change_nothing(db: Database) -> None:
    call_id = _call(db)
    before = snapshot(db)
    bad = [
        ("summary", "nova", " "),  # no reason
        ("nickname", "x", "razlog"),  # no such field
        ("urgency", "very", "razlog"),  # not a code
        ("categories", "", "razlog"),  # a call needs a category
        ("started_at", "2026-03-02 09:30", "razlog"),  # no time zone
        ("ended_at", "2026-03-01T09:00:00+00:00", "razlog"),  # ends before it starts
        ("summary", "pratnja do doma zdravlja", "razlog"),  # the same value
    ]
    for field, value, reason in bad:
        with pytest.raises(ValidationFailed):
            correct_call(db, call_id, field, value, reason)
    with pytest.raises(NotFound):
        correct_call(db, call_id, "client", "BG1-9999", "razlog")
    with pytest.raises(NotFound):
        correct_call(db, "no-such-call", "summary", "x", "razlog")
    assert snapshot(db) == before


def test_an_operator_may_not_relink_a_call(db: Database) -> None:
    call_id = _call(db)
    client = create_client(db, {"nickname": "Nena"})
    db.actor = Actor(db.actor.user_id, db.actor.name, "operator")
    with pytest.raises(NotAllowed):
        correct_call(db, call_id, "client", client.code, "razlog")
    correct_call(db, call_id, "urgency", "urgent", "razlog")  # but may correct the rest


def test_link_and_unlink_a_client_after_the_fact(db: Database) -> None:
    call_id = _call(db)
    first = create_client(db, {"nickname": "Nena"})
    second = create_client(db, {"nickname": "Mila"})
    correct_call(db, call_id, "client", first.code, "prepoznata po glasu")
    assert get_call(db, call_id).client_id == first.id
    assert [e.kind for e in timeline(db, first.id)] == ["call"]
    correct_call(db, call_id, "client", second.id, "pogrešna klijentkinja")
    assert get_call(db, call_id).client_id == second.id
    assert [e.kind for e in timeline(db, second.id)] == ["call"]
    amendment = timeline(db, first.id, kinds={"amendment"})[0]
    assert amendment.payload["corrected"] == {"client_id": second.id}
    correct_call(db, call_id, "client", "", "nije klijentkinja")
    assert get_call(db, call_id).client_id is None


def test_timeline_and_statistics_use_corrected_values(db: Database) -> None:
    client = create_client(db, {"nickname": "Nena"})
    call_id = _call(db, client.id)
    correct_call(db, call_id, "summary", "pratnja do bolnice", "pogrešno zapisano")
    correct_call(db, call_id, "ended_at", "", "kraj nepoznat")
    correct_call(db, call_id, "started_at", "2026-04-02T10:00:00+00:00", "pogrešan datum")
    [amend_time, amend_end, amend_summary, call_event] = timeline(db, client.id)
    assert amend_end.payload["corrected"] == {"ended_at": None}
    assert call_event.kind == "call"
    assert amend_summary.payload["corrected"] == {"summary": "pratnja do bolnice"}
    assert amend_summary.payload["amends_id"] == call_event.id
    assert amend_time.payload["corrected"] == {"occurred_at": "2026-04-02T10:00:00+00:00"}
    assert amend_summary.author_id == db.actor.user_id
    with db.session() as s:
        assert count_calls(s, Period.month(2026, 3)).total == 0
        assert count_calls(s, Period.month(2026, 4)).total == 1
    with db.engine.connect() as c:
        n = c.execute(text("SELECT count(*) FROM changes WHERE entity = 'call_corrections'"))
        assert n.scalar_one() == 3


def test_the_chronology_prints_the_corrected_summary_and_marks_the_correction(
    db: Database,
) -> None:
    client = create_client(db, {"nickname": "Nena"})
    call_id = _call(db, client.id)
    correct_call(db, call_id, "summary", "pratnja do bolnice", "pogresno zapisano")
    correct_call(db, call_id, "categories", "work_abroad", "druga kategorija")
    req = DocumentRequest(
        "chronology", client.id, lang="sr-Latn", since=date(2026, 3, 1), until=date(2026, 3, 31)
    )
    text = flat(pdf_text(build(db, req).pdf))
    assert "pratnja do bolnice" in text and "doma zdravlja" not in text
    assert "Ispravka" in text and "pogresno zapisano" in text
    assert "Ana Petrović" in text  # the author of the correction
    assert "Provera ponude za rad u inostranstvu" in text  # the corrected category
