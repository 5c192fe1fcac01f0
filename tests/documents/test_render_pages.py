"""First pages rendered to PNG (QtPdf, offscreen), fonts embedded.

The pictures go to tests.artifacts.renders_dir(): an ignored folder, or docs/documents/ under
`make screenshots`.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from sosdesk.documents.produce import build
from sosdesk.services.documents_data import DocumentRequest
from sosdesk.store.database import Database
from sosdesk.ui.documents.printing import load_pdf
from tests.artifacts import renders_dir
from tests.documents.conftest import Fixture

OUT = renders_dir()
SAMPLES = (
    ("chronology", "sr-Cyrl", "full", 2),
    ("chronology", "en", "pseudonymised", 2),
    ("certificate", "sr-Cyrl", "full", 1),
    ("accompaniment", "sr-Latn", "full", 1),
    ("costs", "en", "full", 2),
    ("referral", "sr-Cyrl", "full", 1),
)


def render_page(pdf: bytes, page: int, scale: float = 1.6) -> QImage:
    """One page as an image on white paper."""
    doc, buffer = load_pdf(pdf, None)
    assert doc.status() == QPdfDocument.Status.Ready
    points = doc.pagePointSize(page)
    size = QSize(round(points.width() * scale), round(points.height() * scale))
    paper = QImage(size, QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, doc.render(page, size))
    painter.end()
    doc.close()
    buffer.close()
    return paper


def _ink(image: QImage) -> float:
    """Share of sampled pixels that are not white (a blank or boxes-only page has little)."""
    dark = total = 0
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            total += 1
            dark += QColor(image.pixel(x, y)).lightness() < 200
    return dark / total


@pytest.mark.parametrize(("kind", "lang", "profile", "pages"), SAMPLES)
def test_render_first_pages(
    qapp: QApplication, db: Database, story: Fixture, kind: str, lang: str, profile: str, pages: int
) -> None:
    doc = build(db, DocumentRequest(kind, story.client_id, lang=lang, profile=profile))
    # A letter fits one page; a page more means a block was pushed over for nothing.
    assert doc.pages == pages
    OUT.mkdir(parents=True, exist_ok=True)
    for page in range(min(pages, doc.pages)):
        image = render_page(doc.pdf, page)
        assert image.width() == round(595.28 * 1.6)  # A4 portrait
        assert 0.01 < _ink(image) < 0.35
        suffix = f"-p{page + 1}" if pages > 1 else ""
        image.save(str(OUT / f"{kind}-{lang}-{profile}{suffix}.png"))


def test_fonts_are_embedded_dejavu(db: Database, story: Fixture) -> None:
    doc = build(db, DocumentRequest("chronology", story.client_id, lang="sr-Cyrl"))
    reader = PdfReader(io.BytesIO(doc.pdf))
    used = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            used.add(str(font["/BaseFont"]))
            if "DejaVu" in str(font["/BaseFont"]):
                descendant = (
                    font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                )
                descriptor = descendant["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor  # the TrueType program is in the PDF
    assert any("DejaVuSans-Bold" in f for f in used) and any(
        f.endswith("DejaVuSans") or "DejaVuSans+" in f or f.endswith("+DejaVuSans") for f in used
    )
    size = reader.pages[0].mediabox
    assert (round(float(size.width)), round(float(size.height))) == (595, 842)  # A4
