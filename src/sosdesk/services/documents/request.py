"""What the user asks a document for, and the answer when there is nothing to print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sosdesk.domain.messages import CodedError
from sosdesk.domain.validation import Checker
from sosdesk.domain.vocab import DOCUMENT_KIND, EVENT_KIND, LANGS
from sosdesk.services.clients import NotFound

PROFILES = ("full", "pseudonymised")
# A chronology shows what was done; register entries and corrections are not "support".
# The Centre's internal assessments (screenings, interviews, capacity, needs) are not support
# and stay out unless asked for.
DEFAULT_KINDS = frozenset(EVENT_KIND.codes()) - {
    "document_issued",
    "amendment",
    "identification_report",
    "screening",
    "identification_decision",
    "child_interview",
    "credibility_assessment",
    "needs_assessment",
}
# Accompaniments a certificate may name; visits and health escorts are too intimate.
CERTIFICATE_ACCOMPANIMENTS = (
    "accompany_police",
    "accompany_social_work",
    "accompany_court",
    "accompany_prosecutor",
)


class NothingToPrint(CodedError, LookupError):
    """The document would be empty (no events in the range, no hearing, no costs...).

    The code is `doc.nothing.<kind>`; the message says what to do instead.
    """

    def __init__(self, kind: str) -> None:
        super().__init__(f"doc.nothing.{kind}")
        self.kind = kind


class DocumentSourceMissing(NotFound):
    """A record the document needs (client, hearing, directory entry) does not exist."""


@dataclass(frozen=True)
class DocumentRequest:
    """What the user asked for: which document, for whom, in which language and range."""

    kind: str
    client_id: str
    lang: str = "sr-Cyrl"
    since: date | None = None
    until: date | None = None
    kinds: frozenset[str] | None = None  # chronology only; None: DEFAULT_KINDS
    profile: str = "full"
    hearing_id: str | None = None  # accompaniment: a court_hearing event (default: latest)
    entry_id: str | None = None  # referral: a directory entry (default: latest referral)

    def check(self) -> None:
        """Raise ValidationFailed naming every bad option."""
        c = Checker()
        c.choice("document", self.kind, DOCUMENT_KIND, required=True)
        if self.lang not in LANGS:
            c.fail("lang", f"choose one of {', '.join(LANGS)}")
        if self.profile not in PROFILES:
            c.fail("profile", f"choose one of {', '.join(PROFILES)}")
        if self.since and self.until and self.until < self.since:
            c.fail("to", "the end date is before the start date; swap them or fix one")
        if self.kinds is not None:
            c.choices("kinds", sorted(self.kinds), EVENT_KIND)
            if not self.kinds:
                c.fail("kinds", "choose at least one kind of event")
        c.done()
