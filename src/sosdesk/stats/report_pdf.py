"""The annual statistical report as a PDF: summary, tables with the previous year, charts of
calls and services, and method notes. Person tables are printed as published (suppressed)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sosdesk.documents.fonts import register_fonts
from sosdesk.documents.layout import embedded_font
from sosdesk.documents.pdfa import EMBEDDED_CANVAS, make_pdfa
from sosdesk.stats import formatting as fmt
from sosdesk.stats.dashboard import Dashboard, Summary
from sosdesk.stats.labels import column_label, row_label, text, title, total_label
from sosdesk.stats.localtime import to_local
from sosdesk.stats.method_notes import method_notes
from sosdesk.stats.publication import Publication
from sosdesk.stats.report_charts import bar_chart
from sosdesk.stats.suppression import SHOWN, Published, value_of
from sosdesk.stats.tables import MONEY, StatTable

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
WIDTH = PAGE_W - 2 * MARGIN
INK = colors.HexColor("#1d2430")
MUTED = colors.HexColor("#5b6472")
HEAD_BG = colors.HexColor("#e8ecf1")
RULE = colors.HexColor("#9aa3ad")
ACCENT = colors.HexColor("#2f6db5")

SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "sec_calls",
        (
            "calls_by_month",
            "calls_by_line",
            "calls_by_category",
            "calls_by_caller_type",
            "calls_by_urgency",
            "calls_by_hour",
            "calls_by_weekday",
        ),
    ),
    (
        "sec_clients",
        (
            "new_clients_by_gender",
            "new_clients_by_age_group",
            "new_clients_by_citizenship",
            "new_clients_by_exploitation",
            "new_clients_by_status",
        ),
    ),
    (
        "sec_victims",
        (
            "victims_age_by_gender",
            "victims_by_gender",
            "victims_by_age_group",
            "victims_by_citizenship",
            "victims_by_exploitation",
            "victims_by_country",
        ),
    ),
    (
        "sec_assistance",
        (
            "assistance_by_type",
            "costs_by_type",
            "field_actions_by_type",
            "hearings_by_proceeding",
            "followups_by_outcome",
        ),
    ),
    (
        "sec_missing",
        (
            "missing_by_category",
            "missing_by_reporter",
            "missing_by_channel",
            "missing_by_status",
            "missing_features",
        ),
    ),
)
# Charts follow these tables (never tables of persons).
CHARTS = {
    "calls_by_month": False,
    "calls_by_hour": False,
    "calls_by_weekday": False,
    "calls_by_line": True,
    "calls_by_category": True,
    "assistance_by_type": True,
}


@dataclass(frozen=True)
class ReportInput:
    """Everything the PDF shows."""

    dashboard: Dashboard
    now: Publication
    before: Publication
    lang: str
    organisation: str
    produced: datetime


@cache
def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9, leading=12, textColor=INK)

    def s(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "title": s("title", fontName=bold, fontSize=18, leading=23, spaceAfter=2 * mm),
        "sub": s("sub", fontSize=10, leading=14, textColor=MUTED),
        "h1": s(
            "h1",
            fontName=bold,
            fontSize=13,
            leading=17,
            spaceBefore=2 * mm,
            spaceAfter=3 * mm,
            textColor=ACCENT,
        ),
        "h2": s(
            "h2", fontName=bold, fontSize=10, leading=13, spaceBefore=4 * mm, spaceAfter=1.5 * mm
        ),
        "note": s("note", fontSize=7.5, leading=9.5, textColor=MUTED),
        "cell": s("cell", fontSize=8, leading=10),
        "cell_b": s("cell_b", fontName=bold, fontSize=8, leading=10),
        "num": s("num", fontSize=8, leading=10, alignment=TA_RIGHT),
        "num_b": s("num_b", fontName=bold, fontSize=8, leading=10, alignment=TA_RIGHT),
        "para": s("para", fontSize=9, leading=13, spaceAfter=2.5 * mm),
    }


def _p(value: str, style: str) -> Paragraph:
    return Paragraph(escape(value), _styles()[style])


def _value(pub: Published, entry: tuple[str, int, int], lang: str) -> str:
    if pub.mark(entry) != SHOWN:
        return pub.text(entry)
    n = value_of(pub.table, entry)
    return fmt.money(n, lang) if pub.table.unit == MONEY else fmt.number(n, lang)


def _grid(rows: list[list[Any]], widths: Sequence[float], *, total_row: bool) -> Table:
    table = Table(rows, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    style = [
        *embedded_font(),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LINEBELOW", (0, 1), (-1, -2), 0.25, colors.HexColor("#e3e7ec")),
    ]
    if total_row:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE))
    table.setStyle(TableStyle(style))
    return table


def stat_table(
    now: Published, before: Published | None, lang: str, years: tuple[int, int]
) -> Table:
    """A table with this year's columns, last year's, and the change (one-column tables)."""
    t = now.table
    cross = t.row_totals is not None
    head = [_p("", "cell_b")]
    # A narrow column header may break after a slash ("Trans/ nebinarno"), not inside a word.
    cols = [column_label(t, c, lang).replace("/", "/ ") for c in t.columns]
    if cross:
        head += [_p(c, "num_b") for c in cols] + [_p(text("total", lang), "num_b")]
    elif len(t.columns) == 1:
        head += [_p(str(years[0]), "num_b")]
        if before is not None:
            head += [_p(str(years[1]), "num_b"), _p(text("change", lang), "num_b")]
    else:
        head += [_p(f"{c} {years[0]}", "num_b") for c in cols]
        if before is not None:
            head += [_p(f"{c} {years[1]}", "num_b") for c in cols]
    body: list[list[Any]] = [head]
    for i, row in enumerate(t.rows):
        line: list[Any] = [_p(row_label(t.dimension, row, lang), "cell")]
        line += [_p(_value(now, ("c", i, j), lang), "num") for j in range(len(t.columns))]
        if cross:
            line.append(_p(_value(now, ("r", i, 0), lang), "num"))
        elif before is not None:
            line += [_p(_value(before, ("c", i, j), lang), "num") for j in range(len(t.columns))]
            if len(t.columns) == 1:
                line.append(_p(_change(now, before, ("c", i, 0), lang), "num"))
        body.append(line)
    total: list[Any] = [_p(total_label(t, lang), "cell_b")]
    total += [_p(_value(now, ("t", 0, j), lang), "num_b") for j in range(len(t.columns))]
    if cross:
        total.append(_p(_value(now, ("g", 0, 0), lang), "num_b"))
    elif before is not None:
        total += [_p(_value(before, ("t", 0, j), lang), "num_b") for j in range(len(t.columns))]
        if len(t.columns) == 1:
            total.append(_p(_change(now, before, ("t", 0, 0), lang), "num_b"))
    body.append(total)
    n = len(head) - 1
    label_w = WIDTH * (0.22 if cross else 0.34 if n > 3 else 0.46)
    return _grid(body, [label_w] + [(WIDTH - label_w) / n] * n, total_row=True)


def _change(now: Published, before: Published, entry: tuple[str, int, int], lang: str) -> str:
    if now.mark(entry) != SHOWN or before.mark(entry) != SHOWN:
        return ""  # a change would give a withheld count away
    return fmt.change(value_of(now.table, entry), value_of(before.table, entry), lang)


def _chart(t: StatTable, before: StatTable | None, lang: str, years: tuple[int, int]) -> Flowable:
    horizontal = CHARTS[t.key]
    labels = [row_label(t.dimension, r, lang) for r in t.rows]
    if t.dimension == "hour":
        labels = [r for r in t.rows]
    elif t.dimension == "month":
        labels = [lab[:3] for lab in labels]
    now = [c[0] for c in t.cells]
    prev = [c[0] for c in before.cells] if before is not None else None
    height = 16 + 13 * len(labels) if horizontal else 130
    return bar_chart(
        labels,
        now,
        prev,
        width=WIDTH,
        height=height,
        horizontal=horizontal,
        legend=(str(years[0]), str(years[1])),
    )


def summary_rows(
    s: Summary, b: Summary | None, rule_k: int, small: str, lang: str
) -> list[list[str]]:
    """[label, this year, last year, change] for the headline figures; counts of persons
    under k are shown as in the tables."""

    def shown(n: int, person: bool) -> str:
        return small if person and 0 < n < rule_k else fmt.number(n, lang)

    def row(key: str, a: int, p: int | None, person: bool = False) -> list[str]:
        if p is None:
            return [text(key, lang), shown(a, person), "", ""]
        hidden = person and (0 < a < rule_k or 0 < p < rule_k)
        return [
            text(key, lang),
            shown(a, person),
            shown(p, person),
            "" if hidden else fmt.change(a, p, lang),
        ]

    out = [
        row("calls_total", s.calls, b.calls if b else None),
        row("new_clients", s.new_clients, b.new_clients if b else None, True),
        row("identified", s.identified_victims, b.identified_victims if b else None, True),
        row("assistance_events", s.assistance, b.assistance if b else None),
        row("assisted_clients", s.assisted_clients, b.assisted_clients if b else None),
    ]
    for currency in sorted(set(s.costs) | set(b.costs if b else {})):
        a, p = s.costs.get(currency, 0), (b.costs.get(currency, 0) if b else None)
        out.append(
            [
                f"{text('costs', lang)} ({currency})",
                fmt.money(a, lang),
                "" if p is None else fmt.money(p, lang),
                "" if p is None else fmt.change(a, p, lang),
            ]
        )
    out += [
        row("field_actions", s.field_actions, b.field_actions if b else None),
        row("hearings", s.hearings, b.hearings if b else None),
    ]
    on_time = text(
        "of", lang, a=fmt.number(s.followups_on_time, lang), b=fmt.number(s.followups_due, lang)
    )
    before_on_time = (
        ""
        if b is None
        else text(
            "of", lang, a=fmt.number(b.followups_on_time, lang), b=fmt.number(b.followups_due, lang)
        )
    )
    out.append([text("followups_on_time", lang), on_time, before_on_time, ""])
    return out


def summary_table(rows: list[list[str]], lang: str, years: tuple[int, int]) -> Table:
    """The headline figures as a table."""
    head = [
        _p(text("figure", lang), "cell_b"),
        _p(str(years[0]), "num_b"),
        _p(str(years[1]), "num_b"),
        _p(text("change", lang), "num_b"),
    ]
    body = [head] + [[_p(r[0], "cell")] + [_p(v, "num") for v in r[1:]] for r in rows]
    return _grid(body, [WIDTH * 0.46] + [WIDTH * 0.18] * 3, total_row=False)


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Draws "page x of y" and the running header once the page count is known."""

    header = ""
    page_text = "{x}/{y}"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        regular, _bold = register_fonts()
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(regular, 7.5)
            self.setFillColor(MUTED)
            if number > 1:
                self.drawString(MARGIN, PAGE_H - 11 * mm, self.header)
                self.setStrokeColor(RULE)
                self.setLineWidth(0.4)
                self.line(MARGIN, PAGE_H - 12.5 * mm, PAGE_W - MARGIN, PAGE_H - 12.5 * mm)
            self.drawRightString(PAGE_W - MARGIN, 10 * mm, self.page_text.format(x=number, y=total))
            super().showPage()
        super().save()


def render(data: ReportInput) -> bytes:
    """The report PDF."""
    d, lang = data.dashboard, data.lang
    year = d.period.start.year
    years = (year, year - 1)
    st: list[Flowable] = []
    st.append(_p(text("report_title", lang, year=year), "title"))
    st.append(_p(data.organisation, "sub"))
    scope = text("office_scope" if d.is_office else "desk_scope", lang, desk=d.desk_code)
    st.append(_p(scope, "sub"))
    st.append(
        _p(
            text(
                "period_line",
                lang,
                a=fmt.day(d.period.start, lang),
                b=fmt.day(d.period.last_day, lang),
            ),
            "sub",
        )
    )
    st.append(_p(text("made", lang, when=fmt.day(to_local(data.produced).date(), lang)), "sub"))
    st.append(Spacer(1, 6 * mm))
    st.append(_p(text("summary", lang), "h1"))
    rule = data.now.tables["victims_by_gender"].rule
    if d.summary.is_empty:
        st.append(_p(text("no_data", lang, year=year), "para"))
    else:
        rows = summary_rows(d.summary, d.summary_before, rule.k, rule.small_text, lang)
        st.append(summary_table(rows, lang, years))
        if "calls_by_month" in data.now.tables:
            month = data.now["calls_by_month"].table
            st.append(Spacer(1, 4 * mm))
            st.append(_p(title("calls_by_month", lang), "h2"))
            st.append(_chart(month, d.before.get("calls_by_month"), lang, years))
        for section, keys in SECTIONS:
            st.append(CondPageBreak(110 * mm))
            st.append(_p(text(section, lang), "h1"))
            for key in keys:
                if key not in data.now.tables or key == "calls_by_month":
                    continue
                st.extend(_table_block(data, key, years))
    st.append(PageBreak())
    st.append(_p(text("sec_method", lang), "h1"))
    scope_short = f"{d.desk_code}, " + ("office" if d.is_office else "desk")
    for note in method_notes(
        lang,
        scope=scope_short,
        made=fmt.day(to_local(data.produced).date(), lang),
        km1=rule.k - 1,
        small=rule.small_text,
        x=rule.complement_label,
    ):
        st.append(_p(note, "para"))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=16 * mm,
        title=text("report_title", lang, year=year),
        author=data.organisation,
        subject="SOS Desk",
        **EMBEDDED_CANVAS,
    )

    class PageCanvas(_NumberedCanvas):
        header = f"{text('report_title', lang, year=year)} · {data.organisation}"
        page_text = text("page", lang, x="{x}", y="{y}")

    doc.build(st, canvasmaker=PageCanvas)
    name = text("report_title", lang, year=year)
    return make_pdfa(buf.getvalue(), name, f"{d.desk_code}-{year}", lang, data.organisation)


def _table_block(data: ReportInput, key: str, years: tuple[int, int]) -> list[Flowable]:
    lang = data.lang
    now = data.now[key]
    before = data.before.tables.get(key)
    t = now.table
    head: list[Flowable] = [_p(title(key, lang), "h2"), stat_table(now, before, lang, years)]
    notes = []
    if t.multi_valued:
        notes.append(text("multi_note", lang))
    hidden = now.hidden or (before.hidden if before is not None else set())
    if hidden:
        notes.append(
            text(
                "small_note",
                lang,
                small=now.rule.small_text,
                k=now.rule.k,
                x=now.rule.complement_label,
            )
        )
    for n in notes:
        head.append(_p(n, "note"))
    out: list[Flowable] = [
        CondPageBreak(40 * mm),
        KeepTogether(head) if len(t.rows) < 30 else Spacer(0, 0),
    ]
    if len(t.rows) >= 30:
        out += head
    if key in CHARTS and not t.person_level and t.total:
        out.append(Spacer(1, 2 * mm))
        prev = data.dashboard.before.get(key)
        out.append(_chart(t, prev, lang, years))
    return out
