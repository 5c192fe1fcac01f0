"""The call intake form's presenter: the call timer, the pick lists, the client (linked or
new), the emergency checklist, a follow-up, drafts, saving and inline messages.
Keyboard: Tab walks the fields in reading order, Enter takes a choice and moves on,
Ctrl+S or Ctrl+Enter saves, Alt+L / Alt+E / Alt+F jump to client, checklist, follow-up.
The widgets and their layout are in `form_layout.py`, the values and rules (Qt-free) in
`form_state.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QWidget,
)

from sosdesk.domain.clock import utcnow
from sosdesk.domain.phones import PhoneError, normalise_phone
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.calls import CallInput, clean_call, save_call
from sosdesk.services.clients import NotFound
from sosdesk.services.session import StoreError
from sosdesk.services.views import CallView
from sosdesk.ui.context import AppContext
from sosdesk.ui.intake.caller_card import LINK_KEY
from sosdesk.ui.intake.client_link import NEW_FIELDS
from sosdesk.ui.intake.form_layout import DEFAULTS, READING_ORDER, IntakeFormLayout
from sosdesk.ui.intake.form_state import CallFormState
from sosdesk.ui.intake.safety import centre_phone, directory_names, safety_brief
from sosdesk.ui.widgets.datetime_field import BadDateTime
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.shortcuts import shortcut

_log = logging.getLogger(__name__)


class IntakeForm(IntakeFormLayout):
    """Emits `saved(CallView)` after a save and `changed` on every edit (for the draft)."""

    saved = Signal(object)
    changed = Signal()
    discard_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        self._started: datetime | None = None
        self._active = False
        self._loading = False
        self._discard_armed = False
        # The inline new client whose possible duplicates were shown: saving it again confirms.
        self._duplicates_seen: dict[str, Any] | None = None
        self._shown: set[str] = set()  # fields showing a problem after a failed save
        super().__init__(ctx, parent)
        # The id of the draft this call is kept in (set by the area): saving deletes it.
        self.draft_of: Callable[[], str | None] = lambda: None
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self._discard)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._update_timer)
        self._wire()
        self._tab_order()
        self.retranslate()

    # -- building

    def _wire(self) -> None:
        for pick in self.picks.values():
            pick.picked.connect(lambda _c: self._edited())
        self.picks["urgency"].picked.connect(lambda _c: self._urgency_changed())
        for edit in (self.caller_phone, self.follow_up_what, *self.times.values()):
            edit.textEdited.connect(lambda _t: self._edited())
        for note in (self.summary, self.actions_taken):
            note.textChanged.connect(self._edited)
        self.categories.changed.connect(lambda _c: self._edited())
        self.referrals.changed.connect(lambda _c: self._edited())
        self.referral_consent.toggled.connect(lambda _on: self._edited())
        self.client.changed.connect(self._client_changed)
        self.emergency.changed.connect(self._edited)
        self.caller_phone.editingFinished.connect(self._check_phone)
        self.times["started_at"].editingFinished.connect(self._started_edited)
        # Active while the cursor is anywhere in the form (and only then).
        for keys in ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter"):
            shortcut(keys, self, self.save)
        shortcut("Ctrl+Shift+X", self, self._discard)
        shortcut("Alt+L", self, self._focus_client_find)
        shortcut("Alt+W", self, self.client.new_button.toggle)
        shortcut("Alt+U", self, self.client.unlink)
        shortcut("Alt+E", self, self._focus_emergency)
        shortcut("Alt+F", self, self.times["follow_up_at"].setFocus)
        shortcut(LINK_KEY, self, self._link_recognised)
        self.caller_phone.textEdited.connect(lambda _t: self._recognise())
        for edit in (self.client.given, self.client.family):
            edit.textEdited.connect(lambda _t: self._recognise())

    # -- life cycle ------------------------------------------------------------------------

    def is_active(self) -> bool:
        """Whether a call is being taken in this form."""
        return self._active

    def start(self, defaults: dict[str, str] | None = None) -> None:
        """A new call: empty fields, defaults, the timer running, the cursor on caller type."""
        self.reset()
        self._tab_order()  # again: moving the form into its window may reshuffle the chain
        self._loading = True
        self._active = True
        self._started = utcnow()
        self.times["started_at"].set_value(self._started)
        self.refresh_example()
        for name, code in {**DEFAULTS, **(defaults or {})}.items():
            if name in self.picks:
                self.picks[name].set_code(code)
        self._loading = False
        self._refresh_directory()
        self._update_timer()
        self.tick.start()
        self.picks["caller_type"].setFocus()

    def reset(self) -> None:
        """Nothing on the form (after a save, a discard, or on lock)."""
        self._loading = True
        self._active = False
        self._started = None
        self._discard_armed = False
        self.tick.stop()
        for pick in self.picks.values():
            pick.set_code(None)
            pick.hide_drop()
        for edit in (self.caller_phone, self.follow_up_what):
            edit.clear()
        for note in (self.summary, self.actions_taken):
            note.clear()
        for field in self.times.values():
            field.set_value(None)
        self.categories.clear_all()
        self.referrals.clear_all()
        self.referral_consent.setChecked(False)
        self.client.reset()
        self.caller_card.clear()
        self.emergency.reset()
        self.emergency.hide()
        self.show_problems({})
        self.top_message.show_problem(None)
        self.timer_label.clear()
        self._loading = False

    def _edited(self) -> None:
        self._discard_armed = False
        if self._shown and not self._loading:
            self._clear_fixed()
        if not self._loading and self._active:
            self.changed.emit()

    # -- draft state -----------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """Everything typed so far, JSON-safe (what the draft keeps)."""
        return {
            "v": 1,
            "started": self._started.isoformat() if self._started else None,
            "picks": {name: pick.code() for name, pick in self.picks.items()},
            "texts": {
                "caller_phone": self.caller_phone.text(),
                "follow_up_what": self.follow_up_what.text(),
                "summary": self.summary.toPlainText(),
                "actions_taken": self.actions_taken.toPlainText(),
                **{name: field.text() for name, field in self.times.items()},
            },
            "categories": self.categories.codes(),
            "referrals": self.referrals.codes(),
            "referral_consent": self.referral_consent.isChecked(),
            "emergency": self.emergency.codes(),
            "client": self.client.state(),
            "focus": self.current_field(),
        }

    def restore(self, payload: dict[str, Any]) -> None:
        """Fill the form from a draft and keep the call timer running from its start."""
        self.reset()
        self._tab_order()
        self._loading = True
        self._active = True
        try:
            self._started = datetime.fromisoformat(str(payload.get("started")))
        except ValueError:
            self._started = utcnow()
        for name, code in (payload.get("picks") or {}).items():
            if name in self.picks:
                self.picks[name].set_code(code)
        texts = payload.get("texts") or {}
        self.caller_phone.setText(str(texts.get("caller_phone", "")))
        self.follow_up_what.setText(str(texts.get("follow_up_what", "")))
        for note, key in ((self.summary, "summary"), (self.actions_taken, "actions_taken")):
            note.setPlainText(str(texts.get(key, "")))
            note.moveCursor(QTextCursor.MoveOperation.End)  # typing goes on where it stopped
        for name, field in self.times.items():
            field.setText(str(texts.get(name, "")))
        self.categories.set_codes(list(payload.get("categories") or []))
        self.referrals.set_codes(list(payload.get("referrals") or []))
        self.referral_consent.setChecked(bool(payload.get("referral_consent")))
        self.emergency.set_codes(list(payload.get("emergency") or []))
        self.client.restore(payload.get("client") or {})
        self._loading = False
        self._urgency_changed()
        self._refresh_directory()
        self._update_timer()
        self.tick.start()
        self.focus_field(payload.get("focus"))

    def current_field(self) -> str | None:
        """The name of the field holding the cursor (to come back to it after a lock)."""
        focused = self.focusWidget()
        for name, widget in self.widgets.items():
            if focused is not None and (focused is widget or widget.isAncestorOf(focused)):
                return name
        return None

    def focus_field(self, name: object) -> None:
        widget = self.widgets.get(str(name)) if name else None
        (widget or self.picks["caller_type"]).setFocus()

    # -- reactions -------------------------------------------------------------------------

    def _urgency_changed(self) -> None:
        danger = self.picks["urgency"].code() == "immediate_danger"
        self.emergency.setVisible(danger and self._active)
        if danger:
            self._refresh_plan()
            self.scroller.ensureWidgetVisible(self.emergency)

    def _client_changed(self) -> None:
        if self.client.mode == "new" and self.caller_phone.text().strip():
            self.client.prefill_phone(self.caller_phone.text())
        self._refresh_plan()
        self.caller_card.show_card(self.client.client_id if self.client.mode == "linked" else None)
        if self.client.mode != "linked":
            self._recognise()
        self._edited()

    def _recognise(self) -> None:
        name = " ".join(e.text() for e in (self.client.given, self.client.family))
        name = name if self.client.mode == "new" else ""
        self.caller_card.typed(self.caller_phone.text(), name)

    def _link_recognised(self) -> None:
        """Alt+I: link the client recognised from the number or name typed."""
        hit = self.caller_card.take_match()
        if hit is not None:
            self.client.link(hit.ref, hit.title)

    def _refresh_plan(self) -> None:
        client_id = self.client.client_id if self.client.mode == "linked" else None
        if self.emergency.isVisible() and client_id and not self.ctx.is_locked:
            self.emergency.set_safety_plan(True, *safety_brief(self.ctx, client_id))
        else:
            self.emergency.set_safety_plan(False)

    def _refresh_directory(self) -> None:
        """The Centre's number and the referral choices, from the directory."""
        if not self.ctx.is_locked:
            self.emergency.set_centre_phone(centre_phone(self.ctx))
            self.referrals.set_options([(name, name) for name in directory_names(self.ctx)])

    def _focus_client_find(self) -> None:
        if self.client.mode == "linked":
            self.client.unlink()  # Alt+L on a linked call: find another client
        elif self.client.mode == "new":
            self.client.new_button.setChecked(False)
        self.client.find_edit.setFocus()

    def _focus_emergency(self) -> None:
        if not self.emergency.isVisible():
            self.picks["urgency"].set_code("immediate_danger")
            self._urgency_changed()
            self._edited()
        self.emergency.focus_widgets()[0].setFocus()

    def _check_phone(self) -> None:
        text = self.caller_phone.text().strip()
        if not text:
            self.messages["caller_phone"].show_problem(None)
            return
        try:
            normal = normalise_phone(text)
        except PhoneError as exc:
            self.messages["caller_phone"].show_problem(error_text(exc))
            return
        self.messages["caller_phone"].show_problem(None)
        if self.client.mode == "new":
            self.client.prefill_phone(normal)

    def _started_edited(self) -> None:
        try:
            value = self.times["started_at"].value()
        except BadDateTime:
            return
        if value is not None:
            self._started = value
            self._update_timer()

    def _update_timer(self) -> None:
        if self._started is None:
            self.timer_label.clear()
            return
        seconds = max(0, int((utcnow() - self._started).total_seconds()))
        h, rest = divmod(seconds, 3600)
        clock = (
            f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60:02d}:{rest % 60:02d}"
        )
        self.timer_label.setText(self.tr("Call time {0}").format(clock))

    def _discard(self) -> None:
        if not self._active:
            return
        if not self._discard_armed:
            self._discard_armed = True
            self.top_message.show_problem(
                self.tr("Press {0} (or Discard) again to throw this call away.").format(
                    "Ctrl+Shift+X"
                )
            )
            return
        self.discard_requested.emit()

    # -- saving ----------------------------------------------------------------------------

    @property
    def timer_started(self) -> datetime | None:
        """When the call timer started (None before a call is taken)."""
        return self._started

    def read_state(self) -> CallFormState:
        """The form's values, without Qt (a time that does not parse reads as None)."""
        linked = self.client.mode == "linked"
        return CallFormState(
            picks={name: pick.code() for name, pick in self.picks.items()},
            caller_phone=self.caller_phone.text(),
            started_at=self._time("started_at"),
            ended_at=self._time("ended_at"),
            timer_started=self._started,
            follow_up_at=self._time("follow_up_at"),
            follow_up_what=self.follow_up_what.text(),
            categories=tuple(self.categories.codes()),
            referrals=tuple(self.referrals.codes()),
            referral_consent=self.referral_consent.isChecked(),
            emergency_steps=tuple(self.emergency.codes()),
            summary=self.summary.toPlainText(),
            actions_taken=self.actions_taken.toPlainText(),
            client_id=self.client.client_id if linked else None,
            new_client=self.client.new_client_fields() if self.client.mode == "new" else None,
            case_id=self.client.case_id() if linked else None,
        )

    def _time(self, name: str) -> datetime | None:
        try:
            return self.times[name].value()
        except BadDateTime:
            return None

    def local_problems(self) -> dict[str, str]:
        """What the form can tell is wrong before asking the service."""
        found: dict[str, str] = {}
        for name, pick in self.picks.items():
            if problem := pick.problem():
                found[name] = problem
        for name, field in self.times.items():
            if problem := field.problem():
                found[name] = problem
        texts = {
            "started_missing": self.tr("Give the time the call started"),
            "categories_missing": self.tr("Choose at least one category"),
            "emergency_missing": self.tr(
                "Tick what was done (at least one step), or lower the urgency"
            ),
        }
        state = self.read_state()
        for name, key in state.rule_problems(utcnow()).items():
            found.setdefault(name, texts[key])  # a time that does not parse says so itself
        for err in state.followup_problems(utcnow()):
            found.setdefault(err.field, error_text(err))
        found.update({f"client.{k}": v for k, v in self.client.problems().items()})
        return found

    def all_problems(self) -> dict[str, str]:
        """Every problem at once: the form's own, then the service's rules (no database), so
        nothing appears only on the next try."""
        found = self.local_problems()
        try:
            clean_call(self.call_input())
        except ValidationFailed as exc:
            for name, text in self._service_problems(exc).items():
                found.setdefault(name, text)
        return found

    def _clear_fixed(self) -> None:
        """A field fixed since the failed save loses its message; the others keep theirs."""
        still = self.all_problems()
        fixed = {name for name in self._shown if name not in still}
        if not fixed:
            return
        self._shown -= fixed
        for name in fixed:
            if name in self.messages:
                self.messages[name].show_problem(None)
        if "emergency" in fixed:
            self.emergency.message.show_problem(None)
        self.client.show_problems({n[7:]: still[n] for n in self._shown if n.startswith("client.")})
        if not self._shown:
            self.top_message.show_problem(None)

    def call_input(self) -> CallInput:
        """The CallInput for the service (call local_problems() first)."""
        return self.read_state().call_input(utcnow())

    def save(self) -> CallView | None:
        """Validate and save; on a problem show it next to its field and save nothing."""
        if not self._active or self.ctx.is_locked:
            return None
        for pick in self.picks.values():
            pick.commit_text()
        problems = self.all_problems()
        if problems:
            self.show_problems(problems)
            return None
        data = self.call_input()
        data.new_client_confirmed = (
            bool(data.new_client) and data.new_client == self._duplicates_seen
        )
        try:
            view = self.ctx.call(save_call, data, discard_draft=self.draft_of())
        except ValidationFailed as exc:
            if any(e.code == "call.possible_duplicate" for e in exc.errors):
                self._duplicates_seen = dict(data.new_client or {})
            self.show_problems(self._service_problems(exc))
            return None
        except NotFound:
            self.show_problems(
                {
                    "client": self.tr(
                        "That client no longer exists; link another or register a new one."
                    )
                }
            )
            return None
        except StoreError as exc:
            self.top_message.show_problem(self.tr("Not saved: {0}").format(error_text(exc)))
            return None
        self._duplicates_seen = None
        _log.info("call %s saved", view.id)
        self.show_problems({})
        self.saved.emit(view)
        return view

    def _service_problems(self, exc: ValidationFailed) -> dict[str, str]:
        out: dict[str, str] = {}
        for err in exc.errors:
            name = f"client.{err.field}" if err.field in NEW_FIELDS else err.field
            name = {"emergency_steps": "emergency", "client_id": "client"}.get(name, name)
            out.setdefault(name, error_text(err))
        return out

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each message next to its field; the cursor goes to the first bad field, scrolled
        into view."""
        self._shown = set(problems)
        for name, message in self.messages.items():
            message.show_problem(problems.get(name))
        self.emergency.message.show_problem(problems.get("emergency"))
        self.client.show_problems(
            {k[7:]: v for k, v in problems.items() if k.startswith("client.")}
        )
        known = set(self.messages) | {"emergency"}
        stray = [v for k, v in problems.items() if k not in known and not k.startswith("client.")]
        self.top_message.show_problem(
            " ".join(stray)
            if stray
            else (self.tr("Please correct the marked fields.") if problems else None)
        )
        for name in READING_ORDER:
            if name in problems:
                self._focus_problem(name)
                break

    def _focus_problem(self, name: str) -> None:
        if name.startswith("client."):
            widget: QWidget | None = self.client.new_edits.get(name[7:])
        elif name == "emergency":
            widget = self.emergency.focus_widgets()[0]
        else:
            widget = self.widgets.get(name)
        if widget is None:
            return
        widget.setFocus()
        # The message sits below its field: keep both in view, not only the field.
        self.scroller.ensureWidgetVisible(widget, 40, 80)

    # -- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        super().retranslate()
        self._update_timer()
