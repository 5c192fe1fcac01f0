"""The cycle collector is paused for a batch pass and always comes back (issue 21)."""

from __future__ import annotations

import gc

import pytest

from sosdesk.sync.export import export_desk
from sosdesk.sync.gc_pause import cycle_collector_paused
from sosdesk.sync.importer import import_batches
from tests.sync.helpers import Net, take_call


def test_nested_pauses_restore_the_collector_once_and_only_if_it_was_on() -> None:
    assert gc.isenabled()
    with cycle_collector_paused():
        with cycle_collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pass is still running
    assert gc.isenabled()
    gc.disable()
    try:
        with cycle_collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def test_an_error_inside_still_restores_the_collector() -> None:
    with pytest.raises(OSError), cycle_collector_paused():
        raise OSError("the disk is full")
    assert gc.isenabled()


def test_import_and_export_run_without_it_and_give_it_back(net: Net) -> None:
    desk = net.desks["BG1"]
    take_call(desk, "Ana")
    seen: list[bool] = []
    result = export_desk(desk, net.stick("out"), progress=lambda *_: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()
    seen.clear()
    [ok] = import_batches(
        net.office, list(result.files), progress=lambda *_: seen.append(gc.isenabled())
    )
    assert ok.status == "applied" and seen and not any(seen)
    assert gc.isenabled()
    broken = net.stick("broken") / result.files[0].name
    broken.write_bytes(result.files[0].read_bytes()[:-40])
    [refused] = import_batches(net.office, [broken])
    assert refused.status != "applied"
    assert gc.isenabled()
