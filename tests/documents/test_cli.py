"""`sosdesk document ...` from the command line: success, verification, bad input (exit 2)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sosdesk.cli import main
from sosdesk.store.database import Database
from tests.conftest import PASSPHRASE, USER
from tests.documents.conftest import Fixture, flat, pdf_text


@pytest.fixture(autouse=True)
def _unlock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOSDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SOSDESK_USER", USER)
    monkeypatch.setenv("SOSDESK_LANG", "en")


def run(*args: str) -> int:
    return main(list(args))


def test_each_document_in_each_language(
    db: Database, db_path: Path, story: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in ("chronology", "certificate", "accompaniment", "costs", "referral"):
        for lang in ("sr-Cyrl", "sr-Latn", "en"):
            out = tmp_path / f"{kind}-{lang}.pdf"
            assert (
                run(
                    "document",
                    kind,
                    "--db",
                    str(db_path),
                    "--client",
                    story.code,
                    "--out",
                    str(out),
                    "--lang",
                    lang,
                )
                == 0
            )
            assert out.read_bytes().startswith(b"%PDF")
            assert stat.S_IMODE(out.stat().st_mode) == 0o600
    printed = capsys.readouterr().out
    assert "recorded in the print register" in printed
    assert "Milica" not in printed  # nothing about the client on the terminal


def test_options_and_verify(
    db_path: Path, story: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "chrono.pdf"
    assert (
        run(
            "document",
            "chronology",
            "--db",
            str(db_path),
            "--client",
            story.code.lower(),
            "--out",
            str(out),
            "--lang",
            "sr-Latn",
            "--from",
            "2026-03-05",
            "--to",
            "10.3.2026.",
            "--redact",
            "--kinds",
            "note,field_action",
        )
        == 0
    )
    text = flat(pdf_text(out.read_bytes()))
    assert "E005" in text and "E010b" in text and "E010 " not in text and "E015" not in text
    assert "Milica" not in text
    capsys.readouterr()
    assert run("document", "verify", "--db", str(db_path), str(out)) == 0
    assert "ISSUED" in capsys.readouterr().out
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(out.read_bytes().replace(b"SOS Desk", b"SOS Dusk", 1))
    assert run("document", "verify", "--db", str(db_path), str(changed)) == 1
    assert "NOT AUTHENTIC" in capsys.readouterr().out


def test_password_and_entry_options(db_path: Path, story: Fixture, tmp_path: Path) -> None:
    out = tmp_path / "referral.pdf"
    assert (
        run(
            "document",
            "referral",
            "--db",
            str(db_path),
            "--client",
            story.code,
            "--out",
            str(out),
            "--to-entry",
            story.lawyer_id,
            "--password",
            "za-advokatku-1",
        )
        == 0
    )
    assert "адв. Јелена Марић" in pdf_text(out.read_bytes(), password="za-advokatku-1")
    out2 = tmp_path / "acc.pdf"
    assert (
        run(
            "document",
            "accompaniment",
            "--db",
            str(db_path),
            "--client",
            story.code,
            "--out",
            str(out2),
            "--hearing",
            story.hearing_ids[0],
            "--lang",
            "en",
        )
        == 0
    )
    assert "K 123/2025" in pdf_text(out2.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--client", "BG1-2026-9999"], "no client with code"),
        (["--client", "nonsense"], "not a client code"),
        (["--from", "2026-03-10", "--to", "2026-03-01"], "is before --from"),
        (["--from", "31.02.2026"], "is not a date"),
        (["--from", "2019-01-01", "--to", "2019-12-31"], "Widen the period"),
        (["--password", "kratka"], "at least 8"),
        (["--kinds", "note,gossip"], "unknown kind gossip"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    db_path: Path,
    story: Fixture,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.pdf"
    base = ["document", "chronology", "--db", str(db_path), "--out", str(out)]
    if "--client" not in args:
        base += ["--client", story.code]
    assert run(*base, *args) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not out.exists()


def test_unwritable_output(
    db_path: Path, story: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["document", "costs", "--db", str(db_path), "--client", story.code]
    assert run(*base, "--out", str(tmp_path / "missing" / "x.pdf")) == 2
    assert "does not exist" in capsys.readouterr().err
    assert run(*base, "--out", str(tmp_path)) == 2
    assert "is a folder" in capsys.readouterr().err
    existing = tmp_path / "there.pdf"
    existing.write_bytes(b"keep me")
    assert run(*base, "--out", str(existing)) == 2
    assert existing.read_bytes() == b"keep me"
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert run(*base, "--out", str(locked / "x.pdf")) == 2
        assert "not writable" in capsys.readouterr().err


def test_organisation_header(
    db_path: Path, story: Fixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        run(
            "document",
            "org",
            "--db",
            str(db_path),
            "--name",
            "Udruženje Iskra",
            "--place",
            "Novi Sad",
            "--sos",
            "021 111 222",
        )
        == 0
    )
    out = tmp_path / "cert.pdf"
    assert (
        run(
            "document",
            "certificate",
            "--db",
            str(db_path),
            "--client",
            story.code,
            "--out",
            str(out),
            "--lang",
            "sr-Cyrl",
        )
        == 0
    )
    text = flat(pdf_text(out.read_bytes()))
    assert "Удружење Искра" in text and "Нови Сад" in text and "021 111 222" in text
