"""The sync and office commands: the whole exchange from the command line, with exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosdesk.cli import main
from sosdesk.services.clients import update_client
from tests.conftest import PASSPHRASE
from tests.sync.helpers import OFFICE_USER, make_db, take_call


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOSDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SOSDESK_LANG", "en")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


def test_full_exchange_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = make_db(tmp_path, "HQ", office=True, user=OFFICE_USER)
    desks = {code: make_db(tmp_path, code) for code in ("BG1", "NS1")}
    paths = {code: str(db.path) for code, db in desks.items()}
    hq = str(office.path)
    client = take_call(desks["BG1"], "Stanislava")
    take_call(desks["NS1"], "Tamara")
    for db in (office, *desks.values()):
        db.close()
    ids = tmp_path / "ids"
    ids.mkdir()
    code, out = run(
        capsys,
        "sync",
        "identity",
        "--db",
        hq,
        "--user",
        OFFICE_USER,
        "--out",
        str(ids / "hq.sosid"),
    )
    assert code == 0 and "Fingerprint" in out
    office_fp = out.split("phone): ")[1].strip()
    for desk, path in paths.items():
        code, out = run(
            capsys,
            "sync",
            "identity",
            "--db",
            path,
            "--user",
            "ana",
            "--out",
            str(ids / f"{desk}.sosid"),
        )
        desk_fp = out.split("phone): ")[1].strip()
        code, out = run(
            capsys,
            "office",
            "enroll",
            "--db",
            hq,
            "--user",
            OFFICE_USER,
            str(ids / f"{desk}.sosid"),
            "--fingerprint",
            desk_fp,
        )
        assert code == 0 and f"Desk {desk} enrolled" in out
        code, out = run(
            capsys,
            "sync",
            "trust-office",
            "--db",
            path,
            "--user",
            "ana",
            str(ids / "hq.sosid"),
            "--fingerprint",
            "12345 67890 11111 22222 33333",
        )
        assert code == 2 and "does not match" in out
        code, out = run(
            capsys,
            "sync",
            "trust-office",
            "--db",
            path,
            "--user",
            "ana",
            str(ids / "hq.sosid"),
            "--fingerprint",
            office_fp.replace(" ", "-"),
        )
        assert code == 0
    code, out = run(capsys, "office", "desks", "--db", hq, "--user", OFFICE_USER)
    assert "BG1" in out and "NS1" in out and "active" in out

    sticks = {d: tmp_path / f"stick-{d}" for d in paths}
    for desk, path in paths.items():
        sticks[desk].mkdir()
        code, out = run(
            capsys, "sync", "export", "--db", path, "--user", "ana", "--out", str(sticks[desk])
        )
        assert code == 0 and "Batch 1 written" in out
    bg1_batch = next(sticks["BG1"].glob("*.sosbatch"))
    receipts = tmp_path / "receipts"
    receipts.mkdir()
    code, out = run(
        capsys,
        "office",
        "import",
        "--db",
        hq,
        "--user",
        OFFICE_USER,
        "--receipts",
        str(receipts),
        str(bg1_batch),
    )
    assert code == 0 and "1 applied" in out and "1 receipt(s)" in out
    code, out = run(capsys, "office", "import", "--db", hq, "--user", OFFICE_USER, str(bg1_batch))
    assert code == 0 and "already applied" in out
    code, out = run(capsys, "sync", "status", "--db", paths["BG1"], "--user", "ana")
    assert "batch 1" in out and "not yet confirmed" in out
    [receipt] = receipts.iterdir()
    code, out = run(capsys, "sync", "receipt", "--db", paths["BG1"], "--user", "ana", str(receipt))
    assert code == 0 and "delivered: 1" in out
    code, out = run(capsys, "sync", "status", "--db", paths["BG1"], "--user", "ana")
    assert "Every exported batch has reached the office" in out

    # A receipt is for one desk only.
    code, out = run(capsys, "sync", "receipt", "--db", paths["NS1"], "--user", "ana", str(receipt))
    assert code == 2 and "refused" in out

    # Office to desk: NS1 gets BG1's client.
    back = tmp_path / "back"
    back.mkdir()
    code, out = run(
        capsys,
        "office",
        "export",
        "--db",
        hq,
        "--user",
        OFFICE_USER,
        "--desk",
        "ns1",
        "--out",
        str(back),
    )
    assert code == 0 and "Batch 1 for NS1" in out
    code, out = run(
        capsys, "sync", "import", "--db", paths["NS1"], "--user", "ana", *map(str, back.iterdir())
    )
    assert code == 0 and "1 applied" in out

    # A garbled copy of NS1's batch: refused, exit 2, quarantined.
    ns1_batch = next(sticks["NS1"].glob("*.sosbatch"))
    bad = tmp_path / "bad.sosbatch"
    data = bytearray(ns1_batch.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad.write_bytes(bytes(data))
    code, out = run(capsys, "office", "import", "--db", hq, "--user", OFFICE_USER, str(bad))
    assert code == 2 and "rejected" in out and "quarantine" in out
    code, out = run(capsys, "office", "quarantine", "--db", hq, "--user", OFFICE_USER)
    assert "bad.sosbatch" in out and "damaged" in out

    # A conflict, listed and resolved from the command line.
    for path in paths.values():
        run(capsys, "sync", "import", "--db", path, "--user", "ana", *map(str, back.iterdir()))
    for value, path in (("high", paths["BG1"]), ("low", paths["NS1"])):
        db = _open(path)
        update_client(db, client, {"risk_level": value})
        db.close()
    # NS1 first exports a batch it does not deliver: its next batch is held without it.
    gap = tmp_path / "gap"
    gap.mkdir()
    run(capsys, "sync", "export", "--db", paths["NS1"], "--user", "ana", "--out", str(gap))
    late = tmp_path / "late"
    late.mkdir()
    db = _open(paths["NS1"])
    take_call(db, "Olivera")
    db.close()
    run(capsys, "sync", "export", "--db", paths["NS1"], "--user", "ana", "--out", str(late))
    newest = max(late.iterdir(), key=lambda p: p.stat().st_mtime)
    code, out = run(capsys, "office", "import", "--db", hq, "--user", OFFICE_USER, str(newest))
    assert code == 3 and "held" in out
    run(capsys, "sync", "export", "--db", paths["BG1"], "--user", "ana", "--out", str(gap))
    code, out = run(
        capsys, "office", "import", "--db", hq, "--user", OFFICE_USER, *map(str, gap.iterdir())
    )
    assert code == 0 and "4 applied" in out and "0 held, 0 rejected" in out
    code, out = run(capsys, "office", "conflicts", "--db", hq, "--user", OFFICE_USER)
    assert "risk_level" in out and '"high"  by BG1' in out and '"low"  by NS1' in out
    conflict_id = out.split()[0]
    code, out = run(
        capsys,
        "office",
        "conflicts",
        "--db",
        hq,
        "--user",
        OFFICE_USER,
        "--resolve",
        conflict_id,
        "--value",
        '"medium"',
    )
    assert code == 0 and "Resolved" in out
    code, out = run(capsys, "office", "conflicts", "--db", hq, "--user", OFFICE_USER)
    assert "No conflicts" in out


def _open(path: str) -> object:
    from sosdesk.store.database import Database

    return Database.open(Path(path), user="ana", passphrase=PASSPHRASE)


def test_wrong_database_role_and_missing_files_are_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    office = make_db(tmp_path, "HQ", office=True, user=OFFICE_USER)
    desk = make_db(tmp_path, "BG1")
    office.close()
    desk.close()
    code, out = run(
        capsys,
        "sync",
        "export",
        "--db",
        str(office.path),
        "--user",
        OFFICE_USER,
        "--out",
        str(tmp_path),
    )
    assert code == 2 and "office database" in out
    code, out = run(capsys, "office", "desks", "--db", str(desk.path), "--user", "ana")
    assert code == 2 and "desk database" in out
    code, out = run(
        capsys, "sync", "export", "--db", str(desk.path), "--user", "ana", "--out", str(tmp_path)
    )
    assert code == 2 and "trust-office" in out
    code, out = run(
        capsys,
        "office",
        "enroll",
        "--db",
        str(office.path),
        "--user",
        OFFICE_USER,
        str(tmp_path / "nothing.sosid"),
    )
    assert code == 2 and "There is no file nothing.sosid" in out
    code, out = run(
        capsys, "office", "revoke", "--db", str(office.path), "--user", OFFICE_USER, "--desk", "XX1"
    )
    assert code == 2 and "no enrolled desk XX1" in out
