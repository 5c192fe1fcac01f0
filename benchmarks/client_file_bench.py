"""Client file on the encrypted store and on plain SQLite, side by side (issue 4).

Opens the demo client with 2,000 timeline events in the Clients area (offscreen) and times it
to the first paint of the timeline, scrolls the whole timeline page by page (each page of 100
events is fetched as the view reaches it), and adds events through the service.

Run: `.venv/bin/python -m benchmarks.client_file_bench [--calls N] [--runs R] [--adds A]`
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from benchmarks.dataset import dataset
from benchmarks.report import Row, in_child, median, p95, print_table
from sosdesk.services.events import add_event, count_timeline
from sosdesk.store.database import Database
from sosdesk.store.models import Client
from sosdesk.ui.clients.area import ClientsArea
from sosdesk.ui.context import AppContext
from sosdesk.ui.timeline.view import TimelineView

STALL_MS = 50.0  # a step slower than this is a visible hitch while scrolling


class PaintProbe(QObject):
    """Notes when a widget has been painted."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.painted = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False

    def wait(self, app: QApplication) -> None:
        deadline = time.perf_counter() + 10
        while not self.painted and time.perf_counter() < deadline:
            app.processEvents()
        if not self.painted:
            raise RuntimeError("the timeline was never painted")


def long_client(db: Database) -> tuple[str, int]:
    """The demo client with the longest timeline (the generator numbers it 0001 of its year)."""
    with db.session() as s:
        ids = list(s.execute(select(Client.id).where(Client.code.like("%-0001"))).scalars())
    best = max(ids, key=lambda cid: count_timeline(db, cid))
    return best, count_timeline(db, best)


def short_client(db: Database, avoid: str) -> str:
    """A client to add events to, so the 2,000-event timeline stays as generated."""
    with db.session() as s:
        return str(s.execute(select(Client.id).where(Client.id != avoid).limit(1)).scalar_one())


def measure(db: Database, app: QApplication, runs: int, adds: int) -> dict[str, float]:
    """Every figure for one store."""
    out: dict[str, float] = {}
    client_id, events = long_client(db)
    out["events"] = events
    ctx = AppContext(db)
    start = time.perf_counter()
    area = ClientsArea(ctx)
    area.resize(1440, 900)
    area.show()
    PaintProbe(area).wait(app)
    out["build_area"] = (time.perf_counter() - start) * 1000

    opens: list[float] = []
    for _ in range(runs):
        area.file.clear()
        app.processEvents()
        probe = PaintProbe(area.file.timeline.table.viewport())
        start = time.perf_counter()
        area.open_client(client_id)
        probe.wait(app)
        opens.append((time.perf_counter() - start) * 1000)
        probe.deleteLater()
    out["open_first"], out["open_median"], out["open_p95"] = opens[0], median(opens), p95(opens)

    colds: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        view = TimelineView(ctx)
        view.resize(1200, 800)
        probe = PaintProbe(view.table.viewport())
        view.show_client(client_id)
        view.show()
        probe.wait(app)
        colds.append((time.perf_counter() - start) * 1000)
        view.deleteLater()
        app.processEvents()
    out["cold_median"] = median(colds)

    table = area.file.timeline.table
    model = area.file.timeline.model
    bar = table.verticalScrollBar()
    steps: list[float] = []
    pages: list[float] = []
    while bar.value() < bar.maximum() or model.canFetchMore():
        before = model.rowCount()
        probe = PaintProbe(table.viewport())
        start = time.perf_counter()
        bar.setValue(min(bar.value() + bar.pageStep(), bar.maximum()))
        probe.wait(app)
        took = (time.perf_counter() - start) * 1000
        steps.append(took)
        if model.rowCount() > before:
            pages.append(took)
        probe.deleteLater()
        if bar.value() >= bar.maximum() and not model.canFetchMore():
            break
    out["scroll_steps"] = len(steps)
    out["scroll_max"], out["scroll_p95"] = max(steps), p95(steps)
    out["scroll_stalls"] = sum(1 for s in steps if s > STALL_MS)
    out["page_median"] = median(pages) if pages else 0.0
    out["loaded"] = model.rowCount()

    target = short_client(db, client_id)
    when = datetime.now(UTC) - timedelta(days=1)
    samples = []
    for i in range(adds):
        start = time.perf_counter()
        add_event(db, target, "note", when, {"text": f"benchmark beleška {i}"})
        samples.append((time.perf_counter() - start) * 1000)
    out["add_median"], out["add_p95"] = median(samples), p95(samples)

    area.file.timeline.select_event(model.event_at(0).id)
    refresh = []
    for _ in range(runs):
        start = time.perf_counter()
        area.file.timeline.refresh()
        refresh.append((time.perf_counter() - start) * 1000)
    out["refresh_median"] = median(refresh)
    area.file.clear()
    area.deleteLater()
    app.processEvents()
    ctx.pool.waitForDone()  # pages read ahead must finish before the store closes
    return out


def _round(calls: int, runs: int, adds: int, encrypted: bool) -> dict[str, float]:
    """One round on one store, in this (child) process with its own QApplication."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    db = dataset(calls).open(encrypted)
    try:
        return measure(db, app, runs, adds)
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=1_000_000, help="data set size (calls)")
    parser.add_argument("--runs", type=int, default=15, help="repetitions of each opening")
    parser.add_argument("--adds", type=int, default=150, help="events added per store and round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds, alternating the order")
    args = parser.parse_args()
    dataset(args.calls)  # build (or find) both stores before any timing
    # The machine is shared: the stores take turns (E P, then P E, ...) and each figure is the
    # best round, so a burst of someone else's load does not land on one store only. Every
    # round runs in a process of its own: nothing one store's driver sets up taxes the other.
    rounds: dict[bool, list[dict[str, float]]] = {True: [], False: []}
    for r in range(args.rounds):
        for encrypted in (True, False) if r % 2 == 0 else (False, True):
            rounds[encrypted].append(in_child(_round, args.calls, args.runs, args.adds, encrypted))
    enc, plain = (
        {key: min(run[key] for run in rounds[flag]) for key in rounds[flag][0]}
        for flag in (True, False)
    )
    enc["open_first"], plain["open_first"] = (rounds[f][0]["open_first"] for f in (True, False))

    def row(name: str, key: str, budget: str) -> Row:
        return Row(name, enc[key], plain[key], budget)

    n = int(enc["events"])
    rows = [
        row(
            f"open client ({n:,} events) to first paint, first time (round 1)",
            "open_first",
            "≤ 100 ms",
        ),
        row(f"open client to first paint, median of {args.runs}", "open_median", "≤ 100 ms"),
        row(f"open client to first paint, p95 of {args.runs}", "open_p95", "≤ 100 ms"),
        row("new timeline view + model to first paint, median", "cold_median", "≤ 100 ms"),
        row("scroll a page (incl. fetching 100 more), p95", "scroll_p95", "no stall"),
        row("scroll a page, slowest step", "scroll_max", f"< {STALL_MS:.0f} ms"),
        row("fetch + paint the next 100 events, median", "page_median", "no stall"),
        row(f"add an event (service), p95 of {args.adds}", "add_p95", "≤ 15 ms"),
        row(f"add an event (service), median of {args.adds}", "add_median", ""),
        row("refresh the open timeline after a change, median", "refresh_median", ""),
        row("build the Clients area (once, at start)", "build_area", ""),
    ]
    print_table(f"Client file, {args.calls:,}-call data set (best of {args.rounds} rounds)", rows)
    print(
        f"\nScrolled {int(enc['scroll_steps'])} pages to the end of {int(enc['loaded']):,} "
        f"events; steps over {STALL_MS:.0f} ms: encrypted {int(enc['scroll_stalls'])}, "
        f"plain {int(plain['scroll_stalls'])}."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
