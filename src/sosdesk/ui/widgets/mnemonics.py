"""The Alt key a caption's mnemonic gives (`&Period` → Alt+P), so a hint can name the key the
current language really uses: translations choose their own letters to avoid clashes."""

from __future__ import annotations

import re

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic_key(text: str, fallback: str = "") -> str:
    """`Alt+<letter>` for the caption's mnemonic, or `fallback` when it has none."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return f"Alt+{found.group(1).upper()}" if found else fallback
