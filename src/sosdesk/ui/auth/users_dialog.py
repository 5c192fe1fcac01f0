"""Users and passphrases from the desk: every user changes her own passphrase (the old one
required, a strength meter, the store's rules); coordinators add, re-role and deactivate users
and reset a forgotten passphrase with the recovery key.

Key derivation (Argon2id) takes a moment, so each change runs in a worker; the rules and the
refusals are the services' (`sosdesk.services.users`), shown as coded messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError
from sosdesk.domain.vocab import ROLE
from sosdesk.services import users
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.permission import guard
from sosdesk.ui.widgets.problem_text import error_text, failure_text
from sosdesk.ui.widgets.vocab_combo import VocabCombo
from sosdesk.ui.workers import run_in_pool


def _secret(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class UsersDialog(QDialog):
    """Own passphrase for everyone; the users of this database for coordinators."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("users_dialog")
        self.setWindowTitle(self.tr("Users and passphrases"))
        self.setMinimumWidth(720)
        layout = QVBoxLayout(self)
        self.message = FieldMessage(self)
        self.message.setObjectName("users_message")
        layout.addWidget(self.message)

        own = QGroupBox(self.tr("My passphrase"), self)
        form = QFormLayout(own)
        self.old = _secret(own, "old_passphrase")
        self.new = _secret(own, "new_passphrase")
        self.again = _secret(own, "repeat_passphrase")
        self.meter = QProgressBar(own)
        self.meter.setObjectName("strength_meter")
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.change = QPushButton(self.tr("&Change my passphrase"), own)
        form.addRow(self.tr("&Old passphrase"), self.old)
        form.addRow(self.tr("&New passphrase"), self.new)
        form.addRow(self.tr("&Repeat it"), self.again)
        form.addRow(self.tr("Strength"), self.meter)
        form.addRow("", self.change)
        self.old.setAccessibleName(self.tr("Old passphrase"))
        self.new.setAccessibleName(self.tr("New passphrase"))
        self.again.setAccessibleName(self.tr("Repeat the new passphrase"))
        self.meter.setAccessibleName(self.tr("Strength of the new passphrase"))
        self.change.setAccessibleName(self.tr("Change my passphrase"))
        self.new.textChanged.connect(self._strength)
        self.change.clicked.connect(self.change_own)
        layout.addWidget(own)

        self.team = QGroupBox(self.tr("Users of this database"), self)
        team = QVBoxLayout(self.team)
        self.model = QStandardItemModel(0, 4, self)
        self.table = QTableView(self.team)
        self.table.setObjectName("users_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Users"))
        self.table.setMinimumHeight(150)
        team.addWidget(self.table)
        rows = QFormLayout()
        self.name = QLineEdit(self.team)
        self.name.setObjectName("user_name")
        self.display = QLineEdit(self.team)
        self.display.setObjectName("display_name")
        self.role = VocabCombo(ROLE, ctx.lang, parent=self.team)
        self.role.setObjectName("user_role")
        self.first = _secret(self.team, "first_passphrase")
        self.recovery = QLineEdit(self.team)
        self.recovery.setObjectName("recovery_key")
        rows.addRow(self.tr("User &name"), self.name)
        rows.addRow(self.tr("&Full name"), self.display)
        rows.addRow(self.tr("Ro&le"), self.role)
        rows.addRow(self.tr("&Passphrase for her"), self.first)
        rows.addRow(self.tr("Recovery &key (to reset)"), self.recovery)
        self.name.setAccessibleName(self.tr("User name"))
        self.display.setAccessibleName(self.tr("Full name"))
        self.role.setAccessibleName(self.tr("Role"))
        self.first.setAccessibleName(self.tr("Passphrase for the user"))
        self.recovery.setAccessibleName(self.tr("Recovery key"))
        team.addLayout(rows)
        buttons = QHBoxLayout()
        self.add = QPushButton(self.tr("&Add"), self.team)
        self.set_role = QPushButton(self.tr("Give this r&ole"), self.team)
        self.deactivate = QPushButton(self.tr("&Deactivate"), self.team)
        self.reset = QPushButton(self.tr("Re&set passphrase"), self.team)
        for button in (self.add, self.set_role, self.deactivate, self.reset):
            button.setAccessibleName(button.text().replace("&", ""))
            buttons.addWidget(button)
        buttons.addStretch(1)
        team.addLayout(buttons)
        self.add.clicked.connect(self.add_user)
        self.set_role.clicked.connect(self.give_role)
        self.deactivate.clicked.connect(self.deactivate_user)
        self.reset.clicked.connect(self.reset_passphrase)
        self.table.clicked.connect(self._picked)
        layout.addWidget(self.team)
        close = QPushButton(self.tr("Close (Esc)"), self)
        close.clicked.connect(self.reject)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        ctx.locked.connect(self.reject)
        self._busy = False
        self._strength("")
        self.reload()

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        """The users (for coordinators); others see why the section is closed."""
        self.model.clear()
        self.model.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Active")]
        )
        controls = [self.table, self.name, self.display, self.role, self.first, self.recovery]
        controls += [self.add, self.set_role, self.deactivate, self.reset]
        if not guard(self.ctx, roles.MANAGE_USERS, *controls):
            return
        for u in self.ctx.call(users.list_users):
            cells = [u.name, u.display_name, ROLE.label(u.role, self.ctx.lang)]
            cells.append(self.tr("yes") if u.active else self.tr("no"))
            self.model.appendRow([QStandardItem(c) for c in cells])

    def _picked(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.name.setText(self.model.item(index.row(), 0).text())
            self.display.setText(self.model.item(index.row(), 1).text())

    def _strength(self, text: str) -> None:
        score = users.strength(text)
        self.meter.setValue(score)
        words = [
            self.tr("very easy to guess"),
            self.tr("easy to guess"),
            self.tr("somewhat hard to guess"),
            self.tr("hard to guess: good"),
            self.tr("very hard to guess: good"),
        ]
        self.meter.setFormat(words[score])

    # -- changes ---------------------------------------------------------------------------

    def _run(self, work: Callable[[], Any], done: str) -> None:
        """Run one change in a worker; the outcome (or the coded refusal) is shown above."""
        if self._busy or self.ctx.is_locked:
            return
        self._busy = True
        self.message.show_problem(self.tr("Working…"), notice=True)

        def ok(_result: object) -> None:
            self._busy = False
            self.message.show_problem(done, notice=True)
            for field in (self.old, self.new, self.again, self.first, self.recovery):
                field.clear()
            self.reload()

        def failed(exc: object) -> None:
            self._busy = False
            self.message.show_problem(
                failure_text(exc) if isinstance(exc, BaseException) else self.tr("Failed.")
            )

        run_in_pool(self.ctx.pool, work, ok, failed)

    def change_own(self) -> None:
        """Change the unlocked user's passphrase (the old one and the new one twice)."""
        if self.new.text() != self.again.text():
            self.message.show_problem(error_text(CodedError("users.passphrases_differ")))
            return
        call, old, new = self.ctx.caller(), self.old.text(), self.new.text()
        self._run(
            lambda: call(users.change_own_passphrase, old, new),
            self.tr("Your passphrase was changed."),
        )

    def add_user(self) -> None:
        call = self.ctx.caller()
        name, display = self.name.text().strip(), self.display.text().strip()
        role, first = self.role.code() or "", self.first.text()
        self._run(
            lambda: call(users.add_user, name, display, role, first),
            self.tr("The user was added; she can now unlock this desk."),
        )

    def give_role(self) -> None:
        call, name, role = self.ctx.caller(), self.name.text().strip(), self.role.code() or ""
        self._run(lambda: call(users.set_role, name, role), self.tr("The role was changed."))

    def deactivate_user(self) -> None:
        call, name = self.ctx.caller(), self.name.text().strip()
        self._run(
            lambda: call(users.deactivate_user, name),
            self.tr("The user was deactivated; her name stays on what she did."),
        )

    def reset_passphrase(self) -> None:
        call, name = self.ctx.caller(), self.name.text().strip()
        key, first = self.recovery.text(), self.first.text()
        self._run(
            lambda: call(users.reset_passphrase, name, key, first),
            self.tr("The passphrase was reset; tell her the new one in person."),
        )
