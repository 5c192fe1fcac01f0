"""Ctrl+Shift+P in the Missing children area: the case summary PDF for the police or a foreign
116 000 line. The child's name is printed only when asked for (and the role may see it); the
file is written owner-readable only, and recorded in the print register first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QLineEdit, QWidget

from sosdesk.documents.missing_summary import build_summary, issue_summary
from sosdesk.documents.output import suggested_name, write_private
from sosdesk.ui.context import AppContext
from sosdesk.ui.events.action_dialog import ActionDialog
from sosdesk.ui.widgets.display import tr

LANGS = (("sr-Cyrl", "Српски (ћирилица)"), ("sr-Latn", "Srpski (latinica)"), ("en", "English"))


def summary_dialog(
    ctx: AppContext, case_id: str, saved: Callable[[str, str], None], parent: QWidget | None = None
) -> ActionDialog:
    """The options of the summary; Save renders it, asks where, records and writes it."""
    lang = QComboBox()
    for code, name in LANGS:
        lang.addItem(name, code)
    lang.setAccessibleName(tr("Language of the summary"))
    full = QCheckBox(tr("Print the child's name (full profile)"))
    full.setAccessibleName(tr("Print the child's name (full profile)"))
    password = QLineEdit()
    password.setEchoMode(QLineEdit.EchoMode.Password)
    password.setAccessibleName(tr("PDF password (optional)"))

    def submit() -> None:
        profile = "full" if full.isChecked() else "pseudonymised"
        built = ctx.call(
            build_summary, case_id, lang.currentData(), profile, password=password.text() or None
        )
        path, _ = QFileDialog.getSaveFileName(
            parent, tr("Save the case summary"), suggested_name(built.number), "PDF (*.pdf)"
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        ctx.call(issue_summary, built, "file")  # recorded before it leaves the desk
        write_private(target, built.pdf)
        saved(built.number, target.name)

    return ActionDialog(
        tr("Case summary for the police or a foreign 116 000 line"),
        [
            ("lang", tr("&Language"), lang),
            ("profile", tr("&Name"), full),
            ("password", tr("&Password"), password),
        ],
        submit,
        parent,
    )
