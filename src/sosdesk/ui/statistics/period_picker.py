"""Choose the period: a month, a quarter, a year, or any days (local calendar)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QSpinBox, QWidget

from sosdesk.stats.periods import KINDS, Period, PeriodError
from sosdesk.ui.statistics.texts import month_name, tr


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _date(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class PeriodPicker(QWidget):
    """Kind, year, month or quarter, or first and last day; `changed` carries the Period."""

    changed = Signal(object)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind_label = QLabel(self)
        self.kind = QComboBox(self)
        self.kind_label.setBuddy(self.kind)
        self.year = QSpinBox(self)
        self.year.setRange(1990, 2100)
        self.year.setValue(today.year)
        self.month = QComboBox(self)
        self.quarter = QComboBox(self)
        self.first = QDateEdit(self)
        self.last = QDateEdit(self)
        for edit in (self.first, self.last):
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setCalendarPopup(True)
        self.first.setDate(_qdate(today.replace(day=1)))
        self.last.setDate(_qdate(today))
        self.dash = QLabel("–", self)
        for w in (
            self.kind_label,
            self.kind,
            self.year,
            self.month,
            self.quarter,
            self.first,
            self.dash,
            self.last,
        ):
            layout.addWidget(w)
        self.retranslate()
        self.kind.setCurrentIndex(KINDS.index("month"))
        self.month.setCurrentIndex(today.month - 1)
        self.quarter.setCurrentIndex((today.month - 1) // 3)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        for signal in (
            self.year.valueChanged,
            self.month.currentIndexChanged,
            self.quarter.currentIndexChanged,
            self.first.dateChanged,
            self.last.dateChanged,
        ):
            signal.connect(self._emit)
        self._kind_changed()

    def retranslate(self) -> None:
        """Texts in the current language."""
        self.kind_label.setText(tr("&Period:"))
        current = max(0, self.kind.currentIndex())
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItems([tr("Month"), tr("Quarter"), tr("Year"), tr("Chosen days")])
        self.kind.setCurrentIndex(current)
        self.kind.blockSignals(False)
        for combo, items in (
            (self.month, [month_name(m) for m in range(1, 13)]),
            (self.quarter, [f"Q{q}" for q in range(1, 5)]),
        ):
            index = max(0, combo.currentIndex())
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(items)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.year.setToolTip(tr("Year"))
        self.first.setToolTip(tr("First day"))
        self.last.setToolTip(tr("Last day"))

    def _kind_changed(self) -> None:
        kind = KINDS[max(0, self.kind.currentIndex())]
        self.year.setVisible(kind != "custom")
        self.month.setVisible(kind == "month")
        self.quarter.setVisible(kind == "quarter")
        for w in (self.first, self.dash, self.last):
            w.setVisible(kind == "custom")
        self._emit()

    def set_period(self, period: Period) -> None:
        """Show `period` (and announce it once)."""
        widgets = (self.kind, self.year, self.month, self.quarter, self.first, self.last)
        for w in widgets:
            w.blockSignals(True)
        self.kind.setCurrentIndex(KINDS.index(period.kind))
        self.year.setValue(period.start.year)
        self.month.setCurrentIndex(period.start.month - 1)
        self.quarter.setCurrentIndex((period.start.month - 1) // 3)
        self.first.setDate(_qdate(period.start))
        self.last.setDate(_qdate(period.last_day))
        for w in widgets:
            w.blockSignals(False)
        self._kind_changed()

    def period(self) -> Period:
        """The chosen period (PeriodError if the days make no sense)."""
        kind = KINDS[max(0, self.kind.currentIndex())]
        year = self.year.value()
        if kind == "month":
            return Period.month(year, self.month.currentIndex() + 1)
        if kind == "quarter":
            return Period.quarter(year, self.quarter.currentIndex() + 1)
        if kind == "year":
            return Period.year(year)
        return Period.custom(_date(self.first.date()), _date(self.last.date()))

    def _emit(self) -> None:
        try:
            period = self.period()
        except PeriodError as exc:
            self.changed.emit(exc)
            return
        self.changed.emit(period)
