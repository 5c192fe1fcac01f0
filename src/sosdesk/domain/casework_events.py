"""Payloads of the Centre's casework events: report, screening, decision, child interview,
statement capacity and needs assessment (registered with the other event kinds)."""

from __future__ import annotations

from typing import Any

from sosdesk.domain.casework_vocab import (
    CAPACITY,
    ID_OUTCOME,
    INDICATOR_SET,
    NEED_DOMAIN,
    NEED_RATING,
    REPORT_SOURCE,
    SCREEN_STAGE,
)
from sosdesk.domain.validation import Checker

# Topics of the structured identification interview with a child (the Centre's protocol).
CHILD_TOPICS = ("family", "school", "travel", "work", "money", "safety", "wishes")
MAX_NOTE = 2000


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def identification_report(c: Checker, p: dict[str, Any]) -> dict[str, Any]:
    """Who reported a possible victim to the Centre, and on what grounds."""
    return {
        "source_kind": c.choice("source_kind", p.get("source_kind"), REPORT_SOURCE, required=True),
        "entry_id": p.get("entry_id") or None,
        "entry_name": c.text("entry_name", p.get("entry_name"), max_len=200),
        "reporter": c.text("reporter", p.get("reporter"), max_len=200),
        "grounds": c.text("grounds", p.get("grounds"), required=True, max_len=MAX_NOTE),
        "due_on": p.get("due_on") or None,
    }


def screening(c: Checker, p: dict[str, Any]) -> dict[str, Any]:
    """The indicators observed, against one version of a list (kept with the event)."""
    if not p.get("list_id"):
        c.fail("list_id", "casework.list_missing")
    version = _int_or_none(p.get("list_version"))
    if version is None:
        c.fail("list_version", "casework.list_missing")
    observed: list[dict[str, Any]] = []
    for row in p.get("observed") or []:
        if not isinstance(row, dict) or not isinstance(row.get("code"), str):
            c.fail("observed", "casework.bad_observed")
            continue
        note = c.text("observed", row.get("note"), max_len=MAX_NOTE)
        observed.append({"code": row["code"][:40], "note": note})
    reading = p.get("reading")
    return {
        "stage": c.choice("stage", p.get("stage"), SCREEN_STAGE, required=True),
        "list_id": p.get("list_id"),
        "list_version": version,
        "indicator_set": c.choice(
            "indicator_set", p.get("indicator_set"), INDICATOR_SET, required=True
        ),
        "observed": observed,
        "reading": reading if isinstance(reading, dict) else None,
        "report_id": p.get("report_id") or None,
        "note": c.text("note", p.get("note"), max_len=MAX_NOTE),
    }


def identification_decision(c: Checker, p: dict[str, Any]) -> dict[str, Any]:
    """The professional's decision with reasons; the days since the report are kept."""
    return {
        "outcome": c.choice("outcome", p.get("outcome"), ID_OUTCOME, required=True),
        "reasons": c.text("reasons", p.get("reasons"), required=True, max_len=MAX_NOTE),
        "report_id": p.get("report_id") or None,
        "screening_id": p.get("screening_id") or None,
        "days_from_report": _int_or_none(p.get("days_from_report")),
        "referred_to": c.text("referred_to", p.get("referred_to"), max_len=200),
    }


def child_interview(c: Checker, p: dict[str, Any]) -> dict[str, Any]:
    """The structured identification interview with a child, topic by topic."""
    answers_in = p.get("answers") or {}
    answers: dict[str, str | None] = {}
    for topic in CHILD_TOPICS:
        raw = answers_in.get(topic) if isinstance(answers_in, dict) else None
        answers[topic] = c.text(topic, raw, max_len=MAX_NOTE)
    if not any(answers.values()):
        c.fail("answers", "casework.interview_empty")
    return {
        "answers": answers,
        "guardian_present": p.get("guardian_present") is True,
        "interpreter": p.get("interpreter") is True,
        "duration_minutes": _int_or_none(p.get("duration_minutes")),
    }


def credibility_assessment(c: Checker, p: dict[str, Any]) -> dict[str, Any]:
    """The assessment of the capacity to give a credible statement."""
    return {
        "capacity": c.choice("capacity", p.get("capacity"), CAPACITY, required=True),
        "trauma_signs": p.get("trauma_signs") is True,
        "needs_support_person": p.get("needs_support_person") is True,
        "reasons": c.text("reasons", p.get("reasons"), required=True, max_len=MAX_NOTE),
    }


def needs_assessment(c: Checker, p: dict[str, Any]) -> dict[str, Any]:
    """Each need domain rated, with notes."""
    ratings_in = p.get("ratings") or {}
    ratings: dict[str, dict[str, Any]] = {}
    if not isinstance(ratings_in, dict) or not ratings_in:
        c.fail("ratings", "casework.needs_empty")
        ratings_in = {}
    for domain, row in ratings_in.items():
        if domain not in NEED_DOMAIN:
            c.fail("ratings", "field.unknown_value", list=NEED_DOMAIN.name, value=str(domain)[:20])
            continue
        row = row if isinstance(row, dict) else {}
        rating = c.choice(domain, row.get("rating"), NEED_RATING, required=True)
        ratings[domain] = {
            "rating": rating,
            "note": c.text(domain, row.get("note"), max_len=MAX_NOTE),
        }
    return {"ratings": ratings}


VALIDATORS = {
    "identification_report": identification_report,
    "screening": screening,
    "identification_decision": identification_decision,
    "child_interview": child_interview,
    "credibility_assessment": credibility_assessment,
    "needs_assessment": needs_assessment,
}
