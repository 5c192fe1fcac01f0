"""The document header as it would look with changed organisation details: a one-page PDF
rendered by the same layout as every issued document, nothing saved (the Office area's live
preview of the header editor)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from reportlab.platypus import Spacer

from sosdesk.documents.layout import PageFrame, render
from sosdesk.domain.vocab import DOCUMENT_KIND
from sosdesk.services.organisation import Organisation, clean_organisation, get_organisation
from sosdesk.services.print_register import format_number
from sosdesk.services.session import Database


def header_preview(db: Database, changes: dict[str, Any], lang: str) -> bytes:
    """A one-page PDF whose header shows the organisation with `changes` applied; raises
    ValidationFailed for a field the header editor would refuse."""
    fields = clean_organisation(changes)
    merged = asdict(get_organisation(db))
    merged.update(fields)
    merged["sos_numbers"] = tuple(merged["sos_numbers"])
    org = Organisation(**merged)
    # A sample number (0): a preview never takes one from the register.
    number = format_number(db.desk.desk_code, datetime.now(UTC).year, 0)
    frame = PageFrame(org, lang, DOCUMENT_KIND.label("certificate", lang), number)
    return render(frame, [Spacer(1, 1)]).pdf
