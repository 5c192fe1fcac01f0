"""Chronology of support: every event of the chosen kinds in a period, oldest first."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from sosdesk.documents.common import closing, head_block, period_text
from sosdesk.documents.describe import corrections, describe
from sosdesk.documents.labels import t
from sosdesk.documents.layout import CONTENT_W, grid, styles, title_block
from sosdesk.documents.script import fmt_date, para
from sosdesk.domain.vocab import DOCUMENT_KIND, EVENT_KIND
from sosdesk.services.documents.shapes import ChronologyData

WIDTHS = (9 * mm, 22 * mm, 25 * mm, CONTENT_W - 88 * mm, 32 * mm)


def story(data: ChronologyData, number: str) -> list[Flowable]:
    """The flowables of a chronology."""
    c = data.common
    lang = c.lang
    st = styles()
    kinds = ", ".join(para(EVENT_KIND.label(k, lang), lang) for k in data.kinds)
    out: list[Flowable] = title_block(DOCUMENT_KIND.label("chronology", lang), number, lang)
    out += head_block(c, [(t("period", lang), period_text(c)), (t("kinds", lang), kinds)])
    org = para(c.organisation.display_name(lang), lang)
    out.append(Paragraph(t("chronology_intro", lang, org=org, period=period_text(c)), st["body"]))
    out.append(Spacer(1, 3 * mm))
    rows = []
    for n, item in enumerate(data.items, start=1):
        what = describe(item, lang)
        fixes = corrections(item, lang)
        if fixes:
            what += "".join(f'<br/><font size="7.5" color="#9b1c1c">{f}</font>' for f in fixes)
        when = item.occurred_at
        rows.append(
            [
                str(n),
                f"{fmt_date(when.date(), lang)}<br/>{when.hour:02d}:{when.minute:02d}",
                para(EVENT_KIND.label(item.kind, lang), lang),
                what,
                para(item.author, lang),
            ]
        )
    header = [
        t("col_no", lang),
        t("col_date", lang),
        t("col_kind", lang),
        t("col_what", lang),
        t("col_by", lang),
    ]
    out.append(grid(header, rows, WIDTHS))
    out.append(Spacer(1, 2 * mm))
    out.append(Paragraph(t("entries", lang, n=str(len(rows))), st["small"]))
    return closing(out, c)
