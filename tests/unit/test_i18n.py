"""Every `self.tr("...")` in the user interface has a Serbian Latin translation, and the
translations keep their placeholders (so Cyrillic, made by transliteration, keeps them too)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from sosdesk.domain.translit import latin_to_cyrillic
from sosdesk.ui.i18n import load_catalogue, translations_dir

UI = Path(__file__).resolve().parents[2] / "src" / "sosdesk" / "ui"
PLACEHOLDER = re.compile(r"\{\d*\}|%\d")


def tr_literals() -> list[tuple[str, int, str]]:
    """(file, line, source text) of every tr()/translate() call with a literal string."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            # widget.tr("text") on any widget, and QCoreApplication.translate("Context", "text")
            if node.func.attr == "tr" and isinstance(node.func.value, ast.Name):
                args = node.args[:1]
            elif node.func.attr == "translate" and len(node.args) >= 2:
                args = node.args[1:2]
            else:
                continue
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                found.append((str(path.relative_to(UI)), node.lineno, args[0].value))
    return found


def test_the_scanner_finds_strings() -> None:
    assert len(tr_literals()) > 50


def test_every_ui_string_has_a_serbian_latin_translation() -> None:
    catalogue = load_catalogue()
    missing = sorted(
        {
            f"{f}:{line}: {text!r}"
            for f, line, text in tr_literals()
            if not catalogue.get(text, "").strip()
        }
    )
    assert not missing, "no sr-Latn translation for:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", sorted(translations_dir().glob("*.json")), ids=lambda p: p.name)
def test_catalogue_files_are_flat_string_maps(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())


def test_translations_keep_placeholders_in_both_scripts() -> None:
    for source, latin in load_catalogue().items():
        expected = sorted(PLACEHOLDER.findall(source))
        assert sorted(PLACEHOLDER.findall(latin)) == expected, source
        assert sorted(PLACEHOLDER.findall(latin_to_cyrillic(latin))) == expected, source


def test_keyboard_mnemonics_survive_translation() -> None:
    """A label with an &mnemonic keeps one in Serbian (the shortcut still works)."""
    for source, latin in load_catalogue().items():
        if re.search(r"&\w", source):
            assert re.search(r"&\w", latin), source


KEY_NAMES = re.compile(r"\b(Ctrl|Alt|Shift|Enter|Esc|Escape|Backspace|Tab|F\d+)\b")


def test_desk_strings_keep_key_names_out_of_the_translated_text() -> None:
    """Key names go in as {n} placeholders: transliteration would turn Ctrl+S into Цтрл+С."""
    desk = json.loads((translations_dir() / "desk.json").read_text(encoding="utf-8"))
    offenders = [s for s in desk if KEY_NAMES.search(s) or KEY_NAMES.search(desk[s])]
    assert not offenders, offenders
