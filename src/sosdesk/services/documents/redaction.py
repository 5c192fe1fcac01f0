"""Pseudonymisation of free text for documents that leave the organisation.

The structured fields (name, address, phones) are simply left out; free text (call summaries,
notes, outcomes, reasons) is scrubbed here: e-mail addresses, phone numbers, street addresses,
shelters and the client's own address are removed, and the client's names become the code.

Names target the client only. The full name (either order, any script, declined) becomes the
code once; a nickname or alias likewise. A given or family name alone is replaced only where it
stands alone: not next to another capitalised name (adv. Jelena Marić, Marić Jelena), not after
a title (adv., dr, sudija...), and never inside a protected name (another person the document
names: users, directory entries such as a court "u Jagodini" for a client called Jagoda).
Hand-written because no library knows Serbian declension and scripts together.
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
# Titles before another person's name: "adv. Jelena", "dr Jelena", "sutkinja Jelena".
_TITLES = frozenset(
    fold(w)
    for w in (
        "adv",
        "advokat",
        "advokatica",
        "advokatkinja",
        "dr",
        "prof",
        "mr",
        "sudija",
        "sutkinja",
        "tužilac",
        "tužiteljka",
        "psiholog",
        "psihološkinja",
        "psihoterapeut",
        "psihoterapeutkinja",
        "socijalni",
        "radnica",
        "radnik",
        "gospođa",
        "gospodin",
        "g",
        "gđa",
        "gdin",
        "inspektor",
        "inspektorka",
    )
)
# Roles written after a first name: "Jelena, pravnica".
_ROLES = frozenset(
    fold(w)
    for w in (
        "pravnica",
        "pravnik",
        "advokatica",
        "advokat",
        "psihološkinja",
        "psiholog",
        "lekarka",
        "lekar",
        "sutkinja",
        "sudija",
        "tužiteljka",
        "tužilac",
        "prevodilac",
        "prevoditeljka",
        "savetnica",
        "savetnik",
        "koordinatorka",
        "koordinator",
        "volonterka",
        "volonter",
    )
)
# Up to three letters of a case ending after a stem (Milic-a, Milic-om, Marić-em).
_ENDING = r"\w{0,3}"
_SENTENCE_END = '.!?:;\n("„“'


def _is_role(word: str) -> bool:
    """A title or a role in any case: pravnica, pravnicom, psihološkinji, adv."""
    folded = fold(word)
    return folded in _TITLES or any(folded.startswith(_stem(r)) for r in _ROLES)


def _ascii(text: str) -> str:
    """Đorđe -> Djordje -> Djordje, for people who write without diacritics."""
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
        latin.replace("Đ", "D").replace("đ", "d"),
        _ascii(latin).replace("Dj", "D").replace("dj", "d"),
    }


def _stem(word: str) -> str:
    # Serbian declines names (Milica, Milice, Milicom): match the stem plus a short ending.
    if len(word) >= 4 and word[-1].lower() in "aeiouаеиоу":
        return word[:-1]
    return word


def _word_alternatives(word: str) -> str:
    stems = {re.escape(_stem(v)) for v in _variants(word) if v}
    return "(?:" + "|".join(sorted(stems, key=len, reverse=True)) + ")" + _ENDING


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s,]+", unicodedata.normalize("NFC", text.strip())) if w]


def _name_pattern(name: str) -> str | None:
    """A declined, any-script pattern of a (possibly multi-word) name."""
    words = _words(name)
    if not any(len(w) >= 2 for w in words):
        return None
    # Short words (u, i, initials) are matched as written: "Viši sud u Jagodini".
    parts = [_word_alternatives(w) if len(w) >= 2 else _short(w) for w in words]
    return r"\s+".join(parts)


def _short(word: str) -> str:
    return "(?:" + "|".join(sorted(re.escape(v) for v in _variants(word) if v)) + ")"


def _compile(patterns: Iterable[str | None]) -> re.Pattern[str] | None:
    body = "|".join(sorted({p for p in patterns if p}, key=len, reverse=True))
    if not body:
        return None
    return re.compile(rf"(?i)(?<!\w)(?:{body})(?!\w)")


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    alternatives: set[str] = set()
    for raw in phrases:
        text = raw.strip()
        if len(text) < 4:
            continue
        for v in _variants(text):
            alternatives.add(r"\s+".join(re.escape(p) for p in v.split()))
    return _compile(alternatives)


def _protected_patterns(names: Iterable[str]) -> list[str | None]:
    """Other people's names as written and, for "Ime Prezime", as "Prezime Ime"."""
    out: list[str | None] = []
    for name in names:
        out.append(_name_pattern(name))
        words = _words(name)
        if len(words) >= 2:
            out.append(_name_pattern(f"{words[-1]} {words[-2]}"))
    return out


class Scrubber:
    """Replaces a client's identifying details in free text, and nobody else's."""

    def __init__(
        self,
        code: str,
        names: Iterable[str],
        phrases: Iterable[str],
        *,
        full_name: tuple[str | None, str | None] = (None, None),
        protected: Iterable[str] = (),
    ) -> None:
        """`full_name` is (given, family); `names` are further names of the client (nickname,
        aliases), each replaced as a whole; `protected` are other people's and places' names."""
        self.code = code
        given, family = full_name
        wholes: list[str | None] = [_name_pattern(n) for n in names]
        singles: list[str | None] = []
        if given and family:
            g, f = _name_pattern(given), _name_pattern(family)
            wholes += [rf"{g}\s+{f}", rf"{f}\s+{g}"]
        singles += [_name_pattern(given or ""), _name_pattern(family or "")]
        self._wholes = _compile(wholes)
        self._singles = _compile(singles)
        self._protected = _compile(_protected_patterns(protected))
        self._phrases = _phrase_pattern(phrases)
        self._repeat = re.compile(rf"{re.escape(code)}(?:[ \t]+{re.escape(code)})+")

    def scrub(self, text: str | None) -> str | None:
        """The text with the client's names replaced by the code and contact details removed."""
        if not text:
            return text
        out = _EMAIL.sub(REMOVED, unicodedata.normalize("NFC", text))
        if self._phrases is not None:
            out = self._phrases.sub(REMOVED, out)
        out = _STREET.sub(REMOVED, out)
        out = _PHONE.sub(_phone_or_keep, out)
        if self._wholes is not None:
            out = self._wholes.sub(self.code, out)
        if self._singles is not None:
            shielded = self._shielded(out)
            out = self._singles.sub(lambda m: self._single(m, shielded), out)
        return self._repeat.sub(self.code, out)

    def _shielded(self, text: str) -> list[tuple[int, int]]:
        if self._protected is None:
            return []
        return [m.span() for m in self._protected.finditer(text)]

    def _single(self, m: re.Match[str], shielded: list[tuple[int, int]]) -> str:
        start, end = m.span()
        if any(a < end and start < b for a, b in shielded):
            return m.group(0)
        text = m.string
        before = text[:start].rstrip()
        after = text[end:].lstrip(" \t")
        prev_word = re.search(r"(\w+)\.?$", before)
        if prev_word and fold(prev_word.group(1)) in _TITLES:
            return m.group(0)  # "adv. Jelena": someone else with a title
        new_sentence = not before or before[-1] in _SENTENCE_END
        if prev_word and not new_sentence and prev_word.group(1)[:1].isupper():
            head = before[: prev_word.start()].rstrip()
            if head and head[-1] not in _SENTENCE_END:
                return m.group(0)  # "sa Marić Jelenom": part of another name
        title_after = re.match(r",?\s*(\w+)", after)
        if title_after and _is_role(title_after.group(1)):
            return m.group(0)  # "Jelena, pravnica": someone named by role
        if after[:1].isupper() and not after.startswith(self.code):
            return m.group(0)  # "Jelena Marić": part of another name
        return self.code


def _phone_or_keep(m: re.Match[str]) -> str:
    text = m.group(0)
    digits = sum(c.isdigit() for c in text)
    if digits < 7 or _NOT_PHONE.match(text.strip()):
        return text
    return REMOVED


def cyrillic_spelling(
    given: str | None, family: str | None, written: str | None
) -> re.Pattern[str] | None:
    """A pattern matching the client's Latin name words (declined) whose Cyrillic spelling the
    profile gives word by word; None when the two do not line up.

    Used by `respell`: "Djordju" becomes "Ђорђу" in a Cyrillic document whose profile writes
    Djordje Petrovic as Ђорђе Петровић.
    """
    latin = _words(" ".join(p for p in (given, family) if p))
    cyrillic = _words(written or "")
    if not latin or len(latin) != len(cyrillic):
        return None
    body = "|".join(re.escape(_stem(w)) for w in latin if len(w) >= 3)
    return re.compile(rf"(?<!\w)(?:{body})(?=\w{{0,3}}(?!\w))") if body else None


def respell(
    text: str, pattern: re.Pattern[str], given: str | None, family: str | None, written: str
) -> str:
    """`text` with the client's Latin name stems replaced by the profile's Cyrillic stems."""
    latin = _words(" ".join(p for p in (given, family) if p))
    stems = dict(zip((_stem(w) for w in latin), (_stem(w) for w in _words(written)), strict=True))
    return pattern.sub(lambda m: stems.get(m.group(0), m.group(0)), text)
