"""The call intake form's widgets and their layout: two columns of labelled fields, each with its
message, the header with the call timer and the buttons, the tab order, the labels in the current
language. What the form does lives in `form.py` (the presenter); the rules in `form_state.py`.
"""

from __future__ import annotations

import itertools
from datetime import timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
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
from sosdesk.domain.vocab import CALL_CATEGORY, CALLER_TYPE, DIRECTION, LANGUAGE, LINE, URGENCY
from sosdesk.ui.context import AppContext
from sosdesk.ui.intake.caller_card import CallerCardPanel
from sosdesk.ui.intake.client_link import NEW_FIELDS, ClientLink
from sosdesk.ui.intake.emergency import EmergencyPanel
from sosdesk.ui.widgets.datetime_field import DateTimeField, format_local
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.multi_pick import MultiPick
from sosdesk.ui.widgets.pick_list import PickList, vocabulary_options

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

READING_ORDER = (
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
)


class IntakeFormLayout(QWidget):
    """Every widget of the intake form, laid out and labelled; no behaviour."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("IntakeForm")
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
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("discard_call")
        self.discard_button.setProperty("role", "danger")
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
        # A linked client's referrals become referral events: the same consent gate as the
        # client file (issue 18: free text skipped it).
        self.referral_consent = QCheckBox()
        self.client = ClientLink(ctx)
        self.caller_card = CallerCardPanel(ctx)
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
        left.addWidget(self.caller_card)
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
        right.addWidget(self.referral_consent)
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

        self.emergency.hide()

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
            self.referral_consent,
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
        self.referral_consent.setText(self.tr("The client was told and &agrees to these referrals"))
        self.refresh_example()
        self.caller_phone.setPlaceholderText(self.tr("Any format: 063/123-45-67, +381 63 ..."))

    def refresh_example(self) -> None:
        """The follow-up example, from the clock now (each new call): built once, it went stale."""
        self.follow_up_hint.setText(
            self.tr("For example {0}; leave empty for no follow-up.").format(
                format_local(utcnow() + timedelta(days=1))
            )
        )

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.relabel()
            self.retranslate()
        super().changeEvent(e)
