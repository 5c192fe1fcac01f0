"""The message modules merged into one table: every `m_<area>.py` beside this file.

Each module defines `MESSAGES: dict[code, (english, serbian_latin)]`; Cyrillic is transliterated
from the Latin text. Placeholders are `{name}` and must be the same in both languages. Modules
are found by name so that an area adds its messages without editing a shared list.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import sosdesk.domain.messages as _package


def _discover() -> tuple[ModuleType, ...]:
    names = sorted(
        info.name for info in pkgutil.iter_modules(_package.__path__) if info.name.startswith("m_")
    )
    return tuple(importlib.import_module(f"{_package.__name__}.{name}") for name in names)


MODULES: tuple[ModuleType, ...] = _discover()
