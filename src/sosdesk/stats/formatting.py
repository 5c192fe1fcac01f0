"""Numbers, money, percentages and dates as a reader of each language expects them."""

from __future__ import annotations

from datetime import date

from sosdesk.stats.labels import month_name


def number(n: int, lang: str) -> str:
    """`12345` -> `12.345` (Serbian) or `12,345` (English)."""
    grouped = f"{n:,}"
    return grouped if lang == "en" else grouped.replace(",", ".")


def money(minor: int, lang: str) -> str:
    """Minor units as an amount: `123456` -> `1.234,56` (Serbian) or `1,234.56` (English)."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), 100)
    if lang == "en":
        return f"{sign}{whole:,}.{cents:02d}"
    return f"{sign}{whole:,}".replace(",", ".") + f",{cents:02d}"


def change(now: int, before: int, lang: str) -> str:
    """The change from `before` to `now` in per cent, or a dash when there is no base."""
    if before == 0:
        return "–"
    pct = (now - before) * 100 / before
    text = f"{pct:+.1f} %"
    return text if lang == "en" else text.replace(".", ",")


def day(d: date, lang: str) -> str:
    """`1. 3. 2025.` (Serbian) or `1 March 2025` (English)."""
    if lang == "en":
        return f"{d.day} {month_name(d.month, lang)} {d.year}"
    return f"{d.day}. {d.month}. {d.year}."
