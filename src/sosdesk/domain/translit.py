"""Serbian Latin <-> Cyrillic transliteration by the rules of Serbian orthography.

Hand-written because no library does this direction right: ICU has only Cyrillic to Latin
(Serbian-Latin/BGN, our test reference), and `cyrtranslit` joins every lj/nj/dž. The rules
(Pravopis srpskoga jezika, Matica srpska, 2010, on the digraphs lj, nj, dž and on foreign names):

- every input is NFC-normalised first (a caron typed as a combining mark is one letter);
- lj, nj, dž are one letter (љ, њ, џ) except where a prefix meets a root or a loanword keeps two
  letters: nad-/od-/pod-/pred- + ž (nadživeti, odžaliti, podžupan), in-/kon-/van-/pan- + j
  (injekcija, konjunkcija, vanjezički, panjelinski); those words are listed in `_TWO_LETTERS`;
- an all-capital word keeps its digraphs all capital: ЉУДИМА -> LJUDIMA, ЦИЉ -> CILJ,
  while Љубиша -> Ljubiša;
- a word with letters outside the Serbian alphabets (q, w, x, y, ö, ü, ë, ç, ş, é, ...) is a
  foreign word and stays in Latin, and so does the whole capitalised name it belongs to
  (Besa Krasniqi, Szabó Ödön), never half converted;
- acronyms, codes (BG1-2026-0142), key names (Ctrl+N) and placeholders ({0}, %1) stay as typed.

ASCII spellings (Djordje, Petrovic) cannot be decided by any rule: a client's profile holds the
name as written in Cyrillic for those.
"""

from __future__ import annotations

import re
import unicodedata

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
_CYR_DIGRAPH_CAPS = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}

# Beginnings of words in which lj, nj or dž are two letters (the first such pair in the stem).
# From the Pravopis's examples of prefix + root and of loanwords; a declined or derived form
# starts with the same stem (nadživela, injekcije, konjunkture).
_TWO_LETTERS = (
    # nad-, od-, pod-, pred- + ž
    "nadživ",
    "nadžnj",
    "nadžup",
    "odžal",
    "odživ",
    "odžvak",
    "odžubor",
    "podžanr",
    "podžup",
    "podživ",
    "predžet",
    # in-, kon-, van-, pan-, tan- + j (mostly Latin loanwords)
    "injek",
    "injic",
    "injunk",
    "konjug",
    "konjunk",
    "konjekt",
    "vanjez",
    "vanjug",
    "vanjev",
    "panjelin",
    "tanjug",
)
_PAIRS = ("lj", "nj", "dž")
_SERBIAN_LATIN = frozenset("abcčćdđefghijklmnoprsštuvzž" + "abcčćdđefghijklmnoprsštuvzž".upper())
_LETTERS = r"[^\W\d_\u0300-\u036f]|[\u0300-\u036f]"
_TOKEN = re.compile(
    r"\{[^{}]*\}|%\d|"  # Qt and format placeholders
    rf"(?:{_LETTERS}|\d)+(?:[-_.'’](?:{_LETTERS}|\d)+)*|"  # a word, a code, an address part
    r"\s+|.",
    re.S,
)
# How many capitalised words next to a foreign one are kept with it as one name.
_NAME_REACH = 2


def nfc(text: str) -> str:
    """`text` in Unicode normal form C (a letter and its caron as one character)."""
    return unicodedata.normalize("NFC", text)


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or unicodedata.combining(token[:1]) > 0


def is_foreign(word: str) -> bool:
    """True when `word` has a letter no Serbian alphabet has (Krasniqi, Müller, José)."""
    for ch in word:
        if unicodedata.combining(ch):
            return True
        if ch.isalpha() and ch not in _SERBIAN_LATIN and "LATIN" in unicodedata.name(ch, ""):
            return True
    return False


def _kept(token: str, before: str) -> bool:
    word = token.rstrip("-_.")
    if word in _KEEP:
        return True
    if len(word) >= 2 and any(c.isdigit() for c in word) and not any(c.islower() for c in word):
        return True  # a code: BG1-2026-0142, F5
    return len(word) == 1 and before == "+"  # the N of Ctrl+N


def _split_points(word: str) -> set[int]:
    low = word.lower()
    points: set[int] = set()
    for stem in _TWO_LETTERS:
        if low.startswith(stem):
            points.add(min(i for i in (stem.find(p) for p in _PAIRS) if i >= 0))
    return points


def _word_to_cyrillic(word: str) -> str:
    split = _split_points(word)
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _LAT_TO_CYR_DIGRAPHS and i not in split:
            out.append(_LAT_TO_CYR_DIGRAPHS[pair])
            i += 2
            continue
        out.append(_LAT_TO_CYR.get(word[i], word[i]))
        i += 1
    return "".join(out)


def _capitalised(token: str) -> bool:
    return _is_word(token) and token[0].isupper()


def _foreign_names(tokens: list[str]) -> set[int]:
    """Indexes of tokens that stay Latin as parts of a foreign name."""
    keep: set[int] = set()
    for i, token in enumerate(tokens):
        if not (_is_word(token) and is_foreign(token)):
            continue
        keep.add(i)
        if not _capitalised(token):
            continue
        for step in (-2, 2):
            j = i
            for _ in range(_NAME_REACH):
                gap, nxt = j + step // 2, j + step
                if not (0 <= nxt < len(tokens)) or tokens[gap] != " ":
                    break
                if not _capitalised(tokens[nxt]):
                    break
                keep.add(nxt)
                j = nxt
    return keep


def latin_to_cyrillic(text: str) -> str:
    """Transliterate Serbian Latin text to Cyrillic (rules in the module docstring)."""
    tokens = _TOKEN.findall(nfc(text))
    foreign = _foreign_names(tokens)
    out: list[str] = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        if i in foreign or not _is_word(token) or _kept(token, before):
            out.append(token)
        else:
            out.append(_word_to_cyrillic(token))
    return "".join(out)


def name_to_cyrillic(name: str, written_in_cyrillic: str | None = None) -> str:
    """A person's name in Cyrillic: as written on the profile, else Latin kept whole when any
    part is foreign, else transliterated."""
    if written_in_cyrillic and written_in_cyrillic.strip():
        return nfc(written_in_cyrillic.strip())
    if any(is_foreign(part) for part in nfc(name).split()):
        return nfc(name)
    return latin_to_cyrillic(name)


def cyrillic_to_latin(text: str) -> str:
    """Transliterate Serbian Cyrillic text to Latin (with diacritics; LJ in capital words)."""
    text = nfc(text)
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        caps = _CYR_DIGRAPH_CAPS.get(ch)
        if caps is not None:
            nxt = text[i + 1] if i + 1 < n else ""
            prev = text[i - 1] if i else ""
            if (nxt.isalpha() and nxt.isupper()) or (
                not nxt.isalpha() and prev.isalpha() and prev.isupper()
            ):
                out.append(caps)
                continue
        out.append(_CYR_TO_LAT.get(ch, ch))
    return "".join(out)


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
        "ISO",
        "OK",
        "PIN",
        "E.164",
        "UN",
        "EU",
    }
)
_KEEP = _KEYS | _ACRONYMS
