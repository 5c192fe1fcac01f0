"""Retention: how long each kind of data is kept, what is due, and applying it.

The coordinator sets the periods (Setting `retention`); the defaults are in
docs/retention.md. Two rules:
- `call_text_months`: the caller's number and the free text of calls without a client are
  cleared that many months after the call (ordinary field updates: they travel as such);
- `closed_case_years`: a client whose cases were all closed that many years ago (and none is
  open) is anonymised, as on request, with the legal basis `retention`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from sosdesk.domain import roles
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.services.access import require
from sosdesk.services.erasure import compact_file, forget
from sosdesk.services.forgetting import scrub_call_text
from sosdesk.store.database import Database
from sosdesk.store.memory import release_pages
from sosdesk.store.models import Call, Case, Client, Erasure, Setting, utcnow
from sosdesk.store.models.calls import CALL_TEXT, holds_call_text

SETTING_KEY = "retention"
DEFAULTS: dict[str, int] = {"call_text_months": 12, "closed_case_years": 10}
LIMITS: dict[str, tuple[int, int]] = {"call_text_months": (1, 120), "closed_case_years": (1, 50)}
CHUNK = 500  # calls cleared per transaction

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RetentionDue:
    """What the rules say is due now: how many call texts to clear, client codes to anonymise.

    Calls are counted, not listed: at a million calls hundreds of thousands are due, and the
    daily check at unlock must not hold their ids in the desk's memory (issue 21)."""

    calls: int
    clients: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """Nothing is due."""
        return not self.calls and not self.clients


def check_allowed(db: Database) -> None:
    """Refuse (NotAllowed) unless the unlocked user may change or apply retention."""
    require(db, roles.SET_RETENTION)


def rules(db: Database) -> dict[str, int]:
    """The periods in force (the coordinator's, else the defaults)."""
    with db.session() as s:
        row = s.get(Setting, SETTING_KEY)
        stored: dict[str, Any] = dict(row.value) if row is not None and row.value else {}
    return {k: int(stored.get(k, v)) for k, v in DEFAULTS.items()}


def set_rules(db: Database, values: dict[str, int]) -> dict[str, int]:
    """Change the periods (coordinator); each within its limits."""
    require(db, roles.SET_RETENTION)
    problems = []
    for k, v in values.items():
        low, high = LIMITS.get(k, (0, -1))
        if k not in LIMITS or isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
            problems.append(
                FieldError(k[:40], "retention.bad_setting", rule=k[:40], low=low, high=high)
            )
    if problems:
        raise ValidationFailed(problems)
    merged = {**rules(db), **values}
    with db.transaction() as tx:
        row = tx.session.get(Setting, SETTING_KEY)
        if row is None:
            tx.session.add(Setting(key=SETTING_KEY, value=merged))
        else:
            row.value = merged
        tx.audit("settings_changed", "settings", SETTING_KEY, {"fields": sorted(values)})
    return merged


def _cutoffs(db: Database, now: datetime) -> tuple[datetime, datetime]:
    r = rules(db)
    call_cutoff = now - timedelta(days=r["call_text_months"] * 365 // 12)
    case_cutoff = now - timedelta(days=r["closed_case_years"] * 365)
    return call_cutoff, case_cutoff


def _calls_due(call_cutoff: datetime) -> Any:
    return (
        Call.client_id.is_(None),
        Call.started_at < call_cutoff,
        holds_call_text(),  # read from ix_calls_text_kept
    )


def due(db: Database, *, now: datetime | None = None) -> RetentionDue:
    """What is due under the rules in force (nothing is changed)."""
    return _due(db, *_cutoffs(db, now or utcnow()))


def _due(db: Database, call_cutoff: datetime, case_cutoff: datetime) -> RetentionDue:
    with db.session() as s:
        calls = s.execute(select(func.count()).select_from(Call).where(*_calls_due(call_cutoff)))
        count = int(calls.scalar_one())
        last_closed = (
            select(Case.client_id, func.max(Case.closed_at).label("closed"))
            .group_by(Case.client_id)
            .having(func.count() == func.count(Case.closed_at))
            .subquery()
        )
        anonymised = select(Erasure.client_id)
        codes = s.execute(
            select(Client.code)
            .join(last_closed, last_closed.c.client_id == Client.id)
            .where(last_closed.c.closed < case_cutoff, Client.id.not_in(anonymised))
            .order_by(Client.code)
        ).scalars()
        todo = RetentionDue(count, tuple(codes))
        release_pages(s)  # read once a day: its pages would sit in a pooled connection's cache
        return todo


def _next_calls(db: Database, call_cutoff: datetime, after: tuple[datetime, str] | None) -> Any:
    """The next page of due calls (started_at, id), in order, after the last one handled."""
    query = select(Call.started_at, Call.id).where(*_calls_due(call_cutoff))
    if after is not None:
        at, last = after
        query = query.where(or_(Call.started_at > at, and_(Call.started_at == at, Call.id > last)))
    with db.session() as s:
        return s.execute(query.order_by(Call.started_at, Call.id).limit(CHUNK)).all()


def apply_retention(
    db: Database, *, now: datetime | None = None, progress: Progress | None = None
) -> dict[str, int]:
    """Apply what is due (coordinator); returns how many calls and clients were handled."""
    require(db, roles.SET_RETENTION)
    call_cutoff, case_cutoff = _cutoffs(db, now or utcnow())
    todo = _due(db, call_cutoff, case_cutoff)
    total = todo.calls + len(todo.clients)
    done = calls = 0
    after: tuple[datetime, str] | None = None
    # One page of ids per transaction, found again after each: memory stays that of a page.
    while page := _next_calls(db, call_cutoff, after):
        part = [row.id for row in page]
        with db.transaction() as tx:
            for call in tx.session.execute(select(Call).where(Call.id.in_(part))).scalars():
                tx.update(call, dict.fromkeys(CALL_TEXT))
            tx.session.flush()
            scrub_call_text(tx.session, part)
        after = (page[-1].started_at, page[-1].id)
        calls += len(part)
        done = min(calls, todo.calls)  # a call due since the count is cleared too
        if progress is not None:
            progress(done, total)
    for code in todo.clients:
        forget(db, code, "anonymise", "retention", legal_basis="retention", compact=False)
        done += 1
        if progress is not None:
            progress(done, total)
    if calls or todo.clients:
        compact_file(db)
    return {"calls": calls, "clients": len(todo.clients)}
