"""Certificate of assistance: supported since a date, kinds of support, no intimate details."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer

from sosdesk.documents.common import client_name, closing, head_block
from sosdesk.documents.labels import gendered, t
from sosdesk.documents.layout import styles, title_block
from sosdesk.documents.script import fmt_date, para
from sosdesk.domain.vocab import ASSISTANCE, DOCUMENT_KIND, FIELD_ACTION
from sosdesk.services.documents.shapes import CertificateData


def _body(data: CertificateData) -> str:
    c = data.common
    lang, client = c.lang, c.client
    gender = client.gender
    if client.name:
        name = f"<b>{client_name(c)}</b>"
    else:
        name = gendered("cert_code", gender, lang, code=para(client.code, lang))
    born = ""
    if client.birth_date:
        born = gendered("cert_born", gender, lang, d=fmt_date(client.birth_date, lang))
    elif client.birth_year:
        born = gendered("cert_born_year", gender, lang, d=str(client.birth_year))
    until = c.period[1]
    until_text = t("cert_until", lang, d=fmt_date(until, lang)) if until else ""
    return gendered(
        "cert_body",
        gender,
        lang,
        name=name,
        born=born,
        org=para(c.organisation.display_name(lang), lang),
        since=fmt_date(data.since, lang),
        until=until_text,
    )


def story(data: CertificateData, number: str) -> list[Flowable]:
    """The flowables of a certificate of assistance."""
    c = data.common
    lang = c.lang
    st = styles()
    out: list[Flowable] = title_block(DOCUMENT_KIND.label("certificate", lang), number, lang)
    # A certificate travels: identification only, never contact details.
    out += head_block(c, contact=False)
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph(_body(data), st["just"]))
    kinds = [para(ASSISTANCE.label(code, lang), lang) for code in data.assistance]
    kinds += [para(FIELD_ACTION.label(code, lang), lang) for code in data.accompaniments]
    if data.via_sos_line:
        kinds.append(t("cert_sos", lang))
    if kinds:
        out.append(Spacer(1, 3 * mm))
        out.append(Paragraph(t("cert_kinds", lang), st["just"]))
        out.append(
            ListFlowable(
                [ListItem(Paragraph(k, st["just"]), leftIndent=12, value="•") for k in kinds],
                bulletType="bullet",
                start="•",
                leftIndent=12,
                bulletFontName=st["body"].fontName,
            )
        )
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph(t("cert_purpose", lang), st["just"]))
    return closing(out, c)
