"""Timeline event kinds and the validation of their payloads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sosdesk.domain import casework_events
from sosdesk.domain.validation import Checker
from sosdesk.domain.vocab import (
    ASSISTANCE,
    CALL_CATEGORY,
    CLIENT_ROLE,
    CURRENCY,
    DOCUMENT_KIND,
    EMERGENCY_STEP,
    EVENT_KIND,
    FIELD_ACTION,
    PROCEEDING,
    URGENCY,
    VICTIM_STATUS,
)


@dataclass(frozen=True)
class CleanEvent:
    """A validated payload with the money columns pulled out."""

    payload: dict[str, Any]
    amount_minor: int | None
    currency: str | None


def _assistance(c: Checker, p: dict[str, Any]) -> CleanEvent:
    out: dict[str, Any] = {}
    kind = c.choice("type", p.get("type"), ASSISTANCE, required=True)
    if kind and ASSISTANCE.get(kind).group:
        c.fail("type", "event.assistance_group")
    out["type"] = kind
    sub = c.choice("subtype", p.get("subtype"), ASSISTANCE)
    if sub and kind and ASSISTANCE.get(sub).group != kind:
        c.fail("subtype", "event.subtype_mismatch", sub=sub, kind=kind)
    out["subtype"] = sub
    out["provider_id"] = p.get("provider_id") or None
    out["provider"] = c.text("provider", p.get("provider"), max_len=200)
    out["note"] = c.text("note", p.get("note"))
    amount = c.amount("amount", p.get("amount"))
    currency = p.get("currency") or None
    if amount is not None:
        currency = c.choice("currency", currency, CURRENCY, required=True)
    elif currency:
        c.fail("amount", "event.currency_without_amount")
    return CleanEvent(out, amount, currency if amount is not None else None)


def _field_action(c: Checker, p: dict[str, Any]) -> CleanEvent:
    return CleanEvent(
        {
            "type": c.choice("type", p.get("type"), FIELD_ACTION, required=True),
            "place": c.text("place", p.get("place"), max_len=200),
            "accompanied_by": c.text("accompanied_by", p.get("accompanied_by"), max_len=200),
            "note": c.text("note", p.get("note")),
        },
        None,
        None,
    )


def _court_hearing(c: Checker, p: dict[str, Any]) -> CleanEvent:
    return CleanEvent(
        {
            "court": c.text("court", p.get("court"), required=True, max_len=200),
            "court_id": p.get("court_id") or None,
            "case_number": c.text("case_number", p.get("case_number"), max_len=80),
            "proceeding": c.choice("proceeding", p.get("proceeding"), PROCEEDING, required=True),
            "client_role": c.choice("client_role", p.get("client_role"), CLIENT_ROLE),
            "accompanied_by": c.text("accompanied_by", p.get("accompanied_by"), max_len=200),
            "outcome": c.text("outcome", p.get("outcome")),
            "note": c.text("note", p.get("note")),
        },
        None,
        None,
    )


def _referral(c: Checker, p: dict[str, Any]) -> CleanEvent:
    if not p.get("entry_id"):
        c.fail("entry_id", "event.referral_where")
    if p.get("consent") is not True:
        c.fail("consent", "event.referral_consent")
    return CleanEvent(
        {
            "entry_id": p.get("entry_id"),
            "entry_name": c.text("entry_name", p.get("entry_name"), max_len=200),
            "reason": c.text("reason", p.get("reason"), required=True),
            "consent": True,
        },
        None,
        None,
    )


def _status_change(c: Checker, p: dict[str, Any]) -> CleanEvent:
    return CleanEvent(
        {
            "from_status": c.choice("from_status", p.get("from_status"), VICTIM_STATUS),
            "to_status": c.choice("to_status", p.get("to_status"), VICTIM_STATUS, required=True),
            "decided_by": c.text("decided_by", p.get("decided_by"), max_len=200),
            "note": c.text("note", p.get("note")),
        },
        None,
        None,
    )


def _note(c: Checker, p: dict[str, Any]) -> CleanEvent:
    return CleanEvent({"text": c.text("text", p.get("text"), required=True)}, None, None)


def _call(c: Checker, p: dict[str, Any]) -> CleanEvent:
    # Calls saved before issue 18 carry only the summary; later ones what the timeline needs to
    # show the call without opening it: urgency (the danger mark), categories, emergency steps,
    # actions and referrals. Keys absent stay absent, so old events read the same.
    out: dict[str, Any] = {
        "call_id": p.get("call_id"),
        "summary": c.text("summary", p.get("summary")),
    }
    if p.get("urgency"):
        out["urgency"] = c.choice("urgency", p.get("urgency"), URGENCY)
    for key, vocab in (("categories", CALL_CATEGORY), ("emergency_steps", EMERGENCY_STEP)):
        if p.get(key):
            out[key] = c.choices(key, p.get(key), vocab)
    if p.get("actions_taken"):
        out["actions_taken"] = c.text("actions_taken", p.get("actions_taken"))
    if p.get("referrals_given"):
        out["referrals_given"] = [
            t
            for t in (c.text("referrals_given", str(r), max_len=200) for r in p["referrals_given"])
            if t
        ]
    return CleanEvent(out, None, None)


def _document(c: Checker, p: dict[str, Any]) -> CleanEvent:
    return CleanEvent(
        {
            "document": c.choice("document", p.get("document"), DOCUMENT_KIND, required=True),
            "number": c.text("number", p.get("number"), required=True, max_len=64),
            "sha256": c.text("sha256", p.get("sha256"), max_len=64),
            "lang": p.get("lang"),
        },
        None,
        None,
    )


def _amendment(c: Checker, p: dict[str, Any]) -> CleanEvent:
    if not p.get("amends_id"):
        c.fail("amends_id", "event.amendment_target")
    corrected = p.get("corrected") or {}
    if not isinstance(corrected, dict) or not corrected:
        c.fail("corrected", "event.amendment_empty")
    return CleanEvent(
        {
            "amends_id": p.get("amends_id"),
            "corrected": corrected,
            "reason": c.text("reason", p.get("reason"), required=True),
        },
        None,
        None,
    )


_VALIDATORS: dict[str, Callable[[Checker, dict[str, Any]], CleanEvent]] = {
    "assistance": _assistance,
    "field_action": _field_action,
    "court_hearing": _court_hearing,
    "referral": _referral,
    "status_change": _status_change,
    "note": _note,
    "call": _call,
    "document_issued": _document,
    "amendment": _amendment,
}


def _no_money(
    check: Callable[[Checker, dict[str, Any]], dict[str, Any]],
) -> Callable[[Checker, dict[str, Any]], CleanEvent]:
    # Casework payloads carry no money.
    def run(c: Checker, p: dict[str, Any]) -> CleanEvent:
        return CleanEvent(check(c, p), None, None)

    return run


_VALIDATORS.update({k: _no_money(f) for k, f in casework_events.VALIDATORS.items()})


def validate_event(kind: str, payload: dict[str, Any]) -> CleanEvent:
    """Validate an event payload; raises ValidationFailed listing every bad field."""
    c = Checker()
    if kind not in EVENT_KIND:
        c.fail("kind", "event.unknown_kind", kind=str(kind)[:40])
        c.done()
    clean = _VALIDATORS[kind](c, payload)
    c.done()
    return clean
