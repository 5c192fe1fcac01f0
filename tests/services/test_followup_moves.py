"""Follow-ups that can move (issue 18, problem 5): rescheduled, reassigned, done with an outcome
and undone, every move kept in the follow-up's history with who and when."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.followups import (
    add_followup,
    board,
    get_followup,
    history,
    mark_done,
    reassign,
    reopen,
    reschedule,
)
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow


def test_moves_are_kept_in_order_with_names(db: Database) -> None:
    now = utcnow()
    mira = db.add_user("mira", "Mira Ilić", "operator", "druga-lozinka-7")
    f = add_followup(db, now - timedelta(hours=1), "Pozvati", assigned_to=db.actor.user_id)
    later = now + timedelta(days=1)
    moved = reschedule(db, f.id, later)
    assert moved.due_at == later
    given = reassign(db, f.id, mira)
    assert given.assigned_name == "Mira Ilić"
    assert [x.id for x in board(db, db.actor.user_id, now=now).upcoming] == []
    done = mark_done(db, f.id, "  Javila se, bezbedna je  ")
    assert done.outcome == "Javila se, bezbedna je" and done.done_at is not None
    undone = reopen(db, f.id)
    assert undone.outcome is None and undone.done_at is None
    moves = history(db, f.id)
    assert [m.kind for m in moves] == ["rescheduled", "reassigned", "done", "reopened"]
    assert {m.by for m in moves} == {"Ana Petrović"}
    assert moves[0].after == later.isoformat()
    assert (moves[1].before, moves[1].after) == ("Ana Petrović", "Mira Ilić")
    assert moves[2].after == "Javila se, bezbedna je"
    assert moves[3].before == "Javila se, bezbedna je"  # the undone outcome is not lost
    # Back to anyone on the desk: "Mine" shows it again.
    reassign(db, f.id, None)
    assert history(db, f.id)[-1].after is None
    assert [x.id for x in board(db, db.actor.user_id, now=now).upcoming] == [f.id]


def test_a_move_that_changes_nothing_leaves_no_history(db: Database) -> None:
    f = add_followup(db, utcnow() + timedelta(hours=2), "Pozvati")
    reschedule(db, f.id, f.due_at)
    reassign(db, f.id, None)
    reopen(db, f.id)
    assert history(db, f.id) == []
    assert get_followup(db, f.id).version == f.version


def test_bad_moves_are_refused_and_change_nothing(db: Database) -> None:
    f = add_followup(db, utcnow() + timedelta(hours=2), "Pozvati")
    with pytest.raises(ValidationFailed) as err:
        reschedule(db, f.id, utcnow() - timedelta(days=3))
    assert err.value.errors[0].code == "followup.in_past"
    with pytest.raises(ValidationFailed) as err:
        reassign(db, f.id, "no-such-user")
    assert err.value.errors[0].code == "followup.no_user"
    with pytest.raises(ValidationFailed) as err:
        mark_done(db, f.id, "x" * 2001)
    assert err.value.errors[0].code == "field.too_long"
    mark_done(db, f.id)
    with pytest.raises(ValidationFailed):
        reschedule(db, f.id, utcnow() + timedelta(days=2))
    assert [m.kind for m in history(db, f.id)] == ["done"]
