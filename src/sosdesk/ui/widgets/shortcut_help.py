"""F1: every keyboard shortcut of the desk on one page."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class ShortcutHelp(QDialog):
    """A plain list; Escape closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [
            ("Ctrl+K", self.tr("Find a client or a call")),
            ("Ctrl+N", self.tr("Take a new call")),
            ("Ctrl+T", self.tr("Quick tally (information call, no client)")),
            ("Ctrl+S, Ctrl+Enter", self.tr("Save the call")),
            ("Ctrl+Shift+X", self.tr("Discard the call (press twice)")),
            ("Alt+L / Alt+W / Alt+U", self.tr("Find a client / new client / unlink")),
            ("Alt+E, Alt+1 … Alt+6", self.tr("Emergency checklist and its steps")),
            ("Alt+F", self.tr("Follow-up")),
            ("F4, Alt+Down", self.tr("Show every choice of a list")),
            ("Ctrl+1 … Ctrl+6", self.tr("Switch area")),
            ("Ctrl+0", self.tr("Missing children (116 000)")),
            ("Ctrl+Shift+M", self.tr("Open a missing-child case (during a call too)")),
            ("Ctrl+L", self.tr("Lock the desk")),
            ("Ctrl+Shift+D", self.tr("Dark or light theme")),
            ("Ctrl++ / Ctrl+- / Ctrl+Alt+0", self.tr("Larger, smaller, normal text")),
            ("Ctrl+,", self.tr("Preferences")),
            ("Ctrl+Q", self.tr("Quit")),
        ]
        text = "\n".join(f"{keys:<26} {what}" for keys, what in rows)
        label = QLabel(text, self)
        label.setStyleSheet("font-family: 'DejaVu Sans Mono', monospace;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)
