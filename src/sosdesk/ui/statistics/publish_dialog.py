"""Publishing a year's report from the statistics area: choose suppressed tables (k) or
differential privacy (ε), preview what will be released, then write in the thread pool with a
progress bar. The work is `stats.publish` (the same as `sosdesk stats report`).

The DP preview draws no noise: it lists the tables, their share of ε, their 95% accuracy and
the year's budget. Showing noisy numbers before publishing would let someone draw again until
the numbers look nice, which spends privacy that no ledger sees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sosdesk.domain.messages import CodedError, render
from sosdesk.services.privacy_ledger import Ledger, ledger
from sosdesk.stats.ctdc_export import CtdcExport, build_export, victim_records
from sosdesk.stats.dashboard import compute_dashboard
from sosdesk.stats.dp_queries import DEFAULT_CALL_BOUND
from sosdesk.stats.labels import title
from sosdesk.stats.periods import Period
from sosdesk.stats.publication import publish_all
from sosdesk.stats.publish import (
    DP_MODE,
    K_MODE,
    PreviewRow,
    PublishResult,
    ReportRequest,
    dp_preview,
    publish_ctdc,
    publish_report,
)
from sosdesk.stats.suppression import SuppressionRule
from sosdesk.ui.context import AppContext
from sosdesk.ui.workers import run_in_pool

REPORT_LANGS = ("sr-Cyrl", "sr-Latn", "en")
CTDC_MODE = "ctdc"


class _Progress(QObject):
    """Carries the worker's progress to the GUI thread (queued signal)."""

    moved = Signal(int)


class PublishDialog(QDialog):
    """Mode, ε or k, preview, write."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.published: PublishResult | None = None
        self.exported: CtdcExport | None = None
        self._target = Path()
        self.setWindowTitle(self.tr("Publish the annual report"))
        self.setAccessibleName(self.tr("Publish the annual report"))
        form = QFormLayout()
        self.year = QSpinBox(self)
        self.year.setRange(1990, 2100)
        self.year.setValue(year)
        self.mode = QComboBox(self)
        self.mode.addItem(self.tr("Suppressed tables (counts under k hidden)"), K_MODE)
        self.mode.addItem(
            self.tr("Differential privacy (noise, ε from the yearly budget)"), DP_MODE
        )
        self.mode.addItem(self.tr("CTDC file of the year's victims (k-anonymised rows)"), CTDC_MODE)
        self.k = QSpinBox(self)
        self.k.setRange(2, 99)
        self.k.setValue(11)
        self.epsilon = QDoubleSpinBox(self)
        self.epsilon.setRange(0.05, 10.0)
        self.epsilon.setSingleStep(0.1)
        self.epsilon.setDecimals(2)
        self.epsilon.setValue(1.0)
        self.lang = QComboBox(self)
        for code, name in zip(REPORT_LANGS, ("Српски", "Srpski", "English"), strict=True):
            self.lang.addItem(name, code)
        self.out = QLineEdit(self)
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.clicked.connect(self._choose)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        self.groups = {
            "clients": QCheckBox(self.tr("New clie&nts"), self),
            "victims": QCheckBox(self.tr("Identified &victims"), self),
            "calls": QCheckBox(self.tr("Call&s"), self),
        }
        groups_row = QHBoxLayout()
        groups_label = QLabel(self.tr("DP tables:"), self)
        groups_row.addWidget(groups_label)
        for box in self.groups.values():
            box.setChecked(True)
            box.toggled.connect(self._clear_preview)
            groups_row.addWidget(box)
        groups_row.addStretch(1)
        self.csv = QCheckBox(self.tr("Also write every table as CSV (a folder next to the PDF)"))
        self.overwrite = QCheckBox(self.tr("Replace files that exist"))
        rows: list[tuple[str, QWidget | QHBoxLayout]] = [
            (self.tr("&Year:"), self.year),
            (self.tr("&Mode:"), self.mode),
            (self.tr("&k:"), self.k),
            (self.tr("&Epsilon (ε):"), self.epsilon),
            (self.tr("&Language:"), self.lang),
            (self.tr("&File:"), out_row),
        ]
        for text, field in rows:
            label = QLabel(text, self)
            if isinstance(field, QWidget):
                label.setBuddy(field)
                field.setAccessibleName(text.replace("&", "").rstrip(":"))
            else:
                label.setBuddy(self.out)
                self.out.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(label, field)
        form.addRow(groups_row)
        form.addRow(self.csv)
        form.addRow(self.overwrite)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("What will be released"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.preview_button = QPushButton(self.tr("&Preview"), self)
        self.publish_button = QPushButton(self.tr("P&ublish"), self)
        close = QPushButton(self.tr("Close"), self)
        self.preview_button.clicked.connect(self.show_preview)
        self.publish_button.clicked.connect(self.publish)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.preview_button, self.publish_button, close):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()
        ctx.locked.connect(self.reject)  # locking drops the preview with everything else
        self.resize(640, 560)

    # -- helpers ---------------------------------------------------------------------------

    @property
    def is_dp(self) -> bool:
        return bool(self.mode.currentData() == DP_MODE)

    @property
    def is_ctdc(self) -> bool:
        return bool(self.mode.currentData() == CTDC_MODE)

    def _mode_changed(self) -> None:
        self.k.setEnabled(not self.is_dp)
        self.epsilon.setEnabled(self.is_dp)
        self.lang.setEnabled(not self.is_ctdc)
        self.csv.setEnabled(not self.is_ctdc)
        for box in self.groups.values():
            box.setEnabled(self.is_dp)
        self.preview.setPlainText("")

    def _choose(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report"), self.out.text(), self.tr("PDF (*.pdf)")
        )
        if name:
            self.out.setText(name)

    def request(self) -> ReportRequest | None:
        """The request the fields describe, or None (and a message) when the file is missing."""
        text = self.out.text().strip()
        if not text:
            self._say(self.tr("Choose the file to write."), error=True)
            return None
        out = Path(text).expanduser()
        suffix = ".csv" if self.is_ctdc else ".pdf"
        if out.suffix.lower() != suffix:
            out = out.with_name(out.name + suffix)
        return ReportRequest(
            year=self.year.value(),
            out=out,
            lang=str(self.lang.currentData()),
            mode=DP_MODE if self.is_dp else K_MODE,  # CTDC: see `publish`
            k=self.k.value(),
            epsilon=round(self.epsilon.value(), 2),
            call_bound=DEFAULT_CALL_BOUND,
            csv_dir=out.with_name(out.stem + "-csv") if self.csv.isChecked() else None,
            overwrite=self.overwrite.isChecked(),
            groups=self.chosen_groups(),
        )

    def _clear_preview(self) -> None:
        self.preview.setPlainText("")

    def chosen_groups(self) -> tuple[str, ...]:
        """The DP table groups ticked, in report order."""
        return tuple(g for g, box in self.groups.items() if box.isChecked())

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("role", "error" if error else "muted")
        self.message.setText(text)

    def _failed(self, exc: Any) -> None:
        self.progress.hide()
        self._busy(False)
        if isinstance(exc, CodedError):
            self._say(render(exc.code, exc.params, self.ctx.lang), error=True)
        else:  # never show the exception itself: it may hold client data
            self._say(self.tr("Publishing failed; nothing was released."), error=True)

    def _busy(self, on: bool) -> None:
        self.preview_button.setEnabled(not on)
        self.publish_button.setEnabled(not on)

    # -- preview ---------------------------------------------------------------------------

    def show_preview(self) -> None:
        """List what would be released (in the pool: the k preview computes the tables)."""
        call, year, dp_mode, ctdc = self.ctx.caller(), self.year.value(), self.is_dp, self.is_ctdc
        eps, k, groups = round(self.epsilon.value(), 2), self.k.value(), self.chosen_groups()
        self._busy(True)
        self._say(self.tr("Computing…"))

        def work() -> tuple[list[PreviewRow], Ledger] | list[tuple[str, int, int]] | CtdcExport:
            if ctdc:
                return build_export(call(victim_records, year), year, k)
            if dp_mode:
                return dp_preview(year, eps, groups=groups), call(ledger, year)
            dash = call(compute_dashboard, Period.year(year), compare=False)
            pub = publish_all(dash.tables, SuppressionRule(k=k))
            return [
                (key, len(p.table.rows), len(p.hidden))
                for key, p in pub.tables.items()
                if p.table.person_level
            ]

        run_in_pool(self.ctx.pool, work, self._previewed, self._failed)

    def _previewed(self, result: Any) -> None:
        self._busy(False)
        self._say("")
        lang = self.ctx.lang
        lines: list[str] = []
        if isinstance(result, CtdcExport):
            lines = self._ctdc_lines(result)
        elif isinstance(result, tuple):
            rows, book = result
            total = sum(r.epsilon for r in rows)
            lines.append(
                self.tr("Differential privacy: ε = {eps} over {n} tables.").format(
                    eps=f"{total:g}", n=len(rows)
                )
            )
            if book.budget is None:
                lines.append(self.tr("No budget is set for this year: a coordinator sets it."))
            else:
                lines.append(
                    self.tr("Budget {budget}, spent {spent}, left {left}.").format(
                        budget=f"{book.budget:g}",
                        spent=f"{book.spent:.4g}",
                        left=f"{book.left:.4g}",
                    )
                )
            for r in rows:
                lines.append(
                    self.tr("{table}: {rows} rows, accuracy ±{acc} (95%)").format(
                        table=title(r.key, lang), rows=r.rows, acc=r.accuracy
                    )
                )
        else:
            lines.append(
                self.tr("Tables of persons, counts under {k} hidden:").format(k=self.k.value())
            )
            for key, rows_n, hidden in result:
                lines.append(
                    self.tr("{table}: {rows} rows, {hidden} entries hidden").format(
                        table=title(key, lang), rows=rows_n, hidden=hidden
                    )
                )
        self.preview.setPlainText("\n".join(lines))

    def _ctdc_lines(self, export: CtdcExport) -> list[str]:
        report = export.report
        lines = [
            self.tr("k = {k}: {out} of {n} victims written.").format(
                k=report.k, out=report.rows_out, n=report.rows_in
            )
        ]
        if export.extra_countries_dropped:
            lines.append(
                self.tr(
                    "{n} rows had several countries of exploitation: the first is kept."
                ).format(n=export.extra_countries_dropped)
            )
        lines.append(self.tr("Cells emptied (recorded, not written), by column:"))
        for column, n in sorted(export.suppressed_cells.items(), key=lambda c: (-c[1], c[0])):
            lines.append(f"  {column}: {n}")
        return lines

    # -- publish ---------------------------------------------------------------------------

    def publish(self) -> None:
        """Write the report (and its ledger entry) in the pool, with a progress bar."""
        req = self.request()
        if req is None:
            return
        call = self.ctx.caller()
        self._target = req.out
        if self.is_ctdc:
            self._busy(True)
            self._say(self.tr("Publishing…"))
            run_in_pool(
                self.ctx.pool,
                lambda: call(publish_ctdc, req.year, req.out, k=req.k, overwrite=req.overwrite),
                self._exported,
                self._failed,
            )
            return
        progress = _Progress(self)
        progress.moved.connect(self.progress.setValue)
        self.progress.setValue(0)
        self.progress.show()
        self._busy(True)
        self._say(self.tr("Publishing…"))
        run_in_pool(
            self.ctx.pool,
            lambda: call(publish_report, req, lambda p, _step: progress.moved.emit(p)),
            self._published,
            self._failed,
        )

    def _exported(self, export: CtdcExport) -> None:
        self._busy(False)
        self.preview.setPlainText("\n".join(self._ctdc_lines(export)))
        self._say(self.tr("Written: {names}").format(names=self._target.name))
        self.exported = export

    def _published(self, done: PublishResult) -> None:
        self.published = done
        self._busy(False)
        self.progress.setValue(100)
        names = ", ".join(p.name for p in done.files[:3])
        more = len(done.files) - 3
        text = self.tr("Written: {names}").format(names=names)
        if more > 0:
            text += " " + self.tr("and {n} more").format(n=more)
        if done.ledger is not None:
            text += " · " + self.tr("ε left this year: {left}").format(
                left=f"{done.ledger.left:.4g}"
            )
        self._say(text)
