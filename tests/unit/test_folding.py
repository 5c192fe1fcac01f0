"""Search folding: every script and spelling of a Serbian word folds to the same key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sosdesk.domain.folding import fold, fold_words
from sosdesk.domain.translit import cyrillic_to_latin, latin_to_cyrillic

# Serbian Latin letters (digraphs as units), lower case.
LETTERS = [
    "a",
    "b",
    "c",
    "č",
    "ć",
    "d",
    "dž",
    "đ",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "lj",
    "m",
    "n",
    "nj",
    "o",
    "p",
    "r",
    "s",
    "š",
    "t",
    "u",
    "v",
    "z",
    "ž",
]
ASCII = {"č": "c", "ć": "c", "š": "s", "ž": "z", "đ": "dj", "dž": "dz"}

serbian_words = st.lists(st.sampled_from(LETTERS), min_size=1, max_size=12).map("".join)
serbian_text = st.lists(st.tuples(serbian_words, st.booleans()), min_size=1, max_size=6).map(
    lambda ws: " ".join(w.capitalize() if cap else w for w, cap in ws)
)


def ascii_spelling(text: str) -> str:
    """How a Serbian Latin text is typed on a keyboard without diacritics."""
    out = text
    for letter, plain in ASCII.items():
        out = out.replace(letter, plain).replace(letter.capitalize(), plain.capitalize())
    return out


@pytest.mark.parametrize(
    "spellings",
    [
        ("Ђорђе", "Đorđe", "Djordje", "Dorde", "ĐORĐE", "djordje"),
        ("Čačak", "Cacak", "Чачак", "ČAČAK"),
        ("Љиља", "Ljilja", "LJILJA", "ljilja"),
        ("Џемал", "Džemal", "Dzemal"),
        ("Његош", "Njegoš", "Njegos"),
        ("Ћирић", "Ćirić", "Ciric"),
        ("Живковић", "Živković", "Zivkovic"),
    ],
)
def test_spellings_of_the_same_name_meet(spellings: tuple[str, ...]) -> None:
    assert len({fold(s) for s in spellings}) == 1


def test_words_and_punctuation() -> None:
    assert fold("  Petrović-Jovanović, Ana  ") == "petrovic jovanovic ana"
    assert fold_words("BG1-2026-0142") == ["bg1", "2026", "0142"]
    assert fold("") == ""
    assert fold("!!! ...") == ""


def test_other_cyrillic_and_latin_letters_fold_to_ascii() -> None:
    assert fold("Олена Шевченко") == "olena sevcenko"
    assert fold("Müller Łukasz Straße") == "muller lukasz strasse"
    assert fold("José Núñez") == "jose nunez"


@given(st.text(max_size=60))
def test_folding_is_idempotent(text: str) -> None:
    once = fold(text)
    assert fold(once) == once


@given(st.text(max_size=60))
def test_folded_text_is_plain_ascii_words(text: str) -> None:
    folded = fold(text)
    assert folded == folded.strip()
    assert all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in folded)
    assert folded == folded.lower()


@given(serbian_text)
def test_latin_and_cyrillic_spellings_fold_equal(text: str) -> None:
    assert fold(latin_to_cyrillic(text)) == fold(text)


@given(serbian_text)
def test_ascii_spelling_folds_like_the_proper_one(text: str) -> None:
    assert fold(ascii_spelling(text)) == fold(text)


@given(serbian_text)
def test_round_trip_through_cyrillic_keeps_the_key(text: str) -> None:
    assert fold(cyrillic_to_latin(latin_to_cyrillic(text))) == fold(text)
