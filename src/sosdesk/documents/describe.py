"""One timeline event in words ("what was done"), with its corrections, in a document's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sosdesk.documents.labels import has, t
from sosdesk.documents.places import place_in
from sosdesk.documents.script import fmt_date, fmt_money, para
from sosdesk.domain.validation import Checker
from sosdesk.domain.vocab import (
    ASSISTANCE,
    CALL_CATEGORY,
    CLIENT_ROLE,
    DIRECTION,
    DIRECTORY_KIND,
    DOCUMENT_KIND,
    FIELD_ACTION,
    LINE,
    PROCEEDING,
    VICTIM_STATUS,
    Vocabulary,
)
from sosdesk.services.documents.shapes import Correction, Item

_VOCAB_FIELDS: dict[str, Vocabulary] = {
    "subtype": ASSISTANCE,
    "proceeding": PROCEEDING,
    "client_role": CLIENT_ROLE,
    "to_status": VICTIM_STATUS,
    "from_status": VICTIM_STATUS,
}


def _field(key: str, value: str, lang: str) -> str:
    """`label: value` of one field of an event, with vocabulary codes as labels."""
    label = t(f"f_{key}", lang) if has(f"f_{key}") else para(key.replace("_", " "), lang)
    if key == "type":
        vocab = ASSISTANCE if value in ASSISTANCE else FIELD_ACTION
        shown = para(vocab.label(value, lang), lang)
    elif key in _VOCAB_FIELDS:
        shown = para(_VOCAB_FIELDS[key].label(value, lang), lang)
    elif key in ("place", "city", "address"):
        shown = para(place_in(value, lang), lang)
    elif key == "amount":
        minor = Checker().amount("amount", value)
        shown = para(value, lang) if minor is None else fmt_money(minor, "", lang).strip()
    else:
        shown = para(value, lang)
    return f"{label}: {shown}"


def correction_text(c: Correction, lang: str) -> str:
    """One correction as a line of markup."""
    changes = "; ".join(_field(k, v, lang) for k, v in c.changes) or "—"
    return t(
        "corrected",
        lang,
        date=fmt_date(c.occurred_at.date(), lang),
        author=para(c.author, lang),
        changes=changes,
        reason=para(c.reason, lang),
    )


def _kv(p: Mapping[str, Any], lang: str, *keys: str) -> list[str]:
    return [_field(k, str(p[k]), lang) for k in keys if p.get(k)]


def _withheld(lang: str, kind: str = "shelter") -> str:
    return f"{para(DIRECTORY_KIND.label(kind, lang), lang)} ({t('withheld', lang)})"


def describe(item: Item, lang: str) -> str:
    """What was done, as Paragraph markup (labels in `lang`, free text in its script)."""
    p = item.payload
    lines: list[str] = []
    if item.kind == "call":
        if item.call is not None:
            cats = ", ".join(para(CALL_CATEGORY.label(c, lang), lang) for c in item.call.categories)
            line = para(LINE.label(item.call.line, lang), lang)
            direction = para(DIRECTION.label(item.call.direction, lang), lang).lower()
            lines.append(f"<b>{line}</b> ({direction}){': ' + cats if cats else ''}")
        if p.get("summary"):
            lines.append(para(p["summary"], lang))
    elif item.kind == "assistance":
        head = para(ASSISTANCE.label(str(p.get("type") or ""), lang), lang)
        if p.get("subtype"):
            head += " – " + para(ASSISTANCE.label(str(p["subtype"]), lang), lang)
        lines.append(f"<b>{head}</b>")
        if p.get("withheld"):
            lines.append(f"{t('f_provider', lang)}: {_withheld(lang)}")
        lines += _kv(p, lang, "provider")
        if item.amount_minor is not None and item.currency:
            lines.append(
                f"{t('f_amount', lang)}: {fmt_money(item.amount_minor, item.currency, lang)}"
            )
        lines += _kv(p, lang, "note")
    elif item.kind == "field_action":
        lines.append(f"<b>{para(FIELD_ACTION.label(str(p.get('type') or ''), lang), lang)}</b>")
        lines += _kv(p, lang, "place", "accompanied_by", "note")
    elif item.kind == "court_hearing":
        head = para(str(p.get("court") or ""), lang)
        if p.get("case_number"):
            number = para(str(p["case_number"]), lang).replace(" ", "&nbsp;")
            head += f", {t('f_case_number', lang)} {number}"
        lines.append(f"<b>{head}</b>")
        lines += _kv(p, lang, "proceeding", "client_role", "accompanied_by", "outcome", "note")
    elif item.kind == "referral":
        to = _withheld(lang) if p.get("withheld") else para(str(p.get("entry_name") or "—"), lang)
        lines.append(f"<b>{t('referred_to', lang, to=to)}</b>")
        lines += _kv(p, lang, "reason")
    elif item.kind == "status_change":
        before = para(VICTIM_STATUS.label(str(p.get("from_status") or "unknown"), lang), lang)
        after = para(VICTIM_STATUS.label(str(p.get("to_status") or "unknown"), lang), lang)
        lines.append(f"<b>{before} → {after}</b>")
        lines += _kv(p, lang, "decided_by", "note")
    elif item.kind == "note":
        lines.append(para(str(p.get("text") or ""), lang))
    elif item.kind == "document_issued":
        doc = para(DOCUMENT_KIND.label(str(p.get("document") or ""), lang), lang)
        lines.append(t("doc_issued", lang, doc=doc, number=para(str(p.get("number")), lang)))
    elif item.kind == "amendment":
        when = fmt_date(item.amends_at.date(), lang) if item.amends_at else "—"
        lines.append(f"<b>{t('corrects_entry', lang, date=when)}</b>")
        corrected = p.get("corrected") or {}
        lines += [_field(str(k), str(v), lang) for k, v in corrected.items()]
        lines += _kv(p, lang, "reason")
    return "<br/>".join(x for x in lines if x)


def corrections(item: Item, lang: str) -> list[str]:
    """Each correction of the event as markup, oldest first."""
    return [correction_text(c, lang) for c in item.corrections]
