"""Timeline icons: a coloured disc with a symbol per event kind, drawn (no image files), so they
stay sharp at any size and read well on the light and the dark theme.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from sosdesk.ui.theme import register_fonts

KIND_GLYPHS: dict[str, tuple[str, str]] = {
    "call": ("☎", "#2b6fb0"),
    "assistance": ("✚", "#2e7d4f"),
    "field_action": ("➜", "#a86b00"),
    "court_hearing": ("⚖", "#6f47a0"),
    "referral": ("↗", "#1d7f80"),
    "status_change": ("⚑", "#b8322a"),
    "note": ("✎", "#5f6673"),
    "document_issued": ("▤", "#85572a"),
    "amendment": ("✱", "#c25100"),
}
_cache: dict[tuple[str, int], QIcon] = {}


def kind_colour(kind: str) -> QColor:
    """The colour of a kind (also used for the amendment link marker)."""
    return QColor(KIND_GLYPHS.get(kind, ("•", "#5f6673"))[1])


def kind_icon(kind: str, size: int = 20) -> QIcon:
    """The icon of an event kind."""
    key = (kind, size)
    if key in _cache:
        return _cache[key]
    glyph, colour = KIND_GLYPHS.get(kind, ("•", "#5f6673"))
    icon = QIcon()
    for scale in (1, 2):
        px = QPixmap(size * scale, size * scale)
        px.fill(Qt.GlobalColor.transparent)
        p = QPainter(px)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(colour))
        p.drawEllipse(QRectF(0.5, 0.5, size * scale - 1, size * scale - 1))
        font = QFont(register_fonts())
        font.setPixelSize(int(size * scale * 0.62))
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#ffffff"))
        p.drawText(QRectF(0, 0, size * scale, size * scale), Qt.AlignmentFlag.AlignCenter, glyph)
        p.end()
        px.setDevicePixelRatio(scale)
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected, QIcon.Mode.Active):
            icon.addPixmap(px, mode)  # a selected row keeps its colours
    _cache[key] = icon
    return icon
