"""Publishing a year's statistics, for the CLI and the statistics area alike: the annual report
as suppressed tables (k) or with differential privacy (DP), and the CTDC export.

Every file is prepared in memory first; then the targets are checked (none may exist unless
overwriting is allowed, so nothing is half-written), a DP release is entered in the ledger, and
only then are the files written through `sosdesk.files` (atomic, owner-only)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sosdesk.domain import roles
from sosdesk.domain.messages import CodedError
from sosdesk.domain.translit import latin_to_cyrillic
from sosdesk.files import FileProblem, ensure_private_folder, write_private
from sosdesk.services.access import require
from sosdesk.services.organisation import get_organisation
from sosdesk.services.privacy_ledger import Ledger, check_release, record_release
from sosdesk.stats.ctdc_export import DEFAULT_DATASOURCE, DEFAULT_K, CtdcExport, ctdc_export
from sosdesk.stats.dp import accuracy_of, measurement
from sosdesk.stats.dp_queries import DEFAULT_CALL_BOUND, GROUPS, group_queries
from sosdesk.stats.facts import ensure_facts
from sosdesk.stats.periods import Period
from sosdesk.stats.report import build_report
from sosdesk.stats.report_dp import DpRelease, build_dp_release, dp_csv, dp_pdf
from sosdesk.stats.suppression import SuppressionRule
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow

K_MODE, DP_MODE = "k", "dp"
MODES = (K_MODE, DP_MODE)
Progress = Callable[[int, str], None]


def _quiet(_percent: int, _step: str) -> None:
    return None


@dataclass(frozen=True)
class ReportRequest:
    """What to publish and where."""

    year: int
    out: Path
    lang: str = "sr-Cyrl"
    mode: str = K_MODE
    k: int = DEFAULT_K
    epsilon: float = 1.0
    call_bound: int = DEFAULT_CALL_BOUND
    csv_dir: Path | None = None
    overwrite: bool = False
    groups: tuple[str, ...] = GROUPS  # DP: which tables (clients, victims, calls)


@dataclass(frozen=True)
class PublishResult:
    """What was written (file names only) and, for DP, the release and the ledger after it."""

    files: tuple[Path, ...]
    mode: str
    summary: dict[str, int] = field(default_factory=dict, hash=False)
    release: DpRelease | None = None
    ledger: Ledger | None = None


@dataclass(frozen=True)
class PreviewRow:
    """One table of a DP release before it is drawn: its share of ε and its accuracy."""

    key: str
    rows: int
    epsilon: float
    accuracy: int


def check_name(path: Path) -> None:
    """Refuse a file name that is not valid text (it could not be shown or audited)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise FileProblem("file.bad_name", path) from None


def check_targets(paths: list[Path], overwrite: bool) -> None:
    """Every target's name is text, its folder exists, and (unless overwriting) it is new."""
    for p in paths:
        check_name(p)
        if p.is_dir():
            raise CodedError("stats.out_is_folder", name=p.name, suffix=p.suffix or ".pdf")
        if not p.parent.is_dir():
            raise FileProblem("file.no_folder", p)
    existing = [p for p in paths if p.exists() or p.is_symlink()]
    if existing and not overwrite:
        raise CodedError("stats.outputs_exist", count=len(existing), name=existing[0].name)


def _write(files: dict[Path, bytes], overwrite: bool) -> tuple[Path, ...]:
    """Write every file; if one fails, the new files written before it are removed again, so a
    release is on disk whole or not at all (files replaced under --overwrite stay replaced)."""
    new: list[Path] = []
    try:
        for path, data in files.items():
            existed = path.exists()
            write_private(path, data, overwrite=overwrite)
            if not existed:
                new.append(path)
    except BaseException:
        for path in new:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return tuple(files)


def _csv_targets(folder: Path | None, names: list[str]) -> dict[Path, str]:
    if folder is None:
        return {}
    check_name(folder)
    if folder.exists() and not folder.is_dir():
        raise CodedError("stats.csv_not_folder", name=folder.name)
    return {folder / n: n for n in names}


def dp_preview(
    year: int,
    epsilon: float,
    call_bound: int = DEFAULT_CALL_BOUND,
    groups: Sequence[str] = GROUPS,
) -> list[PreviewRow]:
    """The tables a DP release would hold and their accuracy, without drawing any noise (a
    preview must not let anyone pick the nicest of several draws)."""
    queries = group_queries(groups, Period.year(year), call_bound)
    if not queries:
        raise CodedError("stats.no_tables")
    share = epsilon / len(queries)
    out = []
    for q in queries:
        _meas, scale = measurement(q.d_in, share)
        out.append(PreviewRow(q.key, len(q.keys), share, accuracy_of(scale)))
    return out


def _organisation(db: Database, lang: str) -> str:
    org = get_organisation(db).display_name(lang)
    return latin_to_cyrillic(org) if lang == "sr-Cyrl" else org


def publish_report(db: Database, req: ReportRequest, progress: Progress = _quiet) -> PublishResult:
    """Compute, check, (DP: enter in the ledger), write. Raises a coded error and writes
    nothing when a target exists, a folder is missing or the budget cannot pay."""
    require(db, roles.PUBLISH)
    if req.mode not in MODES:
        raise ValueError(req.mode)
    if req.mode == K_MODE and req.k < 2:
        raise CodedError("stats.k_too_small", k=req.k)
    targets = [req.out]
    check_targets(targets, req.overwrite)  # fail before the work; checked again before writing
    if req.mode == DP_MODE:
        check_release(db, req.year, req.epsilon)
    progress(5, "facts")
    ensure_facts(db)
    progress(30, "tables")
    if req.mode == K_MODE:
        report = build_report(db, req.year, req.lang, SuppressionRule(k=req.k))
        files = {req.out: report.pdf}
        texts = report.csv
        summary = {
            "calls": report.dashboard.summary.calls,
            "new_clients": report.dashboard.summary.new_clients,
            "identified_victims": report.dashboard.summary.identified_victims,
            "empty": int(report.is_empty),
        }
    else:
        if not req.groups:
            raise CodedError("stats.no_tables")
        release = build_dp_release(db, req.year, req.epsilon, req.call_bound, req.groups)
        progress(60, "pdf")
        pdf = dp_pdf(release, req.lang, _organisation(db, req.lang), utcnow())
        files = {req.out: pdf}
        texts = dp_csv(release, req.lang)
        summary = {"tables": len(release.tables)}
    csv_targets = _csv_targets(req.csv_dir, list(texts))
    files.update({p: texts[n].encode("utf-8-sig") for p, n in csv_targets.items()})
    check_targets(targets, req.overwrite)
    if req.csv_dir is not None:
        if not req.csv_dir.parent.is_dir():
            raise FileProblem("file.no_folder", req.csv_dir)
        if req.csv_dir.is_dir():
            check_targets(list(csv_targets), req.overwrite)
        ensure_private_folder(req.csv_dir)
    progress(80, "write")
    if req.mode == K_MODE:
        written = _write(files, req.overwrite)
        _audit(db, "stats_report", req, len(files))
        progress(100, "done")
        return PublishResult(written, K_MODE, summary)
    after = record_release(
        db, req.year, req.epsilon, tables=len(release.tables), purpose="report", file=req.out.name
    )
    written = _write(files, req.overwrite)
    progress(100, "done")
    return PublishResult(written, DP_MODE, summary, release, after)


def _audit(db: Database, action: str, req: ReportRequest, count: int) -> None:
    with db.transaction() as tx:
        tx.audit(
            action,
            "statistics",
            None,
            {"year": req.year, "lang": req.lang, "k": req.k, "file": req.out.name, "files": count},
        )


def publish_ctdc(
    db: Database,
    year: int,
    out: Path,
    *,
    k: int = DEFAULT_K,
    datasource: str = DEFAULT_DATASOURCE,
    overwrite: bool = False,
) -> CtdcExport:
    """The k-anonymised CTDC file of `year` (consultants and coordinators only)."""
    if k < 2:
        raise CodedError("stats.k_too_small", k=k)
    require(db, roles.PUBLISH)
    check_targets([out], overwrite)
    ensure_facts(db)
    export = ctdc_export(db, year, k, datasource)
    write_private(out, export.csv_text().encode("utf-8"), overwrite=overwrite)
    with db.transaction() as tx:
        tx.audit(
            "stats_ctdc_export",
            "statistics",
            None,
            {"year": year, "k": k, "file": out.name, "rows": export.report.rows_out},
        )
    return export
