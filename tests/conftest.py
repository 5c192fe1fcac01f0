"""Shared fixtures: real encrypted databases on disk (fast Argon2 parameters), offscreen Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from sosdesk.store import kdf
from sosdesk.store.database import Database
from sosdesk.ui import i18n

PASSPHRASE = "tačna-lozinka-42"
USER = "ana"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Key slots made during tests use cheap (still real) Argon2id parameters."""
    monkeypatch.setattr(kdf, "DEFAULT_KDF", kdf.FAST_KDF)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test database lives (its folder is fresh for every test)."""
    return tmp_path / "desk" / "desk.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh, real SQLCipher desk database (BG1) unlocked as coordinator `ana`."""
    database, _recovery = Database.create(
        db_path, user=USER, passphrase=PASSPHRASE, desk="BG1", display_name="Ana Petrović"
    )
    yield database
    database.close()


@pytest.fixture
def serbian(qapp: QApplication) -> Iterator[QApplication]:
    """Serbian UI; the application's language and look are restored afterwards for the others."""
    saved = (qapp.style().name(), qapp.palette(), qapp.font(), qapp.styleSheet())
    i18n.install("sr-Latn")
    yield qapp
    i18n.install("en")
    qapp.setStyle(saved[0])
    qapp.setPalette(saved[1])
    qapp.setFont(saved[2])
    qapp.setStyleSheet(saved[3])
