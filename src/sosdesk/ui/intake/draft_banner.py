"""The banner that offers back a call kept as a draft (after a crash, a kill or a power cut)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from sosdesk.domain.clock import to_desk


class DraftBanner(QFrame):
    """Emits `restore` or `discard` for the draft on show."""

    restore = Signal()
    discard = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DraftBanner")
        self.setProperty("role", "banner")
        self._when: datetime | None = None
        self._more = 0
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("draft_restore")
        self.restore_button.clicked.connect(self.restore.emit)
        self.discard_button = QPushButton(self)
        self.discard_button.setObjectName("draft_discard")
        self.discard_button.clicked.connect(self.discard.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.hide()
        self.retranslate()

    def offer(self, updated_at: datetime, more: int = 0) -> None:
        """Show the offer for a draft last written at `updated_at` (`more` others wait)."""
        self._when, self._more = updated_at, more
        self.retranslate()
        self.show()

    def withdraw(self) -> None:
        self._when, self._more = None, 0
        self.hide()

    def retranslate(self) -> None:
        when = to_desk(self._when).strftime("%d.%m. %H:%M") if self._when else ""
        text = self.tr(
            "A call you were taking was not saved (last typed at {0}). "
            "Restore it to finish it, or discard it."
        ).format(when)
        if self._more:
            text += " " + self.tr("({0} more after this one)").format(self._more)
        self.text.setText(text)
        self.restore_button.setText(self.tr("&Restore the call"))
        self.discard_button.setText(self.tr("Disc&ard it"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
