"""The unlock screen: user + passphrase (or the recovery key and a new passphrase). It shows
which desk and database file it opens, and nothing else of the database.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QThreadPool, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk.logtail import Code
from sosdesk.services.session import (
    BACKING_UP,
    Credentials,
    DatabaseBusy,
    DatabaseInUse,
    DatabaseMissing,
    InstanceLock,
    KeyFileError,
    NotADatabase,
    StorageFull,
    UnknownUser,
    WeakPassphrase,
    WrongPassphrase,
    desk_code_of,
    open_database,
)
from sosdesk.ui.widgets.field_message import FieldMessage
from sosdesk.ui.widgets.shortcuts import shortcut
from sosdesk.ui.workers import run_in_pool

_log = logging.getLogger(__name__)

LANGUAGE_NAMES = (
    ("sr-Latn", "Srpski (latinica)"),
    ("sr-Cyrl", "Српски (ћирилица)"),
    ("en", "English"),
)


class UnlockScreen(QWidget):
    """Emits `unlocked(Database)`; `language_chosen(code)` when the language box changes."""

    unlocked = Signal(object)
    unlocking = Signal()  # the key is being derived in a worker: the GUI thread is free
    upgrade_step = Signal(str)  # emitted by the worker: a schema upgrade's step has begun
    language_chosen = Signal(str)

    def __init__(
        self,
        db_path: Path,
        user: str,
        lock: InstanceLock,
        pool: QThreadPool,
        lang: str = "sr-Latn",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.lock = lock
        self.pool = pool
        self._busy = False
        self.desk_code = desk_code_of(db_path)
        self.setObjectName("UnlockScreen")

        self.card = QFrame(self)
        self.card.setProperty("role", "unlock")
        self.card.setMaximumWidth(520)
        self.card.setMinimumWidth(420)
        self.heading = QLabel(self.card)
        self.heading.setProperty("role", "heading")
        self.where = QLabel(self.card)
        self.where.setProperty("role", "muted")
        self.where.setObjectName("unlock_where")
        self.user_label, self.pass_label = QLabel(self.card), QLabel(self.card)
        self.user_edit = QLineEdit(user, self.card)
        self.user_edit.setObjectName("unlock_user")
        self.pass_edit = QLineEdit(self.card)
        self.pass_edit.setObjectName("unlock_passphrase")
        self.pass_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_label.setBuddy(self.user_edit)
        self.pass_label.setBuddy(self.pass_edit)

        self.recovery_box = QWidget(self.card)
        self.key_label, self.new_label, self.repeat_label = (
            QLabel(self.recovery_box) for _ in range(3)
        )
        self.key_edit = QLineEdit(self.recovery_box)
        self.key_edit.setObjectName("unlock_recovery_key")
        self.new_edit = QLineEdit(self.recovery_box)
        self.repeat_edit = QLineEdit(self.recovery_box)
        for edit in (self.new_edit, self.repeat_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        grid_r = QGridLayout(self.recovery_box)
        grid_r.setContentsMargins(0, 0, 0, 0)
        for row, (label, edit) in enumerate(
            (
                (self.key_label, self.key_edit),
                (self.new_label, self.new_edit),
                (self.repeat_label, self.repeat_edit),
            )
        ):
            label.setBuddy(edit)
            grid_r.addWidget(label, row, 0)
            grid_r.addWidget(edit, row, 1)
        self.recovery_box.hide()

        self.message = FieldMessage(self.card)
        self.message.setObjectName("unlock_message")
        # A schema upgrade at unlock takes a minute on a big desk: a moving bar says it works.
        self.upgrade_bar = QProgressBar(self.card)
        self.upgrade_bar.setObjectName("unlock_upgrade_bar")
        self.upgrade_bar.setRange(0, 0)
        self.upgrade_bar.setTextVisible(False)
        self.upgrade_bar.hide()
        self.upgrade_step.connect(self._show_upgrade_step)
        self.unlock_button = QPushButton(self.card)
        self.unlock_button.setProperty("role", "primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.recovery_button = QPushButton(self.card)
        self.recovery_button.setCheckable(True)
        self.recovery_button.toggled.connect(self._toggle_recovery)
        self.lang_label = QLabel(self.card)
        self.lang_box = QComboBox(self.card)
        for code, name in LANGUAGE_NAMES:
            self.lang_box.addItem(name, code)
        self.lang_box.setCurrentIndex(max(0, [c for c, _ in LANGUAGE_NAMES].index(lang)))
        self.lang_box.currentIndexChanged.connect(
            lambda i: self.language_chosen.emit(self.lang_box.itemData(i))
        )
        self.lang_label.setBuddy(self.lang_box)
        self.footer = QLabel(self.card)
        self.footer.setProperty("role", "muted")
        self.footer.setWordWrap(True)

        grid = QGridLayout()
        grid.addWidget(self.user_label, 0, 0)
        grid.addWidget(self.user_edit, 0, 1)
        grid.addWidget(self.pass_label, 1, 0)
        grid.addWidget(self.pass_edit, 1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        buttons.addWidget(self.recovery_button)
        lang_row = QHBoxLayout()
        lang_row.addWidget(self.lang_label)
        lang_row.addWidget(self.lang_box)
        lang_row.addStretch(1)
        card = QVBoxLayout(self.card)
        card.setContentsMargins(28, 24, 28, 24)
        card.setSpacing(10)
        for w in (self.heading, self.where):
            card.addWidget(w)
        card.addSpacing(6)
        card.addLayout(grid)
        card.addWidget(self.recovery_box)
        card.addWidget(self.message)
        card.addWidget(self.upgrade_bar)
        card.addLayout(buttons)
        card.addSpacing(6)
        card.addLayout(lang_row)
        card.addWidget(self.footer)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(self.card)
        centre.addStretch(1)
        outer.addLayout(centre)
        outer.addStretch(2)

        self.pass_edit.returnPressed.connect(self.submit)
        self.repeat_edit.returnPressed.connect(self.submit)
        shortcut("Alt+R", self, self.recovery_button.toggle)
        self._tab_order()
        self.retranslate()

    # -- behaviour -------------------------------------------------------------------------

    def _tab_order(self) -> None:
        chain = [
            self.user_edit,
            self.pass_edit,
            self.key_edit,
            self.new_edit,
            self.repeat_edit,
            self.unlock_button,
            self.recovery_button,
            self.lang_box,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def focus_first(self) -> None:
        """Put the cursor where the operator types next."""
        self._tab_order()  # again: moving into the window may reshuffle the focus chain
        (self.pass_edit if self.user_edit.text() else self.user_edit).setFocus()

    def reset(self, message: str | None = None) -> None:
        """Empty the secret fields (after a lock) and optionally say why we are here."""
        for edit in (self.pass_edit, self.key_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        self.recovery_button.setChecked(False)
        self.message.show_problem(message, notice=True)
        self._set_busy(False)
        self.focus_first()

    def submit(self) -> None:
        """Check the fields and unlock in the background."""
        if self._busy:
            return
        user = self.user_edit.text().strip()
        if not user:
            self._fail(self.tr("Type your user name."), self.user_edit)
            return
        recovering = self.recovery_button.isChecked()
        if recovering:
            if not self.key_edit.text().strip():
                self._fail(
                    self.tr("Type the recovery key (groups of four characters)."), self.key_edit
                )
                return
            if self.new_edit.text() != self.repeat_edit.text():
                self._fail(self.tr("The two new passphrases differ."), self.repeat_edit)
                return
            creds = Credentials(
                user, recovery_key=self.key_edit.text(), new_passphrase=self.new_edit.text()
            )
        else:
            if not self.pass_edit.text():
                self._fail(self.tr("Type your passphrase."), self.pass_edit)
                return
            creds = Credentials(user, passphrase=self.pass_edit.text())
        try:
            self.lock.acquire()
        except DatabaseInUse:
            self._fail(self.explain(DatabaseInUse(self.db_path.name)), self.pass_edit)
            return
        except OSError:
            self._fail(self.explain(DatabaseMissing("")), self.pass_edit)
            return
        self._set_busy(True)
        self.message.show_problem(self.tr("Unlocking…"), notice=True)
        path = self.db_path
        step = self.upgrade_step.emit  # queued to this thread: the worker never touches widgets
        run_in_pool(self.pool, lambda: open_database(path, creds, step), self._opened, self._failed)
        self.unlocking.emit()

    def _opened(self, db: object) -> None:
        _log.info("unlock ok")
        self._set_busy(False)
        for edit in (self.pass_edit, self.key_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        self.message.show_problem(None)
        self.recovery_button.setChecked(False)
        self.unlocked.emit(db)

    def _failed(self, exc: object) -> None:
        code = getattr(exc, "code", None)
        _log.warning("unlock failed: %s %s", Code(type(exc).__name__), code)
        self._set_busy(False)
        for secret in (self.pass_edit, self.new_edit, self.repeat_edit):
            secret.clear()  # typed again after any failure, never kept around
        target = self.key_edit if self.recovery_button.isChecked() else self.pass_edit
        if isinstance(exc, UnknownUser):
            target = self.user_edit
        elif isinstance(exc, WeakPassphrase):
            target = self.new_edit
        self._fail(self.explain(exc), target)

    def _fail(self, text: str, focus: QLineEdit) -> None:
        self.message.show_problem(text)
        if focus.echoMode() == QLineEdit.EchoMode.Password:
            focus.clear()
        focus.setFocus()
        focus.selectAll()

    def explain(self, exc: object) -> str:
        """The operator-facing sentence for an unlock failure (no client data in any)."""
        name = self.db_path.name
        if isinstance(exc, WrongPassphrase):
            if self.recovery_button.isChecked():
                return self.tr(
                    "That recovery key does not open this database. Check it and try again."
                )
            return self.tr(
                "Wrong passphrase for this user. Check the keyboard layout and "
                "Caps Lock, then try again."
            )
        if isinstance(exc, UnknownUser):
            return self.tr(
                "No user named {0} can unlock this database. Ask the coordinator to add you."
            ).format(self.user_edit.text().strip())
        if isinstance(exc, DatabaseInUse):
            return self.tr(
                "{0} is already open in another SOS Desk window on this computer. "
                "Switch to that window, or close it and try again."
            ).format(name)
        if isinstance(exc, DatabaseBusy):
            return self.tr("The database is in use by another program. Close it and try again.")
        if isinstance(exc, DatabaseMissing):
            return self.tr(
                "There is no database {0} here. Check the {1} option or ask the coordinator."
            ).format(name, "--db")
        if isinstance(exc, WeakPassphrase):
            # The strength rule is the store's (coded message in the chosen language).
            return exc.text(str(self.lang_box.currentData() or "sr-Latn"))
        if isinstance(exc, StorageFull):
            return self.tr(
                "The disk is full or the folder is not writable. Free some space and try again."
            )
        if isinstance(exc, NotADatabase | KeyFileError):
            return self.tr(
                "{0} or its key file is damaged or does not belong together. Ask "
                "the coordinator to restore a backup."
            ).format(name)
        return self.tr(
            "The database could not be opened. Try again; if it keeps failing, ask the coordinator."
        )

    def _toggle_recovery(self, on: bool) -> None:
        self.recovery_box.setVisible(on)
        self.pass_edit.setEnabled(not on)
        self.message.show_problem(None)
        (self.key_edit if on else self.pass_edit).setFocus()
        self.retranslate()

    def _show_upgrade_step(self, step: str) -> None:
        if not self._busy:
            return  # a step queued before a failure was shown: the failure stays on screen
        if step == BACKING_UP:
            text = self.tr(
                "This desk's database is being upgraded to the new version. Step 1 of 2: "
                "a backup copy first. On a large desk this takes a few minutes; "
                "do not close the window."
            )
        else:
            text = self.tr(
                "Upgrading the database. Step 2 of 2: the new version's changes. "
                "Do not close the window."
            )
        self.upgrade_bar.show()
        self.message.show_problem(text, notice=True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if not busy:
            self.upgrade_bar.hide()
        for w in (
            self.user_edit,
            self.pass_edit,
            self.key_edit,
            self.new_edit,
            self.repeat_edit,
            self.unlock_button,
            self.recovery_button,
        ):
            w.setEnabled(
                not busy and not (w is self.pass_edit and self.recovery_button.isChecked())
            )

    # -- language --------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(self.tr("SOS Desk"))
        desk = self.desk_code or self.tr("unknown desk")
        self.where.setText(self.tr("Desk {0} · database {1}").format(desk, self.db_path.name))
        self.user_label.setText(self.tr("&User"))
        self.pass_label.setText(self.tr("&Passphrase"))
        self.key_label.setText(self.tr("Recovery &key"))
        self.new_label.setText(self.tr("&New passphrase"))
        self.repeat_label.setText(self.tr("Repea&t new passphrase"))
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.unlock_button.setText(
            self.tr("Unlock and set the new passphrase")
            if self.recovery_button.isChecked()
            else self.tr("Unlock")
        )
        self.recovery_button.setText(
            self.tr("Back to the passphrase ({0})").format("Alt+R")
            if self.recovery_button.isChecked()
            else self.tr("Forgot it? Recovery key ({0})").format("Alt+R")
        )
        self.upgrade_bar.setAccessibleName(self.tr("Upgrading the database"))
        self.lang_label.setText(self.tr("&Language"))
        self.footer.setText(
            self.tr(
                "Everything on this desk is encrypted. Nothing is shown "
                "until you unlock; the desk locks itself when left idle."
            )
        )

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
