"""Our transliteration against ICU's Serbian transliterator (Serbian-Latin/BGN), which nobody
here wrote. ICU only goes from Cyrillic to Latin, so the Latin-to-Cyrillic side is checked by
taking our Cyrillic back to Latin with ICU: every seed vocabulary label and every hard case must
come back exactly as it was written.

Deliberate differences from ICU, each tested below:
- a lone capital digraph letter (an initial, `Џ.`) is `Dž.` with us and `DŽ.` with ICU: the
  Pravopis abbreviates Džordž as Dž., title case, as it writes Lj. and Nj.;
- ICU writes ć, č, ž... decomposed (letter + combining mark); we compare in NFC, the form we
  write and the one every input is normalised to.
"""

from __future__ import annotations

import unicodedata

import pytest

from sosdesk.domain import countries, vocab
from sosdesk.domain.translit import cyrillic_to_latin, latin_to_cyrillic
from tests.unit.test_translit import HARD_CASES

icu = pytest.importorskip(
    "icu", reason="PyICU is not installed (it builds against libicu-dev; run `make sysdeps`)"
)


@pytest.fixture(scope="module")
def icu_latin() -> object:
    return icu.Transliterator.createInstance("Serbian-Latin/BGN")


def _icu(transliterator: object, text: str) -> str:
    return unicodedata.normalize("NFC", transliterator.transliterate(text))  # type: ignore[attr-defined]


def _labels() -> list[str]:
    found: list[str] = []
    for value in [*vars(vocab).values(), countries.COUNTRY]:
        if isinstance(value, vocab.Vocabulary):
            found += [term.sr_latn for term in value]
    return found


def test_every_seed_label_comes_back_from_icu(icu_latin: object) -> None:
    labels = _labels()
    assert len(labels) > 200
    wrong = [
        (latin, latin_to_cyrillic(latin))
        for latin in labels
        if _icu(icu_latin, latin_to_cyrillic(latin)) != unicodedata.normalize("NFC", latin)
    ]
    assert not wrong


@pytest.mark.parametrize(("latin", "cyrillic"), HARD_CASES)
def test_hard_cases_come_back_from_icu(icu_latin: object, latin: str, cyrillic: str) -> None:
    assert _icu(icu_latin, cyrillic) == latin


@pytest.mark.parametrize(
    "cyrillic",
    ["ЉУДИМА", "ЦИЉ", "ЊЕГОШ", "ЏЕП", "Љубиша", "Његош", "ЦИЉ. НАЏ", "Ђорђе ЂОРЂЕ", "књига"],
)
def test_cyrillic_to_latin_agrees_with_icu(icu_latin: object, cyrillic: str) -> None:
    assert cyrillic_to_latin(cyrillic) == _icu(icu_latin, cyrillic)


def test_initials_are_title_case_unlike_icu(icu_latin: object) -> None:
    assert cyrillic_to_latin("Џ. Ђорђевић") == "Dž. Đorđević"
    assert _icu(icu_latin, "Џ. Ђорђевић") == "DŽ. Đorđević"
