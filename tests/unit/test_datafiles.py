"""Shipped files are found through importlib.resources: in the package (wheel, bundle) first,
else at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosdesk import datafiles
from sosdesk.documents.fonts import fonts_dir
from sosdesk.documents.pdfa import icc_dir
from sosdesk.store.migrate import migrations_dir
from sosdesk.ui.i18n import translations_dir
from sosdesk.ui.theme import resources_dir


def test_every_lookup_finds_its_files() -> None:
    assert (fonts_dir() / "DejaVuSans.ttf").is_file()
    assert (icc_dir() / "sRGB.icc").is_file()
    assert (migrations_dir() / "env.py").is_file()
    assert any(translations_dir().glob("*.json"))
    assert (resources_dir() / "themes" / "desk.qss").is_file()


def test_a_copy_inside_the_package_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The layout of the wheel and the PyInstaller bundle: resources/ inside the package folder.
    package = tmp_path / "bundle" / "sosdesk"
    (package / "resources" / "fonts").mkdir(parents=True)
    (package / "resources" / "fonts" / "DejaVuSans.ttf").write_bytes(b"font")
    monkeypatch.setattr(datafiles, "files", lambda name: package)
    assert datafiles.shipped("resources", "fonts") == package / "resources" / "fonts"


def test_the_checkout_is_the_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "checkout" / "src" / "sosdesk"
    package.mkdir(parents=True)
    (tmp_path / "checkout" / "migrations").mkdir()
    monkeypatch.setattr(datafiles, "files", lambda name: package)
    assert datafiles.shipped("migrations") == tmp_path / "checkout" / "migrations"


def test_a_missing_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "src" / "sosdesk"
    package.mkdir(parents=True)
    monkeypatch.setattr(datafiles, "files", lambda name: package)
    with pytest.raises(FileNotFoundError, match="resources/fonts"):
        datafiles.shipped("resources", "fonts")
