"""The referral directory: search in any script (folded index), filter by kind, see when each
entry was last verified (stale ones marked), add, edit and mark as verified today.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain import roles
from sosdesk.domain.folding import fold
from sosdesk.domain.vocab import DIRECTORY_KIND
from sosdesk.services.directory import DirectoryView, mark_verified, search_directory
from sosdesk.ui.context import AppContext
from sosdesk.ui.directory.editor import entry_dialog
from sosdesk.ui.directory.model import DirectoryModel
from sosdesk.ui.events.action_dialog import ActionDialog, keep_while_open, return_focus
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.permission import guard
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.widgets.vocab_combo import VocabCombo


class DirectoryArea(QWidget):
    """Lawyers, psychotherapists, medical partners, shelters, institutions, NGOs, embassies."""

    status = Signal(str)  # short notes for the main window's status bar

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: ActionDialog | None = None
        self._may_edit = False
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        bar.addWidget(self.heading)
        self.query = QLineEdit(self)
        self.query.setProperty("role", "search")
        self.query.setClearButtonEnabled(True)
        bar.addWidget(self.query, 1)
        self.kind = VocabCombo(DIRECTORY_KIND, ctx.lang, empty="", parent=self)
        self.kind_label = QLabel(self)
        self.kind_label.setBuddy(self.kind)
        bar.addWidget(self.kind_label)
        bar.addWidget(self.kind)
        self.inactive = QCheckBox(self)
        bar.addWidget(self.inactive)
        layout.addLayout(bar)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, key, slot in (
            ("new", "Ctrl+Shift+N", self.new_entry),
            ("edit", "F2", self.edit_entry),
            ("verified", "Ctrl+Shift+V", self.verified_today),
        ):
            button = QPushButton(self)
            self.buttons[name] = button
            button.clicked.connect(slot)
            buttons.addWidget(button)
            shortcut(key, self, slot)
        shortcut("Alt+S", self, self.focus_search)
        buttons.addStretch(1)
        self.count = QLabel(self)
        self.count.setProperty("role", "muted")
        buttons.addWidget(self.count)
        layout.addLayout(buttons)
        self.model = DirectoryModel(ctx.lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DirectoryModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DirectoryModel.SPECIALISATION, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self.edit_entry())
        layout.addWidget(self.table, 1)
        self.query.textChanged.connect(self.reload)
        self.query.returnPressed.connect(lambda: self.table.setFocus())
        self.kind.currentIndexChanged.connect(self.reload)
        self.inactive.toggled.connect(self.reload)
        self.retranslate()
        ctx.locked.connect(self.clear)
        ctx.unlocked.connect(self.reload)
        ctx.unlocked.connect(self.apply_role)
        ctx.data_changed.connect(lambda entity: self.reload() if entity == "directory" else None)
        if not ctx.is_locked:
            self.reload()

    def title(self) -> str:
        return self.tr("Directory")

    def retranslate(self) -> None:
        """Texts in the current language (also after a live language switch)."""
        self.heading.setText(self.tr("Directory"))
        self.query.setPlaceholderText(
            with_key(self.tr("Search name, city, specialisation, phone — any script"), "Alt+S")
        )
        self.kind_label.setText(self.tr("&Kind"))
        self.kind.set_lang(self.ctx.lang)
        self.kind.set_terms(list(DIRECTORY_KIND), self.tr("All kinds"))
        self.inactive.setText(self.tr("Show &inactive"))
        for name, text, key in (
            ("new", self.tr("New entry…"), "Ctrl+Shift+N"),
            ("edit", self.tr("Edit…"), "F2"),
            ("verified", self.tr("Verified today"), "Ctrl+Shift+V"),
        ):
            self.buttons[name].setText(with_key(text, key))
        self.model.lang = self.ctx.lang
        self.apply_role()

    def apply_role(self) -> None:
        """Only a role that edits the directory gets working edit buttons (others: why)."""
        self._may_edit = guard(self.ctx, roles.EDIT_DIRECTORY, *self.buttons.values())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.reload()
        super().changeEvent(event)

    def focus_search(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def reload(self) -> None:
        """Search again with the current query and filters (keeps the selected entry)."""
        if self.ctx.is_locked:
            return
        keep = self.current()
        code = self.kind.code()
        entries = self.ctx.call(
            search_directory,
            self.query.text(),
            kinds={code} if code else None,
            include_inactive=self.inactive.isChecked(),
        )
        order = {code: i for i, code in enumerate(DIRECTORY_KIND.codes())}
        entries.sort(key=lambda e: (order.get(e.kind, len(order)), fold(e.name)))
        self.model.set_entries(entries)
        stale = sum(1 for e in entries if e.is_stale(self.model.today))
        self.count.setText(
            self.tr("%1 entries, %2 stale")
            .replace("%1", str(len(entries)))
            .replace("%2", str(stale))
        )
        row = next((i for i, e in enumerate(entries) if keep and e.id == keep.id), 0)
        if entries:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def current(self) -> DirectoryView | None:
        index = self.table.currentIndex()
        entries = self.model.entries
        return entries[index.row()] if index.isValid() and index.row() < len(entries) else None

    def clear(self) -> None:
        """Drop the list from the screen (lock)."""
        self.model.set_entries([])
        self.count.clear()
        if self.dialog is not None:
            self.dialog.reject()

    def _show(self, dialog: ActionDialog) -> None:
        keep_while_open(dialog, self)
        return_focus(dialog, self.table)
        dialog.open()
        dialog.activateWindow()

    def new_entry(self) -> None:
        """Add an entry (Ctrl+Shift+N)."""
        if not self.ctx.is_locked and self._may_edit:
            self._show(entry_dialog(self.ctx, None, self))

    def edit_entry(self) -> None:
        """Edit the selected entry (F2 or Enter)."""
        entry = self.current()
        if entry is not None and not self.ctx.is_locked and self._may_edit:
            self._show(entry_dialog(self.ctx, entry, self))

    def verified_today(self) -> None:
        entry = self.current()
        if entry is not None and self._may_edit:
            self.ctx.call(mark_verified, entry.id)
            self.ctx.data_changed.emit("directory")
            self.status.emit(self.tr("Marked as verified today."))
