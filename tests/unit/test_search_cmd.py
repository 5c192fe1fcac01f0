"""`sosdesk search`: the same ranked matches as the window, one per line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sosdesk.cli import main
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.store.database import Database
from tests.conftest import PASSPHRASE, USER


@pytest.fixture
def env(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv("SOSDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("SOSDESK_USER", USER)
    monkeypatch.setenv("SOSDESK_LANG", "en")
    return db


def test_lines_begin_with_the_code_or_the_call_id(env: Database, db_path, capsys) -> None:
    client = create_client(
        env, {"given_name": "Đorđe", "family_name": "Petrović", "phones": ["063/123-45-67"]}
    )
    call = save_call(
        env,
        CallInput(
            categories=["victim_support"],
            client_id=client.id,
            started_at=datetime.now(UTC),
            summary="Đorđe javlja da mu je oduzet pasoš",
        ),
    )
    assert main(["search", "--db", str(db_path), "Ђорђе"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[:3] == [client.code, "client", "Đorđe Petrović"]
    assert lines[1].split("\t")[:2] == [call.id, "call"]
    assert main(["search", "--db", str(db_path), "063", "123"]) == 0
    assert capsys.readouterr().out.startswith(client.code + "\t")
    assert main(["search", "--db", str(db_path), "nepostojece"]) == 0
    assert capsys.readouterr().out == "no matches\n"


def test_bad_input_is_one_clear_line(env: Database, db_path, capsys) -> None:
    assert main(["search", "--db", str(db_path), "--limit", "0", "Ana"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sosdesk: --limit must be") and err.count("\n") == 1
    assert main(["search", "--db", str(db_path), "  "]) == 2
    assert "give something to look for" in capsys.readouterr().err
