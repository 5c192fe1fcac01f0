"""Register a new client, warning about possible duplicates as the operator types: the same
name in any script and birth year, or the same phone number. The operator can open the
existing file instead (Enter on it) or create the new one anyway.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.domain.vocab import GENDER
from sosdesk.services.clients import create_client
from sosdesk.services.duplicates import PossibleDuplicate, possible_duplicates
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.display import with_key
from sosdesk.ui.widgets.field_errors import FieldErrors
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.widgets.vocab_combo import VocabCombo

_ID = Qt.ItemDataRole.UserRole


class NewClientDialog(QDialog):
    """Emits `created(client_id)` or `open_existing(client_id)`."""

    created = Signal(str)
    open_existing = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New client"))
        self.setMinimumWidth(520)
        self.duplicates: list[PossibleDuplicate] = []
        layout = QVBoxLayout(self)
        self.general = FieldMessage(self)
        layout.addWidget(self.general)
        self.errors = FieldErrors(self.general)
        form = QFormLayout()
        self.given_name, self.family_name, self.nickname = QLineEdit(), QLineEdit(), QLineEdit()
        self.gender = VocabCombo(GENDER, ctx.lang)
        self.birth_year, self.phone = QLineEdit(), QLineEdit()
        self.birth_year.setPlaceholderText(self.tr("e.g. 1998"))
        self.phone.setPlaceholderText(self.tr("e.g. 063 123 4567"))
        for name, text, widget in (
            ("given_name", self.tr("&Given name"), self.given_name),
            ("family_name", self.tr("&Family name"), self.family_name),
            ("nickname", self.tr("Nic&kname"), self.nickname),
            ("gender", self.tr("G&ender"), self.gender),
            ("birth_year", self.tr("Birth &year"), self.birth_year),
            ("phones", self.tr("&Phone"), self.phone),
        ):
            widget.setParent(self)
            holder = QWidget(self)
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            error = FieldMessage(holder)
            column.addWidget(error)
            caption = QLabel(text, self)
            caption.setBuddy(widget)
            form.addRow(caption, holder)
            self.errors.add(name, widget, error)
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._schedule_check)
        layout.addLayout(form)
        self.banner = QFrame(self)
        self.banner.setProperty("role", "banner")
        inner = QVBoxLayout(self.banner)
        self.banner_text = QLabel(self.banner)
        self.banner_text.setWordWrap(True)
        inner.addWidget(self.banner_text)
        self.matches = QListWidget(self.banner)
        self.matches.setMaximumHeight(110)
        self.matches.itemActivated.connect(self._open)
        inner.addWidget(self.matches)
        self.banner.hide()
        layout.addWidget(self.banner)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(
            with_key(self.tr("Create"), "Ctrl+Enter"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setProperty("role", "primary")
        self.anyway_button = buttons.addButton(
            with_key(self.tr("Create anyway"), "Ctrl+Shift+Enter"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.anyway_button.hide()
        buttons.addButton(
            with_key(self.tr("Cancel"), "Esc"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.anyway_button.clicked.connect(lambda: self.submit(anyway=True))
        layout.addWidget(buttons)
        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut(key, self, self.submit, window=True)
        for key in ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"):
            shortcut(key, self, lambda: self.submit(anyway=True), window=True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.check_duplicates)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.given_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _schedule_check(self) -> None:
        self._timer.start()

    def form_data(self) -> tuple[dict[str, Any], list[FieldError]]:
        """The fields as the client service takes them, and what could not be read."""
        errors: list[FieldError] = []
        year_text = self.birth_year.text().strip()
        year: int | None = None
        if year_text:
            if year_text.isdigit():
                year = int(year_text)
            else:
                errors.append(FieldError("birth_year", "ui.digits_only"))
        phone = self.phone.text().strip()
        data = {
            "given_name": self.given_name.text(),
            "family_name": self.family_name.text(),
            "nickname": self.nickname.text(),
            "gender": self.gender.code(),
            "birth_year": year,
            "phones": [phone] if phone else [],
        }
        return data, errors

    def check_duplicates(self) -> list[PossibleDuplicate]:
        """Look for existing files of the same person; show them above the buttons."""
        self._timer.stop()
        data, errors = self.form_data()
        found = [] if errors else self.ctx.call(possible_duplicates, data)
        self.duplicates = found
        self.matches.clear()
        for d in found:
            why = " + ".join(
                self.tr("same name and birth year")
                if r == "name_birth_year"
                else self.tr("same phone number")
                for r in d.reasons
            )
            born = f", {d.birth_year}" if d.birth_year else ""
            item = QListWidgetItem(f"{d.code}  {d.display_name}{born} — {why}", self.matches)
            item.setData(_ID, d.client_id)
        if found:
            self.banner_text.setText(
                self.tr(
                    "This person may already have a file: select it and press Enter to open it, "
                    "or create a new file anyway."
                )
            )
            self.matches.setCurrentRow(0)
        self.banner.setVisible(bool(found))
        self.anyway_button.setVisible(bool(found))
        return found

    def _open(self, item: QListWidgetItem) -> None:
        self.open_existing.emit(str(item.data(_ID)))
        self.accept()

    def submit(self, anyway: bool = False) -> None:
        """Create the client, unless a possible duplicate was not acknowledged."""
        data, errors = self.form_data()
        if errors:
            self.errors.show(errors)
            return
        if not anyway and self.check_duplicates():
            self.matches.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            client = self.ctx.call(create_client, data)
        except ValidationFailed as exc:
            self.errors.show(exc.errors)
            return
        self.ctx.data_changed.emit("clients")
        self.created.emit(client.id)
        self.accept()
