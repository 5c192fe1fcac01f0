"""Break the glass (reason required, audited, ends on lock, reviewed by a coordinator) and
users managed through the services (the rules the GUI and the CLI share)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError, ValidationFailed
from sosdesk.services import access
from sosdesk.services.clients import create_client, get_client
from sosdesk.services.emergency import break_glass, in_emergency, mark_reviewed, to_review
from sosdesk.services.errors import NotAllowed
from sosdesk.services.users import (
    add_user,
    change_own_passphrase,
    deactivate_user,
    list_users,
    reset_passphrase,
    set_role,
    strength,
)
from sosdesk.store.database import Database
from sosdesk.store.errors import WrongPassphrase
from tests.conftest import PASSPHRASE, USER

OP_PASS = "druga-lozinka-77"
NEW_PASS = "nova-duga-lozinka-2026"


@pytest.fixture
def operator(db: Database, db_path: Path) -> Iterator[Database]:
    """The same database unlocked by operator `mina`."""
    db.add_user("mina", "Mina", "operator", OP_PASS)
    other = Database.open(db_path, user="mina", passphrase=OP_PASS)
    yield other
    access.end_emergencies(other)
    other.close()


def test_an_operator_opens_a_full_file_only_by_breaking_the_glass(
    db: Database, operator: Database
) -> None:
    client = create_client(db, {"nickname": "Mina"}).id
    with pytest.raises(NotAllowed) as refused:
        get_client(operator, client)
    assert refused.value.params["permission"] == roles.SEE_CLIENT_FILE
    with pytest.raises(ValidationFailed) as short:
        break_glass(operator, client, "  hitno  ")
    assert short.value.errors[0].code == "roles.emergency_reason"
    with pytest.raises(NotAllowed):
        get_client(operator, client)  # nothing was opened
    assert to_review(db) == []

    break_glass(operator, client, "Klijentkinja zove iz opasnosti, treba plan")
    assert in_emergency(operator, client)
    assert get_client(operator, client).id == client
    review = to_review(db)
    assert [(r.actor, r.client_id) for r in review] == [("mina", client)]
    assert review[0].reason == "Klijentkinja zove iz opasnosti, treba plan"
    with pytest.raises(NotAllowed):
        to_review(operator)  # an operator does not review herself

    access.end_emergencies(operator)  # the desk locked
    with pytest.raises(NotAllowed):
        get_client(operator, client)
    mark_reviewed(db, review[0].seq)
    assert to_review(db) == []
    with pytest.raises(CodedError):
        mark_reviewed(db, 1)  # not an emergency access


def test_a_volunteer_cannot_break_the_glass(db: Database, db_path: Path) -> None:
    client = create_client(db, {"nickname": "Mina"}).id
    db.add_user("sara", "Sara", "volunteer", OP_PASS)
    vol = Database.open(db_path, user="sara", passphrase=OP_PASS)
    try:
        with pytest.raises(NotAllowed) as refused:
            break_glass(vol, client, "Klijentkinja zove iz opasnosti, treba plan")
        assert refused.value.params["permission"] == roles.BREAK_GLASS
    finally:
        vol.close()


def test_users_are_managed_by_coordinators_by_the_rules(db: Database, operator: Database) -> None:
    with pytest.raises(NotAllowed):
        list_users(operator)
    with pytest.raises(NotAllowed):
        add_user(operator, "eva", "Eva", "operator", NEW_PASS)
    with pytest.raises(CodedError) as unknown:
        add_user(db, "eva", "Eva", "chief", NEW_PASS)
    assert unknown.value.code == "roles.unknown_role"
    add_user(db, "eva", "Eva Ilić", "auditor", NEW_PASS)
    assert [(u.name, u.role, u.active) for u in list_users(db)] == [
        (USER, "coordinator", True),
        ("eva", "auditor", True),
        ("mina", "operator", True),
    ]
    with pytest.raises(CodedError) as last:
        set_role(db, USER, "operator")  # she is the only coordinator
    assert last.value.code == "store.last_coordinator"
    set_role(db, "mina", "consultant")
    set_role(db, "eva", "coordinator")
    with pytest.raises(CodedError) as own:
        set_role(db, USER, "operator")  # another coordinator exists: still not her own role
    assert own.value.code == "roles.own_role"
    with pytest.raises(CodedError) as yourself:
        deactivate_user(db, USER)
    assert yourself.value.code == "users.not_yourself"
    eva = Database.open(db.path, user="eva", passphrase=NEW_PASS)
    try:
        deactivate_user(eva, USER)  # another coordinator does it
    finally:
        eva.close()
    names = {u.name: u.active for u in list_users(db)}
    assert names[USER] is False  # deactivated, her name stays on what she did


def test_passphrases_old_one_required_recovery_for_a_forgotten_one(
    db_path: Path, tmp_path: Path
) -> None:
    db, recovery = Database.create(
        tmp_path / "d2" / "desk.db", user="ana", passphrase=PASSPHRASE, desk="BG2"
    )
    try:
        db.add_user("mina", "Mina", "operator", OP_PASS)
        with pytest.raises(WrongPassphrase):
            change_own_passphrase(db, "not-the-old-one", NEW_PASS)
        with pytest.raises(CodedError) as weak:
            change_own_passphrase(db, PASSPHRASE, "1234")
        assert weak.value.code.startswith("store.")
        change_own_passphrase(db, PASSPHRASE, NEW_PASS)
        Database.open(db.path, user="ana", passphrase=NEW_PASS).close()
        with pytest.raises(CodedError) as wrong:
            reset_passphrase(db, "mina", "AAAA-BBBB-CCCC-DDDD", NEW_PASS)
        assert wrong.value.code == "users.wrong_recovery"
        reset_passphrase(db, "mina", recovery, NEW_PASS)
        Database.open(db.path, user="mina", passphrase=NEW_PASS).close()
    finally:
        db.close()
    assert strength("") == 0 < strength(NEW_PASS)


def test_the_case_manager_sees_who_opened_her_clients_file(
    db: Database, db_path: Path, operator: Database
) -> None:
    from sosdesk.services.audit_log import who_opened
    from sosdesk.services.cases import open_case

    kons = db.add_user("jelena", "Jelena", "consultant", OP_PASS)
    client = create_client(db, {"nickname": "Mina"}).id
    open_case(db, client, manager_id=kons)
    break_glass(operator, client, "Klijentkinja zove iz opasnosti, treba plan")
    get_client(operator, client)
    get_client(db, client)
    jelena = Database.open(db_path, user="jelena", passphrase=OP_PASS)
    try:
        seen = [(r.actor, r.action) for r in who_opened(jelena, client)]
        assert seen[:3] == [(USER, "view"), ("mina", "view"), ("mina", "emergency_access")]
    finally:
        jelena.close()
    with pytest.raises(NotAllowed):
        who_opened(operator, client)  # she may see the file (emergency), not its readers


def test_an_auditor_reads_the_audit_without_typed_reasons(
    db: Database, db_path: Path, operator: Database
) -> None:
    from sosdesk.services.audit_log import AuditFilter, read_audit

    client = create_client(db, {"nickname": "Mina"}).id
    break_glass(operator, client, "Klijentkinja zove iz opasnosti, treba plan")
    db.add_user("vesna", "Vesna", "auditor", OP_PASS)
    auditor = Database.open(db_path, user="vesna", passphrase=OP_PASS)
    try:
        rows = read_audit(auditor, AuditFilter(action="emergency"))
        assert [r.action for r in rows] == ["emergency_access"]
        assert "reason" not in rows[0].detail
        with pytest.raises(NotAllowed):
            get_client(auditor, client)
    finally:
        auditor.close()
    assert "reason" in read_audit(db, AuditFilter(action="emergency"))[0].detail
