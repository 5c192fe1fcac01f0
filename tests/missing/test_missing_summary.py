"""The case summary PDF for the police or a foreign 116 000 line: three languages, the child's
name only in the full profile, numbered, registered in the chain, password-protected on demand."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from sosdesk.documents.missing_summary import build_summary, issue_summary
from sosdesk.domain.validation import ValidationFailed
from sosdesk.services.errors import NotAllowed
from sosdesk.services.missing_children import (
    ChildInput,
    add_step,
    list_missing_cases,
    open_missing_case,
)
from sosdesk.services.print_register import verify
from sosdesk.store.database import Database
from sosdesk.store.models import AuditEntry
from sosdesk.store.tx import Actor
from tests.artifacts import renders_dir
from tests.cli.helpers import run, set_env
from tests.documents.conftest import flat, pdf_text

NOW = datetime.now(UTC)


def _case(db: Database) -> str:
    case = open_missing_case(
        db,
        ChildInput(
            category="parental_international",
            reporter_kind="parent",
            reporter_relation="majka",
            child_name="Milica Jovanović",
            child_aliases=["Mici"],
            age=9,
            gender="female",
            citizenship="RS",
            living="family",
            last_seen_on=date.today() - timedelta(days=2),
            last_seen_place="Novi Sad",
            circumstances="Otac je odveo Milicu preko granice; Mici se javila baki.",
            countries=["DE"],
            risks=["violence"],
        ),
    )
    add_step(db, case.id, "police_report", NOW, {"station": "PU Novi Sad", "case_number": "KU 7"})
    add_step(db, case.id, "foreign_line", NOW, {"country": "DE", "note": "Milica viđena u Minhenu"})
    return case.id


def test_the_summary_reads_in_three_languages_and_hides_the_name_unless_full(
    db: Database,
) -> None:
    case_id = _case(db)
    texts = {}
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        built = build_summary(db, case_id, lang)
        texts[lang] = flat(pdf_text(built.pdf))
        assert built.number == f"BG1-{date.today().year}-D0001"  # nothing issued yet
        if lang == "sr-Latn":
            (renders_dir() / "missing_summary_sr-Latn.pdf").write_bytes(built.pdf)
    latin, cyrillic, english = texts["sr-Latn"], texts["sr-Cyrl"], texts["en"]
    assert "SAŽETAK SLUČAJA NESTALOG DETETA" in latin
    assert "Otmica od strane roditelja (međunarodna)" in latin and "Nemačka" in latin
    assert "САЖЕТАК СЛУЧАЈА НЕСТАЛОГ ДЕТЕТА" in cyrillic and "ПУ Нови Сад" in cyrillic
    assert "MISSING CHILD CASE SUMMARY" in english
    assert "Parental abduction (international)" in english and "Germany" in english
    assert "Contact with a foreign 116 000 line" in english
    for text in texts.values():
        assert not re.search(r"Milic|Милиц|Mici|Мици|Jovanovi|Јовановић", text), text
    assert "ime se ne navodi" in latin and "name withheld" in english
    full = flat(pdf_text(build_summary(db, case_id, "sr-Latn", "full").pdf))
    assert "Milica Jovanović" in full and "Mici" in full


def test_an_issued_summary_takes_the_number_and_is_in_the_chain_without_the_name(
    db: Database,
) -> None:
    case_id = _case(db)
    built = build_summary(db, case_id, "en", password="lozinka-116000")
    assert built.encrypted and b"Milica" not in built.pdf
    assert "MISSING CHILD CASE SUMMARY" in pdf_text(built.pdf, "lozinka-116000")
    issue_summary(db, built, "file")
    assert build_summary(db, case_id, "en").number.endswith("-D0002")
    with db.session() as s:
        entry = (
            s.execute(
                select(AuditEntry)
                .where(AuditEntry.entity == "missing_cases")
                .order_by(AuditEntry.seq.desc())
            )
            .scalars()
            .first()
        )
    assert entry is not None and entry.action == "document_issued"
    assert entry.detail["number"] == built.number and "Milica" not in str(entry.detail)
    with pytest.raises(ValidationFailed):
        build_summary(db, case_id, "en", password="short")


def test_an_issued_summary_is_recognised_and_a_changed_copy_is_not(db: Database) -> None:
    case_id = _case(db)
    built = build_summary(db, case_id, "sr-Latn")
    assert verify(db, built.pdf).status == "unknown"  # previewed, never issued
    issue_summary(db, built, "file")
    known = verify(db, built.pdf)
    assert (known.status, known.number, known.kind) == ("issued", built.number, "missing_summary")
    assert known.in_audit_chain and known.issued_by == "Ana Petrović"
    changed = built.pdf.replace(b"/Creator (SOS Desk)", b"/Creator (SOS Dask)")
    assert changed != built.pdf and verify(db, changed).status == "modified"


def test_a_volunteer_may_not_print_a_childs_case(db: Database) -> None:
    case_id = _case(db)
    vid = db.add_user("vesna", "Vesna", "operator", "vesna-lozinka-1234")
    db.actor = Actor(vid, "vesna", "volunteer")
    with pytest.raises(NotAllowed):
        build_summary(db, case_id, "en", "full")


def test_the_rendered_page_can_be_looked_at(db: Database) -> None:
    built = build_summary(db, _case(db), "sr-Cyrl")
    pdf = renders_dir() / "missing_summary_sr-Cyrl.pdf"
    pdf.write_bytes(built.pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(pdf.with_suffix(""))],
        check=True,
        timeout=60,
    )
    assert list(renders_dir().glob("missing_summary_sr-Cyrl*.png"))


def test_the_command_line_writes_a_summary_and_refuses_bad_input(
    db: Database,
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = _case(db)
    code = next(c.code for c in list_missing_cases(db) if c.id == case_id)
    db.close()
    set_env(monkeypatch)
    out = tmp_path / "summary.pdf"
    base = ("missing", "summary", "--db", str(db_path), "--out", str(out))
    rc, said, _ = run(capsys, *base, "--case", code, "--lang", "en")
    assert rc == 0 and "-D0001" in said and "Milica" not in said
    assert out.stat().st_mode & 0o777 == 0o600
    assert "MISSING CHILD CASE SUMMARY" in pdf_text(out.read_bytes())
    rc, _, err = run(capsys, *base, "--case", "NC-BG1-2026-9999", "--overwrite")
    assert rc == 2 and "no missing-child case" in err and len(err.strip().splitlines()) == 1
