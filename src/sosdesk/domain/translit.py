"""Serbian Latin <-> Cyrillic transliteration (one-to-one for Serbian text)."""

from __future__ import annotations

_LAT_TO_CYR_DIGRAPHS = {
    "Lj": "Љ",
    "LJ": "Љ",
    "lj": "љ",
    "Nj": "Њ",
    "NJ": "Њ",
    "nj": "њ",
    "Dž": "Џ",
    "DŽ": "Џ",
    "dž": "џ",
}
_LAT_TO_CYR = {
    "A": "А",
    "B": "Б",
    "V": "В",
    "G": "Г",
    "D": "Д",
    "Đ": "Ђ",
    "E": "Е",
    "Ž": "Ж",
    "Z": "З",
    "I": "И",
    "J": "Ј",
    "K": "К",
    "L": "Л",
    "M": "М",
    "N": "Н",
    "O": "О",
    "P": "П",
    "R": "Р",
    "S": "С",
    "T": "Т",
    "Ć": "Ћ",
    "U": "У",
    "F": "Ф",
    "H": "Х",
    "C": "Ц",
    "Č": "Ч",
    "Š": "Ш",
}
_LAT_TO_CYR.update({k.lower(): v.lower() for k, v in list(_LAT_TO_CYR.items())})

_CYR_TO_LAT = {v: k for k, v in _LAT_TO_CYR.items()}
_CYR_TO_LAT.update({"Љ": "Lj", "љ": "lj", "Њ": "Nj", "њ": "nj", "Џ": "Dž", "џ": "dž"})


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin text to Cyrillic. Placeholders (`{0}`, `%1`), acronyms
    (SOS, HIV), codes (BG1-2026-0142, F5) and key names (Ctrl+N) stay in Latin letters."""
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
        if ch.isalpha() and (i == 0 or not text[i - 1].isalnum()):
            j = i
            while j < n and (text[j].isalnum() or text[j] in "-_."):
                j += 1
            word = text[i:j].rstrip("-_.")
            code_like = (
                len(word) >= 2
                and any(c.isdigit() for c in word)
                and not any(c.islower() for c in word)
            )
            key_letter = len(word) == 1 and i > 0 and text[i - 1] == "+"  # the N of Ctrl+N
            if word in _KEEP or code_like or key_letter:
                out.append(word)
                i += len(word)
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


# Words that stay in Latin letters inside Cyrillic text: acronyms, and key names as printed on
# the keyboard (a shortcut written as "Цтрл+С" would be unreadable).
_KEYS = frozenset(
    {
        "Ctrl",
        "Alt",
        "Shift",
        "Enter",
        "Esc",
        "Tab",
        "Backspace",
        "Del",
        "Delete",
        "Space",
        "Home",
        "End",
        "PgUp",
        "PgDown",
        "Ins",
        "Insert",
    }
)
_ACRONYMS = frozenset(
    {
        "SOS",
        "HIV",
        "CTDC",
        "HTCDS",
        "IOM",
        "PDF",
        "CSV",
        "ID",
        "NGO",
        "EUR",
        "RSD",
        "USD",
        "CHF",
        "SMS",
        "ASTRA",
        "ISO",
        "OK",
        "PIN",
        "E.164",
        "UN",
        "EU",
    }
)
_KEEP = _KEYS | _ACRONYMS
