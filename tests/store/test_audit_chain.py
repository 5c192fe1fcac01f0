"""Tampering with the audit chain is detected and located: edit, delete, insert, reorder."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sosdesk.services.clients import create_client, get_client, update_client
from sosdesk.store.audit import GENESIS, entry_hash, verify_chain
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow


@pytest.fixture
def chained(db: Database) -> Database:
    c = create_client(db, {"given_name": "Vesna"})
    for level in ("low", "medium", "high"):
        update_client(db, c.id, {"risk_level": level})
    get_client(db, c.id)
    with db.session() as s:
        assert verify_chain(s) == []
        assert s.execute(text("SELECT count(*) FROM audit_entries")).scalar_one() >= 6
    return db


def _sql(db: Database, *statements: str) -> None:
    with db.engine.begin() as c:
        for st in statements:
            c.execute(text(st))


def _problem(db: Database) -> tuple[int, str]:
    with db.session() as s:
        problems = verify_chain(s)
    assert len(problems) == 1
    return problems[0].seq, problems[0].kind


def test_edited_entry(chained: Database) -> None:
    _sql(chained, "UPDATE audit_entries SET actor = 'neko drugi' WHERE seq = 4")
    assert _problem(chained) == (4, "edited")


def test_deleted_entry(chained: Database) -> None:
    _sql(chained, "DELETE FROM audit_entries WHERE seq = 3")
    assert _problem(chained) == (4, "deleted")


def test_inserted_entry(chained: Database) -> None:
    with chained.session() as s:
        prev = s.execute(text("SELECT entry_hash FROM audit_entries WHERE seq = 2")).scalar_one()
    at = utcnow()
    forged = entry_hash(at, "ana", "view", "clients", None, {}, prev)
    stamp = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    _sql(
        chained,
        "UPDATE audit_entries SET seq = seq + 1000 WHERE seq >= 3",
        "UPDATE audit_entries SET seq = seq - 999 WHERE seq >= 1000",
        "INSERT INTO audit_entries (seq, at, actor, action, entity, entity_id, detail, "
        f"prev_hash, entry_hash) VALUES (3, '{stamp}', 'ana', 'view', 'clients', NULL, '{{}}', "
        f"'{prev}', '{forged}')",
    )
    assert _problem(chained) == (3, "inserted")


def test_reordered_entries(chained: Database) -> None:
    _sql(
        chained,
        "UPDATE audit_entries SET seq = 1000 WHERE seq = 3",
        "UPDATE audit_entries SET seq = 3 WHERE seq = 4",
        "UPDATE audit_entries SET seq = 4 WHERE seq = 1000",
    )
    seq, kind = _problem(chained)
    assert kind == "reordered" and seq in (3, 4)


def test_genesis_is_the_first_link(chained: Database) -> None:
    with chained.session() as s:
        first = s.execute(text("SELECT prev_hash FROM audit_entries WHERE seq = 1")).scalar_one()
    assert first == GENESIS


def test_entries_written_on_a_whole_second_and_with_odd_details_verify(db: Database) -> None:
    # The check reads the stored text, not the ORM's datetimes: a zero microsecond part and
    # details with non-ASCII text, nesting and numbers must hash exactly as they were written.
    from datetime import UTC, datetime

    from sosdesk.store.audit import append_many

    whole = datetime(2026, 12, 5, 3, 0, 0, tzinfo=UTC)
    with db.session() as s, s.begin():
        append_many(s, whole, "ana", [("view", "clients", None, {"ime": "Đorđe Šćekić"})])
        append_many(s, utcnow(), "ana", [("note", "calls", "x", {"n": [1, 2.5, {"b": None}]})])
    with db.session() as s:
        assert verify_chain(s) == []


def test_a_detail_edited_into_something_that_is_not_json_is_an_edited_entry(
    chained: Database,
) -> None:
    _sql(chained, "UPDATE audit_entries SET detail = '{not json' WHERE seq = 2")
    assert _problem(chained) == (2, "edited")
