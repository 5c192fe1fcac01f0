"""The event kinds the client file can add, their forms and their keys (Alt+1 … Alt+6)."""

from __future__ import annotations

from sosdesk.ui.events.assistance import AssistanceForm
from sosdesk.ui.events.base import EventForm
from sosdesk.ui.events.court_hearing import CourtHearingForm
from sosdesk.ui.events.field_action import FieldActionForm
from sosdesk.ui.events.note import NoteForm
from sosdesk.ui.events.referral import ReferralForm
from sosdesk.ui.events.status_change import StatusChangeForm

# (kind, form class, shortcut) in menu order
FORMS: tuple[tuple[str, type[EventForm], str], ...] = (
    ("assistance", AssistanceForm, "Alt+1"),
    ("field_action", FieldActionForm, "Alt+2"),
    ("court_hearing", CourtHearingForm, "Alt+3"),
    ("referral", ReferralForm, "Alt+4"),
    ("status_change", StatusChangeForm, "Alt+5"),
    ("note", NoteForm, "Alt+6"),
)
FORM_OF: dict[str, type[EventForm]] = {kind: cls for kind, cls, _key in FORMS}
