"""Reading the intake form: the problems it can see itself, and the CallInput it submits."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sosdesk.domain.clock import utcnow
from sosdesk.services.calls import CallInput

if TYPE_CHECKING:
    from sosdesk.ui.intake.form import IntakeForm


def local_problems(form: IntakeForm) -> dict[str, str]:
    """What the form can tell is wrong before asking the service."""
    found: dict[str, str] = {}
    for name, pick in form.picks.items():
        problem = pick.problem()
        if problem:
            found[name] = problem
    for name, field in form.times.items():
        problem = field.problem()
        if problem:
            found[name] = problem
    if "started_at" not in found and form.times["started_at"].value() is None:
        found["started_at"] = form.tr("Give the time the call started")
    if not form.categories.codes():
        found["categories"] = form.tr("Choose at least one category")
    if form.picks["urgency"].code() == "immediate_danger" and not form.emergency.codes():
        found["emergency"] = form.tr("Tick what was done (at least one step), or lower the urgency")
    if "follow_up_at" not in found:
        due = form.times["follow_up_at"].value()
        if due is None and form.follow_up_what.text().strip():
            found["follow_up_at"] = form.tr("Give the date and time of the follow-up")
        elif due is not None and due < utcnow() - timedelta(minutes=1):
            found["follow_up_at"] = form.tr("A follow-up is due in the future")
    found.update({f"client.{k}": v for k, v in form.client.problems().items()})
    return found


def call_input(form: IntakeForm) -> CallInput:
    """The CallInput for the service (call local_problems() first)."""
    started = form.times["started_at"].value() or form.timer_started or utcnow()
    ended = form.times["ended_at"].value() or utcnow()
    what = form.follow_up_what.text().strip()
    return CallInput(
        line=form.picks["line"].code() or "",
        direction=form.picks["direction"].code() or "",
        started_at=started,
        ended_at=ended,
        caller_type=form.picks["caller_type"].code() or "",
        caller_phone=form.caller_phone.text().strip() or None,
        language=form.picks["language"].code() or "",
        categories=form.categories.codes(),
        client_id=form.client.client_id if form.client.mode == "linked" else None,
        new_client=form.client.new_client_fields() if form.client.mode == "new" else None,
        summary=form.summary.toPlainText(),
        actions_taken=form.actions_taken.toPlainText(),
        referrals_given=form.referrals.codes(),
        urgency=form.picks["urgency"].code() or "",
        emergency_steps=form.emergency.codes(),
        follow_up_at=form.times["follow_up_at"].value(),
        follow_up_what=what or None,
    )
