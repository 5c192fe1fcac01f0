"""The 116 000 yearly figures on a hand-built set with known counts (a case opened in one year
and closed in the next, a repeat runaway, cases carried over), suppression and the CLI."""

from __future__ import annotations

import csv
import stat
from datetime import date
from pathlib import Path

import pytest

from sosdesk.cli import main
from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.missing_children import ChildInput, open_missing_case, record_outcome
from sosdesk.stats.mce import mce_figures
from sosdesk.store.database import Database
from tests.cli.helpers import set_env
from tests.stats.handmade import clock, local


def _case(
    db: Database, mp: pytest.MonkeyPatch, when: tuple[int, ...], category: str, **kw: object
) -> str:
    outcome = kw.pop("outcome", None)
    data: dict[str, object] = {"reporter_kind": "parent", "child_name": "Zorana Kovač"}
    data.update(kw)
    with clock(mp, local(*when)):
        case = open_missing_case(db, ChildInput(category=category, **data))  # type: ignore[arg-type]
        if outcome is not None:
            code, day, after = outcome  # type: ignore[misc]
            record_outcome(db, case.id, code, day, after=after)
    return case.id


def build(db: Database, mp: pytest.MonkeyPatch) -> None:
    """Two cases carried from 2024, six opened in 2025 (one closes in January 2026)."""
    for when, line in (
        ((2024, 12, 31, 23, 30), "missing_116000"),  # 2024 on the line's clock
        ((2025, 1, 1, 0, 30), "missing_116000"),
        ((2025, 6, 1, 10, 0), "missing_116000"),
        ((2025, 12, 31, 23, 59), "missing_116000"),
        ((2025, 6, 1, 11, 0), "sos_24_7"),
    ):
        save_call(db, CallInput(line=line, categories=["missing_child"], started_at=local(*when)))
    _case(
        db,
        mp,
        (2024, 12, 20, 9),
        "runaway_national",
        outcome=("found_alive", date(2025, 1, 5), "returned_home"),
    )
    _case(db, mp, (2024, 11, 1, 9), "parental_international", countries=["DE"])
    c = _case(
        db,
        mp,
        (2025, 3, 1, 9),
        "runaway_national",
        outcome=("found_alive", date(2025, 3, 3), "returned_home"),
    )
    _case(
        db,
        mp,
        (2025, 6, 1, 9),
        "runaway_national",
        previous_id=c,
        reporter_kind="institution",
        risks=["violence"],
        outcome=("found_alive", date(2025, 6, 2), "placed"),
    )
    _case(
        db,
        mp,
        (2025, 12, 30, 22),
        "migrant",
        countries=["AF"],
        reporter_kind="police",
        contact_channel="email",
        outcome=("found_alive", date(2026, 1, 4), "placed"),
    )
    _case(
        db,
        mp,
        (2025, 8, 1, 9),
        "criminal_abduction",
        reporter_kind="public",
        risks=["exploitation", "trafficking"],
        outcome=("found_deceased", date(2025, 8, 10), None),
    )
    _case(db, mp, (2025, 9, 1, 9), "lost_injured")
    _case(
        db,
        mp,
        (2025, 10, 1, 9),
        "thrown_out",
        reporter_kind="child",
        contact_channel="chat",
        outcome=("not_found", date(2025, 12, 1), None),
    )


def test_every_figure_of_the_year(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    build(db, monkeypatch)
    fig = mce_figures(db, 2025, k=2)
    assert fig.calls == 3
    cat = fig.part("category")
    assert cat.total == 6
    assert dict(zip(cat.rows, cat.values, strict=True)) == {
        "runaway_national": 2,
        "runaway_international": 0,
        "thrown_out": 1,
        "parental_national": 0,
        "parental_international": 0,
        "migrant": 1,
        "lost_injured": 1,
        "criminal_abduction": 1,
    }
    assert fig.value("reporter", "parent") == 2 and fig.value("reporter", "police") == 1
    assert fig.value("reporter", "institution") == 1 and fig.value("reporter", "child") == 1
    assert fig.value("reporter", "public") == 1 and fig.value("reporter", "guardian") == 0
    assert fig.value("channel", "phone") == 4 and fig.value("channel", "email") == 1
    assert fig.value("channel", "chat") == 1
    status = fig.part("status")
    assert dict(zip(status.rows, status.values, strict=True)) == {
        "found_alive": 2,
        "found_deceased": 1,
        "not_found": 1,
        "open_at_year_end": 2,
    }
    assert fig.part("features").values == (1, 2, 1)  # cross-border, violence/expl., repeat
    assert fig.part("carried").values == (2, 1)  # open on 1 January, of which closed in 2025
    later = mce_figures(db, 2026, k=2)
    assert later.part("category").total == 0
    assert later.part("carried").values == (3, 1)  # the migrant child found on 4 January 2026


def test_small_counts_are_hidden_with_a_complement(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    fig = mce_figures(db, 2025, k=3)
    status = fig.part("status")
    # found_alive 2 and open 2 are under 3, and so are deceased 1 and not found 1.
    assert all(s in ("<3", "x") for s in status.shown) and status.total_shown == "6"
    cat = fig.part("category")
    assert cat.shown[cat.rows.index("runaway_international")] == "0"
    assert fig.part("features").shown == ("<3", "<3", "<3")


def test_cli_writes_the_csv_in_three_languages(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    build(db, monkeypatch)
    db.close()
    set_env(monkeypatch)
    seen = {}
    for lang in ("en", "sr-Latn", "sr-Cyrl"):
        out = tmp_path / f"mce-{lang}.csv"
        code = main(
            [
                "stats",
                "mce",
                "--db",
                str(db_path),
                "--year",
                "2025",
                "--out",
                str(out),
                "--lang",
                lang,
                "--k",
                "2",
            ]
        )
        printed, err = capsys.readouterr()
        assert code == 0, err
        assert "cases opened 6" in printed
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
        text = out.read_text(encoding="utf-8-sig")
        assert "Zorana" not in text and "Зорана" not in text
        rows = list(csv.reader(text.splitlines()))
        seen[lang] = {(r[0], r[1]): r for r in rows[1:]}
        assert seen[lang][("calls", "calls_116000")][4] == "3"
        assert seen[lang][("status", "open_at_year_end")][4] == "2"
    assert seen["en"][("category", "migrant")][3] == "Missing unaccompanied migrant child"
    assert seen["sr-Latn"][("category", "migrant")][3] == "Nestalo dete migrant bez pratnje"
    assert seen["sr-Cyrl"][("category", "migrant")][3] == "Нестало дете мигрант без пратње"
    code = main(
        [
            "stats",
            "mce",
            "--db",
            str(db_path),
            "--year",
            "2025",
            "--out",
            str(tmp_path / "mce-en.csv"),
        ]
    )
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1
