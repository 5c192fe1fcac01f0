"""Records the office set aside from a desk's batch, named in the user's language (the desk's
receipts, the Office area's question)."""

from __future__ import annotations

from sosdesk.domain.messages.core import Problem
from sosdesk.sync.views import SetAsideRecord
from sosdesk.ui.widgets.problem_text import error_text

MAX_SHOWN = 30  # records listed in the question; the rest are counted


def record_lines(records: tuple[SetAsideRecord, ...]) -> list[str]:
    """One line per set-aside record in the current language: which record, and why."""
    lines = [
        error_text(
            Problem("set_aside.record", {"line": r.line, "table": r.entity, "id": r.record_id})
        )
        + error_text(r.problem)
        for r in records[:MAX_SHOWN]
    ]
    if len(records) > MAX_SHOWN:
        lines.append(f"… (+{len(records) - MAX_SHOWN})")
    return lines


def desk_text(seq: int, records: tuple[SetAsideRecord, ...]) -> str:
    """What a desk is told when the office applied its batch without some records."""
    head = error_text(Problem("set_aside.desk_done", {"seq": seq, "count": len(records)}))
    return "\n".join([head, *record_lines(records)])
