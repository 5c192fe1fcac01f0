"""The latest calls of this desk, newest first; Enter shows one."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from sosdesk.domain.clock import to_desk
from sosdesk.domain.vocab import CALL_CATEGORY, LINE
from sosdesk.services.calls import recent_calls
from sosdesk.services.views import CallView
from sosdesk.ui.context import AppContext
from sosdesk.ui.workers import LatestOnly

LIMIT = 40


class _List(QListWidget):
    enter = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter.emit()
            return
        super().keyPressEvent(e)


class RecentCalls(QWidget):
    """Emits `chosen(call_id)`."""

    chosen = Signal(str)
    loaded = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._calls: list[CallView] = []
        self.heading = QLabel(self)
        self.heading.setProperty("role", "section")
        self.list = _List(self)
        self.list.setObjectName("recent_calls")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemActivated.connect(lambda item: self._choose(item))
        self.list.enter.connect(lambda: self._choose(self.list.currentItem()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 6, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.list)
        self.runner = LatestOnly(ctx.pool, self)
        self.runner.answered.connect(self._show)
        self.retranslate()

    def reload(self) -> None:
        """Fetch the latest calls in the background."""
        if self.ctx.is_locked:
            return
        call = self.ctx.caller()
        self.runner.submit(lambda: call(recent_calls, LIMIT))

    def _show(self, calls: object) -> None:
        if self.ctx.is_locked or not isinstance(calls, list):
            return
        self._calls = [c for c in calls if isinstance(c, CallView)]
        self.show_rows()
        self.loaded.emit(len(self._calls))

    def show_rows(self) -> None:
        """Rows in the current language."""
        self.list.clear()
        lang = self.ctx.lang
        for call in self._calls:
            when = to_desk(call.started_at).strftime("%d.%m. %H:%M")
            cats = ", ".join(CALL_CATEGORY.label(c, lang) for c in call.categories)
            mark = "⚠ " if call.urgency == "immediate_danger" else ""
            summary = (call.summary or "").replace("\n", " ")
            summary = summary[:90] + ("…" if len(summary) > 90 else "")
            text = f"{mark}{when}  {LINE.label(call.line, lang)}\n{cats}" + (
                f"\n{summary}" if summary else ""
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, call.id)
            self.list.addItem(item)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def clear(self) -> None:
        """Drop every row (on lock)."""
        self.runner.cancel()
        self._calls = []
        self.list.clear()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Latest calls"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.show_rows()
        super().changeEvent(e)
