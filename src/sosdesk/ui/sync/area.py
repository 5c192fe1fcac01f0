"""The sync area: a desk sees its exchange with the office; the office sees the desks' batches,
the conflict queue and the enrolled desks. Which one is shown follows the open database."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from sosdesk.ui.context import AppContext
from sosdesk.ui.sync.chooser import Chooser
from sosdesk.ui.sync.desk_panel import DeskPanel
from sosdesk.ui.sync.office_panel import OfficePanel


class SyncArea(QWidget):
    """Export, import, receipts, enrolment and conflicts."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.chooser = Chooser()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.desk = DeskPanel(ctx, self.chooser, self.stack)
        self.office = OfficePanel(ctx, self.chooser, self.stack)
        self.stack.addWidget(self.desk)
        self.stack.addWidget(self.office)
        layout.addWidget(self.stack)
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self.reload)
        if not ctx.is_locked:
            self.reload()

    def set_chooser(self, chooser: Chooser) -> None:
        """Who answers the file dialogs (tests answer for the user)."""
        self.chooser = chooser
        self.desk.chooser = chooser
        self.office.chooser = chooser

    def title(self) -> str:
        return self.tr("Exchange")

    @property
    def panel(self) -> DeskPanel | OfficePanel:
        """The panel for the open database."""
        return self.office if self.stack.currentWidget() is self.office else self.desk

    def reload(self) -> None:
        """Show the office or the desk side, freshly read."""
        if self.ctx.is_locked:
            return
        office = self.ctx.is_office
        self.stack.setCurrentWidget(self.office if office else self.desk)
        self.panel.reload()

    def clear(self) -> None:
        """Drop everything from the screen (lock)."""
        self.desk.clear()
        self.office.clear()
