"""Render sosdesk.svg into the PNG (Linux .desktop) and ICO (Windows) icons beside it.

Run once after changing the SVG: `QT_QPA_PLATFORM=offscreen python packaging/icons/render.py`.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent


def render(size: int) -> QImage:
    """The icon at `size` x `size` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(HERE / "sosdesk.svg")).render(painter)
    painter.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication([])
    render(256).save(str(HERE / "sosdesk.png"))
    render(256).save(str(HERE / "sosdesk.ico"))
