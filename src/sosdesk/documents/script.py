"""Script and number formatting for documents: Cyrillic, Latin or English, dates and money.

Courts in Serbia read Cyrillic, so names and free text written in Latin are transliterated in a
Cyrillic document, and Cyrillic text becomes Latin in Latin and English documents. Words that
are not Serbian (e-mail and web addresses, foreign names) stay as written; a client's name is
printed as the profile writes it in Cyrillic when it does.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from xml.sax.saxutils import escape

from sosdesk.domain.translit import cyrillic_to_latin, latin_to_cyrillic, name_to_cyrillic

# E-mail and web addresses stay as typed (foreign words are kept by the transliteration).
_KEEP = re.compile(r"(\S*(?:@|://|www\.)\S*)")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def in_script(text: str | None, lang: str) -> str:
    """`text` in the script of a document in `lang` (sr-Cyrl: Cyrillic, otherwise Latin)."""
    if not text:
        return ""
    if lang != "sr-Cyrl":
        return cyrillic_to_latin(text)
    parts = _KEEP.split(text)
    # Odd positions are the words to keep; the rest is Serbian text.
    return "".join(p if i % 2 else latin_to_cyrillic(p) for i, p in enumerate(parts))


def name_in_script(name: str | None, lang: str, written_in_cyrillic: str | None = None) -> str:
    """A person's name in the document's script: the profile's Cyrillic spelling when given,
    a foreign name kept whole in Latin."""
    if not name:
        return ""
    if lang == "sr-Cyrl":
        return name_to_cyrillic(name, written_in_cyrillic)
    return cyrillic_to_latin(name)


def para(text: str | None, lang: str) -> str:
    """Free text ready for a reportlab Paragraph: in script, escaped, line breaks kept."""
    return escape(in_script(text, lang)).replace("\n", "<br/>")


def fmt_date(d: date | None, lang: str) -> str:
    """21.11.2026. in Serbian, 21 Nov 2026 in English."""
    if d is None:
        return ""
    if lang == "en":
        return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"
    return f"{d.day:02d}.{d.month:02d}.{d.year}."


def fmt_datetime(t: datetime, lang: str) -> str:
    """Date and local time (hours:minutes)."""
    sep = ", " if lang == "en" else " "
    return f"{fmt_date(t.date(), lang)}{sep}{t.hour:02d}:{t.minute:02d}"


def fmt_amount(amount_minor: int, lang: str) -> str:
    """Minor units as a decimal amount: 1.234,56 (Serbian) or 1,234.56 (English), exact."""
    whole, cents = divmod(abs(amount_minor), 100)
    sign = "-" if amount_minor < 0 else ""
    if lang == "en":
        return f"{sign}{whole:,}.{cents:02d}"
    return f"{sign}{whole:,}".replace(",", ".") + f",{cents:02d}"


def fmt_money(amount_minor: int, currency: str, lang: str) -> str:
    """Amount and currency code."""
    return f"{fmt_amount(amount_minor, lang)} {currency}"
