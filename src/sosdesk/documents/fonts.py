"""DejaVu Sans (shipped in resources/fonts) registered with reportlab: Cyrillic needs it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from sosdesk.datafiles import shipped

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def fonts_dir() -> Path:
    """The font folder (in the wheel, the bundle or at the top of a checkout)."""
    return shipped("resources", "fonts", f"{REGULAR}.ttf").parent


@cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces once; returns their reportlab names."""
    folder = fonts_dir()
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / f"{REGULAR}.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / f"{BOLD}.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return REGULAR, BOLD
