"""Statement of assistance costs for a compensation claim: items, subtotals, totals."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from sosdesk.documents.common import closing, head_block, period_text
from sosdesk.documents.describe import correction_text
from sosdesk.documents.labels import t
from sosdesk.documents.layout import CONTENT_W, grid, styles, title_block
from sosdesk.documents.script import fmt_amount, fmt_date, fmt_money, para
from sosdesk.domain.vocab import ASSISTANCE, DOCUMENT_KIND
from sosdesk.services.documents.shapes import CostItem, CostsData

ITEM_WIDTHS = (9 * mm, 22 * mm, CONTENT_W - 119 * mm, 42 * mm, 28 * mm, 18 * mm)
SUB_WIDTHS = (CONTENT_W - 78 * mm, 16 * mm, 18 * mm, 44 * mm)


def _type_cell(item: CostItem, lang: str) -> str:
    text = para(ASSISTANCE.label(item.type, lang), lang)
    if item.subtype:
        text += " – " + para(ASSISTANCE.label(item.subtype, lang), lang)
    if item.note:
        text += f'<br/><font size="7.5">{para(item.note, lang)}</font>'
    if item.correction is not None:
        fix = correction_text(item.correction, lang)
        if item.original is not None:
            was = fmt_money(item.original[0], item.original[1], lang)
            fix += f" ({t('costs_was', lang, amount=was)})"
        text += f'<br/><font size="7.5" color="#9b1c1c">{fix}</font>'
    return text


def story(data: CostsData, number: str) -> list[Flowable]:
    """The flowables of a costs statement."""
    c = data.common
    lang = c.lang
    st = styles()
    out: list[Flowable] = title_block(DOCUMENT_KIND.label("costs", lang), number, lang)
    out += head_block(c, [(t("period", lang), period_text(c))])
    org = para(c.organisation.display_name(lang), lang)
    out.append(Paragraph(t("costs_intro", lang, org=org, period=period_text(c)), st["body"]))
    out.append(Paragraph(t("costs_items", lang), st["h2"]))
    rows = [
        [
            str(n),
            fmt_date(i.occurred_on, lang),
            _type_cell(i, lang),
            para(i.provider or "—", lang),
            fmt_amount(i.amount_minor, lang),
            i.currency,
        ]
        for n, i in enumerate(data.items, start=1)
    ]
    header = [
        t("col_no", lang),
        t("col_date", lang),
        t("col_type", lang),
        t("col_provider", lang),
        t("col_amount", lang),
        t("col_currency", lang),
    ]
    out.append(grid(header, rows, ITEM_WIDTHS, right=(4,)))

    sub_rows = [
        [
            para(ASSISTANCE.label(s.type, lang), lang),
            str(s.count),
            s.currency,
            fmt_amount(s.amount_minor, lang),
        ]
        for s in data.subtotals
    ]
    sub_header = [
        t("col_type", lang),
        t("col_items", lang),
        t("col_currency", lang),
        t("col_subtotal", lang),
    ]
    out.append(
        KeepTogether(
            [
                Paragraph(t("costs_subtotals", lang), st["h2"]),
                grid(sub_header, sub_rows, SUB_WIDTHS, right=(1, 3)),
            ]
        )
    )

    counts = {
        cur: sum(s.count for s in data.subtotals if s.currency == cur) for cur, _ in data.totals
    }
    total_rows = [
        [t("costs_total", lang), str(counts[cur]), cur, fmt_amount(amount, lang)]
        for cur, amount in data.totals
    ]
    out.append(
        KeepTogether(
            [
                Paragraph(t("costs_totals", lang), st["h2"]),
                grid(
                    ["", t("col_items", lang), t("col_currency", lang), t("col_amount", lang)],
                    total_rows,
                    SUB_WIDTHS,
                    right=(1, 3),
                    bold_rows=tuple(range(len(total_rows))),
                ),
            ]
        )
    )
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph(t("costs_declare", lang), st["body"]))
    return closing(out, c)
