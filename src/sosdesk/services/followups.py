"""Follow-ups (call-backs and tasks): schedule, list as overdue / due today / upcoming for one
user or the whole desk, mark done with an outcome (and undo), reschedule, reassign, count what
is overdue. Every move is kept in the follow-up's own history (when, by whom, from what to what).

"Mine" means assigned to the user or to nobody: an unassigned call-back belongs to whoever is
on shift, so it must not vanish from everyone's list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from sosdesk.domain import roles
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.access import require
from sosdesk.services.errors import NotFound
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client, FollowUp, User, utcnow

MAX_WHAT = 2000
MAX_OUTCOME = 2000
# How long before the moment it is agreed a follow-up may be due. A day, because a due date
# typed without a time means the start of that day, and a call-back agreed this morning and
# recorded this afternoon is still worth keeping (it shows up as overdue at once).
PAST_GRACE = timedelta(days=1)


def check_followup(
    due_at: datetime | None,
    what: str | None,
    *,
    agreed_at: datetime | None = None,
    what_required: bool = True,
    due_field: str = "due_at",
    what_field: str = "what",
) -> list[FieldError]:
    """The one follow-up rule, for every path (a call, a new follow-up, a new due time, a form's
    live check): a due time with a time zone, not more than `PAST_GRACE` before `agreed_at`
    (default: now), and what is to be done, at most `MAX_WHAT` characters. Returns the problems.
    """
    found: list[FieldError] = []
    reference = agreed_at if agreed_at is not None and agreed_at.tzinfo else utcnow()
    if due_at is None:
        found.append(FieldError(due_field, "followup.due_missing"))
    elif due_at.tzinfo is None:
        found.append(FieldError(due_field, "field.time_zone_missing"))
    elif due_at < reference - PAST_GRACE:
        found.append(FieldError(due_field, "followup.in_past"))
    text = (what or "").strip()
    if what_required and not text:
        found.append(FieldError(what_field, "field.required"))
    elif len(text) > MAX_WHAT:
        found.append(FieldError(what_field, "field.too_long", max=MAX_WHAT, now=len(text)))
    return found


@dataclass(frozen=True)
class FollowUpView:
    """One follow-up with the names a list shows."""

    id: str
    due_at: datetime
    what: str
    client_id: str | None
    client_code: str | None
    client_name: str | None
    call_id: str | None
    assigned_to: str | None
    assigned_name: str | None
    done_at: datetime | None
    done_by: str | None
    version: int
    outcome: str | None = None


@dataclass(frozen=True)
class FollowUpChange:
    """One move in a follow-up's history: `kind` is rescheduled, reassigned, done or reopened;
    `before`/`after` are due times (ISO) or user names, as fits the kind."""

    at: datetime
    by: str
    kind: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class FollowUpBoard:
    """Open follow-ups split the way an operator reads them at the start of a shift."""

    overdue: tuple[FollowUpView, ...]
    today: tuple[FollowUpView, ...]
    upcoming: tuple[FollowUpView, ...]


@dataclass(frozen=True)
class UserChoice:
    """A user follow-ups can be assigned to."""

    id: str
    display_name: str


def _client_name(c: Client | None) -> str | None:
    if c is None:
        return None
    return " ".join(p for p in (c.given_name, c.family_name) if p) or c.nickname or c.code


def _views(s: Session, q: Select[FollowUp]) -> list[FollowUpView]:
    rows = list(s.execute(q).scalars())
    client_ids = {r.client_id for r in rows if r.client_id}
    user_ids = {r.assigned_to for r in rows if r.assigned_to}
    clients: dict[str, Client] = {}
    if client_ids:
        clients = {
            c.id: c for c in s.execute(select(Client).where(Client.id.in_(client_ids))).scalars()
        }
    users: dict[str, str] = {}
    if user_ids:
        users = {
            u.id: u.display_name
            for u in s.execute(select(User).where(User.id.in_(user_ids))).scalars()
        }
    out = []
    for r in rows:
        c = clients.get(r.client_id) if r.client_id else None
        out.append(
            FollowUpView(
                r.id,
                r.due_at,
                r.what,
                r.client_id,
                c.code if c else None,
                _client_name(c),
                r.call_id,
                r.assigned_to,
                users.get(r.assigned_to) if r.assigned_to else None,
                r.done_at,
                r.done_by,
                r.version,
                r.outcome,
            )
        )
    return out


def _open(user_id: str | None) -> Select[FollowUp]:
    q = select(FollowUp).where(FollowUp.done_at.is_(None))
    if user_id is not None:
        q = q.where(or_(FollowUp.assigned_to == user_id, FollowUp.assigned_to.is_(None)))
    return q


def board(
    db: Database,
    user_id: str | None,
    *,
    now: datetime | None = None,
    day_end: datetime | None = None,
    upcoming_days: int = 30,
) -> FollowUpBoard:
    """Open follow-ups of a user (`None`: the whole desk): overdue, due today, upcoming.

    `day_end` is the end of the operator's local day (the caller knows the time zone).
    """
    require(db, roles.SEE_SAFETY_CARD)  # the board names clients
    now = now or utcnow()
    day_end = day_end or now.replace(hour=23, minute=59, second=59)
    until = day_end + timedelta(days=upcoming_days)
    q = _open(user_id).where(FollowUp.due_at < until).order_by(FollowUp.due_at, FollowUp.id)
    with db.session() as s:
        rows = _views(s, q)
    return FollowUpBoard(
        tuple(r for r in rows if r.due_at < now),
        tuple(r for r in rows if now <= r.due_at < day_end),
        tuple(r for r in rows if r.due_at >= day_end),
    )


def overdue_count(db: Database, user_id: str | None, *, now: datetime | None = None) -> int:
    """How many open follow-ups are past due (for the main window's badge)."""
    q = _open(user_id).where(FollowUp.due_at < (now or utcnow()))
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(q.subquery())).scalar_one())


def followups_of_client(
    db: Database, client_id: str, *, include_done: bool = True
) -> list[FollowUpView]:
    """A client's follow-ups: open ones by due date, then done ones newest first."""
    require(db, roles.SEE_SAFETY_CARD, client_id)  # open follow-ups are on the safety card
    q = select(FollowUp).where(FollowUp.client_id == client_id)
    if not include_done:
        q = q.where(FollowUp.done_at.is_(None))
    with db.session() as s:
        rows = _views(s, q.order_by(FollowUp.due_at))
    open_ = [r for r in rows if r.done_at is None]
    done = sorted((r for r in rows if r.done_at is not None), key=lambda r: r.due_at, reverse=True)
    return open_ + done


def get_followup(db: Database, followup_id: str) -> FollowUpView:
    """One follow-up."""
    with db.session() as s:
        rows = _views(s, select(FollowUp).where(FollowUp.id == followup_id))
    if not rows:
        raise NotFound("not_found.followup", id=followup_id)
    return rows[0]


def add_followup(
    db: Database,
    due_at: datetime | None,
    what: str,
    *,
    client_id: str | None = None,
    call_id: str | None = None,
    assigned_to: str | None = None,
) -> FollowUpView:
    """Schedule a follow-up; a due time with a time zone and a description are required."""
    problems = check_followup(due_at, what)
    if problems:
        raise ValidationFailed(problems)
    clean = what.strip()
    with db.transaction() as tx:
        if client_id and tx.session.get(Client, client_id) is None:
            raise NotFound("not_found.client", id=client_id)
        if call_id and tx.session.get(Call, call_id) is None:
            raise NotFound("not_found.call", id=call_id)
        if assigned_to and tx.session.get(User, assigned_to) is None:
            raise ValidationFailed([FieldError("assigned_to", "followup.no_user")])
        row = FollowUp(
            due_at=due_at, what=clean, client_id=client_id, call_id=call_id, assigned_to=assigned_to
        )
        tx.insert(row, audit_detail={"client_id": client_id})
        fid = row.id
    return get_followup(db, fid)


def _moved(
    tx_now: datetime, user_id: str, row: FollowUp, kind: str, before: Any, after: Any
) -> list[dict[str, Any]]:
    entry = {"at": tx_now.isoformat(), "by": user_id, "kind": kind, "from": before, "to": after}
    return [*(row.history or []), entry]


def _change(db: Database, followup_id: str, kind: str, value: Any = None) -> FollowUpView:
    with db.transaction() as tx:
        row = tx.session.get(FollowUp, followup_id)
        if row is None:
            raise NotFound("not_found.followup", id=followup_id)
        me = tx.actor.user_id
        if kind in ("done", "rescheduled", "reassigned") and row.done_at is not None:
            raise ValidationFailed([FieldError("done_at", "followup.already_done")])
        if kind == "done":
            changes = {"done_at": tx.now, "done_by": me, "outcome": value or None}
            before, after = None, value or None
        elif kind == "reopened":
            if row.done_at is None:
                return get_followup(db, followup_id)
            changes = {"done_at": None, "done_by": None, "outcome": None}
            before, after = row.outcome, None
        elif kind == "rescheduled":
            if row.due_at == value:
                return get_followup(db, followup_id)
            changes = {"due_at": value}
            before, after = row.due_at.isoformat(), value.isoformat()
        else:
            if value and tx.session.get(User, value) is None:
                raise ValidationFailed([FieldError("assigned_to", "followup.no_user")])
            if row.assigned_to == value:
                return get_followup(db, followup_id)
            changes = {"assigned_to": value}
            before, after = row.assigned_to, value
        changes["history"] = _moved(tx.now, me, row, kind, before, after)
        tx.update(row, changes)
    return get_followup(db, followup_id)


def mark_done(db: Database, followup_id: str, outcome: str = "") -> FollowUpView:
    """Mark a follow-up done now, by the current user, with what came of it (may be empty)."""
    text = (outcome or "").strip()
    if len(text) > MAX_OUTCOME:
        raise ValidationFailed(
            [FieldError("outcome", "field.too_long", max=MAX_OUTCOME, now=len(text))]
        )
    return _change(db, followup_id, "done", text)


def reopen(db: Database, followup_id: str) -> FollowUpView:
    """Undo "done" (a mistaken key press); the outcome goes with it, the history keeps it."""
    return _change(db, followup_id, "reopened")


def reschedule(db: Database, followup_id: str, due_at: datetime | None) -> FollowUpView:
    """Move a follow-up to another due time (the rule of a new follow-up applies)."""
    problems = check_followup(due_at, None, what_required=False)
    if problems:
        raise ValidationFailed(problems)
    return _change(db, followup_id, "rescheduled", due_at)


def reassign(db: Database, followup_id: str, user_id: str | None) -> FollowUpView:
    """Give a follow-up to another user (`None`: anyone on the desk)."""
    return _change(db, followup_id, "reassigned", user_id)


def history(db: Database, followup_id: str) -> list[FollowUpChange]:
    """A follow-up's moves, oldest first, with user names instead of ids."""
    with db.session() as s:
        row = s.get(FollowUp, followup_id)
        if row is None:
            raise NotFound("not_found.followup", id=followup_id)
        entries = list(row.history or [])
        ids = {e.get(k) for e in entries for k in ("by", "from", "to")} - {None}
        names = {
            u.id: u.display_name for u in s.execute(select(User).where(User.id.in_(ids))).scalars()
        }
    out = []
    for e in entries:
        people = e["kind"] == "reassigned"
        before, after = e.get("from"), e.get("to")
        out.append(
            FollowUpChange(
                datetime.fromisoformat(e["at"]),
                names.get(e["by"], e["by"]),
                e["kind"],
                names.get(before, before) if people and before else before,
                names.get(after, after) if people and after else after,
            )
        )
    return out


def assignable_users(db: Database) -> list[UserChoice]:
    """Active users, by display name."""
    with db.session() as s:
        rows = s.execute(select(User).where(User.active.is_(True)).order_by(User.display_name))
        return [UserChoice(u.id, u.display_name) for u in rows.scalars()]
