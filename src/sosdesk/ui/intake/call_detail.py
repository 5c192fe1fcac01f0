"""A saved call, read only (calls are corrected by the coordinator, not retyped at night)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sosdesk.domain.clock import to_desk
from sosdesk.domain.vocab import (
    CALL_CATEGORY,
    CALLER_TYPE,
    DIRECTION,
    EMERGENCY_STEP,
    LANGUAGE,
    LINE,
    URGENCY,
)
from sosdesk.services.calls import get_call
from sosdesk.services.client_card import client_card
from sosdesk.services.clients import NotFound
from sosdesk.services.errors import NotAllowed
from sosdesk.services.views import CallView
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.display import display_phone

ROWS = (
    "when",
    "line",
    "caller",
    "categories",
    "urgency",
    "steps",
    "client",
    "summary",
    "actions",
    "referrals",
)


class CallDetail(QWidget):
    """Shows one call; Enter on the button opens the client's file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.call: CallView | None = None
        self._client_code = ""
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.names = {key: QLabel(self) for key in ROWS}
        self.values = {key: QLabel(self) for key in ROWS}
        form = QFormLayout()
        for key in ROWS:
            self.values[key].setWordWrap(True)
            self.values[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key].setTextFormat(Qt.TextFormat.PlainText)
            form.addRow(self.names[key], self.values[key])
        self.open_client = QPushButton(self)
        self.open_client.clicked.connect(self._open_client)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.open_client, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.retranslate()

    def show_call(self, call_id: str) -> bool:
        """Load and show a call (False if it does not exist)."""
        try:
            self.call = self.ctx.call(get_call, call_id)
        except NotFound:
            self.clear()
            return False
        self._client_code = ""
        if self.call.client_id:
            try:
                self._client_code = self.ctx.call(
                    client_card, self.call.client_id, audit_view=False
                ).code
            except (NotFound, NotAllowed):
                self._client_code = ""
        self.show_rows()
        self.open_client.setFocus()
        return True

    def show_rows(self) -> None:
        call, lang = self.call, self.ctx.lang
        if call is None:
            for label in self.values.values():
                label.clear()
            self.open_client.hide()
            return
        start = to_desk(call.started_at)
        end = to_desk(call.ended_at).strftime("%H:%M") if call.ended_at else ""
        values = {
            "when": f"{start.strftime('%d.%m.%Y %H:%M')}–{end}",
            "line": f"{LINE.label(call.line, lang)}, {DIRECTION.label(call.direction, lang)}",
            "caller": ", ".join(
                x
                for x in (
                    CALLER_TYPE.label(call.caller_type, lang),
                    LANGUAGE.label(call.language, lang),
                    display_phone(call.caller_phone) if call.caller_phone else "",
                )
                if x
            ),
            "categories": ", ".join(CALL_CATEGORY.label(c, lang) for c in call.categories),
            "urgency": URGENCY.label(call.urgency, lang),
            "steps": ", ".join(EMERGENCY_STEP.label(s, lang) for s in call.emergency_steps),
            "client": self._client_code,
            "summary": call.summary or "",
            "actions": call.actions_taken or "",
            "referrals": ", ".join(call.referrals_given),
        }
        for key, text in values.items():
            self.values[key].setText(text)
            visible = bool(text)
            self.names[key].setVisible(visible)
            self.values[key].setVisible(visible)
        self.open_client.setVisible(bool(call.client_id))

    def _open_client(self) -> None:
        if self.call is not None and self.call.client_id:
            self.ctx.open_client_requested.emit(self.call.client_id)

    def clear(self) -> None:
        """Forget the call (on lock)."""
        self.call = None
        self._client_code = ""
        self.show_rows()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Saved call"))
        names = {
            "when": self.tr("When"),
            "line": self.tr("Line"),
            "caller": self.tr("Caller"),
            "categories": self.tr("Categories"),
            "urgency": self.tr("Urgency"),
            "steps": self.tr("Emergency steps"),
            "client": self.tr("Client"),
            "summary": self.tr("Summary"),
            "actions": self.tr("Actions taken"),
            "referrals": self.tr("Referrals given"),
        }
        for key, text in names.items():
            self.names[key].setText(text)
        self.open_client.setText(self.tr("Open the client's file"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.show_rows()
        super().changeEvent(e)
