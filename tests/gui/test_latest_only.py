"""The runner behind lookup as you type and the statistics: one request at a time, only the
newest answered (two years of statistics side by side held two page caches at once)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sosdesk.ui.workers import LatestOnly


class Jobs:
    """Requests that record when they run and wait until the test lets them finish."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started: list[str] = []
        self.running = 0
        self.most_at_once = 0
        self.gates: dict[str, threading.Event] = {}

    def make(self, name: str, fail: bool = False) -> Callable[[], str]:
        gate = self.gates.setdefault(name, threading.Event())

        def job() -> str:
            with self.lock:
                self.started.append(name)
                self.running += 1
                self.most_at_once = max(self.most_at_once, self.running)
            gate.wait(10)
            with self.lock:
                self.running -= 1
            if fail:
                raise ValueError(name)
            return name

        return job

    def release_all(self) -> None:
        for gate in self.gates.values():
            gate.set()


@pytest.fixture
def jobs(qapp: QApplication) -> Iterator[Jobs]:
    made = Jobs()
    yield made
    made.release_all()
    QThreadPool.globalInstance().waitForDone(10_000)


class Heard:
    """A runner on the global pool and what it reported."""

    def __init__(self) -> None:
        self.runner = LatestOnly(QThreadPool.globalInstance())
        self.answers: list[object] = []
        self.failures: list[object] = []
        self.runner.answered.connect(self.answers.append)
        self.runner.failed.connect(self.failures.append)


@pytest.fixture
def heard(jobs: Jobs) -> Heard:
    return Heard()


def test_requests_run_one_at_a_time_and_only_the_newest_is_answered(
    qtbot: QtBot, jobs: Jobs, heard: Heard
) -> None:
    runner, answers = heard.runner, heard.answers
    runner.submit(jobs.make("2024"))
    qtbot.waitUntil(lambda: jobs.started == ["2024"])
    runner.submit(jobs.make("2025"))
    runner.submit(jobs.make("2026"))  # replaces 2025, which never runs
    assert runner.busy and jobs.started == ["2024"]
    jobs.gates["2024"].set()
    qtbot.waitUntil(lambda: jobs.started == ["2024", "2026"])
    assert answers == []  # 2024's answer was stale when it came
    jobs.gates["2026"].set()
    qtbot.waitUntil(lambda: answers == ["2026"])
    assert jobs.most_at_once == 1 and not runner.busy


def test_a_stale_failure_is_dropped_and_the_newest_failure_reported(
    qtbot: QtBot, jobs: Jobs, heard: Heard
) -> None:
    runner, failures = heard.runner, heard.failures
    runner.submit(jobs.make("old", fail=True))
    qtbot.waitUntil(lambda: jobs.started == ["old"])
    runner.submit(jobs.make("new", fail=True))
    jobs.release_all()
    qtbot.waitUntil(lambda: len(failures) == 1 and not runner.busy)
    assert [str(e) for e in failures] == ["new"]


def test_cancel_forgets_the_waiting_request_and_the_running_answer(
    qtbot: QtBot, jobs: Jobs, heard: Heard
) -> None:
    runner, answers = heard.runner, heard.answers
    runner.submit(jobs.make("running"))
    qtbot.waitUntil(lambda: jobs.started == ["running"])
    runner.submit(jobs.make("waiting"))
    runner.cancel()  # the desk locks
    jobs.release_all()
    qtbot.waitUntil(lambda: not runner.busy)
    runner.submit(jobs.make("after"))
    jobs.release_all()
    qtbot.waitUntil(lambda: answers == ["after"])
    assert jobs.started == ["running", "after"]
