"""File and folder choosers and a yes/no question: one object, so tests can answer for the user."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


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
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes
