"""Translation: English source strings in `self.tr(...)`, Serbian Latin catalogues as JSON files
(one per area, `resources/translations/sr-Latn/<area>.json`), Cyrillic transliterated from Latin.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from sosdesk.datafiles import shipped
from sosdesk.domain.translit import latin_to_cyrillic

LANGUAGES = ("sr-Latn", "sr-Cyrl", "en")


def translations_dir() -> Path:
    """The sr-Latn catalogue folder (in the wheel, the bundle or at the top of a checkout)."""
    return shipped("resources", "translations", "sr-Latn")


def load_catalogue() -> dict[str, str]:
    """English source text -> Serbian Latin, merged from every area's file."""
    merged: dict[str, str] = {}
    for path in sorted(translations_dir().glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


class CatalogueTranslator(QTranslator):
    """Looks source strings up in the catalogue, whatever the Qt context."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        latin = load_catalogue()
        self._table = (
            {k: latin_to_cyrillic(v) for k, v in latin.items()} if lang == "sr-Cyrl" else latin
        )

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        # A string missing from the catalogue shows in English rather than as a blank label.
        return self._table.get(source, source)

    def isEmpty(self) -> bool:
        return not self._table


_installed: CatalogueTranslator | None = None
_current = "en"


def current_lang() -> str:
    """The language the application was last switched to (`install`); English before that."""
    return _current


def install(lang: str) -> None:
    """Switch the application language (widgets retranslate on QEvent.LanguageChange)."""
    global _installed, _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication first")
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    _current = lang if lang in LANGUAGES else "en"
    if lang != "en":
        _installed = CatalogueTranslator(lang)
        app.installTranslator(_installed)
