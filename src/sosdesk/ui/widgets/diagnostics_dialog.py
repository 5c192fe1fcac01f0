"""Help → Diagnostics: the redacted log tail (ids, codes, exception types; never client data),
with a button that copies it for a support request. The clipboard is cleared when the desk locks.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sosdesk import logtail


class DiagnosticsDialog(QDialog):
    """Shows `logtail.tail()`; Copy puts it on the clipboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DiagnosticsDialog")
        self.setWindowTitle(self.tr("Diagnostics"))
        self.resize(760, 460)
        self.hint = QLabel(
            self.tr(
                "What the desk recorded since it was unlocked: record ids, codes and kinds of "
                "errors, never names, phone numbers or notes. Copy it into a support request."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("diagnostics_text")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName(self.tr("Diagnostics"))
        lines = logtail.tail()
        self.text.setPlainText("\n".join(lines) if lines else self.tr("Nothing recorded yet."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setObjectName("diagnostics_copy")
        self.copy_button.setAccessibleName(self.tr("Copy"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.text.setFocus()

    def copy(self) -> None:
        """Put the tail on the clipboard (the lock clears the clipboard with the screen)."""
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText("\n".join(logtail.tail()))
