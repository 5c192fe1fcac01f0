"""Blocks every document shares: who the client is, the period, the notice, the signature."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Spacer

from sosdesk.documents.labels import t
from sosdesk.documents.layout import close_with, fields_table, signature_block, styles
from sosdesk.documents.places import place_in
from sosdesk.documents.script import fmt_date, name_in_script, para
from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.vocab import LANGUAGE, ROLE
from sosdesk.services.documents.shapes import Common


def period_text(common: Common) -> str:
    """`from 01.02.2026. to 30.04.2026.`, open-ended variants, or the whole period."""
    a, b = common.period
    lang = common.lang
    if a and b:
        return t("period_span", lang, a=fmt_date(a, lang), b=fmt_date(b, lang))
    if a:
        return t("period_from", lang, a=fmt_date(a, lang))
    if b:
        return t("period_to", lang, b=fmt_date(b, lang))
    return t("period_all", lang)


def client_name(common: Common) -> str:
    """The client's name in the document's script, or the code when pseudonymised."""
    c = common.client
    if c.name:
        return escape(name_in_script(c.name, common.lang, c.name_cyrillic))
    return para(c.code, common.lang)


def client_rows(common: Common, *, contact: bool = True) -> list[tuple[str, str]]:
    """Identification rows: name or code, birth, citizenship, and (full profile) address, phones."""
    c, lang = common.client, common.lang
    rows: list[tuple[str, str]] = []
    if c.name:
        rows.append((t("name", lang), f"<b>{client_name(common)}</b>"))
    rows.append((t("client_code", lang), para(c.code, lang)))
    if c.birth_date:
        rows.append((t("born", lang), fmt_date(c.birth_date, lang)))
    elif c.birth_year:
        rows.append((t("birth_year", lang), str(c.birth_year)))
    if c.citizenship:
        rows.append((t("citizenship", lang), para(COUNTRY.label(c.citizenship, lang), lang)))
    if contact and c.address:
        rows.append((t("address", lang), para(place_in(c.address, lang), lang)))
    if contact and c.phones:
        rows.append((t("phones", lang), ", ".join(para(p, lang) for p in c.phones)))
    return rows


def languages_text(common: Common) -> str:
    """The client's languages as labels."""
    lang = common.lang
    return ", ".join(para(LANGUAGE.label(code, lang), lang) for code in common.client.languages)


def notice(common: Common) -> list[Flowable]:
    """The pseudonymisation notice, when it applies."""
    if not common.client.pseudonymised:
        return []
    return [Spacer(1, 2), Paragraph(t("pseudonymised", common.lang), styles()["notice"])]


def head_block(
    common: Common, extra: list[tuple[str, str]] | None = None, *, contact: bool = True
) -> list[Flowable]:
    """Identification table, then the notice."""
    rows = client_rows(common, contact=contact) + list(extra or [])
    return [fields_table(rows), *notice(common), Spacer(1, 4)]


def signature(common: Common) -> Flowable:
    """The signature block of the user producing the document."""
    lang = common.lang
    return signature_block(
        common.organisation.place,
        fmt_date(common.issued_on, lang),
        common.signatory.name,
        ROLE.label(common.signatory.role, lang),
        lang,
    )


def closing(story: list[Flowable], common: Common) -> list[Flowable]:
    """The story with the signature block kept on a page with its last rows."""
    return close_with(story, signature(common))
