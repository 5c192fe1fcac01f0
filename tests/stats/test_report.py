"""The annual report: PDF text (Cyrillic, Latin, English), CSV tables, suppression as
published, a year without data, and the first page rendered to PNG for docs/documents."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from sosdesk.demo.generator import generate
from sosdesk.stats.report import build_report
from sosdesk.stats.suppression import SuppressionRule
from sosdesk.store.database import Database
from tests.artifacts import renders_dir
from tests.stats.handmade import build

DOCS = renders_dir()


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def _csv(text: str) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in csv.reader(io.StringIO(text))}


def test_cyrillic_report_has_its_tables(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    build(db, monkeypatch)
    report = build_report(db, 2025, "sr-Cyrl")
    text = _text(report.pdf)
    for phrase in (
        "Годишњи статистички извештај 2025",
        "Сажетак",
        "Позиви по линији",
        "SOS телефон 24/7",
        "Позиви по сату у дану",
        "Нови клијенти по полу",
        "Идентификоване жртве по старосној групи и полу",
        "Трошкови помоћи по врсти",
        "Рочишта по врсти поступка",
        "Методолошке напомене",
    ):
        assert phrase in text, phrase
    assert "2.912,74" in text  # RSD costs of the year, exact to the para
    assert "<11" in text  # five new clients: every count of persons is small


def test_english_report_and_csv_tables(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    build(db, monkeypatch)
    report = build_report(db, 2025, "en")
    text = _text(report.pdf)
    assert "Annual statistical report 2025" in text and "Calls by line" in text
    assert "Accompaniment to court" in text and "Method notes" in text
    lines = _csv(report.csv["calls_by_line.csv"])
    assert lines["code"] == ["Figure", "Number 2025", "Number 2024"]
    assert lines["sos_24_7"] == ["SOS line 24/7", "4", "5"]
    assert lines["total"] == ["Total", "8", "5"]
    costs = _csv(report.csv["costs_by_type.csv"])
    assert costs["medical"][1:3] == ["1600.49", "0.00"] and costs["total"][1:3] == [
        "2912.74",
        "200.00",
    ]
    summary = report.csv["summary.csv"]
    assert "Calls and contacts,8,5" in summary and "Formally identified victims,<11,<11" in summary


def test_person_tables_are_published_suppressed(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(db, monkeypatch)
    gender = _csv(build_report(db, 2025, "en").csv["new_clients_by_gender.csv"])
    assert (
        gender["female"][1] == "<11" and gender["male"][1] == "<11" and gender["total"][1] == "<11"
    )
    loose = build_report(db, 2025, "en", SuppressionRule(k=2, small_label="*"))
    gender = _csv(loose.csv["new_clients_by_gender.csv"])
    # One man is under k = 2; showing the four women next to the total of five would give
    # him away, so they are withheld too. Zeros and the total stay.
    assert (gender["male"][1], gender["female"][1], gender["total"][1]) == ("*", "x", "5")
    assert gender["trans_nonbinary"][1] == gender["unknown"][1] == "0"


def test_a_year_without_data_says_so(db: Database) -> None:
    for lang, phrase in (
        ("sr-Latn", "Za 2031. godinu nema evidentiranih poziva"),
        ("en", "No calls, clients or activities were recorded for 2031"),
    ):
        report = build_report(db, 2031, lang)
        assert report.is_empty
        assert phrase in _text(report.pdf).replace("\n", " ")


def test_report_pages_rendered(db: Database, qapp: object, tmp_path: Path) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    out = DOCS
    generate(db, 6000, 11)
    out.mkdir(parents=True, exist_ok=True)
    for lang in ("sr-Cyrl", "en"):
        pdf = build_report(db, 2025, lang).pdf
        path = out / f"stats-report-{lang}.pdf"
        path.write_bytes(pdf)
        doc = QPdfDocument()
        doc.load(str(path))
        assert doc.pageCount() >= 5
        for page in (0, 5):
            size = doc.pagePointSize(page)
            image = doc.render(page, QSize(int(size.width() * 1.5), int(size.height() * 1.5)))
            assert not image.isNull()
            image.save(str(out / f"stats-report-{lang}-p{page + 1}.png"))
        doc.close()
        path.unlink()


def test_office_database_counts_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import PASSPHRASE

    office, _ = Database.create(
        tmp_path / "office.db", user="ana", passphrase=PASSPHRASE, desk="HQ", office=True
    )
    try:
        build(office, monkeypatch)
        report = build_report(office, 2025, "en")
        assert report.dashboard.is_office and report.dashboard.summary.calls == 8
        assert "Merged records of all desks (office HQ)" in _text(report.pdf)
    finally:
        office.close()
