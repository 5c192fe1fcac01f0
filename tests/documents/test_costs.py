"""Statement of costs: every item, subtotals by type, totals per currency, exact to the cent."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sosdesk.documents.produce import build
from sosdesk.services.clients import create_client
from sosdesk.services.documents_data import CostsData, DocumentRequest, NothingToPrint, gather
from sosdesk.services.events import add_event
from sosdesk.store.database import Database
from tests.documents.conftest import Fixture, flat, pdf_text


def test_totals_are_exact_and_use_the_correction(db: Database, story: Fixture) -> None:
    req = DocumentRequest(
        "costs", story.client_id, lang="sr-Latn", since=date(2026, 3, 1), until=date(2026, 3, 31)
    )
    data = gather(db, req)
    assert isinstance(data, CostsData)
    assert dict(data.totals) == {"RSD": 140000, "EUR": 1265}  # 12.35 + 0.10 + 0.20
    subtotals = {(s.type, s.currency): (s.amount_minor, s.count) for s in data.subtotals}
    assert subtotals == {
        ("medical", "RSD"): (140000, 1),
        ("technical", "EUR"): (1255, 2),
        ("accommodation", "EUR"): (10, 1),
    }
    text = flat(pdf_text(build(db, req).pdf))
    assert "1.400,00" in text and "12,65" in text and "12,55" in text and "0,10" in text
    assert "prvobitno 1.500,50 RSD" in text  # the original figure stays visible


def test_english_number_format(db: Database, story: Fixture) -> None:
    text = flat(pdf_text(build(db, DocumentRequest("costs", story.client_id, lang="en")).pdf))
    assert "1,400.00" in text and "12.65" in text
    assert "Totals by currency" in text


def test_many_small_amounts_sum_exactly(db: Database) -> None:
    c = create_client(db, {"given_name": "Vesna"})
    for i in range(30):
        add_event(
            db,
            c.id,
            "assistance",
            datetime(2026, 3, 1 + i % 28, 9, tzinfo=UTC),
            {"type": "technical", "subtype": "tech_transport", "amount": "0.10", "currency": "RSD"},
        )
    add_event(
        db,
        c.id,
        "assistance",
        datetime(2026, 3, 2, 9, tzinfo=UTC),
        {
            "type": "legal",
            "subtype": "legal_representation",
            "amount": "999999.99",
            "currency": "RSD",
            "provider": "adv. Dragan Ilić",
        },
    )
    req = DocumentRequest("costs", c.id, lang="sr-Latn")
    data = gather(db, req)
    assert isinstance(data, CostsData)
    assert dict(data.totals) == {"RSD": 300 + 99999999}
    text = flat(pdf_text(build(db, req).pdf))
    assert "1.000.002,99" in text  # 3,00 + 999.999,99


def test_no_costs_in_range_is_refused(db: Database, story: Fixture) -> None:
    with pytest.raises(NothingToPrint):
        build(db, DocumentRequest("costs", story.client_id, since=date(2026, 3, 26)))
