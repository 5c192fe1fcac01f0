"""The status bar of the desk: desk, user, lock state and the time (no client data ever)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from sosdesk.domain.clock import to_desk, utcnow
from sosdesk.ui.theme import repolish


class DeskStatus(QWidget):
    """Owns the permanent labels of a QStatusBar."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self._desk = ""
        self._user = ""
        self._locked = True
        self.desk_label = QLabel(bar)
        self.desk_label.setObjectName("status_desk")
        self.user_label = QLabel(bar)
        self.user_label.setObjectName("status_user")
        self.lock_label = QLabel(bar)
        self.lock_label.setObjectName("status_lock")
        self.clock_label = QLabel(bar)
        self.clock_label.setObjectName("status_clock")
        for label in (self.desk_label, self.user_label, self.lock_label, self.clock_label):
            bar.addPermanentWidget(label)
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)
        self.clock.start()
        self.hide()
        self.retranslate()

    def set_state(self, desk: str, user: str, locked: bool) -> None:
        self._desk, self._user, self._locked = desk, user, locked
        self.retranslate()

    def _tick(self) -> None:
        # The organisation's zone, named, so a desk on a UTC machine is not misread.
        self.clock_label.setText(to_desk(utcnow()).strftime("%H:%M %Z").strip())

    def retranslate(self) -> None:
        self.desk_label.setText(self.tr("Desk {0}").format(self._desk) if self._desk else "")
        self.user_label.setText(self.tr("User: {0}").format(self._user) if self._user else "")
        self.lock_label.setText(self.tr("Locked") if self._locked else self.tr("Unlocked"))
        self.lock_label.setProperty("role", "locked" if self._locked else "")
        repolish(self.lock_label)
        self._tick()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
