"""Import and export run without the cycle collector and always give it back (issue 21)."""

from __future__ import annotations

import gc

from sosdesk.sync.export import export_desk
from sosdesk.sync.importer import import_batches
from tests.sync.helpers import Net, take_call


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
