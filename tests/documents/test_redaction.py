"""Pseudonymised documents carry the client code, never the name, address or phone numbers."""

from __future__ import annotations

import re

import pytest

from sosdesk.documents.produce import build
from sosdesk.services.documents.redaction import Scrubber
from sosdesk.services.documents_data import DocumentRequest
from sosdesk.store.database import Database
from tests.documents.conftest import OTHER_PHONE, Fixture, flat, pdf_text

KINDS = ("chronology", "certificate", "accompaniment", "costs", "referral")
LANGS = ("sr-Cyrl", "sr-Latn", "en")
# Any spelling of the client's names, the address, the phones, the shelter's street.
FORBIDDEN = re.compile(
    r"(?i)milic|милиц|jovanovi|јованови|\bmica\b|\bмица\b|cara du|цара ду|zemun|земун|"
    r"njegoš|његош|063|381 ?63|1234567|064 ?555|555 ?1234|vračar|врачар"
)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_pseudonymised_documents_leak_nothing(
    db: Database, story: Fixture, kind: str, lang: str
) -> None:
    req = DocumentRequest(
        kind,
        story.client_id,
        lang=lang,
        profile="pseudonymised",
        entry_id=story.lawyer_id if kind == "referral" else None,
    )
    text = flat(pdf_text(build(db, req).pdf))
    assert FORBIDDEN.search(text) is None, FORBIDDEN.search(text)
    assert story.code in text


@pytest.mark.parametrize("lang", LANGS)
def test_full_documents_do_name_the_client(db: Database, story: Fixture, lang: str) -> None:
    text = flat(pdf_text(build(db, DocumentRequest("chronology", story.client_id, lang=lang)).pdf))
    assert re.search(r"Milica Jovanović|Милица Јовановић", text)
    assert "+381631234567" in text
    assert re.search(r"Cara Dušana 12|Цара Душана 12", text)
    assert OTHER_PHONE in text  # free text is printed as written


def test_pseudonymised_chronology_keeps_the_substance(db: Database, story: Fixture) -> None:
    req = DocumentRequest("chronology", story.client_id, lang="sr-Latn", profile="pseudonymised")
    text = flat(pdf_text(build(db, req).pdf))
    assert f"{story.code} je zvala sa broja […]" in text
    assert "Sklonište (lokacija se ne navodi)" in text
    assert "Viši sud u Beogradu" in text and "K 123/2025" in text
    assert "Dokument je pseudonimizovan" in text


def test_scrubber_handles_scripts_declension_and_contacts() -> None:
    s = Scrubber("BG1-2026-0007", ["Đorđe", "Petrović"], ["Bulevar oslobođenja 7"])
    out = s.scrub(
        "Ђорђе Петровић, Djordje i Đorđu: Dorde zove +381 64 555 1234, "
        "mail djordje@example.org, stanuje na Bulevar oslobođenja 7, "
        "ročište 12.03.2026. u predmetu K 123/2024."
    )
    assert out is not None
    assert not re.search(r"(?i)ђорђ|петров|djordj|đorđ|dorde|555|example|oslobođ", out)
    assert out.count("BG1-2026-0007") == 5
    assert "12.03.2026." in out and "K 123/2024" in out  # dates and case numbers stay
