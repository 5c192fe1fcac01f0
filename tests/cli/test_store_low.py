"""Issue 10, defect 10 (store and commands): each bad input is one coded line, exit 2, and
changes nothing; passphrases are NFC UTF-8 with a real strength rule."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from sosdesk.cli import main
from sosdesk.store import kdf, keyfile
from sosdesk.store.database import Database
from sosdesk.store.errors import StorageFull, UnknownUser, WeakPassphrase
from sosdesk.store.keyfile import KeyFile, check_new_passphrase, keyfile_path
from tests.cli.helpers import digest, run, set_env
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


@pytest.fixture
def desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "desk.db"
    assert run(capsys, "init", "--db", str(db), "--desk", "BG1")[0] == 0
    return db


def test_a_passphrase_that_is_not_utf8_is_one_clear_line(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(desk.parent)
    monkeypatch.setenv("SOSDESK_PASSPHRASE", "lozinka-\udcff-123")  # bytes 0xff from a terminal
    code, _, err = run(capsys, "verify", "--db", str(desk))
    assert code == 2 and "UTF-8" in err and err.count("\n") == 1
    assert digest(desk.parent) == before


def test_a_decomposed_passphrase_unlocks_and_old_slots_keep_working(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", PASSPHRASE)
    assert nfd != PASSPHRASE
    db, _ = Database.create(tmp_path / "a.db", user="ana", passphrase=PASSPHRASE, desk="BG1")
    key = db.data_key
    db.close()
    Database.open(tmp_path / "a.db", user="ana", passphrase=nfd).close()
    # A slot written before normalisation from a decomposed passphrase (as typed) still opens.
    kpath = keyfile_path(tmp_path / "a.db")
    kf = KeyFile.load(kpath)
    legacy = keyfile._wrap(kf.db_id, "user", "ana", nfd.encode(), key, kdf.FAST_KDF)
    replace(kf, slots=(legacy, *kf.slots[1:])).save(kpath)
    Database.open(tmp_path / "a.db", user="ana", passphrase=nfd).close()


@pytest.mark.parametrize(
    "weak", [" " * 10, " " * 40, "aaaaaaaaaaaa", "password1234", "1234567890", "qwertyuiop"]
)
def test_the_strength_rule_refuses_easy_passphrases(weak: str) -> None:
    with pytest.raises(WeakPassphrase):
        check_new_passphrase(weak)


def test_the_strength_rule_accepts_a_short_sentence() -> None:
    check_new_passphrase("plava kuća kraj reke")
    check_new_passphrase(PASSPHRASE)


def test_directory_as_database_and_non_utf8_output_names(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "verify", "--db", str(desk.parent))
    assert code == 2 and "folder" in err and err.count("\n") == 1
    before = digest(desk.parent)
    code, _, err = run(capsys, "backup", "--db", str(desk), "--out", str(desk.parent / "b\udcff"))
    assert code == 2 and "not valid text" in err and err.count("\n") == 1
    assert digest(desk.parent) == before


def test_demo_refuses_bad_counts_and_real_data(
    desk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sosdesk.services.clients import create_client

    code, _, err = run(capsys, "demo", "--db", str(desk.parent / "d.db"), "--calls", "-5")
    assert code == 2 and "--calls" in err and not (desk.parent / "d.db").exists()
    db = Database.open(desk, user="ana", passphrase=PASSPHRASE)
    create_client(db, {"given_name": "Prava"})
    db.close()
    before = digest(desk.parent)
    code, _, err = run(capsys, "demo", "--db", str(desk), "--calls", "20")
    assert code == 2 and "--into-existing" in err
    assert digest(desk.parent) == before
    code, out, _ = run(capsys, "demo", "--db", str(desk), "--calls", "20", "--into-existing")
    assert code == 0 and "Added 20 calls" in out


def test_user_remove_commits_before_the_key_file(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", "markova-lozinka-1")
    assert run(capsys, "user", "add", "--db", str(desk), "--name", "marko")[0] == 0

    def full(self: KeyFile, path: Path) -> None:
        raise StorageFull("store.disk_full", name=path.name)

    monkeypatch.setattr(KeyFile, "save", full)
    code, _, err = run(capsys, "user", "remove", "--db", str(desk), "--name", "marko")
    assert code == 2 and "disk is full" in err
    monkeypatch.undo()
    # The key file kept Marko's slot, but the database already says he is gone.
    assert "marko" in KeyFile.load(keyfile_path(desk)).users()
    with pytest.raises(UnknownUser):
        Database.open(desk, user="marko", passphrase="markova-lozinka-1")


def test_temp_files_of_killed_writers_are_cleaned_on_the_next_start(desk: Path) -> None:
    leftovers = [
        desk.parent / ".desk.db.keys.0a1b2c3d.sosdesk-tmp",
        desk.parent / ".b.bak.0a1b2c3d.sosdesk-tmp",
    ]
    for p in leftovers:
        p.write_bytes(b"old key file or half a backup")
    Database.open(desk, user="ana", passphrase=PASSPHRASE).close()
    assert not any(p.exists() for p in leftovers)


@pytest.mark.parametrize("name", ["", " ", "x" * 65, "y" * 10_000, "ana\nmarko", " ana"])
def test_bad_user_names_are_refused(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", "markova-lozinka-1")
    before = digest(desk.parent)
    code, _, err = run(capsys, "user", "add", "--db", str(desk), "--name", name)
    assert code == 2 and "user name must have 1 to 64" in err and err.count("\n") == 1
    assert digest(desk.parent) == before


def test_a_local_name_cannot_look_like_a_colleague_from_another_desk(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", "markova-lozinka-1")
    before = digest(desk.parent)
    code, _, err = run(capsys, "user", "add", "--db", str(desk), "--name", "ana@HQ")
    assert code == 2 and "may not contain @" in err and err.count("\n") == 1
    assert digest(desk.parent) == before


def test_the_last_coordinator_cannot_remove_or_demote_herself(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", "markova-lozinka-1")
    assert run(capsys, "user", "add", "--db", str(desk), "--name", "marko")[0] == 0
    before = digest(desk.parent)
    code, _, err = run(capsys, "user", "remove", "--db", str(desk), "--name", "ana")
    assert code == 2 and "last active coordinator" in err
    monkeypatch.setenv("SOSDESK_NEW_PASSPHRASE", PASSPHRASE)
    code, _, err = run(
        capsys, "user", "add", "--db", str(desk), "--name", "ana", "--role", "operator"
    )
    assert code == 2 and "last active coordinator" in err
    assert digest(desk.parent) == before


def test_messages_follow_lang_then_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = str(tmp_path / "nema.db")
    assert run(capsys, "--lang", "sr-Latn", "verify", "--db", missing)[2] == (
        "sosdesk: Ovde nema baze nema.db. Proverite --db ili napravite bazu komandom "
        "`sosdesk init`.\n"
    )
    assert (
        "Овде нема базе nema.db" in run(capsys, "--lang", "sr-Cyrl", "verify", "--db", missing)[2]
    )
    monkeypatch.setenv("SOSDESK_LANG", "sr-Latn")
    assert "Ovde nema baze" in run(capsys, "verify", "--db", missing)[2]
    assert "No database" in run(capsys, "--lang", "en", "verify", "--db", missing)[2]


def test_an_unexpected_error_prints_its_type_only(
    desk: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("Ana Petrović, +381 64 123 4567")

    monkeypatch.setattr("sosdesk.store.page_checks.soundness", boom)
    code = main(["verify", "--db", str(desk)])
    err = capsys.readouterr().err
    assert code == 1 and "RuntimeError" in err and "Petrović" not in err and "381" not in err
