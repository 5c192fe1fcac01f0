"""Court accompaniment record for one hearing, with the accompaniments of that day."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from sosdesk.documents.common import closing, head_block
from sosdesk.documents.describe import corrections
from sosdesk.documents.labels import t
from sosdesk.documents.layout import (
    CONTENT_W,
    RULE,
    embedded_font,
    fields_table,
    grid,
    styles,
    title_block,
)
from sosdesk.documents.script import fmt_datetime, para
from sosdesk.domain.vocab import CLIENT_ROLE, DOCUMENT_KIND, FIELD_ACTION, PROCEEDING
from sosdesk.services.documents.shapes import AccompanimentData


def story(data: AccompanimentData, number: str) -> list[Flowable]:
    """The flowables of an accompaniment record."""
    c = data.common
    lang = c.lang
    st = styles()
    h = data.hearing
    p = h.payload
    out: list[Flowable] = title_block(DOCUMENT_KIND.label("accompaniment", lang), number, lang)
    out += head_block(c)
    out.append(Paragraph(t("acc_intro", lang), st["body"]))
    out.append(Spacer(1, 3 * mm))

    def code(vocab_label: str | None) -> str:
        return para(vocab_label, lang) if vocab_label else "—"

    rows = [
        (t("acc_when", lang), f"<b>{fmt_datetime(h.occurred_at, lang)}</b>"),
        (t("court", lang), f"<b>{para(str(p.get('court') or ''), lang)}</b>"),
        (t("case_number", lang), para(str(p.get("case_number") or "—"), lang)),
        (
            t("proceeding", lang),
            code(PROCEEDING.label(str(p["proceeding"]), lang) if p.get("proceeding") else None),
        ),
        (
            t("client_role", lang),
            code(CLIENT_ROLE.label(str(p["client_role"]), lang) if p.get("client_role") else None),
        ),
        (t("accompanied_by", lang), para(str(p.get("accompanied_by") or "—"), lang)),
        (t("outcome", lang), para(str(p.get("outcome") or "—"), lang)),
        (t("note", lang), para(str(p.get("note") or "—"), lang)),
        (t("recorded_by", lang), para(h.author, lang)),
    ]
    out.append(fields_table(rows))
    for fix in corrections(h, lang):
        out.append(Paragraph(fix, st["notice"]))
    if data.related:
        out.append(Paragraph(t("acc_related", lang), st["h2"]))
        header = [
            t("col_time", lang),
            t("col_kind", lang),
            t("accompanied_by", lang),
            t("note", lang),
        ]
        body = []
        for item in data.related:
            q = item.payload
            note = para(str(q.get("note") or ""), lang)
            extra = "".join(f"<br/>{f}" for f in corrections(item, lang))
            place = para(str(q.get("place") or ""), lang)
            body.append(
                [
                    f"{item.occurred_at.hour:02d}:{item.occurred_at.minute:02d}",
                    para(FIELD_ACTION.label(str(q.get("type") or ""), lang), lang)
                    + (f"<br/>{place}" if place else ""),
                    para(str(q.get("accompanied_by") or ""), lang),
                    note + extra,
                ]
            )
        out.append(grid(header, body, (16 * mm, 50 * mm, 44 * mm, CONTENT_W - 110 * mm)))
    out.append(Paragraph(t("acc_remarks", lang), st["h2"]))
    lines = Table([[""]] * 4, colWidths=[CONTENT_W], rowHeights=[8 * mm] * 4)
    lines.setStyle(TableStyle([*embedded_font(), ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE)]))
    out.append(lines)
    return closing(out, c)
