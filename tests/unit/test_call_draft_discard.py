"""A saved call takes its draft with it in one transaction: never both, never a call offered twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sosdesk.services import drafts
from sosdesk.services.calls import CallInput, recent_calls, save_call
from sosdesk.services.drafts import list_drafts, save_draft
from sosdesk.store.database import Database


def _input() -> CallInput:
    started = datetime.now(UTC) - timedelta(minutes=5)
    return CallInput(
        categories=["prevention_info"],
        summary="a call",
        started_at=started,
        ended_at=started + timedelta(minutes=3),
    )


def test_after_a_save_no_draft_of_the_call_remains(db: Database) -> None:
    draft = save_draft(db, "call", {"summary": "a call"})
    other = save_draft(db, "call", {"summary": "another call in progress"})

    view = save_call(db, _input(), discard_draft=draft)

    assert [c.id for c in recent_calls(db)] == [view.id]
    assert [d.id for d in list_drafts(db, "call")] == [other]


def test_a_failure_discarding_the_draft_saves_no_call(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = save_draft(db, "call", {"summary": "a call"})

    def broken(*_args: object) -> None:
        raise OSError("disk gone between the call and its draft")

    monkeypatch.setattr(drafts, "delete_draft", broken)
    with pytest.raises(OSError):
        save_call(db, _input(), discard_draft=draft)

    # Nothing committed: the draft is still there to resume, and there is no call to duplicate.
    assert recent_calls(db) == []
    assert [d.id for d in list_drafts(db, "call")] == [draft]
