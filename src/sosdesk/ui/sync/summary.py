"""Words for import results and refusal reasons (translated; the sync layer speaks English)."""

from __future__ import annotations

from collections.abc import Callable

from sosdesk.domain.messages import Problem
from sosdesk.sync.views import ImportOutcome, still_waiting
from sosdesk.ui.widgets.problem_text import error_text

REASONS = {
    "too_large": "too large",
    "not_a_batch": "not an SOS Desk batch",
    "wrong_recipient": "made for someone else, or damaged",
    "damaged": "damaged or altered",
    "truncated": "cut short",
    "trailing_data": "data appended to it",
    "malformed": "malformed",
    "unknown_sender": "from a desk that is not enrolled",
    "revoked": "from a revoked desk",
    "bad_signature": "signature does not match: forged or altered",
    "future_schema": "made by a newer SOS Desk: update this program",
    "fork": "ALERT: a second, different history of that desk",
    "invalid_record": "holds an invalid record",
    "count_mismatch": "incomplete",
    "hash_mismatch": "altered after signing",
    "clock_ahead": "the sender's clock is far ahead",
    "unknown_batch": "names a batch this desk did not write",
    "missing": "file not found",
    "not_a_file": "not an ordinary file",
    "not_owned": "changes data its sender may not send",
}


def reason_text(reason: str | None, tr: Callable[[str], str]) -> str:
    """A refusal reason in the user's language."""
    return tr(REASONS.get(reason or "", "refused"))


def refusal_text(o: ImportOutcome, tr: Callable[[str], str]) -> str:
    """Why a file was refused: the coded sentence naming the record when there is one."""
    if o.problem is not None:
        return error_text(o.problem)
    return reason_text(o.reason, tr)


def import_summary(outcomes: list[ImportOutcome], tr: Callable[[str], str]) -> tuple[str, bool]:
    """(text, whether anything was refused)."""
    count = {s: sum(o.status == s for o in outcomes) for s in ("applied", "replayed", "rejected")}
    count["held"] = len(still_waiting(outcomes))
    conflicts = sum(o.conflicts for o in outcomes)
    text = tr("Applied: {0}, already applied: {1}, waiting: {2}, refused: {3}.").format(
        count["applied"], count["replayed"], count["held"], count["rejected"]
    )
    if conflicts:
        text += " " + tr("{0} conflict(s) to review.").format(conflicts)
    withheld = sum(o.withheld for o in outcomes if o.status == "applied")
    if withheld:
        text += " " + error_text(Problem("sync.withheld", {"count": withheld}))
    if count["held"]:
        text += " " + tr("Waiting batches need an earlier batch from the same desk.")
    if count["rejected"]:
        reasons = "; ".join(
            f"{o.file}: {refusal_text(o, tr)}" for o in outcomes if o.status == "rejected"
        )
        text += " " + tr("Refused and kept in quarantine: {0}.").format(reasons)
        text += "".join(
            " "
            + error_text(Problem("set_aside.hint", {"seq": o.seq or 0, "desk": o.peer_code or ""}))
            for o in outcomes
            if o.problem is not None and o.problem.code == "office.record_does_not_fit"
        )
    return text, bool(count["rejected"])


def detail_text(o: ImportOutcome, tr: Callable[[str], str]) -> str:
    """What happened to one file, in the user's language."""
    if o.status == "applied":
        text = tr("batch {0}: {1} record(s), {2} new").format(o.seq, o.records, o.inserted)
        if o.conflicts:
            text += "; " + tr("{0} conflict(s) to review.").format(o.conflicts)
        return text
    if o.status == "replayed":
        return tr("batch {0} was already applied; nothing changed").format(o.seq)
    if o.status == "held":
        return tr("batch {0} waits for an earlier batch of the same desk").format(o.seq)
    return refusal_text(o, tr)


def status_text(status: str, tr: Callable[[str], str]) -> str:
    """applied / replayed / held / rejected, in words."""
    return {
        "applied": tr("applied"),
        "replayed": tr("already applied"),
        "held": tr("waiting"),
        "rejected": tr("refused"),
    }.get(status, status)
