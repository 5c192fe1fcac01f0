"""Chronology of support: the events of the range and no others, in the right script."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from sosdesk.documents.produce import build
from sosdesk.services.clients import create_client
from sosdesk.services.documents_data import DocumentRequest, NothingToPrint
from sosdesk.services.events import add_event
from sosdesk.store.database import Database
from tests.documents.conftest import Fixture, flat, page_texts, pdf_text

MARCH = {"since": date(2026, 3, 1), "until": date(2026, 3, 31)}


def test_every_event_in_range_and_none_outside(db: Database, story: Fixture) -> None:
    doc = build(db, DocumentRequest("chronology", story.client_id, lang="sr-Latn", **MARCH))
    text = flat(pdf_text(doc.pdf))
    for marker in ("E002", "E005", "E010", "E010b", "E012", "E013", "E015", "E025"):
        assert marker in text
    assert "E401" not in text and "E228" not in text
    # The amended cost shows its correction, even though the amendment was made later.
    assert "Ispravka" in text and "1.400,00" in text and "pogrešno unet iznos" in text
    assert "Strana 1 od" in text


def test_range_edges_are_local_days(db: Database) -> None:
    c = create_client(db, {"given_name": "Ivana"})
    # 23:30 UTC on 31 March is already 1 April in Belgrade (UTC+2 in summer time).
    add_event(db, c.id, "note", datetime(2026, 3, 31, 21, 30, tzinfo=UTC), {"text": "IN1"})
    add_event(db, c.id, "note", datetime(2026, 3, 31, 22, 30, tzinfo=UTC), {"text": "OUT1"})
    doc = build(db, DocumentRequest("chronology", c.id, lang="en", **MARCH))
    text = pdf_text(doc.pdf)
    assert "IN1" in text and "OUT1" not in text


def test_kind_filter(db: Database, story: Fixture) -> None:
    req = DocumentRequest(
        "chronology", story.client_id, lang="en", kinds=frozenset({"court_hearing"}), **MARCH
    )
    text = flat(pdf_text(build(db, req).pdf))
    assert "E010" in text and "E025" in text
    assert "E002" not in text and "E015" not in text and "E012" not in text


def test_cyrillic_document_writes_latin_names_in_cyrillic(db: Database, story: Fixture) -> None:
    text = flat(
        pdf_text(
            build(db, DocumentRequest("chronology", story.client_id, lang="sr-Cyrl", **MARCH)).pdf
        )
    )
    assert "Милица Јовановић" in text
    assert "Milica" not in text
    assert "ХРОНОЛОГИЈА ПОДРШКЕ" in text
    assert "Виши суд у Београду" in text  # free text typed in Latin
    assert "E002" in text  # codes and markers survive transliteration
    assert "sos@astra.rs" in text  # e-mail addresses are not transliterated


def test_latin_and_english_documents_write_cyrillic_names_in_latin(db: Database) -> None:
    c = create_client(db, {"given_name": "Ђорђе", "family_name": "Шијачки", "gender": "male"})
    add_event(db, c.id, "note", datetime(2026, 3, 3, 9, tzinfo=UTC), {"text": "Ђорђе је дошао."})
    for lang in ("sr-Latn", "en"):
        text = flat(pdf_text(build(db, DocumentRequest("chronology", c.id, lang=lang)).pdf))
        assert "Đorđe Šijački" in text
        assert "Đorđe je došao." in text
        assert not re.search(r"[\u0400-\u04FF]", text)


def test_page_x_of_y_on_a_long_chronology(db: Database) -> None:
    c = create_client(db, {"given_name": "Jovana"})
    start = datetime(2026, 2, 1, 8, tzinfo=UTC)
    for i in range(120):
        add_event(
            db,
            c.id,
            "note",
            start + timedelta(hours=5 * i),
            {"text": f"Razgovor N{i:03d} o planu podrške i narednim koracima."},
        )
    doc = build(db, DocumentRequest("chronology", c.id, lang="sr-Latn"))
    pages = page_texts(doc.pdf)
    assert len(pages) == doc.pages >= 4
    for n, page in enumerate(pages, start=1):
        assert f"Strana {n} od {len(pages)}" in page
        # The table header is repeated on every page the table runs onto.
        assert "Šta je urađeno" in page
    text = flat("\n".join(pages))
    assert all(f"N{i:03d}" in text for i in range(120))


def test_huge_note_splits_across_pages_instead_of_failing(db: Database) -> None:
    c = create_client(db, {"given_name": "Sanja"})
    words = " ".join(f"reč{i}" for i in range(2500))
    add_event(db, c.id, "note", datetime(2026, 3, 3, 9, tzinfo=UTC), {"text": words})
    doc = build(db, DocumentRequest("chronology", c.id, lang="sr-Latn"))
    assert doc.pages >= 2
    assert "reč2499" in pdf_text(doc.pdf)


def test_markup_in_free_text_is_printed_not_interpreted(db: Database) -> None:
    c = create_client(db, {"given_name": "Tea"})
    add_event(
        db,
        c.id,
        "note",
        datetime(2026, 3, 3, 9, tzinfo=UTC),
        {"text": "<b>not bold</b> & <font size=40>x</font>"},
    )
    text = pdf_text(build(db, DocumentRequest("chronology", c.id, lang="en")).pdf)
    assert "<b>not bold</b> & <font size=40>x</font>" in flat(text)


def test_no_events_in_range_is_refused(db: Database, story: Fixture) -> None:
    req = DocumentRequest(
        "chronology", story.client_id, since=date(2020, 1, 1), until=date(2020, 12, 31)
    )
    with pytest.raises(NothingToPrint, match="Widen the period"):
        build(db, req)


def test_signature_never_stands_alone_on_the_last_page(db: Database) -> None:
    """Whatever the length, the last page carries table rows above the signature block."""
    c = create_client(db, {"given_name": "Vesna"})
    start = datetime(2026, 2, 1, 8, tzinfo=UTC)
    seen_pages: set[int] = set()
    for i in range(34):
        add_event(
            db,
            c.id,
            "note",
            start + timedelta(hours=5 * i),
            {"text": f"Razgovor R{i:03d} o planu podrške, smeštaju i narednim koracima."},
        )
        if i < 12:
            continue
        doc = build(db, DocumentRequest("chronology", c.id, lang="sr-Latn"))
        last = page_texts(doc.pdf)[-1]
        seen_pages.add(doc.pages)
        assert "Mesto i datum" in last
        assert re.search(r"R\d{3}", last), f"{i + 1} entries: the signature is alone on a page"
    assert len(seen_pages) >= 2  # the loop crossed a page boundary
