"""Pseudonymisation of free text for documents that leave the organisation.

The structured fields (name, address, phones) are simply left out; free text (call summaries,
notes, outcomes, reasons) is scrubbed here: the client's names in any script and declension,
phone numbers, e-mail addresses, street addresses and the names of shelters are replaced.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sosdesk.domain.folding import fold
from sosdesk.domain.translit import cyrillic_to_latin, latin_to_cyrillic

REMOVED = "[…]"
_PHONE = re.compile(r"(?<![\w/])\+?\d[\d \t()./-]{5,}\d(?![\w/])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Street words (Latin and Cyrillic) followed by a name and a house number: "ul. Cara Dušana 12".
_STREET_WORDS = (
    r"ul\.|ulica|ulici|ulicu|bul\.|bulevar|bulevaru|trg|trgu|sokak|naselje|naselju|"
    r"ул\.|улица|улици|улицу|бул\.|булевар|булевару|трг|тргу|сокак|насеље|насељу"
)
_STREET = re.compile(
    rf"(?i)\b(?:{_STREET_WORDS})(?:\s+[^\s\d,;:()]+){{0,4}}\s+\d+[a-zа-ш]?(?:/\d+)?"
)
# Dates (21.11.2026., 2026-11-21) and case numbers (K 123/2024) are not phone numbers.
_NOT_PHONE = re.compile(r"^(?:\d{1,2}\. ?\d{1,2}\. ?\d{2,4}\.?|\d{4}-\d{2}-\d{2}|\d{1,6}/\d{2,4})$")


def _ascii(text: str) -> str:
    """Đorđe -> Dorde, for people who write without diacritics."""
    text = text.replace("Đ", "Dj").replace("đ", "dj")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _variants(word: str) -> set[str]:
    latin = cyrillic_to_latin(word)
    return {
        word,
        latin,
        latin_to_cyrillic(latin),
        _ascii(latin),
        fold(latin),
        latin.replace("Đ", "Dj").replace("đ", "dj"),
    }


def _stem(word: str) -> str:
    # Serbian declines names (Milica, Milice, Milicom): match the stem plus a short ending.
    if len(word) >= 4 and word[-1].lower() in "aeiouаеиоу":
        return word[:-1]
    return word


def _word_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    alternatives: set[str] = set()
    for raw in words:
        for part in re.split(r"[\s,]+", raw.strip()):
            if len(part) < 2:
                continue
            for v in _variants(part):
                alternatives.add(re.escape(_stem(v)))
    if not alternatives:
        return None
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{body})\w{{0,3}}(?!\w)")


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    alternatives: set[str] = set()
    for raw in phrases:
        text = raw.strip()
        if len(text) < 4:
            continue
        for v in _variants(text):
            alternatives.add(r"\s+".join(re.escape(p) for p in v.split()))
    if not alternatives:
        return None
    body = "|".join(sorted(alternatives, key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{body})(?!\w)")


class Scrubber:
    """Replaces a client's identifying details in free text."""

    def __init__(self, code: str, names: Iterable[str], phrases: Iterable[str]) -> None:
        self.code = code
        self._names = _word_pattern(names)
        self._phrases = _phrase_pattern(phrases)

    def scrub(self, text: str | None) -> str | None:
        """The text with names replaced by the client code and contact details removed."""
        if not text:
            return text
        out = _EMAIL.sub(REMOVED, text)
        if self._phrases is not None:
            out = self._phrases.sub(REMOVED, out)
        out = _STREET.sub(REMOVED, out)
        out = _PHONE.sub(_phone_or_keep, out)
        if self._names is not None:
            out = self._names.sub(self.code, out)
        return out


def _phone_or_keep(m: re.Match[str]) -> str:
    text = m.group(0)
    digits = sum(c.isdigit() for c in text)
    if digits < 7 or _NOT_PHONE.match(text.strip()):
        return text
    return REMOVED
