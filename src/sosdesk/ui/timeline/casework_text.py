"""What the timeline says about the Centre's casework events (report, screening, decision, child
interview, statement capacity, needs assessment): a one-line summary and the detail rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from sosdesk.domain.casework_events import CHILD_TOPICS
from sosdesk.domain.casework_vocab import (
    CAPACITY,
    ID_OUTCOME,
    INDICATOR_DIMENSION,
    INDICATOR_SET,
    NEED_DOMAIN,
    NEED_RATING,
    REPORT_SOURCE,
    SCREEN_STAGE,
)

KINDS = frozenset(
    {
        "identification_report",
        "screening",
        "identification_decision",
        "child_interview",
        "credibility_assessment",
        "needs_assessment",
    }
)


def tr(text: str) -> str:
    return QCoreApplication.translate("Timeline", text)


def _s(value: Any) -> str:
    return str(value).strip() if value not in (None, "") else ""


def _topics() -> dict[str, str]:
    # The topics of the child interview protocol (domain.casework_events.CHILD_TOPICS).
    return {
        "family": tr("Family"),
        "school": tr("School"),
        "travel": tr("Travel"),
        "work": tr("Work"),
        "money": tr("Money"),
        "safety": tr("Safety"),
        "wishes": tr("Wishes"),
    }


def _needs(data: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    out = []
    for domain, row in (data.get("ratings") or {}).items():
        row = row if isinstance(row, dict) else {}
        rating = NEED_RATING.label(str(row.get("rating")), lang)
        note = _s(row.get("note"))
        out.append((NEED_DOMAIN.label(str(domain), lang), f"{rating} — {note}" if note else rating))
    return out


def _reading(data: dict[str, Any], lang: str) -> str:
    reading = data.get("reading") if isinstance(data.get("reading"), dict) else None
    if reading is None:
        return ""
    met = [INDICATOR_DIMENSION.label(str(d), lang) for d in reading.get("met_dimensions") or ()]
    head = (
        tr("strong indicators in %1 of %2 dimensions")
        .replace("%1", str(reading.get("strong_dimensions", 0)))
        .replace("%2", str(reading.get("dimensions_total", 0)))
    )
    return f"{head}; {', '.join(met)}" if met else head


def rows(kind: str, data: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a casework event, in reading order; empty values left out."""
    pairs: list[tuple[str, str]] = []
    if kind == "identification_report":
        pairs = [
            (tr("Reported by"), REPORT_SOURCE.label(_s(data.get("source_kind")), lang)),
            (tr("Organisation"), _s(data.get("entry_name"))),
            (tr("Person"), _s(data.get("reporter"))),
            (tr("Grounds"), _s(data.get("grounds"))),
            (tr("Decision due"), _s(data.get("due_on"))),
        ]
    elif kind == "screening":
        observed = data.get("observed") or []
        pairs = [
            (tr("Stage"), SCREEN_STAGE.label(_s(data.get("stage")), lang)),
            (tr("Indicator set"), INDICATOR_SET.label(_s(data.get("indicator_set")), lang)),
            (tr("List version"), _s(data.get("list_version"))),
            (tr("Indicators observed"), str(len(observed))),
            (tr("Suggested reading (never a decision)"), _reading(data, lang)),
            (tr("Note"), _s(data.get("note"))),
        ]
    elif kind == "identification_decision":
        days = data.get("days_from_report")
        pairs = [
            (tr("Decision"), ID_OUTCOME.label(_s(data.get("outcome")), lang)),
            (tr("Reasons"), _s(data.get("reasons"))),
            (tr("Referred to"), _s(data.get("referred_to"))),
            (tr("Days from the report"), "" if days is None else str(days)),
        ]
    elif kind == "child_interview":
        answers = data.get("answers") or {}
        topics = _topics()
        pairs = [(topics[t], _s(answers.get(t))) for t in CHILD_TOPICS]
        pairs.append((tr("Guardian present"), tr("yes") if data.get("guardian_present") else ""))
        pairs.append((tr("Interpreter"), tr("yes") if data.get("interpreter") else ""))
    elif kind == "credibility_assessment":
        pairs = [
            (tr("Statement capacity"), CAPACITY.label(_s(data.get("capacity")), lang)),
            (tr("Signs of trauma"), tr("yes") if data.get("trauma_signs") else ""),
            (tr("Needs a support person"), tr("yes") if data.get("needs_support_person") else ""),
            (tr("Reasons"), _s(data.get("reasons"))),
        ]
    elif kind == "needs_assessment":
        pairs = _needs(data, lang)
    return [(label, value) for label, value in pairs if value]


def summary(kind: str, data: dict[str, Any], lang: str) -> str:
    """The one-line summary of a casework event."""
    pairs = dict(rows(kind, data, lang))
    if kind == "identification_report":
        parts = [pairs.get(tr("Reported by"), ""), pairs.get(tr("Organisation"), "")]
        parts.append(pairs.get(tr("Grounds"), ""))
    elif kind == "screening":
        parts = [
            pairs.get(tr("Indicator set"), ""),
            pairs.get(tr("Suggested reading (never a decision)"), ""),
        ]
    elif kind == "identification_decision":
        parts = [pairs.get(tr("Decision"), ""), pairs.get(tr("Reasons"), "")]
    elif kind == "credibility_assessment":
        parts = [pairs.get(tr("Statement capacity"), ""), pairs.get(tr("Reasons"), "")]
    elif kind == "needs_assessment":
        parts = [", ".join(f"{label}: {value}" for label, value in rows(kind, data, lang))]
    else:
        parts = [tr("Structured interview with the child")]
    return " — ".join(p for p in parts if p)
