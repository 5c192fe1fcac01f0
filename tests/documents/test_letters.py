"""Certificate, accompaniment record and referral letter."""

from __future__ import annotations

import pytest

from sosdesk.documents.produce import build
from sosdesk.services.clients import NotFound, create_client
from sosdesk.services.documents_choices import hearings, referral_targets, timeline_span
from sosdesk.services.documents_data import DocumentRequest, NothingToPrint
from sosdesk.services.events import add_event
from sosdesk.store.database import Database
from tests.documents.conftest import Fixture, add_directory, at, flat, pdf_text


def test_certificate_lists_kinds_of_support_without_intimate_details(
    db: Database, story: Fixture
) -> None:
    text = flat(
        pdf_text(build(db, DocumentRequest("certificate", story.client_id, lang="sr-Latn")).pdf)
    )
    assert "Ovim se potvrđuje da je Milica Jovanović, rođena 02.03.1995., korisnica" in text
    assert "od 28.02.2026." in text  # the first event of the timeline
    for kind in ("Medicinska pomoć", "Tehnička pomoć", "Smeštaj", "Pratnja na sud"):
        assert kind in text
    # No sub-types, notes, places, outcomes, contact details or visits.
    for secret in (
        "Opšti pregled",
        "E002",
        "E015",
        "Njegoševa",
        "saslušana",
        "Kućna poseta",
        "Cara Dušana",
        "+381631234567",
        "Sigurna kuća",
    ):
        assert secret not in text


def test_certificate_in_english_for_a_man(db: Database, story: Fixture) -> None:
    c = create_client(db, {"given_name": "Marko", "gender": "male", "birth_year": 1990})
    add_event(db, c.id, "assistance", at(9), {"type": "legal", "subtype": "legal_advice"})
    text = flat(pdf_text(build(db, DocumentRequest("certificate", c.id, lang="en")).pdf))
    assert "This is to certify that Marko, born in 1990, has been receiving support" in text
    assert "since 9 Mar 2026" in text and "Legal assistance" in text
    cyr = flat(pdf_text(build(db, DocumentRequest("certificate", c.id, lang="sr-Cyrl")).pdf))
    assert "Марко, рођен 1990. године, корисник подршке" in cyr


def test_accompaniment_record_for_a_chosen_hearing(db: Database, story: Fixture) -> None:
    first = story.hearing_ids[0]
    text = flat(
        pdf_text(
            build(
                db,
                DocumentRequest("accompaniment", story.client_id, lang="sr-Latn", hearing_id=first),
            ).pdf
        )
    )
    assert "10.03.2026. 09:00" in text  # 08:00 UTC is 09:00 in Belgrade
    assert "Viši sud u Beogradu" in text and "K 123/2025" in text
    assert "Krivični postupak" in text and "Oštećena kao svedok" in text
    assert "pravnica i psihološkinja" in text and "saslušana kao svedok E010" in text
    assert "Pratnja tog dana" in text and "Pratnja E010b" in text
    assert "P 77/2026" not in text
    latest = flat(
        pdf_text(build(db, DocumentRequest("accompaniment", story.client_id, lang="en")).pdf)
    )
    assert "P 77/2026" in latest and "Civil proceedings for damages" in latest


def test_accompaniment_refuses_a_foreign_event(db: Database, story: Fixture) -> None:
    with pytest.raises(NotFound):
        build(db, DocumentRequest("accompaniment", story.client_id, hearing_id=story.amended_id))
    c = create_client(db, {"given_name": "Nena"})
    with pytest.raises(NothingToPrint, match="no court hearing"):
        build(db, DocumentRequest("accompaniment", c.id))


def test_referral_letter_to_an_entry(db: Database, story: Fixture) -> None:
    text = flat(
        pdf_text(
            build(
                db,
                DocumentRequest(
                    "referral", story.client_id, lang="sr-Latn", entry_id=story.lawyer_id
                ),
            ).pdf
        )
    )
    assert "adv. Jelena Marić" in text and "Knez Mihailova 5" in text
    # The name after a colon, in the nominative: no declension needed.
    assert "Upućujemo Vam našu korisnicu: Milica Jovanović, rođena" in text
    assert "zastupanje u parničnom postupku E012." in text
    assert "Klijentkinja je dala saglasnost za ovo upućivanje (12.03.2026.)" in text
    assert "srpski, engleski" in text
    assert "011 785 0000" in text and "sos@astra.rs" in text


def test_referral_defaults_to_latest_and_needs_a_recorded_referral(
    db: Database, story: Fixture
) -> None:
    text = flat(pdf_text(build(db, DocumentRequest("referral", story.client_id, lang="en")).pdf))
    assert "Sigurna kuća Vračar" in text and "E013" in text
    other = add_directory(db, "psychotherapist", "Ana Todorović", "Bulevar 1", "Beograd")
    with pytest.raises(NothingToPrint, match="record the referral"):
        build(db, DocumentRequest("referral", story.client_id, entry_id=other))
    with pytest.raises(NotFound):
        build(db, DocumentRequest("referral", story.client_id, entry_id="no-such-entry"))


def test_choices_for_the_dialog(db: Database, story: Fixture) -> None:
    assert [h.id for h in hearings(db, story.client_id)] == list(reversed(story.hearing_ids))
    assert [r.id for r in referral_targets(db, story.client_id)] == [
        story.shelter_id,
        story.lawyer_id,
    ]
    span = timeline_span(db, story.client_id)
    assert span is not None and span[0].isoformat() == "2026-02-28"
