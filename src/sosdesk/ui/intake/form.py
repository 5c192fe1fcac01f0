"""The call intake form: a call timer, every field of a Call with type-ahead pick lists, the
client (linked or new), the emergency checklist, a follow-up, and inline messages.
Keyboard: Tab walks the fields in reading order, Enter takes a choice and moves on,
Ctrl+S or Ctrl+Enter saves, Alt+L / Alt+E / Alt+F jump to client, checklist, follow-up.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.clock import utcnow
from sosdesk.domain.phones import PhoneError, normalise_phone
from sosdesk.domain.validation import ValidationFailed
from sosdesk.domain.vocab import CALL_CATEGORY, CALLER_TYPE, DIRECTION, LANGUAGE, LINE, URGENCY
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import NotFound
from sosdesk.services.session import StoreError
from sosdesk.services.views import CallView
from sosdesk.ui.context import AppContext
from sosdesk.ui.intake import form_reading
from sosdesk.ui.intake.client_link import NEW_FIELDS, ClientLink
from sosdesk.ui.intake.emergency import EmergencyPanel
from sosdesk.ui.intake.safety import centre_phone, directory_names, safety_brief
from sosdesk.ui.widgets.datetime_field import BadDateTime, DateTimeField, format_local
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.multi_pick import MultiPick
from sosdesk.ui.widgets.pick_list import PickList, vocabulary_options
from sosdesk.ui.widgets.problem_text import ProblemText
from sosdesk.ui.widgets.shortcuts import shortcut

PICKS = {
    "caller_type": CALLER_TYPE,
    "language": LANGUAGE,
    "urgency": URGENCY,
    "line": LINE,
    "direction": DIRECTION,
}
TEXTS = ("caller_phone", "follow_up_what")
NOTES = ("summary", "actions_taken")
TIMES = ("follow_up_at", "started_at", "ended_at")
DEFAULTS = {"line": "sos_24_7", "direction": "incoming", "language": "sr", "urgency": "routine"}

_log = logging.getLogger(__name__)


class IntakeForm(QWidget):
    """Emits `saved(CallView)` after a save and `changed` on every edit (for the draft)."""

    saved = Signal(object)
    changed = Signal()
    discard_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("IntakeForm")
        self._started: datetime | None = None
        self._active = False
        self._loading = False
        self._discard_armed = False
        self._problems = ProblemText(self)
        # The id of the draft this call is kept in (set by the area): saving deletes it.
        self.draft_of: Callable[[], str | None] = lambda: None
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.section_labels: dict[str, QLabel] = {}

        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.timer_label = QLabel(self)
        self.timer_label.setObjectName("call_timer")
        self.timer_label.setProperty("role", "timer")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_call")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("discard_call")
        self.discard_button.setProperty("role", "danger")
        self.discard_button.clicked.connect(self._discard)
        self.top_message = FieldMessage(self)
        self.top_message.setObjectName("form_message")

        self.picks: dict[str, PickList] = {
            name: PickList.for_vocabulary(vocab, ctx.lang, required=True)
            for name, vocab in PICKS.items()
        }
        self.caller_phone = QLineEdit()
        self.follow_up_what = QLineEdit()
        self.summary = QPlainTextEdit()
        self.actions_taken = QPlainTextEdit()
        for note in (self.summary, self.actions_taken):
            note.setTabChangesFocus(True)  # Tab leaves the text; it never types a tab
            note.setMinimumHeight(70)
        self.summary.setMinimumHeight(110)
        self.categories = MultiPick()
        self.categories.set_options(vocabulary_options(CALL_CATEGORY, ctx.lang))
        self.referrals = MultiPick(free_text=True)
        self.client = ClientLink(ctx)
        self.emergency = EmergencyPanel(ctx)
        self.times = {name: DateTimeField() for name in TIMES}
        self.follow_up_hint = QLabel()
        self.follow_up_hint.setProperty("role", "muted")
        self.follow_up_hint.setWordWrap(True)
        self.widgets: dict[str, QWidget] = {
            **self.picks,
            "caller_phone": self.caller_phone,
            "follow_up_what": self.follow_up_what,
            "summary": self.summary,
            "actions_taken": self.actions_taken,
            "categories": self.categories,
            "referrals_given": self.referrals,
            "client": self.client,
            **self.times,
        }
        for name, widget in self.widgets.items():
            widget.setObjectName(name)

        content = QWidget()
        left, right = QVBoxLayout(), QVBoxLayout()
        for column in (left, right):
            column.setSpacing(10)
        self._section(left, "caller")
        self._field(left, "caller_type")
        self._field(left, "caller_phone")
        self._field(left, "language")
        self._section(left, "client")
        self._field(left, "client")
        self._section(left, "details")
        self._field(left, "line")
        self._field(left, "direction")
        self._field(left, "started_at")
        self._field(left, "ended_at")
        left.addStretch(1)
        self._section(right, "call")
        self._field(right, "categories")
        self._field(right, "urgency")
        right.addWidget(self.emergency)
        self._field(right, "summary")
        self._field(right, "actions_taken")
        self._field(right, "referrals_given")
        self._section(right, "follow_up")
        self._field(right, "follow_up_at")
        right.addWidget(self.follow_up_hint)
        self._field(right, "follow_up_what")
        right.addStretch(1)
        columns = QHBoxLayout(content)
        columns.setContentsMargins(12, 6, 12, 12)
        columns.setSpacing(20)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(content)

        header = QHBoxLayout()
        header.setContentsMargins(16, 10, 16, 0)
        header.addWidget(self.heading)
        header.addSpacing(16)
        header.addWidget(self.timer_label)
        header.addStretch(1)
        header.addWidget(self.discard_button)
        header.addWidget(self.save_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(header)
        outer.addWidget(self.top_message)
        outer.addWidget(self.scroller, 1)

        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._update_timer)
        self._wire()
        self._tab_order()
        self.emergency.hide()
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _section(self, column: QVBoxLayout, key: str) -> None:
        label = QLabel()
        label.setProperty("role", "section")
        self.section_labels[key] = label
        column.addWidget(label)

    def _field(self, column: QVBoxLayout, name: str) -> None:
        """Label, field and its message, held close together."""
        label = QLabel()
        widget = self.widgets[name]
        label.setBuddy(widget.focusProxy() or widget)
        message = FieldMessage()
        message.setObjectName(f"msg_{name}")
        self.labels[name] = label
        self.messages[name] = message
        box = QVBoxLayout()
        box.setSpacing(3)
        box.addWidget(label)
        box.addWidget(widget)
        box.addWidget(message)
        column.addLayout(box)

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

    def _tab_order(self) -> None:
        chain: list[QWidget] = [
            self.picks["caller_type"],
            self.caller_phone,
            self.picks["language"],
            *self.client.focus_widgets(),
            self.categories.input,
            self.picks["urgency"],
            *self.emergency.focus_widgets(),
            self.summary,
            self.actions_taken,
            self.referrals.input,
            self.times["follow_up_at"],
            self.follow_up_what,
            self.picks["line"],
            self.picks["direction"],
            self.times["started_at"],
            self.times["ended_at"],
            self.save_button,
            self.discard_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

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
        self.client.reset()
        self.emergency.reset()
        self.emergency.hide()
        self.show_problems({})
        self.top_message.show_problem(None)
        self.timer_label.clear()
        self._loading = False

    def _edited(self) -> None:
        self._discard_armed = False
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
        self._edited()

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
            self.messages["caller_phone"].show_problem(self._problems.translate(str(exc)))
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

    def local_problems(self) -> dict[str, str]:
        """What the form can tell is wrong before asking the service."""
        return form_reading.local_problems(self)

    def call_input(self) -> CallInput:
        """The CallInput for the service (call local_problems() first)."""
        return form_reading.call_input(self)

    def save(self) -> CallView | None:
        """Validate and save; on a problem show it next to its field and save nothing."""
        if not self._active or self.ctx.is_locked:
            return None
        for pick in self.picks.values():
            pick.commit_text()
        problems = self.local_problems()
        if problems:
            self.show_problems(problems)
            return None
        try:
            view = save_call(self.ctx.db, self.call_input(), discard_draft=self.draft_of())
        except ValidationFailed as exc:
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
            self.top_message.show_problem(self.tr("Not saved: {0}").format(str(exc)))
            return None
        _log.info("call %s saved", view.id)
        self.show_problems({})
        self.saved.emit(view)
        return view

    def _service_problems(self, exc: ValidationFailed) -> dict[str, str]:
        out: dict[str, str] = {}
        for err in exc.errors:
            name = f"client.{err.field}" if err.field in NEW_FIELDS else err.field
            name = {"emergency_steps": "emergency", "client_id": "client"}.get(name, name)
            out.setdefault(name, self._problems.translate(err.message))
        return out

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each message next to its field; the cursor goes to the first bad field."""
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
        for name in self._reading_order():
            if name in problems:
                self._focus_problem(name)
                break

    def _reading_order(self) -> list[str]:
        return [
            "caller_type",
            "caller_phone",
            "language",
            "client",
            *(f"client.{n}" for n in NEW_FIELDS),
            "categories",
            "urgency",
            "emergency",
            "summary",
            "actions_taken",
            "referrals_given",
            "follow_up_at",
            "follow_up_what",
            "line",
            "direction",
            "started_at",
            "ended_at",
        ]

    def _focus_problem(self, name: str) -> None:
        if name.startswith("client."):
            widget = self.client.new_edits.get(name[7:])
            if widget is not None:
                widget.setFocus()
            return
        if name == "emergency":
            self.emergency.focus_widgets()[0].setFocus()
            return
        self.focus_field(name)

    # -- language --------------------------------------------------------------------------

    def relabel(self) -> None:
        """Vocabulary labels in the current language."""
        for name, vocab in PICKS.items():
            self.picks[name].set_options(vocabulary_options(vocab, self.ctx.lang))
        self.categories.set_options(vocabulary_options(CALL_CATEGORY, self.ctx.lang))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Call in progress"))
        self.save_button.setText(self.tr("Save call ({0})").format("Ctrl+S"))
        self.discard_button.setText(self.tr("Discard ({0})").format("Ctrl+Shift+X"))
        sections = {
            "caller": self.tr("Caller"),
            "client": self.tr("Client"),
            "details": self.tr("Line and time"),
            "call": self.tr("The call"),
            "follow_up": self.tr("Follow-up"),
        }
        for key, text in sections.items():
            self.section_labels[key].setText(text)
        names = {
            "caller_type": self.tr("Caller type"),
            "caller_phone": self.tr("Caller's phone"),
            "language": self.tr("Language of the call"),
            "client": self.tr("Client ({0} find, {1} new)").format("Alt+L", "Alt+W"),
            "line": self.tr("Line"),
            "direction": self.tr("Direction"),
            "started_at": self.tr("Started"),
            "ended_at": self.tr("Ended (empty: when saved)"),
            "categories": self.tr("Categories ({0} adds, {1} removes)").format(
                "Enter", "Backspace"
            ),
            "urgency": self.tr("Urgency ({0} checklist)").format("Alt+E"),
            "summary": self.tr("Summary"),
            "actions_taken": self.tr("Actions taken"),
            "referrals_given": self.tr("Referrals given (directory or free text)"),
            "follow_up_at": self.tr("Follow-up due ({0})").format("Alt+F"),
            "follow_up_what": self.tr("Follow-up: what is to be done"),
        }
        for name, text in names.items():
            self.labels[name].setText(text)
        self.follow_up_hint.setText(
            self.tr("For example {0}; leave empty for no follow-up.").format(
                format_local(utcnow() + timedelta(days=1))
            )
        )
        self.caller_phone.setPlaceholderText(self.tr("Any format: 063/123-45-67, +381 63 ..."))
        self._update_timer()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.relabel()
            self.retranslate()
        super().changeEvent(e)
