"""Serbian Latin <-> Cyrillic transliteration (one-to-one for Serbian text)."""

from __future__ import annotations

_LAT_TO_CYR_DIGRAPHS = {
    "Lj": "Љ", "LJ": "Љ", "lj": "љ", "Nj": "Њ", "NJ": "Њ", "nj": "њ",
    "Dž": "Џ", "DŽ": "Џ", "dž": "џ",
}  # fmt: skip
_LAT_TO_CYR = {
    "A": "А", "B": "Б", "V": "В", "G": "Г", "D": "Д", "Đ": "Ђ", "E": "Е", "Ž": "Ж",
    "Z": "З", "I": "И", "J": "Ј", "K": "К", "L": "Л", "M": "М", "N": "Н", "O": "О",
    "P": "П", "R": "Р", "S": "С", "T": "Т", "Ć": "Ћ", "U": "У", "F": "Ф", "H": "Х",
    "C": "Ц", "Č": "Ч", "Š": "Ш",
}  # fmt: skip
_LAT_TO_CYR.update({k.lower(): v.lower() for k, v in list(_LAT_TO_CYR.items())})

_CYR_TO_LAT = {v: k for k, v in _LAT_TO_CYR.items()}
_CYR_TO_LAT.update({"Љ": "Lj", "љ": "lj", "Њ": "Nj", "њ": "nj", "Џ": "Dž", "џ": "dž"})

# Placeholders keep acronyms and codes (SOS, HIV, BG1-2026-0142) readable in Cyrillic text.
_KEEP_MARK = "\x00"


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin text to Cyrillic; `{...}` spans and ALL-CAPS acronyms stay."""
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "{":  # Qt/format placeholders such as {name} or %1 must survive untouched
            end = text.find("}", i)
            if end != -1:
                out.append(text[i : end + 1])
                i = end + 1
                continue
        if ch == "%" and i + 1 < n and text[i + 1].isdigit():
            out.append(text[i : i + 2])
            i += 2
            continue
        if ch.isalpha() and ch.isupper():
            j = i
            while j < n and (text[j].isalnum() or text[j] in "-_") and not text[j].islower():
                j += 1
            word = text[i:j]
            if (len(word) >= 2 and any(c.isdigit() for c in word)) or word in _ACRONYMS:
                out.append(word)
                i = j
                continue
        pair = text[i : i + 2]
        if pair in _LAT_TO_CYR_DIGRAPHS:
            out.append(_LAT_TO_CYR_DIGRAPHS[pair])
            i += 2
            continue
        out.append(_LAT_TO_CYR.get(ch, ch))
        i += 1
    return "".join(out)


def cyrillic_to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic text to Latin (with diacritics)."""
    return "".join(_CYR_TO_LAT.get(ch, ch) for ch in text)


_ACRONYMS = frozenset(
    {"SOS", "HIV", "CTDC", "HTCDS", "IOM", "PDF", "CSV", "ID", "NGO", "EUR", "RSD", "USD",
     "CHF", "SMS", "ASTRA", "ISO", "OK", "PIN", "E.164", "UN", "EU"}
)  # fmt: skip
