"""Clients and timelines for document tests, built through the services on a real database."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from sosdesk.store.database import Database
from tests.factory import (
    ADDRESS,
    OTHER_PHONE,
    PHONE_E164,
    PHONE_TYPED,
    Fixture,
    add_directory,
    at,
    make_story,
)

# The story's builders moved to tests/factory.py; the documents tests still import them here.
__all__ = [
    "ADDRESS",
    "OTHER_PHONE",
    "PHONE_E164",
    "PHONE_TYPED",
    "Fixture",
    "add_directory",
    "at",
    "flat",
    "make_story",
    "open_with_qtpdf",
    "page_texts",
    "pdf_text",
]


def pdf_text(data: bytes, password: str | None = None) -> str:
    """All text of a PDF, pages joined: pypdf, or for an encrypted one QtPdf (pdfium), the
    engine of the app's own preview and printing (test_readers.py checks the other readers)."""
    if password is None:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(p.extract_text() for p in reader.pages)
    doc, error = open_with_qtpdf(data, password)
    assert error == "None_", f"pdfium could not open it: {error}"
    return "\n".join(doc.getAllText(i).text() for i in range(doc.pageCount()))


def open_with_qtpdf(data: bytes, password: str) -> tuple[Any, str]:
    """Load a PDF with pdfium (QtPdf) from memory; returns the document and its error name."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.setPassword(password)
    doc.load(buffer)
    doc.setProperty("buffer", buffer)  # keep the buffer alive as long as the document
    return doc, doc.error().name


def page_texts(data: bytes) -> list[str]:
    """The text of each page."""
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    """Text with line breaks as spaces (table cells wrap)."""
    return " ".join(text.split())


@pytest.fixture
def story(db: Database) -> Fixture:
    """Milica Jovanović: assistance with costs, accompaniment, hearings, referrals, notes."""
    return make_story(db)
