"""The list of message modules merged into one table; each area owns its module.

Each module defines `MESSAGES: dict[code, (english, serbian_latin)]`; Cyrillic is transliterated
from the Latin text. Placeholders are `{name}` and must be the same in both languages.
"""

from __future__ import annotations

from types import ModuleType

from sosdesk.domain.messages import m_common, m_documents, m_files

MODULES: tuple[ModuleType, ...] = (m_common, m_files, m_documents)
