"""Search folding: Cyrillic, Latin with diacritics and ASCII spellings of a word fold equal.

`Ђорђе`, `Đorđe`, `Djordje` and `Dorde` all fold to `dorde`; `Čačak`, `Cacak` and `Чачак`
to `cacak`; `Љиља` and `Ljilja` to `ljilja`. The folding is idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Serbian Cyrillic plus the letters of neighbouring Cyrillic alphabets a caller's name may use
# (Russian, Ukrainian, Bulgarian, Macedonian), mapped to plain ASCII.
_CYR = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "d",
    "е": "e",
    "ж": "z",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "c",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "c",
    "џ": "dz",
    "ш": "s",
    "я": "ja",
    "ю": "ju",
    "й": "j",
    "щ": "sc",
    "ы": "y",
    "э": "e",
    "ё": "e",
    "ъ": "",
    "ь": "",
    "і": "i",
    "ї": "ji",
    "є": "je",
    "ґ": "g",
    "ѓ": "g",
    "ќ": "k",
    "ѕ": "dz",
}
_LAT = {"đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "ı": "i"}
_TABLE = str.maketrans({**_CYR, **_LAT})
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold_char(ch: str) -> str:
    """One character folded: ASCII letters/digits, "" for a combining mark, " " otherwise."""
    s = ch.lower().translate(_TABLE)
    if not s.isascii():  # strip diacritics (ć, é, ü ...); a lone combining mark vanishes
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", s)


class _FoldCache(dict[int, str]):
    """Code point -> folded text, for str.translate; filled as characters are met."""

    def __missing__(self, code: int) -> str:
        value = self[code] = fold_char(chr(code))
        return value


_CACHE = _FoldCache()
# Latin (with its extensions) and Cyrillic are folded through a list indexed by code point:
# str.translate looks a list up without hashing, a third faster on Serbian text than the dict.
# Any other character is left in place by the list (IndexError) and folded by the cache after.
_LISTED = 0x0500


@cache
def _listed() -> list[str]:
    return [fold_char(chr(code)) for code in range(_LISTED)]


def fold(text: str) -> str:
    """Fold text for search: lower case, ASCII, Serbian digraph spellings unified, words kept."""
    if text.isascii():
        s = text.translate(_CACHE)
    else:  # decomposed input (й as и + breve) must fold like composed
        s = unicodedata.normalize("NFC", text).translate(_listed())
        if not s.isascii():
            s = s.translate(_CACHE)
    # `Djordje` is how `Đorđe` is typed without diacritics; `đ` itself folds to `d`.
    while "dj" in s:
        s = s.replace("dj", "d")
    return " ".join(s.split())


def fold_words(text: str) -> list[str]:
    """The folded words of a text."""
    return fold(text).split()
