"""The Office area's decision on a desk's refused batch (Alt+E on the desks table): show the
records that do not fit here and why, and on the coordinator's Yes apply the batch without
them in a worker, writing the desk's receipt into a chosen folder (`services/office_set_aside`).
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QPushButton, QTableWidget, QWidget

from sosdesk.domain.messages import CodedError
from sosdesk.domain.messages.core import Param, Problem
from sosdesk.sync.overview import DeskOverview
from sosdesk.sync.set_aside_decision import SetAsidePlan, apply_without, look_at_refused
from sosdesk.ui.context import AppContext
from sosdesk.ui.sync.chooser import Chooser
from sosdesk.ui.sync.jobs import Job
from sosdesk.ui.sync.set_aside_text import record_lines
from sosdesk.ui.widgets.problem_text import error_text


class OfficeArea(Protocol):
    """What the action uses of the Office area (which owns it)."""

    job: Job
    ctx: AppContext
    chooser: Chooser
    desks: QTableWidget
    desk_rows: list[DeskOverview]
    set_aside_button: QPushButton

    def _say(self, text: str, error: bool = False) -> None: ...
    def _start(self, kind: str, fn: Any) -> None: ...


def done_text(plan: SetAsidePlan) -> str:
    """What the decision did, for the area's notice."""
    params: dict[str, Param] = {
        "desk": plan.desk,
        "seq": plan.seq,
        "count": len(plan.set_aside),
        "inserted": plan.inserted,
    }
    text = error_text(Problem("set_aside.office_done", params))
    if plan.receipt is not None:
        text += "\n" + str(plan.receipt)
    return text


class SetAsideAction(QObject):
    """Alt+E: decide on the selected desk's refused batch."""

    def __init__(self, area: OfficeArea, parent: QWidget) -> None:
        super().__init__(parent)
        self.area = area
        self.parent_widget = parent

    def run(self) -> None:
        """Look, confirm (the records and reasons named), choose the receipts folder, apply."""
        area = self.area
        if area.job.running or area.ctx.is_locked or not area.set_aside_button.isEnabled():
            return
        row = area.desks.currentRow()
        if not 0 <= row < len(area.desk_rows):
            area._say(self.tr("Choose a desk in the table first."), error=True)
            return
        desk = area.desk_rows[row].code
        try:
            plan: SetAsidePlan = area.ctx.call(look_at_refused, desk)
        except CodedError as exc:  # nothing refused any more, the copy is gone: nothing changed
            area._say(error_text(exc), error=True)
            return
        params: dict[str, Param] = {
            "desk": plan.desk,
            "seq": plan.seq,
            "records": plan.records,
            "count": len(plan.set_aside),
        }
        question = "\n\n".join(
            [
                error_text(Problem("set_aside.office_plan", params)),
                "\n".join(record_lines(plan.set_aside)),
                self.tr("Apply the batch without these records?"),
            ]
        )
        title = self.tr("Refused batch {0} of desk {1}").format(plan.seq, plan.desk)
        if not area.chooser.confirm(self.parent_widget, title, question):
            area._say(self.tr("Nothing was changed."))
            return
        folder = area.chooser.folder(
            self.parent_widget, self.tr("Where to write the desk's receipt")
        )
        if folder is None:
            area._say(self.tr("Nothing was changed."))
            return
        area._start("set_aside", lambda call: call(apply_without, desk, plan, folder))
