"""Where tests put the pictures they make: an ignored folder, unless `make screenshots` asks
for the documentation's own folders (SOSDESK_REFRESH_DOCS=1). Tests never write tracked files."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFRESH_DOCS = os.environ.get("SOSDESK_REFRESH_DOCS") == "1"


def _folder(kind: str) -> Path:
    base = ROOT / "docs" if REFRESH_DOCS else ROOT / "build" / "test-artifacts"
    folder = base / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshots_dir() -> Path:
    """Screenshots of the desk (docs/screenshots/ when refreshing the documentation)."""
    return _folder("screenshots")


def renders_dir() -> Path:
    """PNG renders of documents and reports (docs/documents/ when refreshing)."""
    return _folder("documents")
