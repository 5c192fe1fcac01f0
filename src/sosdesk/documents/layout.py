"""Page layout shared by every document: A4, organisation header, page X of Y, signature block.

The header and footer are drawn when the PDF is finished, so the footer knows the page count.
All text goes through Paragraphs (wrapping, no overflow); tables repeat their header row on
every page they run onto and may split a tall row between pages.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sosdesk.documents.fonts import register_fonts
from sosdesk.documents.labels import t
from sosdesk.documents.pdfa import EMBEDDED_CANVAS, make_pdfa
from sosdesk.documents.places import place_in
from sosdesk.documents.protect import encrypt
from sosdesk.documents.script import fmt_date, in_script, para
from sosdesk.services.organisation import Organisation

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
TOP = 36 * mm  # room for the organisation header
BOTTOM = 20 * mm
PADDING = 6  # reportlab's frame padding, in points
CONTENT_W = PAGE_W - 2 * MARGIN_X - 2 * PADDING
FRAME_H = PAGE_H - TOP - BOTTOM - 2 * PADDING
LEFT = MARGIN_X + PADDING  # where text starts, in the header and footer too
RIGHT = LEFT + CONTENT_W
INK = colors.HexColor("#1d2430")
MUTED = colors.HexColor("#5b6472")
RULE = colors.HexColor("#9aa3ad")
HEAD_BG = colors.HexColor("#e8ecf1")
ZEBRA = colors.HexColor("#f6f8fa")
ALERT = colors.HexColor("#9b1c1c")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles in DejaVu Sans (embedded; Cyrillic included)."""
    regular, bold = register_fonts()
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12.5, textColor=INK)

    def s(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "just": s("just", fontSize=10.5, leading=15),
        "title": s(
            "title", fontName=bold, fontSize=15, leading=19, alignment=TA_CENTER, spaceAfter=2 * mm
        ),
        "subtitle": s("subtitle", fontSize=9, leading=12, alignment=TA_CENTER, textColor=MUTED),
        "h2": s(
            "h2", fontName=bold, fontSize=10.5, leading=14, spaceBefore=4 * mm, spaceAfter=1.5 * mm
        ),
        "label": s("label", fontSize=8.5, leading=11, textColor=MUTED),
        "value": s("value", fontSize=9.5, leading=12),
        "cell": s("cell", fontSize=8.5, leading=10.8),
        "cell_r": s("cell_r", fontSize=8.5, leading=10.8, alignment=TA_RIGHT),
        "cell_b": s("cell_b", fontName=bold, fontSize=8.5, leading=10.8),
        "cell_br": s("cell_br", fontName=bold, fontSize=8.5, leading=10.8, alignment=TA_RIGHT),
        "head": s("head", fontName=bold, fontSize=8, leading=10),
        "head_r": s("head_r", fontName=bold, fontSize=8, leading=10, alignment=TA_RIGHT),
        "small": s("small", fontSize=7.5, leading=9.5, textColor=MUTED),
        "notice": s("notice", fontSize=8.5, leading=11, textColor=ALERT),
        "org": s("org", fontName=bold, fontSize=10.5, leading=13),
        "org_small": s("org_small", fontSize=7.5, leading=9.5, textColor=MUTED),
        "number": s("number", fontName=bold, fontSize=9, leading=11.5, alignment=TA_RIGHT),
        "conf": s(
            "conf", fontName=bold, fontSize=7.5, leading=9.5, alignment=TA_RIGHT, textColor=ALERT
        ),
        "sign": s("sign", fontSize=9.5, leading=12, alignment=TA_CENTER),
        "sign_small": s("sign_small", fontSize=8, leading=10, alignment=TA_CENTER, textColor=MUTED),
    }


@dataclass(frozen=True)
class PageFrame:
    """What the header and footer of every page show."""

    organisation: Organisation
    lang: str
    title: str
    number: str


def _header_paragraphs(frame: PageFrame) -> tuple[list[Paragraph], list[Paragraph]]:
    st, org, lang = styles(), frame.organisation, frame.lang

    def nobreak(number: str) -> str:
        return para(number, lang).replace(" ", "&nbsp;")

    phones = []
    if org.sos_numbers:
        numbers = ", ".join(nobreak(n) for n in org.sos_numbers)
        phones.append(f"<b>{t('sos', lang)}: {numbers}</b>")
    if org.phone:
        phones.append(f"{t('tel', lang)} {nobreak(org.phone)}")
    contacts = [para(v, lang) for v in (place_in(org.address, lang), org.email, org.web) if v]
    left = [Paragraph(para(org.display_name(lang), lang), st["org"])]
    for line in (para(org.display_unit(lang), lang), " · ".join(phones), " · ".join(contacts)):
        if line:
            left.append(Paragraph(line, st["org_small"]))
    right = [
        Paragraph(para(frame.number, lang), st["number"]),
        Paragraph(t("confidential", lang), st["conf"]),
    ]
    return left, right


def _draw_stack(canvas: Canvas, paras: list[Paragraph], x: float, top: float, w: float) -> float:
    y = top
    for p in paras:
        _, h = p.wrap(w, PAGE_H)
        y -= h
        p.drawOn(canvas, x, y)
    return y


def draw_page(canvas: Canvas, frame: PageFrame, page: int, pages: int) -> None:
    """Header (organisation, number) and footer (title, page X of Y) of one page."""
    left, right = _header_paragraphs(frame)
    top = PAGE_H - 12 * mm
    y_left = _draw_stack(canvas, left, LEFT, top, CONTENT_W * 0.72)
    y_right = _draw_stack(canvas, right, LEFT + CONTENT_W * 0.72, top, CONTENT_W * 0.28)
    rule_y = min(y_left, y_right, PAGE_H - TOP + 6 * mm) - 2.5 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(LEFT, rule_y, RIGHT, rule_y)
    canvas.line(LEFT, BOTTOM - 5 * mm, RIGHT, BOTTOM - 5 * mm)
    st = styles()
    foot_left = Paragraph(
        f"{para(frame.title, frame.lang)} · {para(frame.number, frame.lang)}", st["small"]
    )
    foot_right = Paragraph(
        t("page", frame.lang, x=str(page), y=str(pages)),
        ParagraphStyle("pr", parent=st["small"], alignment=TA_RIGHT),
    )
    _, h = foot_left.wrap(CONTENT_W * 0.7, 20 * mm)
    foot_left.drawOn(canvas, LEFT, BOTTOM - 6.5 * mm - h)
    _, h = foot_right.wrap(CONTENT_W * 0.3, 20 * mm)
    foot_right.drawOn(canvas, LEFT + CONTENT_W * 0.7, BOTTOM - 6.5 * mm - h)
    canvas.restoreState()


def _canvas_class(frame: PageFrame) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps every page until the end, then draws the decorations with the page count."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for n, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                draw_page(self, frame, n, total)
                super().showPage()
            super().save()

    return NumberedCanvas


@dataclass(frozen=True)
class Rendered:
    """A finished PDF."""

    pdf: bytes
    pages: int


def render(frame: PageFrame, story: list[Flowable], password: str | None = None) -> Rendered:
    """Lay out `story` on A4 pages with the header and footer.

    Without a password the result is PDF/A-2b; with one it is encrypted (AES-256, R6) instead,
    since an encrypted file cannot be PDF/A.
    """
    register_fonts()
    buf = io.BytesIO()
    org_name = in_script(frame.organisation.display_name(frame.lang), frame.lang)
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=f"{frame.title} {frame.number}",
        author=org_name,
        subject=frame.number,
        creator="SOS Desk",
        producer="SOS Desk",
        lang=frame.lang,
        **EMBEDDED_CANVAS,
    )
    counter: list[int] = []
    doc.build(
        story,
        canvasmaker=_canvas_class(frame),
        onLaterPages=lambda c, d: counter.append(d.page),
        onFirstPage=lambda c, d: counter.append(d.page),
    )
    pdf = buf.getvalue()
    if password:
        return Rendered(encrypt(pdf, password), len(counter))
    title = f"{in_script(frame.title, frame.lang)} {frame.number}"
    return Rendered(make_pdfa(pdf, title, frame.number, frame.lang, org_name), len(counter))


# -- building blocks --------------------------------------------------------------------------


class SplitTable(Table):  # type: ignore[misc]
    """A table that splits a row only when the row alone is taller than a page.

    reportlab would otherwise also split a row in the little space left at the bottom of a page,
    repeating the header there; with this rule rows move whole to the next page whenever
    they can, and only a giant row (a very long note) is cut between pages.
    """

    def split(self, width: float, height: float) -> list[Any]:
        allowed = bool(self.__dict__.get("splitInRow"))
        if height < FRAME_H * 0.75 and allowed:
            self.splitInRow = 0
            try:
                return list(super().split(width, height))
            finally:
                self.splitInRow = 1
        return list(super().split(width, height))


def embedded_font() -> list[tuple[Any, ...]]:
    """A table-style command setting every cell's font to DejaVu.

    A reportlab Table selects its cell font (Helvetica unless told) before each cell, even one
    holding a Paragraph; a PDF/A file may not name a font it does not embed.
    """
    return [("FONT", (0, 0), (-1, -1), register_fonts()[0])]


def title_block(title: str, number: str, lang: str) -> list[Flowable]:
    """The document's title and number, centred."""
    st = styles()
    return [
        Paragraph(para(title.upper(), lang), st["title"]),
        Paragraph(f"{t('number', lang)}: {para(number, lang)}", st["subtitle"]),
        Spacer(1, 5 * mm),
    ]


def fields_table(rows: Sequence[tuple[str, str]], label_w: float = 50 * mm) -> Table:
    """Label / value pairs (values are ready Paragraph markup)."""
    st = styles()
    data = [
        [Paragraph(label, st["label"]), Paragraph(value or "—", st["value"])]
        for label, value in rows
    ]
    table = SplitTable(data, colWidths=[label_w, CONTENT_W - label_w], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                *embedded_font(),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


class CellParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph that remembers its line breaks for a width.

    A table wraps each cell when it measures rows, again on every page split and once more
    when drawing; the lines only depend on the width, so they are computed once.
    """

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        if self._wrapped is not None and self._wrapped[0] == width:
            return self._wrapped[1]
        size = super().wrap(width, height)
        self._wrapped = (width, size)
        return size  # type: ignore[no-any-return]

    def split(self, width: float, height: float) -> list[Any]:
        self._wrapped = None
        return list(super().split(width, height))


_PLAIN_BREAK = "<br/>"


def _plain(cell: str, width: float, font: str, size: float) -> str | None:
    """The cell as plain text when it needs no markup and fits its column (cheap to lay out)."""
    lines = cell.split(_PLAIN_BREAK)
    if any("<" in line or "&" in line for line in lines):
        return None
    if any(pdfmetrics.stringWidth(line, font, size) > width - 7 for line in lines):
        return None
    return "\n".join(lines)


class GridTable(SplitTable):
    """A `grid` that remembers how it was made, so its last row can be kept with what follows."""

    spec: tuple[Any, ...] = ()


def grid(
    header: Sequence[str] | None,
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    right: Sequence[int] = (),
    bold_rows: Sequence[int] = (),
    closing: Sequence[Flowable] = (),
) -> Table:
    """A data table with a header row repeated on every page; cells wrap, rows may split.

    `closing` (the signature block) becomes a last, borderless row that never leaves the
    last data row: the signature never stands alone on a page.
    """
    st = styles()
    regular, bold_font = register_fonts()
    body: list[list[Any]] = []
    if header is not None:
        body.append(
            [Paragraph(h, st["head_r"] if i in right else st["head"]) for i, h in enumerate(header)]
        )
    h = len(body)  # 1 with a header row
    for r, row in enumerate(rows):
        bold = r in bold_rows
        cells: list[Any] = []
        for i, cell in enumerate(row):
            if isinstance(cell, Flowable):
                cells.append(cell)
                continue
            plain = _plain(str(cell), widths[i], bold_font if bold else regular, 8.5)
            if plain is not None:
                cells.append(plain)
                continue
            if bold:
                name = "cell_br" if i in right else "cell_b"
            else:
                name = "cell_r" if i in right else "cell"
            cells.append(CellParagraph(str(cell), st[name]))
        body.append(cells)
    end = len(body) - 1  # the last data row
    if closing:
        body.append([list(closing)] + [""] * (len(widths) - 1))
    table = GridTable(body, colWidths=list(widths), repeatRows=h, splitInRow=1, hAlign="LEFT")
    table.spec = (header, list(rows), list(widths), tuple(right), tuple(bold_rows))
    style: list[tuple[Any, ...]] = [
        *embedded_font(),
        ("LINEBELOW", (0, h), (-1, end), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        # Plain-text cells: the same face, size and leading as the Paragraph cells.
        ("FONT", (0, h), (-1, -1), regular, 8.5, 10.8),
        ("TEXTCOLOR", (0, h), (-1, -1), INK),
    ]
    if h:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ]
    style += [("ALIGN", (i, h), (i, -1), "RIGHT") for i in right]
    style += [("BACKGROUND", (0, r + h), (-1, r + h), HEAD_BG) for r in bold_rows]
    style += [("FONT", (0, r + h), (-1, r + h), bold_font, 8.5, 10.8) for r in bold_rows]
    if closing:
        style += [
            ("SPAN", (0, end + 1), (-1, end + 1)),
            ("LEFTPADDING", (0, end + 1), (-1, end + 1), 0),
            ("RIGHTPADDING", (0, end + 1), (-1, end + 1), 0),
            ("NOSPLIT", (0, end), (-1, end + 1)),
        ]
    table.setStyle(TableStyle(style))
    return table


def close_with(story: list[Flowable], signature: Flowable) -> list[Flowable]:
    """`story` ending in `signature`, which never stands alone on a page: it keeps the short
    paragraphs before it and the last block (or a table's last row, under the repeated table
    header) on its page."""
    out = list(story)
    tail: list[Flowable] = []
    while out and isinstance(out[-1], Spacer | Paragraph) and len(tail) < 4:
        tail.insert(0, out.pop())
    # A KeepTogether inside a table cell (or another KeepTogether) cannot measure itself.
    parts = [*tail, *(signature._content if isinstance(signature, KeepTogether) else [signature])]
    if out and isinstance(out[-1], GridTable):
        header, rows, widths, right, bold = out.pop().spec
        return [*out, grid(header, rows, widths, right, bold, closing=parts)]
    if out:
        parts.insert(0, out.pop())
    return [*out, KeepTogether(parts)]


def signature_block(place: str, issued: str, name: str, role: str, lang: str) -> Flowable:
    """Place and date on the left, stamp in the middle, signature line with name and role."""
    st = styles()
    left = [
        Paragraph(t("place_date", lang), st["label"]),
        Paragraph(f"{para(place_in(place, lang), lang)}, {issued}", st["value"]),
    ]
    middle = [Spacer(1, 9 * mm), Paragraph(t("stamp", lang), st["sign_small"])]
    right = [
        Spacer(1, 11 * mm),
        Paragraph("_" * 34, st["sign"]),
        Paragraph(para(name, lang), st["sign"]),
        Paragraph(para(role, lang), st["sign_small"]),
    ]
    table = Table([[left, middle, right]], colWidths=[60 * mm, 35 * mm, CONTENT_W - 95 * mm])
    table.setStyle(
        TableStyle(
            [
                *embedded_font(),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return KeepTogether([Spacer(1, 10 * mm), table])


def issued_text(d: Any, lang: str) -> str:
    """The issue date as printed beside the place."""
    return fmt_date(d, lang)
