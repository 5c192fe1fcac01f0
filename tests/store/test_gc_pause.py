"""The cycle collector is paused for a bulk pass and always comes back (issue 21)."""

from __future__ import annotations

import gc

import pytest

from sosdesk.store.gc_pause import cycle_collector_paused


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
