"""File and folder choosers and a yes/no question: one object, so tests can answer for the user."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from sosdesk.domain.messages import CodedError
from sosdesk.sync.identity import PublicIdentity, read_identity, write_identity
from sosdesk.ui.context import AppContext
from sosdesk.ui.widgets.problem_text import error_text

IDENTITIES = "SOS Desk identity (*.sosid)"


class Chooser:
    """Asks the user where to read or write (the only places sync touches the disk)."""

    def folder(self, parent: QWidget, caption: str) -> Path | None:
        """A folder (a USB stick, usually)."""
        chosen = QFileDialog.getExistingDirectory(parent, caption)
        return Path(chosen) if chosen else None

    def files(self, parent: QWidget, caption: str, pattern: str) -> list[Path]:
        """One or more files."""
        chosen, _ = QFileDialog.getOpenFileNames(parent, caption, "", pattern)
        return [Path(p) for p in chosen]

    def save_as(self, parent: QWidget, caption: str, name: str, pattern: str) -> Path | None:
        """Where to write one file."""
        chosen, _ = QFileDialog.getSaveFileName(parent, caption, name, pattern)
        return Path(chosen) if chosen else None

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        """A yes/no question; No is the default."""
        answer = QMessageBox.question(
            parent,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def pick_identity(
    chooser: Chooser, parent: QWidget, caption: str, question: str, say: Callable[..., None]
) -> PublicIdentity | None:
    """Read a peer's identity file and have the user compare its fingerprint by phone.

    `question` has `{0}` for the peer's code and `{1}` for the fingerprint; `say` reports a
    refusal or a cancellation. Returns the identity only when the user confirmed it.
    """
    files = chooser.files(parent, caption, IDENTITIES)
    if not files:
        return None
    try:
        ident = read_identity(files[0])
    except CodedError as exc:  # a sync error or a file problem (missing, a folder, too large)
        say(error_text(exc), error=True)
        return None
    title = QCoreApplication.translate("Chooser", "Compare the fingerprint")
    if not chooser.confirm(parent, title, question.format(ident.desk_code, ident.fingerprint)):
        say(QCoreApplication.translate("Chooser", "Nothing was changed."))
        return None
    return ident


def save_own_identity(
    chooser: Chooser,
    parent: QWidget,
    ctx: AppContext,
    caption: str,
    done: str,
    say: Callable[..., None],
) -> None:
    """Write this database's public identity where the user chooses; `done` has `{0}` for the
    file name and `{1}` for the fingerprint to read out by phone."""
    name = f"{ctx.desk_code}.sosid"
    path = chooser.save_as(parent, caption, name, IDENTITIES)
    if path is None:
        return
    try:
        ident = ctx.call(write_identity, path)
    except CodedError as exc:
        say(error_text(exc), error=True)
        return
    say(done.format(path.name, ident.fingerprint))
