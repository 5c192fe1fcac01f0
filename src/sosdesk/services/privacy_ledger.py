"""The privacy-loss ledger: the yearly ε budget and every differentially private release, kept
as entries of the audit chain (append-only and hash-chained, so spent ε cannot be un-spent).

A budget belongs to the year the data describe: the persons of 2025 have one budget, whatever
year the tables are published in. A release is written to the ledger before its files (a crash
in between wastes ε, never hides it). Only a coordinator sets the budget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError
from sosdesk.services.access import may
from sosdesk.services.errors import NotAllowed
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry

BUDGET_ACTION = "privacy_budget_set"
RELEASE_ACTION = "privacy_release"
ENTITY = "statistics"
MAX_BUDGET = 10.0
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Ledger:
    """A year's budget (None until set), what was spent, and by how many releases."""

    year: int
    budget: float | None
    spent: float
    releases: int

    @property
    def left(self) -> float:
        """ε still available (0 when no budget is set)."""
        return max(0.0, (self.budget or 0.0) - self.spent)


def ledger(db: Database, year: int) -> Ledger:
    """The ledger of `year`, read from the audit chain."""
    with db.session() as s:
        return _ledger_in(s, year)


def _ledger_in(s: Session, year: int) -> Ledger:
    entries = s.execute(
        select(AuditEntry.action, AuditEntry.detail)
        .where(AuditEntry.action.in_((BUDGET_ACTION, RELEASE_ACTION)))
        .order_by(AuditEntry.seq)
    ).all()
    budget: float | None = None
    spent: list[float] = []
    for action, detail in entries:
        if not isinstance(detail, dict) or detail.get("year") != year:
            continue
        if action == BUDGET_ACTION:
            budget = float(detail["epsilon"])
        else:
            spent.append(float(detail["epsilon"]))
    return Ledger(year, budget, math.fsum(spent), len(spent))


def set_budget(db: Database, year: int, epsilon: float) -> Ledger:
    """Set the year's budget (coordinator only); what was spent stays spent."""
    if not may(db, roles.SET_PRIVACY_BUDGET):
        raise NotAllowed("stats.budget_coordinator_only", permission=roles.SET_PRIVACY_BUDGET)
    _check_epsilon(epsilon)
    with db.transaction() as tx:
        tx.audit(BUDGET_ACTION, ENTITY, None, {"year": year, "epsilon": epsilon})
    return ledger(db, year)


def check_release(db: Database, year: int, epsilon: float) -> Ledger:
    """Refuse a release the year's budget cannot pay for (coded, nothing is recorded)."""
    _check_epsilon(epsilon)
    current = ledger(db, year)
    _refuse_over(current, epsilon)
    return current


def _check_epsilon(epsilon: float) -> None:
    if not math.isfinite(epsilon) or not 0 < epsilon <= MAX_BUDGET:
        raise CodedError("stats.bad_epsilon", most=f"{MAX_BUDGET:g}")


def _refuse_over(current: Ledger, epsilon: float) -> None:
    year = current.year
    if current.budget is None:
        raise CodedError("stats.budget_unset", year=year)
    if current.spent + epsilon > current.budget + _TOLERANCE:
        raise CodedError(
            "stats.budget_spent",
            year=year,
            asked=f"{epsilon:g}",
            left=f"{current.left:.4g}",
            budget=f"{current.budget:g}",
        )


def record_release(
    db: Database, year: int, epsilon: float, *, tables: int, purpose: str, file: str
) -> Ledger:
    """Check the budget again and write the release to the ledger in one transaction."""
    _check_epsilon(epsilon)
    with db.transaction() as tx:
        _refuse_over(_ledger_in(tx.session, year), epsilon)
        tx.audit(
            RELEASE_ACTION,
            ENTITY,
            None,
            {"year": year, "epsilon": epsilon, "tables": tables, "purpose": purpose, "file": file},
        )
    return ledger(db, year)
