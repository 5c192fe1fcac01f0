"""Visible wording of the statistics area: English source strings (translated through the
catalogue resources/translations/sr-Latn/statistics.json), vocabulary labels in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.vocab import GENDER, VOCABULARIES
from sosdesk.stats.tables import StatTable


def tr(text: str) -> str:
    """Translate a source string of this area."""
    return QCoreApplication.translate("Statistics", text)


# Sections of the list of statistics, with their tables (in order).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "calls",
        (
            "calls_by_line",
            "calls_by_category",
            "calls_by_caller_type",
            "calls_by_urgency",
            "calls_by_hour",
            "calls_by_weekday",
            "calls_by_month",
        ),
    ),
    (
        "new_clients",
        (
            "new_clients_by_gender",
            "new_clients_by_age_group",
            "new_clients_by_citizenship",
            "new_clients_by_exploitation",
            "new_clients_by_status",
        ),
    ),
    (
        "victims",
        (
            "victims_by_gender",
            "victims_by_age_group",
            "victims_age_by_gender",
            "victims_by_citizenship",
            "victims_by_exploitation",
            "victims_by_country",
        ),
    ),
    (
        "work",
        (
            "assistance_by_type",
            "costs_by_type",
            "field_actions_by_type",
            "hearings_by_proceeding",
            "followups_by_outcome",
        ),
    ),
    (
        "missing",
        (
            "missing_by_category",
            "missing_by_reporter",
            "missing_by_channel",
            "missing_by_status",
            "missing_features",
        ),
    ),
)


def section_title(key: str) -> str:
    return {
        "calls": tr("Calls"),
        "new_clients": tr("New clients"),
        "victims": tr("Identified victims"),
        "work": tr("Assistance, field work, courts"),
        "missing": tr("Missing children (116 000)"),
    }[key]


def table_title(key: str) -> str:
    """The title of a statistic."""
    return {
        "calls_by_line": tr("Calls by line"),
        "calls_by_category": tr("Calls by category"),
        "calls_by_caller_type": tr("Calls by caller type"),
        "calls_by_urgency": tr("Calls by urgency"),
        "calls_by_hour": tr("Calls by hour of day"),
        "calls_by_weekday": tr("Calls by day of the week"),
        "calls_by_month": tr("Calls by month"),
        "new_clients_by_gender": tr("New clients by gender"),
        "new_clients_by_age_group": tr("New clients by age group"),
        "new_clients_by_citizenship": tr("New clients by citizenship"),
        "new_clients_by_exploitation": tr("New clients by type of exploitation"),
        "new_clients_by_status": tr("New clients by status"),
        "victims_by_gender": tr("Identified victims by gender"),
        "victims_by_age_group": tr("Identified victims by age group"),
        "victims_age_by_gender": tr("Identified victims by age group and gender"),
        "victims_by_citizenship": tr("Identified victims by citizenship"),
        "victims_by_exploitation": tr("Identified victims by type of exploitation"),
        "victims_by_country": tr("Identified victims by country of exploitation"),
        "assistance_by_type": tr("Assistance by type"),
        "costs_by_type": tr("Costs of assistance by type"),
        "field_actions_by_type": tr("Field actions by type"),
        "hearings_by_proceeding": tr("Court hearings by type of proceedings"),
        "followups_by_outcome": tr("Follow-ups due in the period"),
        "missing_by_category": tr("Missing children: cases by category"),
        "missing_by_reporter": tr("Missing children: who reported"),
        "missing_by_channel": tr("Missing children: how the line was contacted"),
        "missing_by_status": tr("Missing children: outcome at the end of the period"),
        "missing_features": tr("Missing children: cross-border, violence, repeat runaways"),
    }[key]


def _weekday(code: str) -> str:
    return (
        tr("Monday"),
        tr("Tuesday"),
        tr("Wednesday"),
        tr("Thursday"),
        tr("Friday"),
        tr("Saturday"),
        tr("Sunday"),
    )[int(code) - 1]


def month_name(month: int) -> str:
    return (
        tr("January"),
        tr("February"),
        tr("March"),
        tr("April"),
        tr("May"),
        tr("June"),
        tr("July"),
        tr("August"),
        tr("September"),
        tr("October"),
        tr("November"),
        tr("December"),
    )[month - 1]


def _outcome(code: str) -> str:
    return {
        "on_time": tr("Done on time (within an hour)"),
        "late": tr("Done late"),
        "overdue": tr("Not done, overdue"),
        "pending": tr("Not done, not yet due"),
    }[code]


def row_label(dimension: str, code: str, lang: str) -> str:
    """How a row of a statistic reads in the UI language."""
    if dimension == "hour":
        return f"{int(code):02d}:00–{(int(code) + 1) % 24:02d}:00"
    if dimension == "weekday":
        return _weekday(code)
    if dimension == "month":
        year, month = code.split("-")
        return f"{month_name(int(month))} {year}"
    if dimension == "age_group":
        return tr("Unknown") if code == "unknown" else code.replace("--", "–")
    if dimension == "country":
        return COUNTRY.label(code, lang)
    if dimension == "follow-up outcome":
        return _outcome(code)
    if code == "none":
        return tr("No category recorded") if dimension == "call category" else tr("Not recorded")
    vocab = VOCABULARIES.get(dimension)
    if vocab is not None and code in vocab:
        return vocab.get(code).label(lang)
    return code or tr("Unknown")


def column_label(table: StatTable, column: str, lang: str) -> str:
    """How a column reads: a measure, a currency or (cross-tabulations) a gender."""
    if table.column_dimension == "currency":
        return column
    if table.column_dimension == "gender":
        return GENDER.label(column, lang)
    return {"events": tr("Number"), "clients": tr("Clients"), "count": tr("Number")}.get(
        column, column
    )


def total_label(table: StatTable) -> str:
    if table.multi_valued:
        return tr("Total (persons)") if table.unit == "persons" else tr("Total (calls)")
    return tr("Total")
