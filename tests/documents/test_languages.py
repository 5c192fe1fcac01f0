"""An English document is English (places, countries, vocabulary); a Cyrillic one is Cyrillic."""

from __future__ import annotations

import re

import pytest

from sosdesk.documents.places import place_in
from sosdesk.documents.produce import build
from sosdesk.services.clients import create_client
from sosdesk.services.documents.request import DocumentRequest
from sosdesk.services.events import add_event
from sosdesk.store.database import Database
from tests.documents.conftest import Fixture, at, flat, pdf_text

KINDS = ("chronology", "certificate", "accompaniment", "costs", "referral")
# What may stay in Latin letters inside a Cyrillic document: codes (BG1-2026-0001, E012),
# e-mail and web addresses, acronyms and currency codes.
_LATIN_ALLOWED = re.compile(
    r"\S+@\S+|www\.\S+|\b[A-Z]+\d[\w-]*\b|\b[A-Z]\d+\w*\b|\b(?:SOS|EUR|RSD|USD|CHF|PDF)\b"
)


@pytest.mark.parametrize("kind", KINDS)
def test_english_documents_name_places_in_english(db: Database, story: Fixture, kind: str) -> None:
    req = DocumentRequest(kind, story.client_id, lang="en", entry_id=story.lawyer_id)
    text = flat(pdf_text(build(db, req).pdf))
    assert "Belgrade, Serbia" in text
    assert not re.search(r"\b(?:Srbija|Beograd)\b", text)


@pytest.mark.parametrize("kind", KINDS)
def test_cyrillic_documents_are_cyrillic(db: Database, story: Fixture, kind: str) -> None:
    req = DocumentRequest(kind, story.client_id, lang="sr-Cyrl", entry_id=story.lawyer_id)
    text = _LATIN_ALLOWED.sub("", flat(pdf_text(build(db, req).pdf)))
    assert re.findall(r"[A-Za-zČĆŽŠĐčćžšđ]+", text) == []


def test_place_names() -> None:
    assert place_in("Beograd, Srbija", "en") == "Belgrade, Serbia"
    assert place_in("Београд, Србија", "en") == "Belgrade, Serbia"
    assert place_in("Knez Mihailova 5, Beograd", "en") == "Knez Mihailova 5, Belgrade"
    assert place_in("Novi Sad, Srbija", "sr-Latn") == "Novi Sad, Srbija"
    assert place_in("Beogradska 3, Niš", "en") == "Beogradska 3, Niš"


def test_cyrillic_documents_print_the_name_as_written_in_cyrillic(db: Database) -> None:
    """No rule turns Djordje Petrovic into Ђорђе Петровић; the profile's field does."""
    typed = create_client(
        db,
        {"given_name": "Djordje", "family_name": "Petrovic", "name_cyrillic": "Ђорђе Петровић"},
    )
    add_event(db, typed.id, "note", at(2), {"text": "Djordje je zvao; Djordju treba prevod."})
    cyr = flat(pdf_text(build(db, DocumentRequest("chronology", typed.id, lang="sr-Cyrl")).pdf))
    assert "Ђорђе Петровић" in cyr and "Дјорд" not in cyr
    assert "Ђорђе је звао; Ђорђу треба превод." in cyr
    lat = flat(pdf_text(build(db, DocumentRequest("chronology", typed.id, lang="sr-Latn")).pdf))
    assert "Djordje Petrovic" in lat


def test_a_foreign_name_stays_latin_as_a_whole(db: Database) -> None:
    client = create_client(db, {"given_name": "Besa", "family_name": "Krasniqi"})
    add_event(db, client.id, "note", at(2), {"text": "Besa Krasniqi je zvala."})
    cyr = flat(pdf_text(build(db, DocumentRequest("chronology", client.id, lang="sr-Cyrl")).pdf))
    assert cyr.count("Besa Krasniqi") == 2 and "Беса" not in cyr
