"""A statistic as a bar chart (QtCharts): this period, and the previous one lighter beside it.
Long lists of named rows are drawn as horizontal bars so their labels stay readable."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from sosdesk.stats.tables import MONEY, StatTable
from sosdesk.ui.statistics.texts import row_label, tr
from sosdesk.ui.theme import current_theme, palette_colours

VERTICAL = ("hour", "weekday", "month", "age_group")


def _values(table: StatTable) -> list[float]:
    if table.row_totals is not None:
        return [float(v) for v in table.row_totals]
    scale = 100.0 if table.unit == MONEY else 1.0
    return [c[0] / scale for c in table.cells]


class StatChart(QChartView):
    """The chart of the statistic shown in the table beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_message("")

    def show_message(self, message: str) -> None:
        """An empty chart with a line of text (nothing to draw, or hidden on purpose)."""
        chart = self._new_chart()
        chart.setTitle(message)
        self.setChart(chart)

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        colours = palette_colours(current_theme(QApplication.instance()))  # type: ignore[arg-type]
        chart.setBackgroundBrush(QColor(colours["surface"]))
        chart.setBackgroundRoundness(4)
        chart.setTitleBrush(QColor(colours["muted"]))
        chart.legend().setLabelColor(QColor(colours["text"]))
        self._colours = colours
        return chart

    def show_table(
        self, now: StatTable, before: StatTable | None, lang: str, labels: tuple[str, str]
    ) -> None:
        """Bars of `now` (and `before`); `labels` name the two periods in the legend."""
        chart = self._new_chart()
        horizontal = now.dimension not in VERTICAL
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        current = QBarSet(labels[0])
        current.append(_values(now))
        current.setColor(QColor(self._colours["accent"]))
        current.setBorderColor(QColor(self._colours["accent"]))
        sets = [current]
        if before is not None:
            previous = QBarSet(labels[1])
            previous.append(_values(before))
            shade = QColor(self._colours["accent"])
            shade.setAlpha(90)
            previous.setColor(shade)
            previous.setBorderColor(shade)
            sets = [previous, current] if horizontal else [current, previous]
        for s in sets:
            s.setLabelColor(QColor(self._colours["text"]))
            series.append(s)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        names = [row_label(now.dimension, r, lang) for r in now.rows]
        if now.dimension == "hour":
            names = list(now.rows)
        elif now.dimension == "month":
            names = [n[:3] for n in names]
        categories = QBarCategoryAxis()
        categories.setTruncateLabels(False)  # "Psihološka pomoć", not "Psih…"
        categories.append(list(reversed(names)) if horizontal else names)
        if horizontal:  # first row on top, as in the table
            for s in sets:
                bars = [s.at(i) for i in range(s.count())]
                s.remove(0, s.count())
                s.append(list(reversed(bars)))
        values = QValueAxis()
        values.setLabelFormat("%.0f")
        values.setMin(0)
        top = max([*_values(now), *(_values(before) if before else []), 1.0])
        values.setMax(top * 1.1)
        values.applyNiceNumbers()
        font = QFont()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        text = QColor(self._colours["text"])
        grid = QColor(self._colours["border"])
        for axis in (categories, values):
            axis.setLabelsFont(font)
            axis.setLabelsColor(text)
            axis.setGridLineColor(grid)
            axis.setLinePenColor(grid)
        chart.addAxis(
            categories, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
        )
        chart.addAxis(
            values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
        )
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.legend().setVisible(before is not None)
        if now.unit == MONEY:
            chart.setTitle(tr("Amounts in {currency}").format(currency=now.columns[0]))
        self.setChart(chart)
        self.setMinimumHeight(max(220, 24 * len(names) + 80) if horizontal else 220)

    def bar_values(self) -> list[list[float]]:
        """What the bars show, per series (for tests)."""
        out: list[list[float]] = []
        for series in self.chart().series():
            for s in series.barSets():  # type: ignore[attr-defined]
                out.append([s.at(i) for i in range(s.count())])
        return out
