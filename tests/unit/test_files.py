"""The private writer and the bounded reader, on real files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sosdesk.files import (
    TEMP_SUFFIX,
    FileProblem,
    clean_stale_temps,
    ensure_private_folder,
    private_output,
    read_bounded,
    write_private,
)


def test_writes_atomically_at_0600_and_replaces_a_world_readable_file(tmp_path: Path) -> None:
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_private(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]


def test_refuses_existing_file_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "a"
    target.write_bytes(b"keep")
    with pytest.raises(FileProblem) as err:
        write_private(target, b"x")
    assert err.value.code == "file.exists"
    assert target.read_bytes() == b"keep"


def test_never_writes_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    (tmp_path / "link").symlink_to(victim)
    with pytest.raises(FileProblem) as err:
        write_private(tmp_path / "link", b"x", overwrite=True)
    assert err.value.code == "file.symlink"
    assert victim.read_bytes() == b"keep"


def test_failure_inside_leaves_target_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "t"
    target.write_bytes(b"keep")
    with pytest.raises(RuntimeError), private_output(target, overwrite=True) as fh:
        fh.write(b"half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"keep"
    assert [p.name for p in tmp_path.iterdir()] == ["t"]


def test_stale_temps_are_cleaned(tmp_path: Path) -> None:
    (tmp_path / f".x.1234{TEMP_SUFFIX}").write_bytes(b"old key file")
    (tmp_path / "keep.txt").write_bytes(b"")
    assert clean_stale_temps(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    ensure_private_folder(shared)
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    ensure_private_folder(tmp_path / "new" / "deeper")
    assert stat.S_IMODE((tmp_path / "new" / "deeper").stat().st_mode) == 0o700


def test_dangling_symlink_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "d").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(FileProblem):
        ensure_private_folder(tmp_path / "d")
    assert not (tmp_path / "elsewhere").exists()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_bounded_read_refuses_devices_and_oversize(tmp_path: Path) -> None:
    with pytest.raises(FileProblem) as err:
        read_bounded(Path("/dev/zero"), 1024)
    assert err.value.code == "file.not_regular"
    big = tmp_path / "big"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(FileProblem) as err:
        read_bounded(big, 1024)
    assert err.value.code == "file.too_large"
    with pytest.raises(FileProblem) as err:
        read_bounded(tmp_path, 1024)
    assert err.value.code == "file.not_regular"
    assert read_bounded(big, 4096) == b"x" * 2048
