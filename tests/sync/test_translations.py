"""Every visible string of the sync area has its Serbian Latin translation, with the same
placeholders and mnemonics, and no key names inside (those are never translated)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from sosdesk.ui.sync.summary import REASONS
from sosdesk.ui.sync.values import FIELD_NAMES

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "resources" / "translations" / "sr-Latn" / "sync.json"


def _sources() -> set[str]:
    found: set[str] = set()
    for path in sorted((ROOT / "src" / "sosdesk" / "ui" / "sync").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args:
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                first = node.args[0]
                if (
                    name == "tr"
                    and isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                ):
                    found.add(first.value)
    return found | set(FIELD_NAMES.values()) | set(REASONS.values())


def test_every_string_is_translated_with_its_placeholders() -> None:
    catalogue = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    sources = _sources()
    assert len(sources) > 120
    assert sorted(s for s in sources if not catalogue.get(s)) == []
    for english, serbian in catalogue.items():
        assert sorted(re.findall(r"\{\d\}", english)) == sorted(re.findall(r"\{\d\}", serbian))
        assert english.count("&") == serbian.count("&"), english
    keys = re.compile(r"\b(Ctrl|Alt|Shift|Esc)\b")
    assert [s for s in sources if keys.search(s)] == []
