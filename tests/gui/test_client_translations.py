"""Every visible string of the client file, follow-ups and directory has its Serbian Latin
translation, with the same placeholders and no key names inside (those are never translated).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("clients", "timeline", "events", "followups", "directory")
CATALOGUE = ROOT / "resources" / "translations" / "sr-Latn" / "client_file.json"


def _sources() -> dict[str, str]:
    found: dict[str, str] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / "src" / "sosdesk" / "ui" / package).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                first = node.args[0] if name == "tr" else None
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found[first.value] = path.name
    return found


def test_every_string_is_translated_with_its_placeholders() -> None:
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    sources = _sources()
    assert len(sources) > 250
    missing = sorted(s for s in sources if not catalogue.get(s))
    assert missing == []
    for english, serbian in catalogue.items():
        assert re.findall(r"%\d", english) == re.findall(r"%\d", serbian), english
        assert english.count("&") == serbian.count("&"), english
    keys = re.compile(r"\b(Ctrl|Alt|Shift|Esc)\b")
    assert [s for s in sources if keys.search(s)] == []  # key names stay outside translations
