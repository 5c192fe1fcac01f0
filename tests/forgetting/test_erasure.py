"""Anonymise and erase one client on a real encrypted database: the canary name, phone and
summary word are gone from every table (FTS, drafts, outbox included) and the WAL; coded
facts stay after anonymisation; bad requests change nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.clients import find_by_code
from sosdesk.services.erasure import ErasureRefused, forget
from sosdesk.services.errors import NotAllowed, NotFound
from sosdesk.services.events import add_event
from sosdesk.services.missing_children import ChildInput, get_missing_case, open_missing_case
from sosdesk.services.office_tools import make_backup, prepare_restore
from sosdesk.services.search import search_clients
from sosdesk.store.database import Database
from tests.conftest import PASSPHRASE
from tests.factory import at, take_call
from tests.forgetting.canary import canary_client, found_in, wal_size
from tests.sync.helpers import snapshot


def _rows(db: Database, sql: str) -> list[tuple[object, ...]]:
    with db.engine.connect() as c:
        return [tuple(r) for r in c.execute(text(sql))]


def test_the_canary_is_in_the_file_before(db: Database) -> None:
    canary_client(db)
    found = found_in(db)
    # The reader can fail: every place the canary travels holds it before the erasure.
    for table in ("clients", "calls", "events", "drafts", "changes", "call_corrections"):
        assert table in found, table
    assert any(name.endswith("_data") for name in found)  # the FTS index


def test_erase_leaves_no_canary_anywhere(db: Database) -> None:
    other = take_call(db, "Milica", summary="druga osoba")
    _cid, code, _call = canary_client(db)
    view = forget(db, code, "erase", "zahtev lica od 1.3.", legal_basis="request")
    assert view.removed["clients"] == 1 and view.removed["calls"] == 1
    assert found_in(db) == {}
    assert wal_size(db) == 0
    assert _rows(db, "PRAGMA freelist_count") == [(0,)]  # vacuumed: no free page keeps data
    assert _rows(db, "PRAGMA secure_delete") == [(1,)]
    with pytest.raises(NotFound):
        find_by_code(db, code)
    assert [c.ref for c in search_clients(db, "Milica")] == [other]
    [(mode, basis, content)] = _rows(db, "SELECT mode, legal_basis, removed FROM erasures")
    assert (mode, basis) == ("erase", "request")
    assert "zvrkoslava" not in str(content).casefold()
    audit = _rows(db, "SELECT action, entity_id FROM audit_entries WHERE action = 'erase'")
    assert len(audit) == 1  # the fact of the erasure stays, not the data


def test_anonymise_keeps_coded_facts_and_the_code(db: Database) -> None:
    cid, code, call_id = canary_client(db)
    add_event(
        db, cid, "assistance", at(2), {"type": "medical", "amount": "1200.50", "currency": "RSD"}
    )
    before = _rows(db, "SELECT kind, stat_key, amount_minor FROM stat_event_facts ORDER BY 1")
    calls_before = _rows(db, "SELECT * FROM stat_call_counts ORDER BY 1, 2, 3")
    forget(db, code, "anonymise", "svrha ostvarena", legal_basis="purpose_fulfilled")
    assert found_in(db) == {}
    kept = find_by_code(db, code)
    assert (kept.gender, kept.citizenship, kept.birth_year) == ("female", "RS", 1999)
    assert kept.given_name is None and kept.birth_date is None and not kept.phones
    assert _rows(db, "SELECT kind, stat_key, amount_minor FROM stat_event_facts ORDER BY 1") == (
        before
    )
    assert _rows(db, "SELECT * FROM stat_call_counts ORDER BY 1, 2, 3") == calls_before
    assert _rows(db, f"SELECT caller_type, summary FROM calls WHERE id = '{call_id}'") == [
        ("victim", None)
    ]


def test_bad_requests_change_nothing(db: Database, db_path) -> None:
    _cid, code, _call = canary_client(db)
    before = snapshot(db)
    with pytest.raises(ValidationFailed):
        forget(db, code, "erase", "  ")
    with pytest.raises(ValidationFailed):
        forget(db, code, "shred", "razlog")
    with pytest.raises(ValidationFailed):
        forget(db, code, "erase", "razlog", legal_basis="whim")
    with pytest.raises(NotFound):
        forget(db, "BG1-2026-9999", "erase", "razlog")
    assert snapshot(db) == before
    db.add_user("marko", "Marko", "consultant", PASSPHRASE)
    other = Database.open(db_path, user="marko", passphrase=PASSPHRASE)
    try:
        with pytest.raises(NotAllowed):
            forget(other, code, "erase", "razlog")
    finally:
        other.close()
    forget(db, code, "erase", "razlog")
    with pytest.raises(ErasureRefused) as err:
        forget(db, code, "erase", "razlog")
    assert err.value.code == "erasure.already_erased"


def test_an_open_proceeding_needs_confirmation(db: Database) -> None:
    cid, code, _call = canary_client(db)  # it has an open case
    add_event(db, cid, "court_hearing", at(3), {"court": "Viši sud", "proceeding": "criminal"})
    before = snapshot(db)
    with pytest.raises(ErasureRefused) as err:
        forget(db, code, "erase", "zahtev")
    assert err.value.code == "erasure.open_proceeding"
    assert snapshot(db) == before
    forget(db, code, "erase", "zahtev", despite_proceeding=True)
    assert found_in(db) == {}


def test_a_missing_child_case_opened_from_the_call_stays_without_the_link(db: Database) -> None:
    _cid, code, call_id = canary_client(db)
    case = open_missing_case(
        db,
        ChildInput(category="runaway_national", reporter_kind="institution"),
        call_id=call_id,
    )
    forget(db, code, "erase", "zahtev")
    assert found_in(db) == {}
    kept = get_missing_case(db, case.id)
    assert kept.code == case.code
    with db.engine.connect() as c:
        assert c.execute(
            text(f"SELECT call_id FROM missing_cases WHERE id = '{case.id}'")
        ).one() == (None,)


def test_a_backup_restored_from_the_office_area_forgets_again(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _cid, code, _call = canary_client(db)
    (tmp_path / "backups").mkdir()
    done = make_backup(db, tmp_path / "backups")
    forget(db, code, "erase", "zahtev")
    run = prepare_restore(db, done.path)
    path, key, user = db.path, db.data_key, db.actor.name
    db.close()  # the desk locks before the files are replaced
    run()
    again = Database._open_with_key(path, key, user, None)
    try:
        assert found_in(again) == {}
        with pytest.raises(NotFound):
            find_by_code(again, code)
    finally:
        again.close()
