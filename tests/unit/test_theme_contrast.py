"""Readable at 3 a.m. (issue 18, problem 7): every text colour of both themes against every
background it is drawn on measures at least 4.5:1 (WCAG 2.1 AA for normal text), computed from
the theme files the desk ships."""

from __future__ import annotations

import pytest

from sosdesk.ui.theme import THEMES, palette_colours

TEXTS = ("text", "muted", "accent", "danger", "warning", "ok")
GROUNDS = ("bg", "surface", "surface_alt", "input_bg", "header_bg", "selection")
# Pairs drawn on their own ground: a selected row, the primary button, the emergency frame.
OWN = (("selection_text", "selection"), ("accent_text", "accent"), ("danger", "danger_bg"))
AA = 4.5


def luminance(hex_colour: str) -> float:
    """Relative luminance of an sRGB colour as WCAG 2.1 defines it."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_ratio_matches_known_values() -> None:
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", THEMES)
def test_every_text_on_every_ground_is_aa(theme: str) -> None:
    colours = palette_colours(theme)
    pairs = [(fg, bg) for fg in TEXTS for bg in GROUNDS] + list(OWN)
    low = {
        f"{fg} on {bg}": round(ratio(colours[fg], colours[bg]), 2)
        for fg, bg in pairs
        if ratio(colours[fg], colours[bg]) < AA
    }
    assert low == {}, f"{theme}: below {AA}:1"


def test_the_night_theme_is_darker_than_the_day_theme() -> None:
    assert (
        luminance(palette_colours("dark")["bg"]) < 0.02 < luminance(palette_colours("light")["bg"])
    )
