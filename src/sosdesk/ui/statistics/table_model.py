"""A statistic as a Qt table: this period's columns, optionally the previous period and the
change, and a Total row. Hidden counts (publication view) read "<k" or "x"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from sosdesk.stats import formatting as fmt
from sosdesk.stats.suppression import SHOWN, Entry, Published, value_of
from sosdesk.stats.tables import MONEY, StatTable
from sosdesk.ui.statistics.texts import column_label, row_label, total_label, tr

CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # (row key, column key) behind a number, or None
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Column:
    header: str
    kind: str  # "now", "before", "change", "row_total", "row_total_before"
    index: int  # column of the StatTable


class StatTableModel(QAbstractTableModel):
    """Read-only table of one statistic."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._now: Published | None = None
        self._before: Published | None = None
        self._lang = "sr-Latn"
        self._columns: list[_Column] = []

    def set_table(self, now: Published | None, before: Published | None, lang: str) -> None:
        """Show `now` (and `before`, aligned to the same rows) in `lang`."""
        self.beginResetModel()
        self._now, self._before, self._lang = now, before, lang
        self._columns = self._layout() if now is not None else []
        self.endResetModel()

    @property
    def table(self) -> StatTable | None:
        return self._now.table if self._now is not None else None

    def _layout(self) -> list[_Column]:
        assert self._now is not None
        t = self._now.table
        names = [column_label(t, c, self._lang) for c in t.columns]
        cols = [_Column(n, "now", j) for j, n in enumerate(names)]
        if t.row_totals is not None:
            cols.append(_Column(tr("Total"), "row_total", 0))
            if self._before is not None:
                cols += [
                    _Column(tr("Total,\nprevious period"), "row_total_before", 0),
                    _Column(tr("Change"), "change", -1),
                ]
            return cols
        if self._before is not None:
            suffix = tr("previous period")
            # Two-line headers keep the number columns narrow.
            cols += [
                _Column(f"{n}\n{suffix}" if len(names) > 1 else tr("Previous period"), "before", j)
                for j, n in enumerate(names)
            ]
            cols.append(_Column(tr("Change"), "change", 0))
        return cols

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._now is None:
            return 0
        return len(self._now.table.rows) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns) + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return ""
        return self._columns[section - 1].header

    def _entry(self, row: int, col: _Column) -> Entry:
        t = self._now.table if self._now else None
        assert t is not None
        total = row == len(t.rows)
        if col.kind in ("row_total", "row_total_before"):
            return ("g", 0, 0) if total else ("r", row, 0)
        return ("t", 0, col.index) if total else ("c", row, col.index)

    def _text(self, pub: Published, entry: Entry) -> str:
        if pub.mark(entry) != SHOWN:
            return pub.text(entry)
        n = value_of(pub.table, entry)
        return fmt.money(n, self._lang) if pub.table.unit == MONEY else fmt.number(n, self._lang)

    def _change(self, entry: Entry) -> str:
        now, before = self._now, self._before
        if now is None or before is None:
            return ""
        if now.mark(entry) != SHOWN or before.mark(entry) != SHOWN:
            return ""
        return fmt.change(value_of(now.table, entry), value_of(before.table, entry), self._lang)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._now is None:
            return None
        t = self._now.table
        row, column = index.row(), index.column()
        total = row == len(t.rows)
        if role == Qt.ItemDataRole.FontRole and total:
            font = QFont()
            font.setBold(True)
            return font
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return total_label(t) if total else row_label(t.dimension, t.rows[row], self._lang)
            return None
        col = self._columns[column - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CELL_ROLE:
            if col.kind != "now" or total:
                return None
            return (t.rows[row], t.columns[col.index])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col.kind == "change":
            return self._change(
                self._entry(
                    row, _Column("", "now" if t.row_totals is None else "row_total", col.index)
                )
            )
        pub = self._before if col.kind in ("before", "row_total_before") else self._now
        if pub is None:
            return ""
        return self._text(pub, self._entry(row, col))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
