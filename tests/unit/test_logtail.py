"""The log tail keeps ids and codes, never names, phones or free text, and never touches disk."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from sosdesk import logtail
from sosdesk.domain.ids import new_id
from sosdesk.domain.messages import CodedError


@pytest.fixture
def tail() -> logtail.TailHandler:
    handler = logtail.install()
    handler.clear()
    return handler


def test_ids_and_codes_are_kept_names_and_phones_are_not(tail: logtail.TailHandler) -> None:
    log = logging.getLogger("sosdesk.services.calls")
    call_id = new_id()
    log.info(
        "saved call %s (%s, %d follow-ups) by %s", call_id, "prevention_info", 2, "Ana Petrović"
    )
    log.info("client phone %s note %s", "+381631234567", "she is afraid of her boss")
    lines = "\n".join(logtail.tail())
    assert call_id in lines and "prevention_info" in lines and "2 follow-ups" in lines
    for leaked in ("Ana", "Petrović", "381631234567", "afraid"):
        assert leaked not in lines


def test_an_exception_keeps_its_type_and_module_not_its_text(tail: logtail.TailHandler) -> None:
    def fail() -> None:
        raise ValueError("Marija Jovanović, 063 123 4567")

    try:
        fail()
    except ValueError:
        logging.getLogger("sosdesk.ui.workers").exception("worker failed")
    try:
        raise CodedError("field.required")
    except CodedError:
        logging.getLogger("sosdesk.ui").warning("refused", exc_info=True)
    lines = logtail.tail()
    assert "ValueError in tests.unit.test_logtail" in lines[-2]
    assert "code=field.required" in lines[-1]
    text = "\n".join(lines)
    assert "Marija" not in text and "4567" not in text and "Traceback" not in text


def test_the_tail_is_bounded_and_cleared(tail: logtail.TailHandler) -> None:
    log = logging.getLogger("sosdesk.x")
    for i in range(logtail.TAIL_SIZE + 20):
        log.info("n %d", i)
    lines = logtail.tail()
    assert len(lines) == logtail.TAIL_SIZE and lines[-1].endswith(f"n {logtail.TAIL_SIZE + 19}")
    logtail.clear()
    assert logtail.tail() == []


def test_nothing_reaches_a_file_handler(tail: logtail.TailHandler, tmp_path: Path) -> None:
    file = tmp_path / "sosdesk.log"
    root_file = logging.FileHandler(file)
    logging.getLogger().addHandler(root_file)
    ours = logging.FileHandler(tmp_path / "ours.log")
    logging.getLogger("sosdesk").addHandler(ours)
    try:
        logtail.install()  # a handler added to our logger by anyone is removed again
        logging.getLogger("sosdesk.services").warning("unlock failed %s", "store.wrong_passphrase")
    finally:
        logging.getLogger().removeHandler(root_file)
        root_file.close()
        ours.close()
    assert file.read_text() == "" and (tmp_path / "ours.log").read_text() == ""
    assert "store.wrong_passphrase" in logtail.tail()[-1]
