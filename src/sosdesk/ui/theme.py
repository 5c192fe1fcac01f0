"""Light and dark themes (dark is for the night shift) and the font size, applied app-wide."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from sosdesk.datafiles import shipped
from sosdesk.files import write_private

THEMES = ("light", "dark")
DEFAULT_FONT_SIZE = 11
NIGHT_FROM, NIGHT_UNTIL = 19, 7  # "auto" is dark from 19:00 to 07:00 local time
_fonts_registered = False


def resources_dir() -> Path:
    """The resources folder (in the wheel, the bundle or at the top of a checkout)."""
    return shipped("resources", "themes").parent


def resolve(theme: str, now: datetime | None = None) -> str:
    """`light` or `dark`; `auto` follows the clock (dark at night)."""
    if theme in THEMES:
        return theme
    hour = (now or datetime.now()).hour
    return "dark" if hour >= NIGHT_FROM or hour < NIGHT_UNTIL else "light"


def palette_colours(name: str) -> dict[str, str]:
    """The colour tokens of a theme (a copy: callers may change it)."""
    return dict(_colours(resolve(name)))


@cache
def _colours(theme: str) -> dict[str, str]:
    # Read once per process: tables ask for colours per row, and unlock re-applies the theme.
    path = resources_dir() / "themes" / f"{theme}.json"
    colours: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return colours


def stylesheet(name: str, font_size: int = DEFAULT_FONT_SIZE) -> str:
    """The application style sheet for a theme and font size."""
    return _stylesheet(resolve(name), font_size)


@cache
def _stylesheet(name: str, font_size: int) -> str:
    template = (resources_dir() / "themes" / "desk.qss").read_text(encoding="utf-8")
    tokens: dict[str, str] = dict(palette_colours(name))
    tokens.update(size=str(font_size), small=str(max(8, font_size - 2)), large=str(font_size + 4))
    for key in sorted(tokens, key=len, reverse=True):  # `surface_alt` before `surface`
        template = template.replace("@" + key, tokens[key])
    return template


def _palette(colours: dict[str, str]) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "bg"),
        (role.Base, "input_bg"),
        (role.AlternateBase, "surface_alt"),
        (role.WindowText, "text"),
        (role.Text, "text"),
        (role.ButtonText, "text"),
        (role.Button, "surface_alt"),
        (role.Highlight, "selection"),
        (role.HighlightedText, "selection_text"),
        (role.ToolTipBase, "surface"),
        (role.ToolTipText, "text"),
        (role.PlaceholderText, "muted"),
        (role.Link, "accent"),
    ):
        p.setColor(r, QColor(colours[key]))
    return p


def register_fonts() -> str:
    """Load the bundled DejaVu Sans (Serbian Cyrillic and Latin everywhere); returns the family."""
    global _fonts_registered
    if not _fonts_registered:
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            path = resources_dir() / "fonts" / name
            if path.exists():
                QFontDatabase.addApplicationFont(str(path))
        _fonts_registered = True
    return "DejaVu Sans"


def apply_theme(app: QApplication, theme: str, font_size: int = DEFAULT_FONT_SIZE) -> str:
    """Style the whole application; returns the theme actually used (`light` or `dark`)."""
    name = resolve(theme)
    sheet = stylesheet(name, font_size)
    if app.property("sosdesk_theme") == name and app.styleSheet() == sheet:
        # Setting the same style sheet again re-polishes every widget (seconds at unlock).
        return name
    # Named first: widgets that recolour on the palette change below ask which theme is on.
    app.setProperty("sosdesk_theme", name)
    app.setStyle("Fusion")
    font = QFont(register_fonts())
    font.setPointSize(font_size)
    app.setFont(font)
    app.setPalette(_palette(palette_colours(name)))
    app.setStyleSheet(sheet)
    return name


def current_theme(app: QApplication) -> str:
    """The theme applied last (`light` before any)."""
    value = app.property("sosdesk_theme")
    return str(value) if value else "light"


def repolish(widget: object) -> None:
    """Re-apply the style after a dynamic property (role, invalid) changed."""
    style = getattr(widget, "style", None)
    if style is None:
        return
    s = style()
    s.unpolish(widget)
    s.polish(widget)


def _look_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".theme")


def remember_theme(db_path: Path, theme: str) -> None:
    """Keep the theme last used with this database beside it, so the unlock screen opens in it
    (a dark desk at 3 a.m. must not flash a light screen). Only `light`/`dark`: no user data."""
    if theme not in THEMES:
        return
    path = _look_file(db_path)
    try:
        if path.exists() and path.read_text(encoding="ascii").strip() == theme:
            return
        write_private(path, theme.encode("ascii"), overwrite=True)
    except OSError:
        pass  # a read-only folder only costs the light unlock screen


def startup_theme(db_path: Path, default: str = "auto") -> str:
    """The theme to open the unlock screen in: the one last used with this database."""
    try:
        value = _look_file(db_path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return default
    return value if value in THEMES else default
