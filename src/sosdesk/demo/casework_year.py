"""A realistic year of the Centre's casework for the demo: reports from several kinds of source,
screenings, decisions, child interviews, capacity assessments, needs assessments with plan goals,
plans approved (some revised) and reassigned cases. Written through the casework services, as
the demo's coordinator, so every record is validated, audited and dated in the past year."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from sosdesk.domain import roles
from sosdesk.domain.clock import utcnow
from sosdesk.domain.indicators import SETS
from sosdesk.services.cases import open_case
from sosdesk.services.casework import (
    GoalDraft,
    assess_needs,
    decide_identification,
    reassign_manager,
    record_capacity,
    record_child_interview,
    record_report,
    record_screening,
)
from sosdesk.services.indicator_lists import current_list
from sosdesk.services.protection_plan import REVIEW_WHAT, approve_plan, plan_goal
from sosdesk.store.database import Database
from sosdesk.store.models import Case, Client, FollowUp, User
from sosdesk.store.tx import Actor

SOURCES = (
    ("school", 5),
    ("health", 3),
    ("social_work", 6),
    ("employment", 1),
    ("police", 8),
    ("ngo", 5),
    ("migrants", 3),
    ("sos_line", 4),
)
OUTCOMES = (("identified", 6), ("not_identified", 2), ("referred_elsewhere", 1))
GROUNDS = (
    "Učenica često izostaje, priča o poslu u inostranstvu preko poznanika.",
    "Pacijentkinja bez dokumenata, u pratnji muškarca koji odgovara umesto nje.",
    "Porodica prijavljuje da ćerka radi bez plate i ne sme da ode.",
    "Policija u kontroli ugostiteljskog objekta zatekla maloletnice.",
    "Radnici na gradilištu bez ugovora, pasoši kod poslodavca.",
    "Migrant u prihvatnom centru duguje krijumčarima i radi za njih.",
)
GOALS = {
    "safety": "Bezbedan smeštaj i plan bezbednosti",
    "accommodation": "Smeštaj u skloništu ili kod srodnika",
    "health": "Lekarski pregled i nastavak lečenja",
    "psychological": "Psihološko savetovanje jednom nedeljno",
    "legal": "Advokat i pratnja u krivičnom postupku",
    "documents": "Lična karta i zdravstvena knjižica",
    "income": "Novčana socijalna pomoć i obuka za posao",
    "education": "Povratak u školu",
    "family": "Procena porodice i kontakt sa srodnicima",
}


@dataclass(frozen=True)
class CaseworkYear:
    """What the casework year added."""

    reports: int
    decisions: int
    plans: int
    reassigned: int


def _pick(r: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return r.choices([c for c, _ in weighted], [w for _, w in weighted])[0]


def generate_casework_year(db: Database, seed: int, reports: int = 60) -> CaseworkYear:
    """Add a year of casework for `reports` clients without an open case."""
    r = random.Random(seed + 16)
    keep = db.actor
    with db.session() as s:
        staff = list(s.execute(select(User).where(User.role != roles.OPERATOR)).scalars())
        taken = set(s.execute(select(Case.client_id)).scalars())
        clients = [
            (c.id, c.birth_year)
            for c in s.execute(select(Client).order_by(Client.code)).scalars()
            if c.id not in taken
        ]
    coordinator = next((u for u in staff if u.role == roles.COORDINATOR), None)
    consultants = [u.id for u in staff if u.role == roles.CONSULTANT] or [keep.user_id]
    if coordinator is not None:
        db.actor = Actor(coordinator.id, coordinator.name, coordinator.role)
    n_dec = n_plans = n_moved = 0
    try:
        formal = current_list(db, "formal")
        today = utcnow()
        for client_id, born in r.sample(clients, min(reports, len(clients))):
            child = born is not None and born > today.year - 18
            received = today - timedelta(days=r.uniform(5, 360), hours=r.uniform(0, 8))
            case = open_case(db, client_id, manager_id=r.choice(consultants))
            with db.transaction() as tx:
                row = tx.session.get(Case, case.id)
                assert row is not None
                tx.update(row, {"opened_at": received})
            report = record_report(
                db,
                client_id,
                source_kind=_pick(r, SOURCES),
                grounds=r.choice(GROUNDS),
                received_at=received,
                case_id=case.id,
            )
            if r.random() < 0.12:
                continue  # still waiting for a decision: the follow-up is overdue
            seen = min(today, received + timedelta(days=r.choice([0, 1, 1, 2, 3, 5, 9]), hours=2))
            kind = ("child_" if child else "adult_") + r.choice(["labour", "sexual"])
            assert kind in SETS
            items = [i.code for i in formal.indicators.for_set(kind)]
            observed = {c: None for c in r.sample(items, r.randint(2, 9))}
            scr = record_screening(
                db,
                client_id,
                list_id=formal.id,
                stage="formal",
                indicator_set=kind,
                observed=observed,
                case_id=case.id,
                report_id=report.id,
                occurred_at=seen,
            )
            if child:
                record_child_interview(
                    db,
                    client_id,
                    {"school": "Ne ide u školu.", "work": "Radi svaki dan do kasno."},
                    case_id=case.id,
                    guardian_present=True,
                    occurred_at=seen,
                )
            record_capacity(
                db,
                client_id,
                capacity=r.choice(["capable", "capable", "limited", "not_now"]),
                reasons="Procena psihologa posle razgovora.",
                trauma_signs=r.random() < 0.5,
                case_id=case.id,
                occurred_at=seen,
            )
            decided = min(today, seen + timedelta(days=r.choice([0, 0, 1, 2, 6])))
            outcome = _pick(r, OUTCOMES)
            decide_identification(
                db,
                client_id,
                outcome=outcome,
                reasons="Obrazloženje stručnog tima na osnovu razgovora i indikatora.",
                case_id=case.id,
                report_id=report.id,
                screening_id=scr.id,
                occurred_at=decided,
            )
            n_dec += 1
            if outcome != "identified":
                continue
            domains = r.sample(list(GOALS), r.randint(2, 4))
            ratings = {d: (r.choice(["medium", "high", "urgent"]), None) for d in domains}
            goals = [
                GoalDraft(d, GOALS[d], decided.date() + timedelta(days=r.randint(20, 200)))
                for d in domains
            ]
            result = assess_needs(db, case.id, ratings, goals, occurred_at=decided)
            for g in result.goals:
                plan_goal(
                    db,
                    g.id,
                    responsible_id=r.choice(consultants),
                    # Some reviews overdue, but never before the case was opened.
                    review_on=max(
                        received.date(), date.today() + timedelta(days=r.randint(-20, 60))
                    ),
                    status=r.choice(["planned", "in_progress", "in_progress", "achieved"]),
                )
            _reviews_done(db, r, client_id, today)
            if r.random() < 0.75 and coordinator is not None:
                approved = min(today, decided + timedelta(days=r.randint(2, 12)))
                approve_plan(db, case.id, approved_at=approved)
                n_plans += 1
                revised = approved + timedelta(days=90)
                if r.random() < 0.3 and revised < today:
                    approve_plan(
                        db, case.id, "Revizija plana posle tri meseca", approved_at=revised
                    )
            if r.random() < 0.12 and len(consultants) > 1 and coordinator is not None:
                others = [u for u in consultants if u != case.manager_id]
                if others:
                    reassign_manager(db, case.id, r.choice(others))
                    n_moved += 1
    finally:
        db.actor = keep
    return CaseworkYear(reports, n_dec, n_plans, n_moved)


def _reviews_done(db: Database, r: random.Random, client_id: str, today: datetime) -> None:
    # Most goal reviews that fell due were held on the day; some late, a few not yet.
    with db.transaction() as tx:
        due = tx.session.execute(
            select(FollowUp).where(
                FollowUp.client_id == client_id,
                FollowUp.what == REVIEW_WHAT,
                FollowUp.done_at.is_(None),
                FollowUp.due_at < today,
            )
        ).scalars()
        for row in list(due):
            roll = r.random()
            if roll < 0.15:
                continue
            done = (
                row.due_at - timedelta(hours=2) if roll < 0.75 else row.due_at + timedelta(days=4)
            )
            tx.update(row, {"done_at": min(done, today), "done_by": row.assigned_to})
