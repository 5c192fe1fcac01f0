"""Every role × every service operation: allowed or refused exactly as the matrix says."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sosdesk.domain import roles
from sosdesk.services import access
from sosdesk.services.audit_log import AuditFilter, read_audit
from sosdesk.services.call_corrections import correct_call
from sosdesk.services.calls import recent_calls
from sosdesk.services.caseload import case_list, workload
from sosdesk.services.cases import cases_of, open_case
from sosdesk.services.casework import (
    assess_needs,
    decide_identification,
    reassign_manager,
    record_report,
)
from sosdesk.services.client_card import client_card
from sosdesk.services.client_history import field_history
from sosdesk.services.clients import create_client, get_client, update_client
from sosdesk.services.directory import create_entry
from sosdesk.services.documents.gather import gather
from sosdesk.services.documents.request import DocumentRequest
from sosdesk.services.duplicates_across import duplicates_across_desks
from sosdesk.services.emergency import break_glass, to_review
from sosdesk.services.erasure import forget
from sosdesk.services.errors import NotAllowed
from sosdesk.services.events import add_event, timeline
from sosdesk.services.followups import board, followups_of_client
from sosdesk.services.indicator_lists import add_version, seed_data
from sosdesk.services.merge import merge_clients
from sosdesk.services.missing_children import (
    ChildInput,
    open_missing_case,
    reopen_missing_case,
    require_figures,
)
from sosdesk.services.office_tools import check_database, issued_register, verify_document
from sosdesk.services.organisation import get_organisation, set_organisation
from sosdesk.services.print_register import issued_documents
from sosdesk.services.privacy_ledger import set_budget
from sosdesk.services.protection_plan import approve_plan
from sosdesk.services.retention import set_rules
from sosdesk.services.search import search
from sosdesk.services.users import list_users
from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.drilldown import records_behind
from sosdesk.stats.periods import Period
from sosdesk.stats.publish import ReportRequest, publish_ctdc, publish_report
from sosdesk.store.database import Database
from sosdesk.store.tx import Actor
from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches

WHEN = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
NOBODY = "BG1-2026-9999"  # a client code no test client has
Op = Callable[[Database, str, Path], Any]

# name -> (the permissions the operation needs, the operation on (db, client id, a folder))
OPERATIONS: dict[str, tuple[str | tuple[str, ...], Op]] = {
    "recent calls": (roles.TAKE_CALLS, lambda db, c, d: recent_calls(db)),
    "new client at a call": (
        roles.TAKE_CALLS,
        lambda db, c, d: create_client(db, {"nickname": "Nova"}),
    ),
    "open the client file": (roles.SEE_CLIENT_FILE, lambda db, c, d: get_client(db, c)),
    "whole timeline (sensitive sections)": (
        (roles.SEE_CLIENT_FILE, roles.SEE_SENSITIVE),
        lambda db, c, d: timeline(db, c),
    ),
    "court hearings of a client": (
        (roles.SEE_CLIENT_FILE, roles.SEE_SENSITIVE),
        lambda db, c, d: timeline(db, c, kinds={"court_hearing"}),
    ),
    "add a note": (
        roles.ADD_EVENT_CONTACT,
        lambda db, c, d: add_event(db, c, "note", WHEN, {"text": "Javila se."}),
    ),
    "add assistance": (
        roles.ADD_EVENT_ASSISTANCE,
        lambda db, c, d: add_event(db, c, "assistance", WHEN, {"type": "information"}),
    ),
    "add a court hearing": (
        roles.ADD_EVENT_LEGAL,
        lambda db, c, d: add_event(db, c, "court_hearing", WHEN, {}),
    ),
    "correct the client": (
        roles.CORRECT,
        lambda db, c, d: update_client(db, c, {"nickname": "Mina M."}),
    ),
    "print a chronology": (
        roles.PRINT_LETTER,
        lambda db, c, d: gather(db, DocumentRequest("chronology", c)),
    ),
    "print a court accompaniment": (
        roles.PRINT_COURT,
        lambda db, c, d: gather(db, DocumentRequest("accompaniment", c)),
    ),
    "print a costs statement": (
        roles.PRINT_COSTS,
        lambda db, c, d: gather(db, DocumentRequest("costs", c)),
    ),
    "export a batch": (roles.EXPORT_BATCH, lambda db, c, d: export_desk(db, d)),
    "import office batches": (roles.EXPORT_BATCH, lambda db, c, d: import_batches(db, [])),
    "statistics": (
        roles.RUN_STATISTICS,
        lambda db, c, d: compute_dashboard(db, Period.year(2026), compare=False),
    ),
    "records behind a number": (
        roles.SEE_RECORDS_BEHIND,
        lambda db, c, d: records_behind(db, Period.year(2026), "calls_by_hour", "10"),
    ),
    "publish the annual report": (
        roles.PUBLISH,
        lambda db, c, d: publish_report(db, ReportRequest(2026, d / "report.pdf")),
    ),
    "publish the CTDC file": (
        roles.PUBLISH,
        lambda db, c, d: publish_ctdc(db, 2026, d / "ctdc.csv"),
    ),
    "edit the directory": (
        roles.EDIT_DIRECTORY,
        lambda db, c, d: create_entry(db, {"kind": "police", "name": "PU Novi Sad"}),
    ),
    "cases of a client": (roles.SEE_CLIENT_FILE, lambda db, c, d: cases_of(db, c)),
    "history of the client's fields": (
        roles.SEE_CLIENT_FILE,
        lambda db, c, d: field_history(db, c),
    ),
    "documents issued for a client": (
        roles.SEE_CLIENT_FILE,
        lambda db, c, d: issued_documents(db, c),
    ),
    "the safety card": (roles.SEE_SAFETY_CARD, lambda db, c, d: client_card(db, c)),
    "follow-ups of a client": (roles.SEE_SAFETY_CARD, lambda db, c, d: followups_of_client(db, c)),
    "search clients and calls": (roles.SEE_SAFETY_CARD, lambda db, c, d: search(db, "Mina")),
    "the follow-up board": (roles.SEE_SAFETY_CARD, lambda db, c, d: board(db, None)),
    "read the audit": (roles.READ_AUDIT, lambda db, c, d: read_audit(db, AuditFilter())),
    "emergency accesses to review": (roles.REVIEW_EMERGENCY, lambda db, c, d: to_review(db)),
    "list the users": (roles.MANAGE_USERS, lambda db, c, d: list_users(db)),
    "break the glass": (
        roles.BREAK_GLASS,
        lambda db, c, d: break_glass(db, c, "Krizni poziv noću, potreban dosije"),
    ),
    "edit the organisation header": (
        roles.EDIT_ORGANISATION,
        lambda db, c, d: set_organisation(db, {"name": get_organisation(db).name}),
    ),
    # The office tools.
    "check the database": (roles.CHECK_DATABASE, lambda db, c, d: check_database(db)),
    "the print register": (roles.SEE_PRINT_REGISTER, lambda db, c, d: issued_register(db)),
    "verify a PDF": (
        roles.VERIFY_DOCUMENT,
        lambda db, c, d: verify_document(db, d / "none.pdf"),
    ),
    # Missing children.
    "open a missing child's case": (
        roles.OPEN_MISSING_CASE,
        lambda db, c, d: open_missing_case(db, ChildInput("runaway_national", "parent", age=14)),
    ),
    "take back an outcome": (
        roles.RECORD_MISSING_SEARCH,
        lambda db, c, d: reopen_missing_case(db, "no-such-case"),
    ),
    "the yearly 116 000 figures": (roles.MISSING_FIGURES, lambda db, c, d: require_figures(db)),
    # The Centre's casework.
    "record a report received": (
        roles.CASEWORK_REPORT,
        lambda db, c, d: record_report(db, c, source_kind="sos_line", grounds="Poziv na liniju."),
    ),
    "decide an identification": (
        roles.CASEWORK_IDENTIFY,
        lambda db, c, d: decide_identification(db, c, outcome="identified", reasons="Razlozi."),
    ),
    "assess needs": (roles.CASEWORK_NEEDS, lambda db, c, d: assess_needs(db, "no-case", {}, [])),
    "approve a protection plan": (
        roles.CASEWORK_APPROVE,
        lambda db, c, d: approve_plan(db, "no-case"),
    ),
    "give a case another manager": (
        roles.CASEWORK_REASSIGN,
        lambda db, c, d: reassign_manager(db, "no-case", "no-user"),
    ),
    "the caseload": (roles.CASEWORK_WORKLOAD, lambda db, c, d: workload(db)),
    "the case list": (roles.CASEWORK_CASE_LIST, lambda db, c, d: case_list(db)),
    "a new indicator list": (
        roles.EDIT_INDICATOR_LISTS,
        lambda db, c, d: add_version(db, "formal", seed_data(), None),
    ),
    # Corrections, merging and forgetting across desks.
    "correct a call": (
        roles.CORRECT_CALL,
        lambda db, c, d: correct_call(db, "no-call", "summary", "Ispravka.", "Pogrešno upisano."),
    ),
    "move a call to another client": (
        roles.RELINK_CALL,
        lambda db, c, d: correct_call(db, "no-call", "client", NOBODY, "Pogrešan klijent."),
    ),
    "merge two clients": (
        roles.MERGE_CLIENTS,
        lambda db, c, d: merge_clients(db, "BG1-2026-9998", NOBODY, "Ista osoba."),
    ),
    "duplicates across desks": (
        roles.LIST_DUPLICATES,
        lambda db, c, d: duplicates_across_desks(db),
    ),
    "anonymise a client": (
        roles.ANONYMISE_CLIENT,
        lambda db, c, d: forget(db, NOBODY, "anonymise", "Zahtev klijentkinje."),
    ),
    "erase a client": (
        roles.ERASE_CLIENT,
        lambda db, c, d: forget(db, NOBODY, "erase", "Zahtev klijentkinje."),
    ),
    "the retention rules": (roles.SET_RETENTION, lambda db, c, d: set_rules(db, {})),
    "the privacy budget": (
        roles.SET_PRIVACY_BUDGET,
        lambda db, c, d: set_budget(db, 2026, 1.0),
    ),
}


# Allowed operations that then stop because the test database has nothing for them.
FAILS_ON_EMPTY_DATA = frozenset(
    {
        "add a court hearing",
        "export a batch",
        "print a court accompaniment",
        "print a costs statement",
        # Asked about records that are not there: the gate comes first, then "not found".
        "verify a PDF",
        "open a missing child's case",
        "take back an outcome",
        "decide an identification",
        "assess needs",
        "approve a protection plan",
        "give a case another manager",
        "a new indicator list",
        "correct a call",
        "move a call to another client",
        "merge two clients",
        "anonymise a client",
        "erase a client",
    }
)


def _as(db: Database, role: str) -> None:
    me = db.actor
    db.actor = Actor(me.user_id, me.name, role)


@pytest.fixture
def client_id(db: Database) -> str:
    """A client whose open case `ana` manages (her own client when she is a consultant)."""
    client = create_client(db, {"nickname": "Mina"})
    open_case(db, client.id)
    return client.id


@pytest.mark.parametrize("role", roles.ROLES)
def test_every_operation_obeys_the_matrix(
    db: Database, client_id: str, role: str, tmp_path: Path
) -> None:
    for n, (name, (needs, op)) in enumerate(OPERATIONS.items()):
        _as(db, role)
        access.end_emergencies(db)  # an emergency opened by one operation ends before the next
        needed = (needs,) if isinstance(needs, str) else needs
        missing = [p for p in needed if not roles.allows(role, p)]
        folder = tmp_path / f"op{n}"
        folder.mkdir()
        try:
            op(db, client_id, folder)
        except NotAllowed as refused:
            assert missing, f"{role} wrongly refused: {name}"
            assert refused.params["permission"] == missing[0], name
            assert missing[0] in refused.text("en")
            continue
        except Exception as other:  # allowed, then refused for another reason (no data)
            assert not isinstance(other, PermissionError), name
            assert name in FAILS_ON_EMPTY_DATA, f"{name}: {type(other).__name__}"
        assert not missing, f"{role} wrongly allowed: {name}"


def test_the_walk_covers_every_permission_an_operation_needs() -> None:
    walked = {
        p
        for needs, _op in OPERATIONS.values()
        for p in ((needs,) if isinstance(needs, str) else needs)
    }
    # Checked elsewhere: backup/restore (CLI tests), the office import (needs an office),
    # a missing child's name outside one's own call (tests/missing: the walk keeps one user,
    # who opened every case), enrolling a revoked desk again (needs an office and a desk).
    elsewhere = {
        roles.IMPORT_OFFICE,
        roles.BACKUP_RESTORE,
        roles.SEE_MISSING_CASES,
        roles.RE_ENROL_DESK,
    }
    assert walked | elsewhere == set(roles.PERMISSIONS)


def test_a_consultant_sees_her_clients_and_those_without_a_case_manager(db: Database) -> None:
    mine = create_client(db, {"nickname": "Moja"}).id
    open_case(db, mine)
    unmanaged = create_client(db, {"nickname": "Niciji"}).id
    other = db.add_user("vesna", "Vesna", "consultant", "vesnina-lozinka-9")
    theirs = create_client(db, {"nickname": "Tuđa"}).id
    open_case(db, theirs, manager_id=other)
    _as(db, roles.CONSULTANT)
    assert get_client(db, mine).id == mine
    assert get_client(db, unmanaged).id == unmanaged
    with pytest.raises(NotAllowed) as refused:
        get_client(db, theirs)
    assert refused.value.code == "roles.not_your_client"
    with pytest.raises(NotAllowed):
        timeline(db, theirs)
    with pytest.raises(NotAllowed):
        gather(db, DocumentRequest("costs", theirs))
    _as(db, roles.COORDINATOR)
    assert get_client(db, theirs).id == theirs


def test_an_actor_without_the_database_cannot_pass_a_client_scoped_check() -> None:
    consultant = Actor("u1", "kons", roles.CONSULTANT)
    access.require(consultant, roles.RUN_STATISTICS)
    with pytest.raises(NotAllowed):
        access.require(consultant, roles.SEE_CLIENT_FILE, "some-client")
    with pytest.raises(NotAllowed):
        access.require(Actor("u2", "vol", roles.VOLUNTEER), roles.SEE_CLIENT_FILE)


def test_the_document_table_matches_the_matrix() -> None:
    text = (Path(__file__).parents[2] / "docs" / "roles.md").read_text(encoding="utf-8")
    start = text.index("<!-- matrix:start -->\n") + len("<!-- matrix:start -->\n")
    end = text.index("<!-- matrix:end -->")
    assert text[start:end] == roles.table_markdown()


def test_every_role_is_in_the_vocabulary() -> None:
    from sosdesk.domain.vocab import ROLE

    assert set(roles.ROLES) == set(ROLE.codes())
    assert set(roles.MATRIX) == set(roles.ROLES)
    assert all(p in roles.PERMISSIONS for ps in roles.MATRIX.values() for p in ps)


def test_every_permission_has_its_refusal_in_words() -> None:
    from sosdesk.domain.messages import all_codes, render

    for p in roles.PERMISSIONS:
        assert f"roles.needs.{p}" in all_codes(), p
        text = render(f"roles.needs.{p}", {"role": "volunteer", "permission": p}, "sr-Cyrl")
        assert p in text and "volunteer" in text  # codes stay as they are in Cyrillic
