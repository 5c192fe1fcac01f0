"""Open a missing-child case in a few keystrokes, during a 116 000 call (Ctrl+Shift+M in the
intake form): the category and who reports come first, everything else may wait."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.missing_children import MC_CATEGORY, MC_LIVING, MC_REPORTER, MC_RISK
from sosdesk.domain.validation import FieldError, ValidationFailed
from sosdesk.domain.vocab import GENDER
from sosdesk.services.missing_children import (
    ChildInput,
    MissingCaseView,
    find_missing_case,
    open_missing_case,
)
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog
from sosdesk.ui.widgets.datetime_field import DateField
from sosdesk.ui.widgets.display import tr
from sosdesk.ui.widgets.multi_pick import MultiPick
from sosdesk.ui.widgets.multi_select import MultiSelect
from sosdesk.ui.widgets.pick_list import vocabulary_options
from sosdesk.ui.widgets.vocab_combo import VocabCombo


def open_case_dialog(
    ctx: AppContext,
    opened: Callable[[MissingCaseView], None],
    parent: QWidget | None = None,
    *,
    call_id: str | None = None,
) -> ActionDialog:
    """A dialog that opens a case; `opened` receives it (the intake links it to the call)."""
    category = VocabCombo(MC_CATEGORY, ctx.lang)
    category.setAccessibleName(tr("Category"))
    reporter = VocabCombo(MC_REPORTER, ctx.lang)
    reporter.setAccessibleName(tr("Who reports"))
    relation = QLineEdit()
    relation.setAccessibleName(tr("Relation to the child"))
    name = QLineEdit()
    name.setAccessibleName(tr("Child's name"))
    age = QSpinBox()
    age.setRange(-1, 17)
    age.setSpecialValueText(tr("unknown"))
    age.setValue(-1)
    age.setAccessibleName(tr("Age"))
    gender = VocabCombo(GENDER, ctx.lang)
    gender.setAccessibleName(tr("Gender"))
    gender.set_code("unknown")
    living = VocabCombo(MC_LIVING, ctx.lang, empty=tr("not known yet"))
    living.setAccessibleName(tr("Where the child lives"))
    seen_on = DateField()
    seen_on.setAccessibleName(tr("Last seen on"))
    place = QLineEdit()
    place.setAccessibleName(tr("Last seen where"))
    countries = MultiPick()
    countries.set_options(vocabulary_options(COUNTRY, ctx.lang))
    countries.setAccessibleName(tr("Countries involved"))
    countries.input.setAccessibleName(tr("Countries involved"))
    risks = MultiSelect(MC_RISK, ctx.lang, rows=3)
    risks.setAccessibleName(tr("Risk factors"))
    circumstances = QLineEdit()
    circumstances.setAccessibleName(tr("Circumstances"))
    earlier = QLineEdit()
    earlier.setPlaceholderText("NC-…")
    earlier.setAccessibleName(tr("Earlier episode (case code)"))

    def submit() -> None:
        try:
            last_seen = seen_on.value()
        except ValueError:
            raise ValidationFailed([FieldError("last_seen_on", "ui.not_date")]) from None
        previous = None
        if earlier.text().strip():
            try:
                previous = ctx.call(find_missing_case, earlier.text()).id
            except LookupError:
                raise ValidationFailed(
                    [FieldError("previous_id", "not_found.missing_case", id=earlier.text())]
                ) from None
        data = ChildInput(
            category=category.code() or "",
            reporter_kind=reporter.code() or "",
            reporter_relation=relation.text(),
            child_name=name.text(),
            age=None if age.value() < 0 else age.value(),
            gender=gender.code() or "unknown",
            living=living.code(),
            last_seen_on=last_seen,
            last_seen_place=place.text(),
            countries=countries.codes(),
            risks=risks.codes(),
            circumstances=circumstances.text(),
            previous_id=previous,
        )
        view = ctx.call(open_missing_case, data, call_id=call_id)
        ctx.data_changed.emit("missing_cases")
        opened(view)

    return ActionDialog(
        tr("Open a missing-child case"),
        [
            ("category", tr("&Category"), category),
            ("reporter_kind", tr("&Who reports"), reporter),
            ("reporter_relation", tr("Re&lation"), relation),
            ("child_name", tr("Child's &name"), name),
            ("age", tr("&Age"), age),
            ("gender", tr("&Gender"), gender),
            ("living", tr("Li&ves"), living),
            ("last_seen_on", tr("Las&t seen on"), seen_on),
            ("last_seen_place", tr("Last seen w&here"), place),
            ("countries", tr("C&ountries"), countries),
            ("risks", tr("&Risks"), risks),
            ("circumstances", tr("Circum&stances"), circumstances),
            ("previous_id", tr("&Earlier episode"), earlier),
        ],
        submit,
        parent,
    )
