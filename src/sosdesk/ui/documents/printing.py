"""Printing a finished PDF on a QPrinter: each page rendered at the printer's resolution."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter


def load_pdf(pdf: bytes, password: str | None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument read from memory (nothing touches the disk); keep the buffer alive."""
    doc = QPdfDocument()
    if password:
        doc.setPassword(password)
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buffer)
    return doc, buffer


def print_pdf(pdf: bytes, password: str | None, printer: QPrinter) -> int:
    """Print every page (or the range chosen in the print dialog); returns pages printed."""
    doc, buffer = load_pdf(pdf, password)
    try:
        if doc.status() != QPdfDocument.Status.Ready:
            raise OSError("the PDF could not be opened for printing")
        first, last = 0, doc.pageCount() - 1
        if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
            first = max(0, printer.fromPage() - 1)
            last = min(last, printer.toPage() - 1)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer is not ready")
        # Rendering at more than 300 dpi only costs memory (a page is ~35 MB at 300 dpi).
        dpi = min(printer.resolution(), 300)
        printed = 0
        try:
            for page in range(first, last + 1):
                if printed:
                    printer.newPage()
                points = doc.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = doc.render(page, size)
                target = painter.viewport()
                scale = min(target.width() / size.width(), target.height() / size.height())
                painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
                printed += 1
        finally:
            painter.end()
        return printed
    finally:
        doc.close()
        buffer.close()
