"""Showing sync values to people: vocabulary labels instead of codes, lists joined, no raw JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sosdesk.domain.clock import to_desk
from sosdesk.sync.schema import vocabulary

FIELD_NAMES = {
    "risk_level": "Risk level",
    "status": "Identification status",
    "notes": "Notes",
    "nickname": "Nickname",
    "given_name": "Given name",
    "family_name": "Family name",
    "phones": "Phone numbers",
    "languages": "Languages",
    "address": "Address",
    "citizenship": "Citizenship",
    "gender": "Gender",
    "birth_date": "Date of birth",
    "birth_year": "Year of birth",
    "estimated_age": "Estimated age",
    "aliases": "Aliases",
    "exploitation_types": "Forms of exploitation",
    "means_of_control": "Means of control",
    "consent_scope": "Consent scope",
    "phase": "Case phase",
    "city": "City",
    "name": "Name",
}


def show_value(entity: str, field: str, value: Any, lang: str, tr: Callable[[str], str]) -> str:
    """One value as an operator reads it."""
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    vocab = vocabulary(entity, field)
    if isinstance(value, list):
        return ", ".join(_one(vocab, v, lang) for v in value)
    if isinstance(value, str) and len(value) >= 20 and value[4:5] == "-" and "T" in value:
        try:
            return to_desk(datetime.fromisoformat(value)).strftime("%d.%m.%Y %H:%M")
        except ValueError:
            pass
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return _one(vocab, value, lang)


def _one(vocab: Any, v: Any, lang: str) -> str:
    if vocab is not None and isinstance(v, str) and v in vocab:
        return str(vocab.label(v, lang))
    return str(v)


def parse_typed(entity: str, field: str, text: str, sample: Any) -> Any:
    """A merged value typed by the coordinator, in the shape of the existing values.

    Lists are typed comma-separated; vocabulary fields accept the code or the label.
    """
    text = text.strip()
    vocab = vocabulary(entity, field)

    def code(word: str) -> str:
        if vocab is None:
            return word
        for term in vocab:
            if word.casefold() in (
                term.code.casefold(),
                *(term.label(lang).casefold() for lang in ("sr-Latn", "sr-Cyrl", "en")),
            ):
                return str(term.code)
        return word

    if isinstance(sample, list):
        return [code(w.strip()) for w in text.split(",") if w.strip()]
    if isinstance(sample, bool):
        return text.casefold() in ("da", "yes", "true", "1", "да")
    if isinstance(sample, int):
        try:
            return int(text)
        except ValueError:
            return text
    return code(text) if text else None
