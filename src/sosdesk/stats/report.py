"""`sosdesk stats report`: compute a year, suppress person tables, write the PDF (and CSVs)."""

from __future__ import annotations

from dataclasses import dataclass

from sosdesk.domain.translit import latin_to_cyrillic
from sosdesk.services.organisation import get_organisation
from sosdesk.stats.dashboard import Dashboard, compute_dashboard
from sosdesk.stats.periods import Period
from sosdesk.stats.publication import Publication, publish_all
from sosdesk.stats.report_csv import summary_csv, table_csv
from sosdesk.stats.report_pdf import SECTIONS, ReportInput, render, summary_rows
from sosdesk.stats.suppression import SuppressionRule
from sosdesk.store.database import Database
from sosdesk.store.models import utcnow


@dataclass(frozen=True)
class Report:
    """A rendered report and what went into it."""

    pdf: bytes
    csv: dict[str, str]  # file name -> text
    dashboard: Dashboard
    now: Publication

    @property
    def is_empty(self) -> bool:
        return self.dashboard.summary.is_empty


def build_report(
    db: Database, year: int, lang: str = "sr-Cyrl", rule: SuppressionRule | None = None
) -> Report:
    """Compute `year` (with the year before) and render the PDF and the CSV tables."""
    rule = rule or SuppressionRule()
    dash = compute_dashboard(db, Period.year(year), compare=True)
    now = publish_all(dash.tables, rule)
    before = publish_all(dash.before.values(), rule)
    org = get_organisation(db).display_name(lang)
    if lang == "sr-Cyrl":
        org = latin_to_cyrillic(org)
    produced = utcnow()
    pdf = render(ReportInput(dash, now, before, lang, org, produced))
    years = (year, year - 1)
    files = {
        "summary.csv": summary_csv(
            summary_rows(dash.summary, dash.summary_before, rule.k, rule.small_text, lang),
            lang,
            years,
        )
    }
    order = [k for _s, keys in SECTIONS for k in keys]
    for key in order:
        if key in now.tables:
            files[f"{key}.csv"] = table_csv(now[key], before.tables.get(key), lang, years)
    return Report(pdf, files, dash, now)
