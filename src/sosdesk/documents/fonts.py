"""DejaVu Sans (shipped in resources/fonts) registered with reportlab: Cyrillic needs it."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"


def fonts_dir() -> Path:
    """The font folder (in the wheel or at the top of a checkout)."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "resources" / "fonts", here.parent.parent / "resources" / "fonts"):
        if (candidate / f"{REGULAR}.ttf").exists():
            return candidate
    raise FileNotFoundError("DejaVu Sans is missing from this installation")


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
