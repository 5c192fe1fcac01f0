"""What the intake form holds, without Qt: the values read from its fields, the rules the form
checks before asking the service, and the `CallInput` it submits.

Rules answer with a problem key per field (`"started_missing"`, ...); the presenter turns keys
into sentences in the operator's language. The follow-up rule is the service's own
(`check_followup`), so the form refuses exactly what saving would refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sosdesk.domain.messages import FieldError
from sosdesk.services.calls import CallInput
from sosdesk.services.followups import check_followup


@dataclass(frozen=True)
class CallFormState:
    """The form's values; a time that does not parse is None (its field says why)."""

    picks: dict[str, str | None] = field(default_factory=dict)
    caller_phone: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None
    timer_started: datetime | None = None
    follow_up_at: datetime | None = None
    follow_up_what: str = ""
    categories: tuple[str, ...] = ()
    referrals: tuple[str, ...] = ()
    referral_consent: bool = False
    emergency_steps: tuple[str, ...] = ()
    summary: str = ""
    actions_taken: str = ""
    client_id: str | None = None
    new_client: dict[str, Any] | None = None
    case_id: str | None = None

    def rule_problems(self, now: datetime) -> dict[str, str]:
        """Field name -> problem key for what the form can tell before asking the service."""
        found: dict[str, str] = {}
        if self.started_at is None:
            found["started_at"] = "started_missing"
        if not self.categories:
            found["categories"] = "categories_missing"
        if self.picks.get("urgency") == "immediate_danger" and not self.emergency_steps:
            found["emergency"] = "emergency_missing"
        return found

    def followup_problems(self, now: datetime) -> list[FieldError]:
        """The service's follow-up rule on what is typed (nothing typed: no follow-up)."""
        if self.follow_up_at is None and not self.follow_up_what.strip():
            return []
        return check_followup(
            self.follow_up_at,
            self.follow_up_what,
            agreed_at=self.started_at or self.timer_started or now,
            due_field="follow_up_at",
            what_field="follow_up_what",
        )

    def call_input(self, now: datetime) -> CallInput:
        """The CallInput for the service (check `rule_problems` first)."""
        what = self.follow_up_what.strip()
        return CallInput(
            line=self.picks.get("line") or "",
            direction=self.picks.get("direction") or "",
            started_at=self.started_at or self.timer_started or now,
            ended_at=self.ended_at or now,
            caller_type=self.picks.get("caller_type") or "",
            caller_phone=self.caller_phone.strip() or None,
            language=self.picks.get("language") or "",
            categories=list(self.categories),
            client_id=self.client_id,
            new_client=self.new_client,
            summary=self.summary,
            actions_taken=self.actions_taken,
            referrals_given=list(self.referrals),
            referral_consent=self.referral_consent,
            urgency=self.picks.get("urgency") or "",
            emergency_steps=list(self.emergency_steps),
            follow_up_at=self.follow_up_at,
            follow_up_what=what or None,
            case_id=self.case_id if self.client_id else None,
        )
