"""Referral letter to a directory entry (lawyer, psychotherapist, medical partner, ...)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from sosdesk.documents.common import client_name, closing, languages_text, notice
from sosdesk.documents.labels import gendered, t
from sosdesk.documents.layout import styles, title_block
from sosdesk.documents.places import place_in
from sosdesk.documents.script import fmt_date, para
from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.vocab import DIRECTORY_KIND, DOCUMENT_KIND
from sosdesk.services.documents.shapes import ReferralData


def _addressee(data: ReferralData) -> list[str]:
    e, lang = data.entry, data.common.lang
    lines = [f"<b>{para(e.name, lang)}</b>"]
    if e.organisation and e.organisation != e.name:
        lines.append(para(e.organisation, lang))
    if not data.common.client.pseudonymised or e.kind != "shelter":
        lines += [para(place_in(v, lang), lang) for v in (e.address, e.city) if v]
    lines.append(f'<font color="#5b6472">{para(DIRECTORY_KIND.label(e.kind, lang), lang)}</font>')
    return lines


def story(data: ReferralData, number: str) -> list[Flowable]:
    """The flowables of a referral letter."""
    c = data.common
    lang, client = c.lang, c.client
    st = styles()
    out: list[Flowable] = title_block(DOCUMENT_KIND.label("referral", lang), number, lang)
    out.append(Paragraph(t("ref_to", lang) + ":", st["label"]))
    out.append(Paragraph("<br/>".join(_addressee(data)), st["value"]))
    out.append(Spacer(1, 6 * mm))
    out.append(Paragraph(f"<b>{t('ref_subject', lang)}</b>", st["just"]))
    out += notice(c)
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph(t("ref_dear", lang), st["just"]))
    out.append(Spacer(1, 2 * mm))
    if client.name:
        name = f"<b>{client_name(c)}</b>"
    else:
        name = t("ref_code", lang, code=para(client.code, lang))
    born = ""
    if client.birth_date:
        born = gendered("cert_born", client.gender, lang, d=fmt_date(client.birth_date, lang))
    elif client.birth_year:
        born = gendered("cert_born_year", client.gender, lang, d=str(client.birth_year))
    born = born.rstrip(",")
    citizen = ""
    if client.citizenship:
        country = para(COUNTRY.label(client.citizenship, lang), lang)
        citizen = t("ref_citizen", lang, c=country)
    reason = para(data.reason.strip(), lang)
    if reason and reason[-1] not in ".!?":
        reason += "."
    out.append(
        Paragraph(
            gendered(
                "ref_body",
                client.gender,
                lang,
                name=name,
                born=born,
                citizen=citizen,
                reason=reason,
            ),
            st["just"],
        )
    )
    if client.languages:
        out.append(Spacer(1, 2 * mm))
        out.append(
            Paragraph(
                gendered("ref_languages", client.gender, lang, langs=languages_text(c)), st["just"]
            )
        )
    out.append(Spacer(1, 2 * mm))
    out.append(
        Paragraph(
            gendered("ref_consent", client.gender, lang, d=fmt_date(data.referred_at, lang)),
            st["just"],
        )
    )
    org = c.organisation
    contact = ", ".join(para(v, lang) for v in (org.phone, org.email) if v)
    out.append(Spacer(1, 2 * mm))
    out.append(
        Paragraph(
            t("ref_contact", lang, who=para(c.signatory.name, lang), contact=contact), st["just"]
        )
    )
    out.append(Spacer(1, 2 * mm))
    out.append(Paragraph(t("ref_confidential", lang), st["just"]))
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph(t("ref_regards", lang), st["just"]))
    return closing(out, c)
