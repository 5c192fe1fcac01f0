"""Bar charts for the report, drawn with reportlab.graphics (vector, fonts embedded)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from sosdesk.documents.fonts import register_fonts

NOW = colors.HexColor("#2f6db5")
BEFORE = colors.HexColor("#b9c9de")
INK = colors.HexColor("#1d2430")
GRID = colors.HexColor("#d5dbe2")


def _nice_max(values: Sequence[int]) -> int:
    top = max([*values, 1])
    step = 10 ** max(0, len(str(top)) - 1)
    return ((top + step - 1) // step) * step if top > 10 else max(top, 5)


def bar_chart(
    labels: Sequence[str],
    now: Sequence[int],
    before: Sequence[int] | None,
    *,
    width: float,
    height: float,
    horizontal: bool,
    legend: tuple[str, str] | None = None,
) -> Drawing:
    """Bars of this period (and, lighter, the previous one) per label."""
    regular, _bold = register_fonts()
    drawing = Drawing(width, height, initialFontName=regular)
    series = [list(now)] + ([list(before)] if before is not None else [])
    fills = [NOW, BEFORE]
    if horizontal and before is not None:  # a group's bars stack upwards: this period on top
        series.reverse()
        fills.reverse()
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    left = 150 if horizontal else 34
    bottom = 22 if horizontal else 30
    top_room = 18 if legend else 6
    chart.x, chart.y = left, bottom
    chart.width, chart.height = width - left - 10, height - bottom - top_room
    chart.data = series
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 6.5 if not horizontal and len(labels) > 12 else 7
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = GRID
    if horizontal:
        chart.categoryAxis.reverseDirection = 1  # first row on top, as in the table
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -4
    elif len(labels) > 12:
        chart.categoryAxis.labels.angle = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max([v for s in series for v in s])
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = INK
    chart.valueAxis.strokeColor = GRID
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.labelTextFormat = lambda v: f"{int(v):,}".replace(",", ".")
    chart.bars.strokeColor = None
    for i in range(len(series)):
        chart.bars[i].fillColor = fills[i]
    chart.barSpacing = 0.5
    chart.groupSpacing = 3 if len(labels) > 12 else 5
    drawing.add(chart)
    if legend:
        key = Legend()
        key.fontName = regular
        key.fontSize = 7
        key.x, key.y = left, height - 6
        key.alignment = "right"
        key.columnMaximum = 1
        key.deltax = 70
        key.dxTextSpace = 4
        key.colorNamePairs = [(NOW, legend[0])] + ([(BEFORE, legend[1])] if before else [])
        drawing.add(key)
    return drawing


def empty_chart(message: str, width: float, height: float) -> Drawing:
    """A placeholder where a chart has nothing to show."""
    regular, _bold = register_fonts()
    drawing = Drawing(width, height, initialFontName=regular)
    drawing.add(
        String(
            width / 2,
            height / 2,
            message,
            fontName=regular,
            fontSize=8,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    return drawing
