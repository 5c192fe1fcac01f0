"""The message table: every code speaks all three languages with the same placeholders."""

from __future__ import annotations

import string

import pytest

from sosdesk.domain.messages import LANGS, CodedError, all_codes, render, resolve_lang, tables


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("module", tables.MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_each_code_has_both_texts_with_the_same_placeholders(module: object) -> None:
    for code, (en, latin) in module.MESSAGES.items():  # type: ignore[attr-defined]
        assert en.strip() and latin.strip(), code
        assert _fields(en) == _fields(latin), code
        assert "." in code, code


def test_cyrillic_is_rendered_and_parameters_stay_as_given() -> None:
    text = render("file.exists", {"name": "BG1-2026.pdf"}, "sr-Cyrl")
    assert "BG1-2026.pdf" in text
    assert "постоји" in text


def test_unknown_code_renders_as_itself_and_missing_parameter_stays_visible() -> None:
    assert render("no.such.code", {}, "sr-Latn") == "no.such.code"
    assert "{name}" in render("file.exists", {}, "en")


def test_coded_error_text_follows_language() -> None:
    err = CodedError("file.missing", name="a.bak")
    assert str(err) == render("file.missing", {"name": "a.bak"}, "en")
    assert err.text("sr-Latn") != err.text("en")
    assert set(LANGS) == {"sr-Latn", "sr-Cyrl", "en"}
    assert "internal.unexpected" in all_codes()


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        ("en", {"SOSDESK_LANG": "sr-Cyrl"}, "en"),
        (None, {"SOSDESK_LANG": "sr-Cyrl", "LANG": "en_US.UTF-8"}, "sr-Cyrl"),
        (None, {"LANG": "en_GB.UTF-8"}, "en"),
        (None, {"LANG": "sr_RS.UTF-8"}, "sr-Cyrl"),
        (None, {"LANG": "sr_RS.UTF-8@latin"}, "sr-Latn"),
        (None, {"LANG": "C.UTF-8"}, "sr-Latn"),
        (None, {}, "sr-Latn"),
    ],
)
def test_cli_language_order(explicit: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_lang(explicit, env) == expected
