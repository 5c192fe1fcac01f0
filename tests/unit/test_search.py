"""Caller lookup on a real encrypted database: any script, any spelling, phone fragments in
any format, codes, ranking, and the windowed / checked query shapes against brute force."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sosdesk.domain import folding
from sosdesk.domain.folding import fold
from sosdesk.services import search as search_mod
from sosdesk.services.clients import create_client
from sosdesk.services.search import directory_hits, parse_query, search
from sosdesk.store.database import Database
from tests.factory import call_about


@pytest.fixture
def people(db: Database) -> dict[str, str]:
    made = {
        "dorde": create_client(
            db, {"given_name": "Đorđe", "family_name": "Petrović", "phones": ["063/123-45-67"]}
        ).id,
        "ljilja": create_client(db, {"given_name": "Љиља", "family_name": "Чачак"}).id,
        "ana": create_client(db, {"given_name": "Ana", "family_name": "Ilić"}).id,
        "anastasija": create_client(
            db, {"given_name": "Anastasija", "family_name": "Kostić", "aliases": ["Tasa"]}
        ).id,
        "buba": create_client(db, {"nickname": "Buba", "phones": ["+49 30 1234567"]}).id,
    }
    return made


def _clients(db: Database, query: str) -> list[str]:
    return [h.ref for h in search(db, query) if h.kind == "client"]


@pytest.mark.parametrize("query", ["Ђорђе", "Đorđe", "Djordje", "Dorde", "đorđe petr", "ЂОРЂЕ"])
def test_every_spelling_finds_dorde(db: Database, people: dict[str, str], query: str) -> None:
    assert _clients(db, query)[:1] == [people["dorde"]]


@pytest.mark.parametrize("query", ["Ljilja", "Љиља", "ljil", "Cacak", "Čačak", "Чачак"])
def test_cyrillic_record_found_by_latin_and_ascii(
    db: Database, people: dict[str, str], query: str
) -> None:
    assert people["ljilja"] in _clients(db, query)


@pytest.mark.parametrize(
    "query", ["+381 63 123 4567", "063/123-45-67", "0631234567", "381631", "063 123"]
)
def test_phone_fragments_in_any_format(db: Database, people: dict[str, str], query: str) -> None:
    assert _clients(db, query) == [people["dorde"]]


def test_a_fragment_shared_by_two_numbers_finds_both(db: Database, people: dict[str, str]) -> None:
    assert set(_clients(db, "123 45 67")) == {people["dorde"], people["buba"]}


def test_code_alias_and_nickname(db: Database, people: dict[str, str]) -> None:
    code = next(h for h in search(db, "Buba") if h.kind == "client").title.split()[0]
    assert _clients(db, code) == [people["buba"]]
    number = str(int(code.rsplit("-", 1)[1]))
    assert people["buba"] in _clients(db, number)
    assert _clients(db, "Tasa") == [people["anastasija"]]
    assert _clients(db, "3012345") == [people["buba"]]


def test_whole_word_ranks_before_prefix(db: Database, people: dict[str, str]) -> None:
    found = _clients(db, "Ana")
    assert found[:2] == [people["ana"], people["anastasija"]]
    # One and two letters already find the clients whose names start so, and only them.
    for typed in ("a", "an"):
        assert set(_clients(db, typed)) == {people["ana"], people["anastasija"]}, typed


def test_clients_first_then_calls_newest_first(db: Database, people: dict[str, str]) -> None:
    old = call_about(db, "Poslodavac zadržao pasoš", 90, client_id=people["dorde"])
    new = call_about(db, "Пасош одузет у Немачкој", 5)
    hits = search(db, "pasoš")
    assert [h.kind for h in hits] == ["call", "call"]
    assert [h.ref for h in hits] == [new, old]
    assert hits[1].client_id == people["dorde"]
    mixed = search(db, "petr")  # a client and nothing else
    assert [h.kind for h in mixed] == ["client"]
    assert [h.kind for h in search(db, "pa")] == []  # two letters: calls are not searched


def test_nothing_to_find(db: Database, people: dict[str, str]) -> None:
    assert search(db, "   ") == []
    assert search(db, "!!!") == []
    assert search(db, "zzzzqqq") == []
    assert search(db, "x" * 5000) == []  # bounded, no error


def test_directory_hits(db: Database) -> None:
    from sosdesk.demo.context import DemoContext
    from sosdesk.demo.directory import generate_directory

    generate_directory(db, DemoContext(db, 1))
    hits = directory_hits(db, "centar za zastitu zrtava")
    assert hits and hits[0].title == "Centar za zaštitu žrtava trgovine ljudima"
    assert "+381" in hits[0].detail
    assert len(directory_hits(db, "", 500)) >= 20


def _reference_fold(text: str) -> str:
    """Whole-string folding as specified, without the per-character cache fold() uses."""
    composed = unicodedata.normalize("NFC", text)
    s = unicodedata.normalize("NFKD", composed.lower().translate(folding._TABLE))
    s = re.sub(r"[^a-z0-9]+", " ", "".join(c for c in s if not unicodedata.combining(c)))
    while "dj" in s:
        s = s.replace("dj", "d")
    return " ".join(s.split())


@given(st.text(max_size=80))
def test_fold_is_the_whole_string_folding(text: str) -> None:
    assert fold(text) == _reference_fold(text)
    nfd = unicodedata.normalize("NFD", text)  # text pasted from macOS arrives decomposed
    assert fold(nfd) == _reference_fold(nfd) == _reference_fold(unicodedata.normalize("NFC", nfd))


def test_parse_query() -> None:
    q = parse_query("063/123-45-67")
    assert q is not None and q.phone and q.tokens == ("0631234567",)
    q = parse_query("Đorđe  đorđe Petrović")
    assert q is not None and q.tokens == ("dorde", "petrovic")
    assert parse_query("  ") is None


WORDS = [
    "pasos",
    "pasosa",
    "pastor",
    "pazar",
    "posao",
    "posla",
    "radnik",
    "radnica",
    "rad",
    "beograd",
    "nemacka",
    "nis",
    "pomoc",
    "prevoz",
]


@pytest.fixture
def many_calls(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Sixty calls of random words; tiny windows so every query path is exercised."""
    import random

    r = random.Random(7)
    made = []
    for i in range(60):
        text = " ".join(r.choice(WORDS) for _ in range(r.randint(1, 4)))
        made.append((call_about(db, text, 600 - i), text))
    monkeypatch.setattr(search_mod, "FIRST_WINDOW", 4)
    monkeypatch.setattr(search_mod, "WINDOW_CAP", 3)
    monkeypatch.setattr(search_mod, "VERIFY_BUDGET", 6)
    monkeypatch.setattr(search_mod, "EXACT_CAP", 5)
    return made


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from([*WORDS, "pas", "past", "radn", "posa", "bgd", "pom"]),
        min_size=1,
        max_size=2,
    )
)
def test_calls_match_brute_force_newest_first(
    db: Database, many_calls: list[tuple[str, str]], words: list[str]
) -> None:
    query = " ".join(words)
    tokens = fold(query).split()
    expected = [
        cid
        for cid, text in reversed(many_calls)
        if all(any(w.startswith(t) for w in fold(text).split()) for t in tokens)
    ]
    got = [h.ref for h in search(db, query, limit=12) if h.kind == "call"]
    assert got == expected[: len(got)]
    assert len(got) == min(len(expected), 12)  # no client matches these words


@pytest.fixture
def phone_calls(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Forty calls from random numbers; tiny windows so every query path is exercised."""
    import random

    r = random.Random(5)
    made = []
    for i in range(40):
        number = f"06{r.choice('0123469')}{r.randrange(10**6, 10**7)}"
        made.append((call_about(db, "poziv", 600 - i, caller_phone=number), number))
    monkeypatch.setattr(search_mod, "FIRST_WINDOW", 4)
    monkeypatch.setattr(search_mod, "WINDOW_CAP", 3)
    monkeypatch.setattr(search_mod, "EXACT_CAP", 5)
    return made


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.integers(0, 39), st.integers(0, 6), st.integers(3, 8))
def test_phone_fragments_match_brute_force(
    db: Database, phone_calls: list[tuple[str, str]], which: int, start: int, size: int
) -> None:
    fragment = phone_calls[which][1][start : start + size]
    expected = [
        cid
        for cid, number in reversed(phone_calls)
        if fragment in number or fragment in "381" + number[1:]
    ]
    got = [h.ref for h in search(db, fragment, limit=10) if h.kind == "call"]
    assert got == expected[: len(got)] and len(got) == min(len(expected), 10)
