"""What the desk and office sync panels share: the status lines under the work, the job that
runs exports and imports off the GUI thread, and retranslation on a language switch."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from sosdesk.ui.sync.jobs import Job
from sosdesk.ui.widgets.field_message import FieldMessage


class SyncPanelBase(QWidget):
    """Subclasses build their own controls, then call `_add_footer`, and define
    `retranslate`, `_job_done` and `_job_failed`."""

    def _add_footer(self, layout: QVBoxLayout, progress: QProgressBar) -> None:
        """Notice, error and hint lines, and the job that reports through `progress`."""
        self.notice = QLabel(self)
        self.notice.setProperty("role", "notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.error = FieldMessage(self)
        layout.addWidget(self.error)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "muted")
        layout.addWidget(self.hint)
        self.job = Job(progress, self)
        self.job.finished.connect(self._job_done)
        self.job.failed.connect(self._job_failed)
        self._job_kind = ""

    def _say(self, text: str, error: bool = False) -> None:
        self.notice.setText("" if error else text)
        self.error.say(text if error else "")

    def retranslate(self) -> None:
        raise NotImplementedError

    def _job_done(self, result: Any) -> None:
        raise NotImplementedError

    def _job_failed(self, exc: Any) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
