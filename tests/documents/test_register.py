"""Print register: gapless numbers, audit chain and timeline records, verification, passwords."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError
from sqlalchemy import select

from sosdesk.documents.produce import build, issue, issue_with_retry
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services import print_register
from sosdesk.services.documents_data import DocumentRequest
from sosdesk.services.events import timeline
from sosdesk.store.audit import verify_chain
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from tests.documents.conftest import Fixture, open_with_qtpdf, pdf_text

YEAR = datetime.now(UTC).year


def test_numbers_are_consumed_only_when_issued(db: Database, story: Fixture) -> None:
    first = build(db, DocumentRequest("certificate", story.client_id))
    again = build(db, DocumentRequest("certificate", story.client_id, lang="en"))
    assert first.number == again.number == f"BG1-{YEAR}-D0001"  # previews take nothing
    assert issue(db, again, "file") is True
    nxt = build(db, DocumentRequest("costs", story.client_id))
    assert nxt.number == f"BG1-{YEAR}-D0002"
    assert f"BG1-{YEAR}-D0002" in pdf_text(nxt.pdf)


def test_issue_records_audit_entry_and_timeline_event(db: Database, story: Fixture) -> None:
    doc = build(db, DocumentRequest("costs", story.client_id, profile="pseudonymised"))
    assert issue(db, doc, "print")
    with db.session() as s:
        entry = s.execute(
            select(AuditEntry).where(AuditEntry.action == "document_issued")
        ).scalar_one()
        assert entry.actor == "ana" and entry.entity_id == story.client_id
        assert entry.detail["number"] == doc.number and entry.detail["sha256"] == doc.sha256
        assert entry.detail["kind"] == "costs" and entry.detail["profile"] == "pseudonymised"
        assert entry.detail["output"] == "print"
        assert verify_chain(s) == []
    events = timeline(db, story.client_id, kinds={"document_issued"})
    assert [(e.payload["number"], e.payload["sha256"]) for e in events] == [
        (doc.number, doc.sha256)
    ]
    # Issuing the same bytes again is a copy: no new number, no second timeline event.
    assert issue(db, doc, "file") is False
    assert len(timeline(db, story.client_id, kinds={"document_issued"})) == 1


def test_a_taken_number_is_rendered_again(db: Database, story: Fixture) -> None:
    mine = build(db, DocumentRequest("certificate", story.client_id))
    theirs = build(db, DocumentRequest("costs", story.client_id))
    assert issue(db, theirs, "file")
    with pytest.raises(print_register.NumberTaken):
        issue(db, mine, "file")
    delivered: list[bytes] = []
    done = issue_with_retry(db, mine, "file", lambda b: delivered.append(b.pdf))
    assert done.number == f"BG1-{YEAR}-D0002" != mine.number
    assert delivered == [done.pdf]
    assert print_register.verify(db, done.pdf).status == "issued"


def test_verify_recognises_issued_and_rejects_modified(db: Database, story: Fixture) -> None:
    doc = build(db, DocumentRequest("chronology", story.client_id, lang="sr-Cyrl"))
    assert print_register.verify(db, doc.pdf).status == "unknown"  # a preview is not issued
    issue(db, doc, "file")
    ok = print_register.verify(db, doc.pdf)
    assert ok.status == "issued" and ok.number == doc.number and ok.in_audit_chain
    assert ok.issued_by == "Ana Petrović" and ok.kind == "chronology"
    assert ok.client_code == story.code
    tampered = doc.pdf.replace(b"/Creator (SOS Desk)", b"/Creator (SOS Dask)")
    assert tampered != doc.pdf
    bad = print_register.verify(db, tampered)
    assert bad.status == "modified" and bad.number == doc.number
    assert print_register.verify(db, b"%PDF-1.4 something else").status == "unknown"


def test_password_protected_pdf(db: Database, story: Fixture) -> None:
    with pytest.raises(ValidationFailed, match="at least 8"):
        build(db, DocumentRequest("certificate", story.client_id), password="short")
    doc = build(
        db, DocumentRequest("certificate", story.client_id, lang="en"), password="lozinka-za-sud"
    )
    assert doc.encrypted
    reader = PdfReader(io.BytesIO(doc.pdf))
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert b"/AESV3" in doc.pdf, "AES-256, not RC4"
    for wrong in ("", "wrong password"):
        assert open_with_qtpdf(doc.pdf, wrong)[1] == "IncorrectPassword"
    assert b"Milica" not in doc.pdf and b"CERTIFICATE" not in doc.pdf
    text = pdf_text(doc.pdf, password="lozinka-za-sud")
    assert "CERTIFICATE OF ASSISTANCE" in text and "Milica Jovanović" in text
    issue(db, doc, "file")
    assert print_register.verify(db, doc.pdf).status == "issued"


def test_metadata_never_names_the_client(db: Database, story: Fixture) -> None:
    doc = build(db, DocumentRequest("chronology", story.client_id, lang="en"))
    meta = PdfReader(io.BytesIO(doc.pdf)).metadata
    assert meta is not None
    values = " ".join(str(v) for v in meta.values())
    assert doc.number in values and "Milica" not in values and story.code not in values


def test_failed_delivery_is_noted_and_a_retry_is_a_copy(db: Database, story: Fixture) -> None:
    doc = build(db, DocumentRequest("certificate", story.client_id))

    def broken(_b: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        issue_with_retry(db, doc, "file", broken)
    delivered: list[str] = []
    again = issue_with_retry(db, doc, "file", lambda b: delivered.append(b.number))
    assert again.number == doc.number and delivered == [doc.number]
    with db.session() as s:
        actions = [
            a
            for (a,) in s.execute(select(AuditEntry.action).order_by(AuditEntry.seq))
            if a.startswith("document")
        ]
        assert actions == ["document_issued", "document_output_failed", "document_copy"]
        assert verify_chain(s) == []
