"""The Clients area: find a client (or register a new one, with a duplicate warning) and keep
her whole file. The main window calls `open_client(client_id)` when the operator presses
Enter on a client in the search bar.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from sosdesk.domain import roles
from sosdesk.services import access
from sosdesk.services.clients import NotFound
from sosdesk.services.emergency import in_emergency
from sosdesk.services.errors import NotAllowed
from sosdesk.ui.clients.break_glass import banner_text, break_glass_dialog
from sosdesk.ui.clients.file_view import ClientFileView
from sosdesk.ui.clients.finder import ClientFinder
from sosdesk.ui.clients.new_client import NewClientDialog
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.problem_text import error_text
from sosdesk.ui.widgets.shortcuts import shortcut


class ClientsArea(QWidget):
    """Finder and client file; everything on screen is dropped on lock."""

    status = Signal(str)  # short notes for the main window's status bar

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._current_id: str | None = None
        self.new_dialog: NewClientDialog | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        # A refusal (the role may not open this file) and the emergency-access banner.
        self.notice = FieldMessage(self)
        self.notice.setObjectName("clients_notice")
        self._layout.addWidget(self.notice)
        self.banner = QLabel(self)
        self.banner.setObjectName("emergency_banner")
        self.banner.setProperty("role", "error")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self._layout.addWidget(self.banner)
        self.glass_dialog: QDialog | None = None
        self._rebuild_pending = False
        self._build()
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self.reload)
        ctx.data_changed.connect(self._data_changed)

    def _build(self) -> None:
        """Create the finder and the file (again after a language switch: every label,
        pick list and vocabulary label is then in the new language)."""
        old = getattr(self, "stack", None)
        old_file: ClientFileView | None = getattr(self, "file", None)
        self.stack = QStackedWidget(self)
        self.finder = ClientFinder(self.ctx, self.stack)
        self.file = ClientFileView(self.ctx, self.stack)
        self.stack.addWidget(self.finder)
        self.stack.addWidget(self.file)
        self.finder.open_requested.connect(self.open_client)
        self.finder.new_requested.connect(self.new_client)
        self.file.find_requested.connect(self.show_finder)
        self.file.new_client_requested.connect(self.new_client)
        self.file.status.connect(self.status.emit)
        shortcut("Ctrl+Shift+N", self.finder, self.new_client)
        if old is None:
            self._layout.addWidget(self.stack)
        else:
            self._layout.replaceWidget(old, self.stack)
            if old_file is not None:
                old_file.clear()  # nothing about the client lingers in the old widgets
            old.deleteLater()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._rebuild_pending:
            self._rebuild_pending = True  # children report too: rebuild once, afterwards
            QTimer.singleShot(0, self, self._rebuild)
        super().changeEvent(event)

    def _rebuild(self) -> None:
        self._rebuild_pending = False
        showing_file = self.stack.currentWidget() is self.file and self.file.client is not None
        self._build()
        if showing_file and self._current_id is not None and not self.ctx.is_locked:
            with contextlib.suppress(NotFound, NotAllowed):
                self.file.show_client(self._current_id, audit=False)
                self.stack.setCurrentWidget(self.file)

    def title(self) -> str:
        return self.tr("Clients")

    def current_client_id(self) -> str | None:
        """The client whose file is open (kept across a lock, so unlock returns to it)."""
        return self._current_id

    def open_client(self, client_id: str, *, ask: bool = True) -> None:
        """Show a client's file; the view is recorded in the audit chain. A role that may not
        see the file is told why and, when she may, offered to break the glass (`ask`)."""
        if self.ctx.is_locked:
            return
        self.notice.show_problem(None)
        if (
            self.file.profile.dirty
            and self.file.client is not None
            and self.file.client.id != client_id
            and not self._leave_profile()
        ):
            return
        try:
            self.file.show_client(client_id)
        except NotFound:
            self._current_id = None
            self.show_finder()
            return
        except NotAllowed as refused:
            self._refused(client_id, refused, ask=ask)
            return
        self._current_id = client_id
        self.stack.setCurrentWidget(self.file)
        self._show_banner(client_id)

    def _refused(self, client_id: str, refused: NotAllowed, *, ask: bool) -> None:
        self._current_id = None
        self.file.clear()
        self.show_finder()
        why = error_text(refused)
        self.notice.show_problem(why)
        if ask and self.ctx.call(access.may, roles.BREAK_GLASS, client_id):
            dialog = break_glass_dialog(self.ctx, client_id, why, self)
            dialog.accepted.connect(lambda: self.open_client(client_id))
            dialog.finished.connect(lambda _r: setattr(self, "glass_dialog", None))
            self.glass_dialog = dialog
            dialog.open()
            dialog.activateWindow()

    def _show_banner(self, client_id: str) -> None:
        if self.ctx.call(in_emergency, client_id):
            self.banner.setText(banner_text())
            self.banner.setAccessibleName(self.banner.text())
            self.banner.show()
        else:
            self.banner.hide()

    def _leave_profile(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("The profile of the open client has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.file.profile.save()
        return answer == QMessageBox.StandardButton.Discard

    def show_finder(self) -> None:
        self.stack.setCurrentWidget(self.finder)
        self.finder.focus()

    def new_client(self) -> None:
        """Register a new client (Ctrl+Shift+N), warned about possible duplicates."""
        if self.ctx.is_locked:
            return
        dialog = NewClientDialog(self.ctx, self)
        dialog.created.connect(self.open_client)
        dialog.open_existing.connect(self.open_client)
        dialog.finished.connect(lambda _r: setattr(self, "new_dialog", None))
        self.new_dialog = dialog
        dialog.open()
        dialog.activateWindow()

    def clear(self) -> None:
        """Drop every piece of client data from the screen (lock); the open file's id is kept."""
        if self.new_dialog is not None:
            self.new_dialog.reject()
            self.new_dialog = None
        if self.glass_dialog is not None:
            self.glass_dialog.reject()
            self.glass_dialog = None
        self.banner.hide()
        self.notice.show_problem(None)
        self.file.clear()
        self.finder.clear()
        self.stack.setCurrentWidget(self.finder)

    def reload(self) -> None:
        """After unlock: return to the file that was open (a new, audited view)."""
        if self._current_id is not None:
            self.open_client(self._current_id, ask=False)

    def _data_changed(self, entity: str) -> None:
        if self.ctx.is_locked or self.file.client is None:
            return
        if entity in ("events", "calls"):
            self.file.timeline.refresh()
            self.file.refresh_client()
        elif entity in ("clients", "cases", "followups"):
            self.file.refresh_client()
