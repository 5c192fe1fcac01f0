"""The print register: document numbers (desk + year + sequence) and a record of every issue.

Numbers have no gaps: a preview is rendered with the *next* number (`peek_number`), and the
counter moves only when the document is issued (saved or printed) with that very number. If
another document took the number in between, `issue` refuses and the caller renders again.

Every issue lands in the audit chain (number, who, when, which client, SHA-256 of the PDF) and
as a `document_issued` event on the client's timeline, so `verify` can recognise the file later.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from sosdesk.domain.messages import CodedError
from sosdesk.services.events import insert_event
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry, Client, CodeCounter, Event, User
from sosdesk.store.tx import Tx

ISSUED = "document_issued"
COPY = "document_copy"
OUTPUTS = ("file", "print")
NUMBER = re.compile(r"\b([A-Z][A-Z0-9]{1,5})-(\d{4})-D(\d{4,6})\b")


class NumberTaken(CodedError, RuntimeError):
    """The previewed number was issued to another document meanwhile: render again."""

    code = "register.number_taken"


class BadRegisterInput(CodedError, ValueError):
    """A number not of this desk, or an unknown output: a caller's mistake, not a user's."""

    code = "register.not_a_number"


@dataclass(frozen=True)
class IssueRecord:
    """What the register keeps about one produced PDF."""

    number: str
    kind: str  # DOCUMENT_KIND code
    client_id: str
    lang: str
    profile: str  # full or pseudonymised
    sha256: str
    pages: int
    encrypted: bool
    period: tuple[date | None, date | None] = (None, None)


@dataclass(frozen=True)
class Verification:
    """The answer of `verify`: was this exact file issued here, and when."""

    status: str  # issued, modified, unknown
    number: str | None = None
    kind: str | None = None
    issued_at: datetime | None = None
    issued_by: str | None = None
    client_code: str | None = None
    in_audit_chain: bool = False


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of a PDF, as the register stores it."""
    return hashlib.sha256(data).hexdigest()


def _counter_key(desk: str) -> str:
    # Document numbers share the client-code counter table under their own key ("BG1/D").
    return f"{desk}/D"


def format_number(desk: str, year: int, seq: int) -> str:
    """`BG1`, 2026, 42 -> `BG1-2026-D0042`."""
    return f"{desk}-{year:04d}-D{seq:04d}"


def peek_number(db: Database, year: int) -> str:
    """The number the next issued document of `year` will carry (nothing is reserved)."""
    desk = db.desk.desk_code
    with db.session() as s:
        counter = s.get(CodeCounter, (_counter_key(desk), year))
        last = counter.last if counter else 0
    return format_number(desk, year, last + 1)


def _take_number(tx: Tx, desk: str, number: str) -> None:
    m = NUMBER.fullmatch(number)
    if m is None or m.group(1) != desk:
        raise BadRegisterInput("register.not_a_number", number=number, desk=desk)
    year, seq = int(m.group(2)), int(m.group(3))
    counter = tx.session.get(CodeCounter, (_counter_key(desk), year))
    if counter is None:
        counter = CodeCounter(desk=_counter_key(desk), year=year, last=0)
        tx.session.add(counter)
    if counter.last + 1 != seq:
        raise NumberTaken("register.number_taken", number=number)
    counter.last = seq


def _issued_event(tx: Tx, number: str) -> Event | None:
    q = select(Event).where(Event.kind == ISSUED, Event.payload["number"].as_string() == number)
    return tx.session.execute(q.limit(1)).scalar_one_or_none()


def issue(db: Database, record: IssueRecord, output: str) -> bool:
    """Record a saved or printed PDF. Returns False when it was a copy of one already issued."""
    if output not in OUTPUTS:
        raise BadRegisterInput("register.bad_output", outputs=", ".join(OUTPUTS))
    detail: dict[str, Any] = {
        "number": record.number,
        "kind": record.kind,
        "client_id": record.client_id,
        "lang": record.lang,
        "profile": record.profile,
        "sha256": record.sha256,
        "pages": record.pages,
        "encrypted": record.encrypted,
        "output": output,
        "from": record.period[0].isoformat() if record.period[0] else None,
        "to": record.period[1].isoformat() if record.period[1] else None,
    }
    with db.transaction() as tx:
        earlier = _issued_event(tx, record.number)
        if earlier is not None:
            if earlier.payload.get("sha256") != record.sha256:
                raise NumberTaken("register.issued_elsewhere", number=record.number)
            tx.audit(COPY, "clients", record.client_id, detail)
            return False
        _take_number(tx, db.desk.desk_code, record.number)
        tx.audit(ISSUED, "clients", record.client_id, detail)
        insert_event(
            tx,
            record.client_id,
            ISSUED,
            tx.now,
            {
                "document": record.kind,
                "number": record.number,
                "sha256": record.sha256,
                "lang": record.lang,
            },
        )
    return True


def issue_about(
    db: Database, number: str, entity: str, entity_id: str, detail: dict[str, Any], output: str
) -> None:
    """Record a document about something other than a client (a missing child's case): the
    number is taken and the chain says what left the desk; no client timeline gets an event."""
    if output not in OUTPUTS:
        raise BadRegisterInput("register.bad_output", outputs=", ".join(OUTPUTS))
    with db.transaction() as tx:
        _take_number(tx, db.desk.desk_code, number)
        tx.audit(ISSUED, entity, entity_id, {**detail, "number": number, "output": output})


def delivery_failed(db: Database, record: IssueRecord, output: str, reason: str) -> None:
    """Note in the chain that a registered PDF could not be written or printed."""
    with db.transaction() as tx:
        tx.audit(
            "document_output_failed",
            "clients",
            record.client_id,
            {"number": record.number, "output": output, "reason": reason},
        )


def verify(db: Database, data: bytes) -> Verification:
    """Whether `data` is a PDF issued here (exactly), a changed copy of one, or unknown."""
    digest = sha256_hex(data)
    with db.session() as s:
        q = select(Event).where(Event.kind == ISSUED, Event.payload["sha256"].as_string() == digest)
        event = s.execute(q.limit(1)).scalar_one_or_none()
        if event is None:
            claimed = _claimed_number(data)
            about = _verify_about(s, digest, claimed)
            if about is not None:
                return about
            if claimed is None:
                return Verification("unknown")
            q = select(Event).where(
                Event.kind == ISSUED, Event.payload["number"].as_string() == claimed
            )
            event = s.execute(q.limit(1)).scalar_one_or_none()
            if event is None:
                return Verification("unknown", number=claimed)
            status = "modified"
        else:
            status = "issued"
        author = s.get(User, event.author_id) if event.author_id else None
        client = s.get(Client, event.client_id)
        in_chain = status == "issued" and _in_audit_chain(s, event.payload.get("number"), digest)
        return Verification(
            status,
            number=event.payload.get("number"),
            kind=event.payload.get("document"),
            issued_at=event.occurred_at,
            issued_by=author.display_name if author else None,
            client_code=client.code if client else None,
            in_audit_chain=in_chain,
        )


def _verify_about(s: Any, digest: str, claimed: str | None) -> Verification | None:
    """A document about something other than a client (`issue_about`): known from the chain."""
    about = AuditEntry.action == ISSUED, AuditEntry.entity != "clients"
    q = select(AuditEntry).where(*about, AuditEntry.detail["sha256"].as_string() == digest)
    entry = s.execute(q.limit(1)).scalar_one_or_none()
    status = "issued"
    if entry is None and claimed is not None:
        q = select(AuditEntry).where(*about, AuditEntry.detail["number"].as_string() == claimed)
        entry = s.execute(q.limit(1)).scalar_one_or_none()
        status = "modified"
    if entry is None:
        return None
    author = s.execute(select(User).where(User.name == entry.actor)).scalar_one_or_none()
    return Verification(
        status,
        number=entry.detail.get("number"),
        kind=entry.detail.get("kind"),
        issued_at=entry.at,
        issued_by=author.display_name if author else entry.actor,
        in_audit_chain=status == "issued",
    )


def _in_audit_chain(s: Any, number: str | None, digest: str) -> bool:
    q = select(AuditEntry.seq).where(
        AuditEntry.action == ISSUED,
        AuditEntry.detail["number"].as_string() == number,
        AuditEntry.detail["sha256"].as_string() == digest,
    )
    return s.execute(q.limit(1)).first() is not None


def _claimed_number(data: bytes) -> str | None:
    """The document number a (plain) PDF carries in its metadata, if any is readable."""
    m = re.search(rb"/Subject \(([A-Z][A-Z0-9]{1,5}-\d{4}-D\d{4,6})\)", data)
    return m.group(1).decode("ascii") if m else None


def issued_documents(db: Database, client_id: str) -> list[tuple[datetime, str, str]]:
    """(when, number, kind) of every document issued for a client, newest first."""
    q = (
        select(Event)
        .where(Event.client_id == client_id, Event.kind.concat("") == ISSUED)
        .order_by(Event.occurred_at.desc())
    )
    with db.session() as s:
        return [
            (e.occurred_at, e.payload.get("number", ""), e.payload.get("document", ""))
            for e in s.execute(q).scalars()
        ]
