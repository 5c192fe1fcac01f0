"""What the timeline says about an event: a one-line summary for the list and the details
(HTML, every value escaped) for the pane beside it.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication

from sosdesk.domain.validation import format_minor
from sosdesk.domain.vocab import (
    ASSISTANCE,
    CALL_CATEGORY,
    CLIENT_ROLE,
    DOCUMENT_KIND,
    EMERGENCY_STEP,
    EVENT_KIND,
    FIELD_ACTION,
    PROCEEDING,
    URGENCY,
    VICTIM_STATUS,
    Vocabulary,
)
from sosdesk.services.events import corrected_payload, corrected_time
from sosdesk.services.views import EventView
from sosdesk.ui.timeline import casework_text
from sosdesk.ui.widgets.datetime_field import format_local

MAX_LINE = 220


def tr(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


DANGER_MARK = "⚠"  # a call that was not routine, seen at a glance on the timeline


def _vocab_for(kind: str, key: str) -> Vocabulary | None:
    if key == "type":
        return (
            ASSISTANCE if kind == "assistance" else FIELD_ACTION if kind == "field_action" else None
        )
    return {
        "subtype": ASSISTANCE,
        "proceeding": PROCEEDING,
        "client_role": CLIENT_ROLE,
        "from_status": VICTIM_STATUS,
        "to_status": VICTIM_STATUS,
        "document": DOCUMENT_KIND,
        "urgency": URGENCY,
        "categories": CALL_CATEGORY,
        "emergency_steps": EMERGENCY_STEP,
    }.get(key)


def field_labels() -> dict[str, str]:
    """Labels of payload keys, in the order details list them."""
    return {
        "type": tr("Type"),
        "subtype": tr("Sub-type"),
        "provider": tr("Provider"),
        "amount": tr("Cost"),
        "court": tr("Court"),
        "case_number": tr("Case number"),
        "proceeding": tr("Proceeding"),
        "client_role": tr("Client's role"),
        "place": tr("Place"),
        "accompanied_by": tr("Accompanied by"),
        "outcome": tr("Outcome"),
        "entry_name": tr("Referred to"),
        "reason": tr("Reason"),
        "consent": tr("Consent"),
        "from_status": tr("Previous status"),
        "to_status": tr("New status"),
        "decided_by": tr("Decided by"),
        "summary": tr("Summary"),
        "urgency": tr("Urgency"),
        "categories": tr("Categories"),
        "emergency_steps": tr("Emergency steps"),
        "actions_taken": tr("Actions taken"),
        "referrals_given": tr("Referrals given"),
        "document": tr("Document"),
        "number": tr("Number"),
        "text": tr("Note"),
        "note": tr("Note"),
        "occurred_at": tr("When"),
        "currency": tr("Currency"),
    }


def value_text(
    kind: str, key: str, value: Any, lang: str, data: dict[str, Any] | None = None
) -> str:
    """A payload value as a person reads it."""
    if value is None or value == "":
        return ""
    if key == "amount":
        currency = (data or {}).get("currency") or ""
        try:
            minor = int(Decimal(str(value).replace(",", ".")) * 100)
        except (InvalidOperation, ValueError):
            return str(value)
        return format_minor(minor, currency).strip()
    if key == "consent":
        return tr("yes") if value else tr("no")
    if key == "occurred_at":
        return format_local(datetime.fromisoformat(str(value)))
    vocab = _vocab_for(kind, key)
    if isinstance(value, list):
        return ", ".join(vocab.label(str(x), lang) if vocab else str(x) for x in value)
    return vocab.label(str(value), lang) if vocab else str(value)


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


def summary(kind: str, data: dict[str, Any], lang: str) -> str:
    """The one-line summary of an event's (corrected) payload."""

    def v(key: str) -> str:
        return value_text(kind, key, data.get(key), lang, data)

    def join(*parts: str, sep: str = " — ") -> str:
        return sep.join(p for p in parts if p)

    if kind == "call":
        text = v("summary") or tr("(no summary)")
        if data.get("urgency") and data.get("urgency") != "routine":
            text = join(f"{DANGER_MARK} {v('urgency')}", v("categories"), text)
        elif data.get("categories"):
            text = join(v("categories"), text)
    elif kind == "assistance":
        text = join(join(v("type"), v("subtype"), sep=" › "), v("provider"), v("note"))
    elif kind == "field_action":
        text = join(v("type"), v("place"), v("accompanied_by"))
    elif kind == "court_hearing":
        text = join(
            join(v("court"), v("case_number"), sep=", "),
            v("proceeding"),
            v("client_role"),
            v("outcome"),
        )
    elif kind == "referral":
        text = join("→ " + (v("entry_name") or tr("(directory entry)")), v("reason"))
    elif kind == "status_change":
        text = join(f"{v('from_status') or '?'} → {v('to_status')}", v("decided_by"))
    elif kind == "document_issued":
        text = join(v("document"), v("number"), sep=" № ")
    elif kind in casework_text.KINDS:
        text = casework_text.summary(kind, data, lang)
    else:
        text = v("text")
    return _one_line(text)


def amendment_summary(a: EventView, original: EventView | None, lang: str) -> str:
    """`Correction of Assistance of 01.03.2026: Cost 1.500,00 RSD — reason`."""
    labels = field_labels()
    corrected = a.payload.get("corrected") or {}
    kind = original.kind if original else ""
    money = {"currency": original.currency} if original and original.currency else {}
    parts = [
        f"{labels.get(k, k)} {value_text(kind, k, val, lang, {**money, **corrected}) or '∅'}"
        for k, val in corrected.items()
        if k != "currency"
    ]
    what = EVENT_KIND.label(kind, lang) if original else tr("an event")
    when = format_local(original.occurred_at).split(" ")[0] if original else ""
    head = tr("Correction of %1 of %2").replace("%1", what).replace("%2", when)
    return _one_line(f"{head}: {'; '.join(parts)} — {a.payload.get('reason') or ''}")


def _rows(kind: str, data: dict[str, Any], lang: str) -> str:
    if kind in casework_text.KINDS:
        pairs = casework_text.rows(kind, data, lang)
        return "<table>" + "".join(_row(label, text) for label, text in pairs) + "</table>"
    labels = field_labels()
    out = []
    for key, label in labels.items():
        if key in ("currency", "occurred_at"):
            continue
        text = value_text(kind, key, data.get(key), lang, data)
        if text:
            out.append(
                f"<tr><td style='padding-right:12px'><b>{escape(label)}</b></td>"
                f"<td>{escape(text).replace(chr(10), '<br>')}</td></tr>"
            )
    return "<table>" + "".join(out) + "</table>" if out else ""


def _row(label: str, text: str) -> str:
    return (
        f"<tr><td style='padding-right:12px'><b>{escape(label)}</b></td>"
        f"<td>{escape(text).replace(chr(10), '<br>')}</td></tr>"
    )


def details_html(
    event: EventView,
    amendments: list[EventView],
    original: EventView | None,
    names: dict[str, str],
    lang: str,
) -> str:
    """The details pane for one event: values (after corrections), who, and its corrections."""
    author = escape(names.get(event.author_id or "", ""))
    if event.kind == "amendment":
        head = escape(amendment_summary(event, original, lang).split(":")[0])
        parts = [
            f"<h3>{head}</h3>",
            f"<p>{escape(format_local(event.occurred_at))} · {author}</p>",
            f"<p><b>{escape(tr('Reason'))}:</b> {escape(event.payload.get('reason') or '')}</p>",
            _rows(original.kind if original else "", event.payload.get("corrected") or {}, lang),
            f"<p><a href='event:{escape(event.amends_id or '')}'>"
            f"{escape(tr('Go to the original entry') + ' (Ctrl+G)')}</a></p>",
        ]
        return "".join(parts)
    data = corrected_payload(event, amendments)
    when = corrected_time(event, amendments)
    parts = [
        f"<h3>{escape(EVENT_KIND.label(event.kind, lang))}</h3>",
        f"<p>{escape(format_local(when))} · {author}</p>",
    ]
    if amendments:
        parts.append(
            f"<p><i>{escape(tr('Corrected; the values below include the corrections.'))}</i></p>"
        )
    parts.append(_rows(event.kind, data, lang))
    if amendments:
        parts.append(f"<h4>{escape(tr('Corrections'))}</h4><ul>")
        for a in amendments:
            who = escape(names.get(a.author_id or "", ""))
            changed = escape(amendment_summary(a, event, lang).split(": ", 1)[-1])
            parts.append(
                f"<li><a href='event:{escape(a.id)}'>"
                f"{escape(format_local(a.occurred_at))}</a> · {who}: {changed}</li>"
            )
        parts.append("</ul>")
        original_data = {k: event.payload.get(k) for k in event.payload}
        parts.append(f"<h4>{escape(tr('As first recorded'))}</h4>")
        parts.append(_rows(event.kind, {**original_data, **_money(event)}, lang))
    return "".join(parts)


def _money(event: EventView) -> dict[str, Any]:
    if event.amount_minor is None:
        return {}
    return {"amount": f"{event.amount_minor / 100:.2f}", "currency": event.currency}
