"""PDF/A-2b from reportlab's output: XMP metadata, an sRGB output intent, tidy pages.

reportlab writes neither XMP nor an output intent, so pikepdf (over qpdf) adds them after
rendering. Rendering must already use embedded fonts only (the canvas's initial font is DejaVu,
pass `EMBEDDED_CANVAS`); `make_pdfa` refuses a file that still names a font it does not carry.
Encrypted files cannot be PDF/A (ISO 19005-2, 6.1.3): password documents skip this step.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name, Pdf

from sosdesk.datafiles import shipped
from sosdesk.documents.fonts import REGULAR
from sosdesk.domain.messages import CodedError

PRODUCER = "SOS Desk"
SRGB_CONDITION = "sRGB IEC61966-2.1"
# Document-template (or canvas) keyword arguments that keep reportlab from naming its standard
# Helvetica at the top of every page: `SimpleDocTemplate(..., **EMBEDDED_CANVAS)`.
EMBEDDED_CANVAS: dict[str, Any] = {"initialFontName": REGULAR}
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
# Page entries that point at things a PDF/A file must not have or that reportlab leaves
# without a target (ISO 19005-2, 6.6.1 and 6.10: no actions, no transitions, no thumbnails).
_PAGE_DROP = ("/AA", "/Trans", "/PresSteps", "/Thumb", "/Dur")


def icc_dir() -> Path:
    """The folder holding sRGB.icc (in the wheel, the bundle or at the top of a checkout)."""
    try:
        return shipped("resources", "icc", "sRGB.icc").parent
    except FileNotFoundError:
        raise CodedError("doc.icc_missing") from None


@cache
def srgb_profile() -> bytes:
    """The ICC (version 2) sRGB profile embedded as the output intent."""
    return (icc_dir() / "sRGB.icc").read_bytes()


def _fonts(pdf: Pdf) -> list[pikepdf.Object]:
    found: list[pikepdf.Object] = []
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for _name, font in fonts.items():
            found.append(font)
            for child in font.get("/DescendantFonts", []):
                found.append(child)
    return found


def unembedded_fonts(pdf: Pdf) -> list[str]:
    """Base names of the fonts used on any page whose program is not in the file."""
    missing: list[str] = []
    for font in _fonts(pdf):
        if font.get("/Subtype") == Name.Type0:
            continue  # its descendant carries the program
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in _FONT_FILES):
            missing.append(str(font.get("/BaseFont", "?")))
    return missing


def _output_intent(pdf: Pdf) -> Dictionary:
    profile = pikepdf.Stream(pdf, srgb_profile())
    profile["/N"] = 3
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(SRGB_CONDITION),
        Info=pikepdf.String(SRGB_CONDITION),
        RegistryName=pikepdf.String("http://www.color.org"),
        DestOutputProfile=pdf.make_indirect(profile),
    )


def _tidy_pages(pdf: Pdf) -> None:
    for page in pdf.pages:
        for key in _PAGE_DROP:
            if key in page.obj:
                del page.obj[key]
        page.remove_unreferenced_resources()


def _metadata(pdf: Pdf, title: str, number: str, lang: str, author: str | None) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    info = pdf.docinfo
    info["/Title"] = pikepdf.String(title)
    info["/Producer"] = pikepdf.String(PRODUCER)
    info["/Creator"] = pikepdf.String(PRODUCER)
    info["/Subject"] = pikepdf.String(number)
    if author:
        info["/Author"] = pikepdf.String(author)
    for key in ("/Keywords", "/Trapped"):
        if key in info:
            del info[key]
    # Info and XMP must agree (6.6.2.3); loading from the Info dictionary makes them equal.
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(info, raise_failure=True)
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
        meta["dc:title"] = title
        meta["dc:identifier"] = number
        meta["dc:language"] = [lang]
        meta["pdf:Producer"] = PRODUCER
        meta["xmp:CreatorTool"] = PRODUCER
        meta["xmp:MetadataDate"] = now.isoformat()


def make_pdfa(
    pdf_bytes: bytes, title: str, number: str, lang: str, author: str | None = None
) -> bytes:
    """The same document as PDF/A-2b: XMP (title, number, language, producer), sRGB intent.

    Raises CodedError doc.font_not_embedded when a page uses a font the file does not carry.
    """
    try:
        pdf = Pdf.open(io.BytesIO(pdf_bytes))
    except pikepdf.PasswordError:
        raise CodedError("doc.pdfa_encrypted") from None
    with pdf:
        if pdf.is_encrypted:
            raise CodedError("doc.pdfa_encrypted")
        _tidy_pages(pdf)
        missing = unembedded_fonts(pdf)
        if missing:
            raise CodedError("doc.font_not_embedded", count=len(missing))
        root = pdf.Root
        root["/OutputIntents"] = pikepdf.Array([_output_intent(pdf)])
        root["/Lang"] = pikepdf.String(lang)
        _metadata(pdf, title, number, lang, author)
        out = io.BytesIO()
        pdf.save(out, min_version="1.7", fix_metadata_version=False, deterministic_id=False)
        return out.getvalue()
