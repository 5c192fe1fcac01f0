"""Directory entries as a table: name, kind, city, phones, languages, specialisation, last
verified (stale entries, never verified or older than a year, are marked).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from sosdesk.domain.vocab import DIRECTORY_KIND, LANGUAGE
from sosdesk.services.directory import DirectoryView
from sosdesk.ui.widgets.datetime_field import format_date
from sosdesk.ui.widgets.display import display_phone, theme_colours, with_key

Index = QModelIndex | QPersistentModelIndex


class DirectoryModel(QAbstractTableModel):
    NAME, KIND, CITY, PHONES, LANGUAGES, VERIFIED, SPECIALISATION = range(7)

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.entries: list[DirectoryView] = []
        self.today = date.today()

    def set_entries(self, entries: list[DirectoryView]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.today = date.today()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("City"),
            self.tr("Phones"),
            self.tr("Languages"),
            self.tr("Last verified"),
            self.tr("Specialisation"),
        )[section]

    def _text(self, e: DirectoryView, column: int) -> str:
        if column == self.NAME:
            return (
                e.name
                + (f" — {e.organisation}" if e.organisation else "")
                + ("" if e.active else f" ({self.tr('inactive')})")
            )
        if column == self.KIND:
            return DIRECTORY_KIND.label(e.kind, self.lang)
        if column == self.CITY:
            return e.city or ""
        if column == self.PHONES:
            return ", ".join(display_phone(p) for p in e.phones)
        if column == self.LANGUAGES:
            return ", ".join(LANGUAGE.label(code, self.lang) for code in e.languages)
        if column == self.SPECIALISATION:
            return e.specialisation or ""
        when = format_date(e.last_verified) or self.tr("never")
        return f"⚠ {when} ({self.tr('stale')})" if e.is_stale(self.today) else when

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(e, index.column())
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and index.column() == self.VERIFIED
            and e.is_stale(self.today)
        ):
            return with_key(
                self.tr(
                    "Not verified for over a year: check the details before "
                    "referring anyone; mark it verified when checked"
                ),
                "Ctrl+Shift+V",
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            colours = theme_colours()
            if not e.active:
                return QColor(colours["muted"])
            if index.column() == self.VERIFIED and e.is_stale(self.today):
                return QColor(colours["warning"])
        if role == Qt.ItemDataRole.UserRole:
            return e.id
        return None
