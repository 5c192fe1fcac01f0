"""From a request to a finished PDF, and from a PDF to an entry in the print register.

`build` renders in memory (nothing touches the disk) with the next free document number;
`issue` records a saved or printed PDF. If the number went to another document meanwhile,
`issue_with_retry` renders again with a fresh number before writing or printing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from sosdesk.documents import accompaniment, certificate, chronology, costs, referral
from sosdesk.documents.layout import PageFrame, render
from sosdesk.domain.messages import render as message
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.domain.vocab import DOCUMENT_KIND
from sosdesk.services import print_register
from sosdesk.services.documents.gather import gather
from sosdesk.services.documents.request import DocumentRequest
from sosdesk.services.documents.shapes import DocumentData
from sosdesk.services.session import Database

MIN_PASSWORD = 8
# Each story takes its own data class; the request's kind guarantees the match.
_STORIES: dict[str, Callable[..., list[Flowable]]] = {
    "chronology": chronology.story,
    "certificate": certificate.story,
    "accompaniment": accompaniment.story,
    "costs": costs.story,
    "referral": referral.story,
}


@dataclass(frozen=True)
class BuiltDocument:
    """A rendered PDF, held in memory until the user saves or prints it."""

    request: DocumentRequest
    number: str
    title: str
    pdf: bytes = field(repr=False)
    sha256: str
    pages: int
    password: str | None = field(default=None, repr=False)

    @property
    def encrypted(self) -> bool:
        return self.password is not None

    def record(self) -> print_register.IssueRecord:
        """What the print register keeps about this PDF."""
        r = self.request
        return print_register.IssueRecord(
            number=self.number,
            kind=r.kind,
            client_id=r.client_id,
            lang=r.lang,
            profile=r.profile,
            sha256=self.sha256,
            pages=self.pages,
            encrypted=self.encrypted,
            period=(r.since, r.until),
        )


def check_password(password: str | None) -> None:
    """A PDF password must be long enough to mean something; raises ValidationFailed."""
    if password is not None and len(password) < MIN_PASSWORD:
        raise ValidationFailed(
            [FieldError("password", message("doc.password_short", {"min": MIN_PASSWORD}))]
        )


def render_data(
    data: DocumentData, kind: str, number: str, password: str | None
) -> tuple[bytes, int]:
    """Lay out gathered data as a PDF; returns the bytes and the page count."""
    common = data.common
    title = DOCUMENT_KIND.label(kind, common.lang)
    frame = PageFrame(common.organisation, common.lang, title, number)
    rendered = render(frame, _STORIES[kind](data, number), password)
    return rendered.pdf, rendered.pages


def build(
    db: Database,
    request: DocumentRequest,
    *,
    password: str | None = None,
    number: str | None = None,
) -> BuiltDocument:
    """Gather and render one document with the next free number (nothing is recorded yet)."""
    check_password(password)
    data = gather(db, request)
    number = number or print_register.peek_number(db, data.common.issued_on.year)
    pdf, pages = render_data(data, request.kind, number, password)
    return BuiltDocument(
        request,
        number,
        DOCUMENT_KIND.label(request.kind, request.lang),
        pdf,
        print_register.sha256_hex(pdf),
        pages,
        password,
    )


def issue(db: Database, built: BuiltDocument, output: str) -> bool:
    """Record the PDF in the print register; False when it repeats one already issued."""
    return print_register.issue(db, built.record(), output)


def issue_with_retry(
    db: Database,
    built: BuiltDocument,
    output: str,
    deliver: Callable[[BuiltDocument], None],
    attempts: int = 3,
) -> BuiltDocument:
    """Deliver (write or print) the PDF and record it; re-render if its number was taken.

    Returns the document that was delivered and recorded (a fresh one after a re-render).
    """
    current = built
    for _ in range(attempts):
        try:
            # Record first: a document that left the desk unregistered would be worse than a
            # registered one whose delivery failed, which the chain then explains.
            print_register.issue(db, current.record(), output)
        except print_register.NumberTaken:
            current = build(db, current.request, password=current.password)
            continue
        try:
            deliver(current)
        except BaseException as exc:
            print_register.delivery_failed(db, current.record(), output, type(exc).__name__)
            raise
        return current
    raise print_register.NumberTaken("the print register is busy; try again")
