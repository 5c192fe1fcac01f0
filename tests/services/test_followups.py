"""Follow-ups: due today / overdue / upcoming, mine vs desk, done and undone, badge count."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.clients import create_client
from sosdesk.services.followups import (
    add_followup,
    board,
    followups_of_client,
    mark_done,
    overdue_count,
    reopen,
    reschedule,
)
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow


def test_board_buckets_scope_and_done(db: Database) -> None:
    client = create_client(db, {"given_name": "Jelena", "family_name": "Marković"})
    now = utcnow()
    other = db.add_user("mira", "Mira Ilić", "operator", "druga-lozinka-7")
    late = add_followup(
        db,
        now - timedelta(hours=2),
        "Pozvati klijentkinju",
        client_id=client.id,
        assigned_to=db.actor.user_id,
    )
    soon = add_followup(db, now + timedelta(minutes=30), "Dogovoriti pratnju na ročište")
    later = add_followup(db, now + timedelta(days=3), "Proveriti smeštaj", assigned_to=other)
    day_end = now + timedelta(hours=1)
    mine = board(db, db.actor.user_id, now=now, day_end=day_end)
    assert [f.id for f in mine.overdue] == [late.id]
    assert mine.overdue[0].client_name == "Jelena Marković"
    assert [f.id for f in mine.today] == [soon.id]  # unassigned counts as mine
    assert mine.upcoming == ()
    desk = board(db, None, now=now, day_end=day_end)
    assert [f.id for f in desk.upcoming] == [later.id]
    assert desk.upcoming[0].assigned_name == "Mira Ilić"
    assert overdue_count(db, db.actor.user_id, now=now) == 1
    done = mark_done(db, late.id)
    assert done.done_at is not None and done.done_by == db.actor.user_id
    assert overdue_count(db, None, now=now) == 0
    with pytest.raises(ValidationFailed, match="already done"):
        mark_done(db, late.id)
    assert [f.id for f in followups_of_client(db, client.id)] == [late.id]
    reopen(db, late.id)
    assert overdue_count(db, None, now=now) == 1
    reschedule(db, late.id, now + timedelta(days=1))
    assert overdue_count(db, None, now=now) == 0


def test_bad_followups_are_refused(db: Database) -> None:
    with pytest.raises(ValidationFailed) as err:
        add_followup(db, None, "")
    assert {e.field for e in err.value.errors} == {"what", "due_at"}
    with pytest.raises(ValidationFailed, match="past"):
        add_followup(db, utcnow() - timedelta(days=3), "kasno")
    assert board(db, None).overdue == ()
