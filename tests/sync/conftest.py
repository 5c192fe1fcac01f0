"""Fixtures: an office with three enrolled desks, all real encrypted databases on disk."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.helpers import Net, new_net


@pytest.fixture
def net(tmp_path: Path) -> Iterator[Net]:
    """Office HQ with desks BG1, NS1 and NI1 enrolled (each trusting the office)."""
    n = new_net(tmp_path, "BG1", "NS1", "NI1")
    yield n
    n.close()


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Net]:
    """Office HQ with one desk, BG1."""
    n = new_net(tmp_path, "BG1")
    yield n
    n.close()
