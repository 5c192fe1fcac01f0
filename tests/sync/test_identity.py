"""Identity files, fingerprints and the rules of enrolment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sosdesk.sync.errors import SyncError
from sosdesk.sync.identity import normalise_fingerprint, own_identity, read_identity, write_identity
from sosdesk.sync.peers import enroll_desk, list_peers, revoke_desk, trust_office
from tests.sync.helpers import Net, make_db, snapshot


def test_identity_file_round_trip_and_fingerprint(pair: Net, tmp_path: Path) -> None:
    bg1 = pair.desks["BG1"]
    written = write_identity(bg1, tmp_path / "bg1.sosid")
    read = read_identity(tmp_path / "bg1.sosid")
    assert read == written == own_identity(bg1)
    fp = read.fingerprint
    assert len(fp.split()) == 5 and all(len(g) == 5 and g.isdigit() for g in fp.split())
    assert normalise_fingerprint(fp.replace(" ", "-")) == fp
    text = (tmp_path / "bg1.sosid").read_text()
    assert "private" not in text  # public keys only
    assert own_identity(pair.office).fingerprint != fp


@pytest.mark.parametrize("field", ["desk_code", "box_public", "device_id"])
def test_an_edited_identity_file_is_refused(pair: Net, tmp_path: Path, field: str) -> None:
    path = tmp_path / "bg1.sosid"
    write_identity(pair.desks["BG1"], path)
    doc = json.loads(path.read_text())
    other = json.loads(path.read_text())
    write_identity(pair.office, tmp_path / "hq.sosid")
    doc[field] = json.loads((tmp_path / "hq.sosid").read_text())[field]
    assert doc != other
    path.write_text(json.dumps(doc))
    with pytest.raises(SyncError, match="altered or damaged"):
        read_identity(path)


def test_garbage_is_not_an_identity(tmp_path: Path) -> None:
    (tmp_path / "x.sosid").write_text("hello")
    with pytest.raises(SyncError, match="not an SOS Desk identity file"):
        read_identity(tmp_path / "x.sosid")


def test_enrolment_rules(pair: Net, tmp_path: Path) -> None:
    office, bg1 = pair.office, pair.desks["BG1"]
    write_identity(bg1, tmp_path / "bg1.sosid")
    write_identity(office, tmp_path / "hq.sosid")
    # Enrolling the same desk again changes nothing.
    before = snapshot(office)
    again = enroll_desk(office, read_identity(tmp_path / "bg1.sosid"))
    assert again.desk_code == "BG1" and snapshot(office) == before
    with pytest.raises(SyncError, match="office's identity"):
        enroll_desk(office, read_identity(tmp_path / "hq.sosid"))
    with pytest.raises(SyncError, match="desk database"):
        enroll_desk(bg1, read_identity(tmp_path / "bg1.sosid"))
    with pytest.raises(SyncError, match="desk's identity"):
        trust_office(bg1, read_identity(tmp_path / "bg1.sosid"))
    with pytest.raises(SyncError, match="does not match"):
        enroll_desk(office, read_identity(tmp_path / "bg1.sosid"), expect="00000 00000")
    # Another office is refused unless the desk really means to change office.
    other = make_db(tmp_path / "o2", "HQ2", office=True)
    write_identity(other, tmp_path / "hq2.sosid")
    with pytest.raises(SyncError, match="--replace"):
        trust_office(bg1, read_identity(tmp_path / "hq2.sosid"))
    assert trust_office(bg1, read_identity(tmp_path / "hq2.sosid"), replace=True).desk_code == "HQ2"
    other.close()
    # Revocation keeps the desk listed, and it cannot simply come back.
    revoked = revoke_desk(office, "bg1")
    assert revoked.revoked
    assert [p.revoked for p in list_peers(office)] == [True]
    with pytest.raises(SyncError, match="revoked"):
        enroll_desk(office, read_identity(tmp_path / "bg1.sosid"))
