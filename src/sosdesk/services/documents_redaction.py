"""Old import path of the redaction; the code lives in `sosdesk.services.documents.redaction`."""

from sosdesk.services.documents.redaction import REMOVED, Scrubber

__all__ = ["REMOVED", "Scrubber"]
