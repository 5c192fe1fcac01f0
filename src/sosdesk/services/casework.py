"""The Centre's casework on the timeline: a report for identification (with a due date), indicator
screenings with a suggested reading, the decision with reasons and the days since the report, the
child interview, the statement-capacity assessment, and needs assessments that open plan goals.
Every record is an event linked to the client's case; nothing here decides for the professional.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select

from sosdesk.domain.casework_vocab import NEED_DOMAIN
from sosdesk.domain.clock import utcnow
from sosdesk.domain.indicators import suggested_reading
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.cases import GoalView, _clean_goal, _goal_view
from sosdesk.services.casework_roles import require
from sosdesk.services.errors import NotFound
from sosdesk.services.events import insert_event
from sosdesk.services.indicator_lists import get_list
from sosdesk.services.views import EventView, to_view
from sosdesk.store.database import Database
from sosdesk.store.models import Case, CaseGoal, Client, Event, FollowUp, User
from sosdesk.store.tx import Tx

# "In the shortest possible time" (the Centre's work plan): the decision is due this many days
# after the report arrives, and a follow-up reminds the case manager.
DECISION_DUE_DAYS = 3
NOON = time(12, 0)


@dataclass(frozen=True)
class GoalDraft:
    """A goal to open from a needs assessment."""

    need_domain: str
    text: str
    target_date: date | None


@dataclass(frozen=True)
class NeedsResult:
    """The needs assessment event and the plan goals it opened."""

    event: EventView
    goals: tuple[GoalView, ...]


def _case_for(tx: Tx, client_id: str, case_id: str | None) -> Case | None:
    if case_id is None:
        return None
    case = tx.session.get(Case, case_id)
    if case is None:
        raise NotFound("not_found.case", id=case_id)
    if case.client_id != client_id:
        raise ValidationFailed([FieldError("case_id", "casework.case_of_other_client")])
    return case


def _event(
    db: Database,
    client_id: str,
    case_id: str | None,
    kind: str,
    occurred_at: datetime | None,
    payload: dict[str, Any],
) -> EventView:
    with db.transaction() as tx:
        _case_for(tx, client_id, case_id)
        ev = insert_event(tx, client_id, kind, occurred_at or tx.now, payload, case_id=case_id)
        view: EventView = to_view(EventView, ev)
    return view


def record_report(
    db: Database,
    client_id: str,
    *,
    source_kind: str,
    grounds: str,
    received_at: datetime | None = None,
    entry_id: str | None = None,
    entry_name: str | None = None,
    reporter: str | None = None,
    case_id: str | None = None,
) -> EventView:
    """The Centre's intake of a report for identification; the decision falls due
    `DECISION_DUE_DAYS` later, as a follow-up for the case manager."""
    require(db, "casework.report")
    received = received_at or utcnow()
    due = received + timedelta(days=DECISION_DUE_DAYS)
    payload = {
        "source_kind": source_kind,
        "entry_id": entry_id,
        "entry_name": entry_name,
        "reporter": reporter,
        "grounds": grounds,
        "due_on": due.date().isoformat(),
    }
    with db.transaction() as tx:
        case = _case_for(tx, client_id, case_id)
        ev = insert_event(
            tx, client_id, "identification_report", received, payload, case_id=case_id
        )
        assignee = case.manager_id if case and case.manager_id else tx.actor.user_id
        tx.insert(
            FollowUp(
                due_at=due,
                what="Odluka o identifikaciji po prijavi",
                client_id=client_id,
                assigned_to=assignee,
            ),
            audit_detail={"client_id": client_id},
        )
        view: EventView = to_view(EventView, ev)
    return view


def record_screening(
    db: Database,
    client_id: str,
    *,
    list_id: str,
    stage: str,
    indicator_set: str,
    observed: Mapping[str, str | None],
    case_id: str | None = None,
    report_id: str | None = None,
    note: str | None = None,
    occurred_at: datetime | None = None,
) -> EventView:
    """Indicators observed (code -> note) against one stored list version; the suggested
    reading is computed and kept with the event, and decides nothing."""
    require(db, "casework.identify")
    stored = get_list(db, list_id)
    unknown = [c for c in observed if stored.indicators.item(c) is None]
    if unknown:
        raise ValidationFailed(
            [
                FieldError(
                    "observed",
                    "casework.unknown_indicator",
                    code=unknown[0][:40],
                    version=stored.version,
                )
            ]
        )
    reading = suggested_reading(stored.indicators, indicator_set, observed)
    payload = {
        "stage": stage,
        "list_id": list_id,
        "list_version": stored.version,
        "indicator_set": indicator_set,
        "observed": [{"code": c, "note": n} for c, n in observed.items()],
        "reading": reading.as_payload(),
        "report_id": report_id,
        "note": note,
    }
    return _event(db, client_id, case_id, "screening", occurred_at, payload)


def decide_identification(
    db: Database,
    client_id: str,
    *,
    outcome: str,
    reasons: str,
    case_id: str | None = None,
    report_id: str | None = None,
    screening_id: str | None = None,
    referred_to: str | None = None,
    occurred_at: datetime | None = None,
) -> EventView:
    """The professional's decision with reasons; the days since the report are kept. An
    identification also moves the client's status to formally identified."""
    require(db, "casework.identify")
    with db.transaction() as tx:
        _case_for(tx, client_id, case_id)
        when = occurred_at or tx.now
        days = None
        if report_id is not None:
            report = tx.session.get(Event, report_id)
            if report is None or report.client_id != client_id:
                raise NotFound("not_found.event", id=report_id)
            days = max(0, (when.date() - report.occurred_at.date()).days)
            _close_report_followups(tx, client_id, report.occurred_at)
        payload = {
            "outcome": outcome,
            "reasons": reasons,
            "report_id": report_id,
            "screening_id": screening_id,
            "days_from_report": days,
            "referred_to": referred_to,
        }
        ev = insert_event(tx, client_id, "identification_decision", when, payload, case_id=case_id)
        client = tx.session.get(Client, client_id)
        if outcome == "identified" and client is not None and client.status != "identified":
            insert_event(
                tx,
                client_id,
                "status_change",
                when,
                {"from_status": client.status, "to_status": "identified", "decided_by": "Centar"},
                case_id=case_id,
            )
        view: EventView = to_view(EventView, ev)
    return view


def _close_report_followups(tx: Tx, client_id: str, received: datetime) -> None:
    rows = tx.session.execute(
        select(FollowUp).where(
            FollowUp.client_id == client_id,
            FollowUp.done_at.is_(None),
            FollowUp.what == "Odluka o identifikaciji po prijavi",
            FollowUp.due_at >= received,
        )
    ).scalars()
    for row in rows:
        tx.update(row, {"done_at": tx.now, "done_by": tx.actor.user_id})


def record_child_interview(
    db: Database,
    client_id: str,
    answers: dict[str, str],
    *,
    case_id: str | None = None,
    guardian_present: bool = False,
    interpreter: bool = False,
    duration_minutes: int | None = None,
    occurred_at: datetime | None = None,
) -> EventView:
    """The structured identification interview with a child (topic -> answer)."""
    require(db, "casework.identify")
    payload = {
        "answers": answers,
        "guardian_present": guardian_present,
        "interpreter": interpreter,
        "duration_minutes": duration_minutes,
    }
    return _event(db, client_id, case_id, "child_interview", occurred_at, payload)


def record_capacity(
    db: Database,
    client_id: str,
    *,
    capacity: str,
    reasons: str,
    case_id: str | None = None,
    trauma_signs: bool = False,
    needs_support_person: bool = False,
    occurred_at: datetime | None = None,
) -> EventView:
    """The assessment of the capacity to give a credible statement."""
    require(db, "casework.identify")
    payload = {
        "capacity": capacity,
        "reasons": reasons,
        "trauma_signs": trauma_signs,
        "needs_support_person": needs_support_person,
    }
    return _event(db, client_id, case_id, "credibility_assessment", occurred_at, payload)


def assess_needs(
    db: Database,
    case_id: str,
    ratings: Mapping[str, tuple[str, str | None]],
    goals: list[GoalDraft],
    *,
    occurred_at: datetime | None = None,
) -> NeedsResult:
    """Rate the need domains (domain -> (rating, note)) and open the plan goals that answer
    them, all in one transaction: either everything is stored or nothing."""
    require(db, "casework.needs")
    for g in goals:
        if g.need_domain not in ratings or g.need_domain not in NEED_DOMAIN:
            raise ValidationFailed([FieldError("goals", "casework.goal_need_unknown")])
    with db.transaction() as tx:
        case = tx.session.get(Case, case_id)
        if case is None:
            raise NotFound("not_found.case", id=case_id)
        if case.closed_at is not None:
            raise ValidationFailed([FieldError("case_id", "casework.case_closed")])
        payload = {"ratings": {d: {"rating": r, "note": n} for d, (r, n) in ratings.items()}}
        ev = insert_event(
            tx, case.client_id, "needs_assessment", occurred_at or tx.now, payload, case_id=case_id
        )
        opened = []
        for g in goals:
            text, target = _clean_goal(g.text, g.target_date, case.opened_at.date())
            row = CaseGoal(
                case_id=case_id,
                text=text,
                target_date=target,
                reviews=[],
                need_domain=g.need_domain,
            )
            tx.insert(row, audit_detail={"case_id": case_id, "need_domain": g.need_domain})
            opened.append(_goal_view(row))
        result = NeedsResult(to_view(EventView, ev), tuple(opened))
    return result


def reassign_manager(db: Database, case_id: str, user_id: str) -> int:
    """Give a case to another professional (audited); the open follow-ups of the case's client
    that the old manager held move with it. Returns how many moved."""
    require(db, "casework.reassign")
    with db.transaction() as tx:
        case = tx.session.get(Case, case_id)
        if case is None:
            raise NotFound("not_found.case", id=case_id)
        user = tx.session.get(User, user_id)
        if user is None or not user.active:
            raise ValidationFailed([FieldError("manager_id", "casework.user_inactive")])
        if case.manager_id == user_id:
            raise ValidationFailed([FieldError("manager_id", "casework.same_manager")])
        old = case.manager_id
        tx.update(case, {"manager_id": user_id})
        moved = 0
        rows = tx.session.execute(
            select(FollowUp).where(
                FollowUp.client_id == case.client_id,
                FollowUp.done_at.is_(None),
                FollowUp.assigned_to == old,
            )
        ).scalars()
        for row in list(rows):
            tx.update(row, {"assigned_to": user_id})
            moved += 1
    return moved


def link_event(db: Database, event_id: str, case_id: str, reason: str) -> EventView:
    """Link an earlier event to one of its client's cases. Events are append-only (and travel
    so), so the link is an amendment, on the case, that names the event."""
    with db.transaction() as tx:
        ev = tx.session.get(Event, event_id)
        if ev is None:
            raise NotFound("not_found.event", id=event_id)
        _case_for(tx, ev.client_id, case_id)
        payload = {"amends_id": event_id, "corrected": {"case_id": case_id}, "reason": reason}
        link = insert_event(tx, ev.client_id, "amendment", tx.now, payload, case_id=case_id)
        view: EventView = to_view(EventView, link)
    return view


def case_event_ids(db: Database, case_id: str) -> set[str]:
    """The events of a case: recorded on it, or linked to it later by an amendment."""
    with db.session() as s:
        rows = s.execute(
            select(Event.id, Event.kind, Event.payload).where(Event.case_id == case_id)
        )
        out: set[str] = set()
        for eid, kind, payload in rows:
            if kind == "amendment" and (payload.get("corrected") or {}).get("case_id") == case_id:
                out.add(str(payload["amends_id"]))
            else:
                out.add(eid)
    return out


@dataclass(frozen=True)
class PendingIdentification:
    """What a decision refers to: the client's latest report and latest screening since it."""

    report_id: str | None
    reported_at: datetime | None
    screening_id: str | None
    reading: dict[str, Any] | None


def pending_identification(db: Database, client_id: str) -> PendingIdentification:
    """The latest report for identification of a client and the latest screening after it
    (the decision dialog names them; days from report to decision count from the report)."""
    with db.session() as s:
        report = s.execute(
            select(Event.id, Event.occurred_at)
            .where(Event.client_id == client_id, Event.kind == "identification_report")
            .order_by(Event.occurred_at.desc())
            .limit(1)
        ).first()
        q = select(Event.id, Event.payload).where(
            Event.client_id == client_id, Event.kind == "screening"
        )
        if report is not None:
            q = q.where(Event.occurred_at >= report.occurred_at)
        screening = s.execute(q.order_by(Event.occurred_at.desc()).limit(1)).first()
    return PendingIdentification(
        report.id if report else None,
        report.occurred_at if report else None,
        screening.id if screening else None,
        (screening.payload or {}).get("reading") if screening else None,
    )


def combine(day: date) -> datetime:
    """Noon UTC of a day (demo and tests date their records by day)."""
    return datetime.combine(day, NOON).replace(tzinfo=utcnow().tzinfo)
