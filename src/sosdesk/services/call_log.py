"""The call log and the shift handover (issue 18, problem 6).

`find_calls` browses calls by date range, shift, line, operator, urgency, category and whether a
client is linked (the latest 40 and a word search were all there was). `handover` gathers what
the next operator needs at the change of shift: the urgent calls of the shift, open follow-ups
that are overdue or due today, calls left unsaved, and the note the last operator left.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select

from sosdesk.domain.clock import desk_zone, to_desk, utcnow
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.followups import FollowUpView, board
from sosdesk.services.views import CallView, to_view
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Draft, Setting, User

SHIFTS = ("day", "night")
DAY_STARTS, NIGHT_STARTS = 7, 19  # the line's two shifts, desk time
NOTE_KEY = "handover_note"
MAX_NOTE = 2000
MAX_ROWS = 2000


@dataclass(frozen=True)
class CallFilter:
    """What to look for; None means any."""

    since: datetime | None = None
    until: datetime | None = None
    shift: str | None = None
    line: str | None = None
    operator_id: str | None = None
    urgency: str | None = None
    category: str | None = None
    linked: bool | None = None
    limit: int = 500


@dataclass(frozen=True)
class HandoverNote:
    """The note the operator going off shift leaves for the next one."""

    text: str
    by: str
    at: datetime


@dataclass(frozen=True)
class Handover:
    """What the next shift needs to know."""

    shift_start: datetime
    calls: int
    urgent_calls: tuple[CallView, ...]
    overdue: tuple[FollowUpView, ...]
    due_today: tuple[FollowUpView, ...]
    unsaved_calls: int
    note: HandoverNote | None


def shift_of(moment: datetime) -> str:
    """`day` (07:00-19:00 desk time) or `night`."""
    return "day" if DAY_STARTS <= to_desk(moment).hour < NIGHT_STARTS else "night"


def shift_start(now: datetime) -> datetime:
    """When the shift running at `now` began (desk time)."""
    local = to_desk(now)
    hour = DAY_STARTS if shift_of(now) == "day" else NIGHT_STARTS
    day = local.date() if local.hour >= hour else local.date() - timedelta(days=1)
    return datetime.combine(day, time(hour), desk_zone() or local.tzinfo)


def find_calls(db: Database, f: CallFilter) -> list[CallView]:
    """Calls matching every condition of `f`, newest first (at most `f.limit`)."""
    if f.shift is not None and f.shift not in SHIFTS:
        raise ValidationFailed([FieldError("shift", "field.unknown_value", list="shift")])
    q = select(Call).order_by(Call.started_at.desc())
    if f.since is not None:
        q = q.where(Call.started_at >= f.since)
    if f.until is not None:
        q = q.where(Call.started_at < f.until)
    for column, value in (
        (Call.line, f.line),
        (Call.operator_id, f.operator_id),
        (Call.urgency, f.urgency),
    ):
        if value is not None:
            q = q.where(column == value)
    if f.linked is not None:
        q = q.where(Call.client_id.is_not(None) if f.linked else Call.client_id.is_(None))
    limit = max(1, min(f.limit, MAX_ROWS))
    out: list[CallView] = []
    with db.session() as s:
        # Shift and category are read from each row (local hour, JSON list), so rows are
        # streamed until enough match rather than cut by SQL first.
        for call in s.execute(q.execution_options(yield_per=200)).scalars():
            if f.shift is not None and shift_of(call.started_at) != f.shift:
                continue
            if f.category is not None and f.category not in (call.categories or []):
                continue
            out.append(to_view(CallView, call))
            if len(out) >= limit:
                break
    return out


def get_note(db: Database) -> HandoverNote | None:
    """The last handover note, if any."""
    with db.session() as s:
        row = s.get(Setting, NOTE_KEY)
        value: dict[str, Any] = dict(row.value) if row and isinstance(row.value, dict) else {}
    if not value.get("text"):
        return None
    return HandoverNote(value["text"], value.get("by", ""), datetime.fromisoformat(value["at"]))


def leave_note(db: Database, text: str) -> HandoverNote | None:
    """Leave (or clear, with empty text) the note for the next shift; audited."""
    clean = (text or "").strip()
    if len(clean) > MAX_NOTE:
        raise ValidationFailed([FieldError("note", "field.too_long", max=MAX_NOTE, now=len(clean))])
    with db.transaction() as tx:
        value = {"text": clean, "by": tx.actor.user_id, "at": tx.now.isoformat()}
        tx.session.merge(Setting(key=NOTE_KEY, value=value))
        tx.audit("handover_note", "settings", NOTE_KEY, {"length": len(clean)})
    note = get_note(db)
    if note is None:
        return None
    with db.session() as s:
        user = s.get(User, note.by)
    return HandoverNote(note.text, user.display_name if user else note.by, note.at)


def handover(db: Database, *, now: datetime | None = None) -> Handover:
    """The handover of the shift running at `now`."""
    now = now or utcnow()
    start = shift_start(now)
    calls = find_calls(
        db, CallFilter(since=start, until=now + timedelta(seconds=1), limit=MAX_ROWS)
    )
    end_of_day = datetime.combine(to_desk(now).date() + timedelta(days=1), time(), start.tzinfo)
    followups = board(db, None, now=now, day_end=end_of_day)
    with db.session() as s:
        drafts = int(
            s.execute(
                select(func.count()).select_from(Draft).where(Draft.kind == "call")
            ).scalar_one()
        )
    note = get_note(db)
    if note is not None:
        with db.session() as s:
            user = s.get(User, note.by)
        note = HandoverNote(note.text, user.display_name if user else note.by, note.at)
    return Handover(
        start,
        len(calls),
        tuple(c for c in calls if c.urgency != "routine"),
        followups.overdue,
        followups.today,
        drafts,
        note,
    )
