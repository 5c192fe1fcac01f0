"""`sosdesk indicators` and `sosdesk weights`: a coordinator adds a list version from a file and
changes the weight table; bad input is one coded line, exit 2, nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sosdesk.services.caseload import weights
from sosdesk.services.indicator_lists import list_versions, seed_data
from sosdesk.store.database import Database
from tests.cli.helpers import run, set_env
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    set_env(monkeypatch)


def test_a_coordinator_adds_a_list_version_and_changes_weights(
    db: Database, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.close()
    data = seed_data()
    data["items"] = data["items"][:-1]  # the new version drops one indicator
    new = tmp_path / "lista-v2.json"
    new.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "--db", str(db_path), "indicators", "add", "formal", str(new))
    assert code == 0 and "version 2" in out
    code, out, _ = run(capsys, "--db", str(db_path), "indicators", "list")
    assert code == 0 and [line.split("\t")[:2] for line in out.splitlines()] == [
        ["formal", "1"],
        ["formal", "2"],
        ["preliminary", "1"],
    ]
    bad = tmp_path / "lista.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db_path), "indicators", "add", "formal", str(bad))
    assert code == 2 and out == "" and "JSON" in err and len(err.strip().splitlines()) == 1
    args = ("--db", str(db_path), "weights", "--set", "phase.crisis=6", "--set", "capacity=30")
    code, out, _ = run(capsys, *args)
    assert code == 0 and "phase.crisis\t6" in out and "capacity\t30" in out
    for wrong in ("phase.unknown=1", "capacity=-1", "child", "risk=2"):
        code, _, err = run(capsys, "--db", str(db_path), "weights", "--set", wrong)
        assert code == 2 and "KEY=NUMBER" in err
    again = Database.open(db_path, user="ana", passphrase=PASSPHRASE)
    try:
        table = weights(again)
        assert table["phase"]["crisis"] == 6 and table["capacity"] == 30
        assert [v.version for v in list_versions(again)] == [1, 2, 1]
    finally:
        again.close()
