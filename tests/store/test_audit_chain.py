"""Tampering with the audit chain is detected and located: edit, delete, insert, reorder."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
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


def test_details_are_stored_as_the_hash_covers_them(db: Database) -> None:
    # The check hashes the stored text as it is: keys sorted, no spaces, letters unescaped.
    from sosdesk.store.audit import append_many

    with db.session() as s, s.begin():
        append_many(s, utcnow(), "ana", [("view", "clients", None, {"z": 1, "ime": "Šćekić"})])
    with db.session() as s:
        stored = s.execute(
            text("SELECT detail FROM audit_entries ORDER BY seq DESC LIMIT 1")
        ).scalar_one()
    assert stored == '{"ime":"Šćekić","z":1}'


def test_a_changed_detail_is_an_edited_entry(chained: Database) -> None:
    _sql(chained, "UPDATE audit_entries SET detail = replace(detail, '0001', '0002') WHERE seq = 3")
    with chained.session() as s:
        changed = s.execute(text("SELECT detail FROM audit_entries WHERE seq = 3")).scalar_one()
    assert changed == '{"code":"BG1-2026-0002"}'
    assert _problem(chained) == (3, "edited")


def _rewrite_details(db: Database, seqs: range, form: dict[str, object]) -> None:
    import json

    with db.engine.begin() as c:
        for seq, detail in c.execute(text("SELECT seq, detail FROM audit_entries")).all():
            if seq in seqs:
                again = json.dumps(json.loads(detail), **form)  # type: ignore[arg-type]
                c.execute(
                    text("UPDATE audit_entries SET detail = :d WHERE seq = :s"),
                    {"d": again, "s": seq},
                )


def test_a_log_written_in_another_json_form_still_verifies_and_edits_still_show(
    chained: Database,
) -> None:
    # Logs written before details were stored canonically (spaces, escaped letters, keys in
    # insertion order): the same content in other text is the same entry, old and new mixed.
    with chained.session() as s:
        last = s.execute(text("SELECT max(seq) FROM audit_entries")).scalar_one()
    _rewrite_details(chained, range(1, last - 1), {"indent": 1, "ensure_ascii": True})
    with chained.session() as s:
        spaced = s.execute(text("SELECT count(*) FROM audit_entries WHERE detail LIKE '{\n%'"))
        assert spaced.scalar_one() >= 4
        assert verify_chain(s) == []
        assert verify_chain(s, chunk=2) == []  # older chunks, then canonical ones again
    _sql(chained, "UPDATE audit_entries SET detail = replace(detail, '0001', '0002') WHERE seq = 3")
    assert _problem(chained) == (3, "edited")
    with chained.session() as s:
        assert [(p.seq, p.kind) for p in verify_chain(s, chunk=2)] == [(3, "edited")]


def test_the_check_counts_every_entry_whether_or_not_the_chain_breaks(chained: Database) -> None:
    from sosdesk.store.audit import ChainCheck, check_chain

    with chained.session() as s:
        total = s.execute(text("SELECT count(*) FROM audit_entries")).scalar_one()
        assert check_chain(s, chunk=2) == ChainCheck(total, ())  # counted across chunks
    _sql(chained, "UPDATE audit_entries SET actor = 'neko drugi' WHERE seq = 2")
    with chained.session() as s:
        broken = check_chain(s, chunk=2)
    assert broken.entries == total and [(p.seq, p.kind) for p in broken.problems] == [(2, "edited")]


_TEXT_CASES = st.text(st.characters(codec="utf-8", exclude_characters="\x00"))


@settings(max_examples=400, deadline=None)
@given(
    at=st.datetimes(datetime(2000, 1, 1), datetime(2200, 1, 1), timezones=st.just(UTC)),
    actor=_TEXT_CASES,
    entity_id=st.none() | _TEXT_CASES,
    detail=st.dictionaries(_TEXT_CASES, _TEXT_CASES | st.integers() | st.none(), max_size=3),
)
def test_sqlite_builds_exactly_the_text_an_entry_was_hashed_over(
    at: datetime, actor: str, entity_id: str | None, detail: dict[str, object]
) -> None:
    # The long check hashes the text SQLite builds; for any strings (quotes, backslashes,
    # control characters, other scripts) it must be the very text the entry was hashed over.
    # NUL ends SQLite's text early: such an entry is checked field by field (no faster path).
    import sqlcipher3

    from sosdesk.store.audit import _TEXT
    from sosdesk.store.canonical_json import canonical

    prev = "ab" * 32
    stored_at = at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    conn = sqlcipher3.connect(":memory:")
    conn.execute(
        "CREATE TABLE audit_entries (at, actor, action, entity, entity_id, detail, prev_hash)"
    )
    row = (stored_at, actor, "view", "clients", entity_id, canonical(detail), prev)
    conn.execute("INSERT INTO audit_entries VALUES (?, ?, ?, ?, ?, ?, ?)", row)
    (built,) = conn.execute(f"SELECT {_TEXT} FROM audit_entries").fetchone()
    conn.close()
    assert hashlib.sha256(built.encode()).hexdigest() == entry_hash(
        at, actor, "view", "clients", entity_id, detail, prev
    )


def test_an_entry_moved_below_the_first_or_edited_into_a_blob_is_named(
    chained: Database,
) -> None:
    _sql(chained, "UPDATE audit_entries SET actor = x'00ff' WHERE seq = 5")
    assert _problem(chained) == (5, "edited")
    _sql(chained, "UPDATE audit_entries SET actor = 'ana' WHERE seq = 5")  # as written again
    _sql(chained, "UPDATE audit_entries SET seq = -7 WHERE seq = 2")
    # Walked from below every seq: the moved entry is first, and its link is not the start.
    assert _problem(chained) == (-7, "reordered")
