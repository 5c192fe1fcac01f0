"""The protection plan PDF in three languages: the approved version, header and number from the
documents machinery, the register entry, and redaction of the client's name."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from sosdesk.documents.produce import build, issue
from sosdesk.services.cases import add_goal, cases_of, open_case
from sosdesk.services.clients import create_client
from sosdesk.services.documents.request import DocumentRequest, NothingToPrint
from sosdesk.services.events import timeline
from sosdesk.services.protection_plan import approve_plan, plan_goal
from sosdesk.store.database import Database
from tests.artifacts import screenshots_dir
from tests.documents.conftest import flat, pdf_text


@pytest.fixture
def planned(db: Database) -> str:
    client = create_client(db, {"given_name": "Milica", "family_name": "Jovanović"})
    case = open_case(db, client.id, phase="recovery")
    goal = add_goal(db, case.id, "Upis u školu za Milicu Jovanović", date(2027, 9, 1))
    plan_goal(db, goal.id, review_on=date.today() + timedelta(days=30), status="in_progress")
    add_goal(db, case.id, "Psihološko savetovanje", date(2027, 3, 1))
    return client.id


def test_plan_pdf_in_three_languages_with_register_and_redaction(
    db: Database, planned: str
) -> None:
    with pytest.raises(NothingToPrint):
        build(db, DocumentRequest("protection_plan", planned, lang="en"))
    case_id = cases_of(db, planned)[0].id
    approve_plan(db, case_id)
    approve_plan(db, case_id)
    texts = {}
    for lang in ("sr-Latn", "sr-Cyrl", "en"):
        built = build(db, DocumentRequest("protection_plan", planned, lang=lang))
        assert issue(db, built, "file")
        texts[lang] = flat(pdf_text(built.pdf))
        assert built.number in texts[lang]
    assert "PLAN ZAŠTITE" in texts["sr-Latn"] and "Upis u školu" in texts["sr-Latn"]
    assert "U toku" in texts["sr-Latn"] and "Verzija plana 2" in texts["sr-Latn"]
    assert "ПЛАН ЗАШТИТЕ" in texts["sr-Cyrl"] and "Упис у школу" in texts["sr-Cyrl"]
    assert "PROTECTION PLAN" in texts["en"] and "In progress" in texts["en"]
    assert "Psychological support" not in texts["en"]  # goals without a need show a dash
    issued = timeline(db, planned, kinds={"document_issued"})
    assert len(issued) == 3  # the print register names every language's copy
    pseudo = build(
        db, DocumentRequest("protection_plan", planned, lang="sr-Latn", profile="pseudonymised")
    )
    text = flat(pdf_text(pseudo.pdf))
    assert "Jovanović" not in text and "Upis u školu" in text
    out = screenshots_dir() / "protection_plan.pdf"
    out.write_bytes(built.pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(out), str(out.with_suffix(""))],
        check=True,
    )
    assert Path(str(out.with_suffix("")) + "-1.png").exists()
