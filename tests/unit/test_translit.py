"""Latin to Cyrillic for the catalogue and documents: words change script, codes and keys do not."""

from __future__ import annotations

import pytest

from sosdesk.domain.translit import cyrillic_to_latin, latin_to_cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        (
            "Ljubljana, Njegoš, džep, Đorđe, Čačak, Ćirić",
            "Љубљана, Његош, џеп, Ђорђе, Чачак, Ћирић",
        ),
        ("Sačuvaj poziv (Ctrl+S)", "Сачувај позив (Ctrl+S)"),
        ("Ctrl+Shift+N nova klijentkinja", "Ctrl+Shift+N нова клијенткиња"),
        ("Šifra BG1-2026-0142, osveži sa F5", "Шифра BG1-2026-0142, освежи са F5"),
        ("SOS telefon i HIV testiranje", "SOS телефон и HIV тестирање"),
        ("Izbrisano {0} od %1", "Избрисано {0} од %1"),
    ],
)
def test_latin_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic


def test_round_trip_of_serbian_words() -> None:
    text = "Ljiljana Đukić iz Užica, džemper, njiva"
    assert cyrillic_to_latin(latin_to_cyrillic(text)) == text
