"""The 116 000 line's yearly figures in the shape of Missing Children Europe's data collection:
calls, cases opened by category, who reported, contact channel, the status of the year's cases
at year end, cross-border cases, violence or exploitation, repeat runaways and cases carried
over from earlier years.

Counts of children go through the annual report's small-cell suppression (`suppression.py`):
a count from 1 to k-1 reads "<k", and a second cell of the same table is hidden where a total
would give a hidden one back. Calls are not people and are shown as counted.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from sosdesk.domain.missing_children import (
    INTERNATIONAL,
    MC_CATEGORY,
    MC_CONTACT_CHANNEL,
    MC_REPORTER,
    RUNAWAY,
    VIOLENCE_OR_EXPLOITATION,
)
from sosdesk.domain.vocab import Vocabulary
from sosdesk.files import write_private
from sosdesk.stats.localtime import local_midnight_utc
from sosdesk.stats.suppression import Published, SuppressionRule, publish
from sosdesk.stats.tables import PERSONS, StatTable
from sosdesk.store.database import Database
from sosdesk.store.models import Call, MissingCase

DEFAULT_K = 11
STATUS = ("found_alive", "found_deceased", "not_found", "open_at_year_end")
FEATURES = ("cross_border", "violence_or_exploitation", "repeat_runaway")
CARRIED = ("open_from_earlier_years", "closed_this_year")
_LABELS: dict[str, tuple[str, str]] = {
    "calls": ("Calls to 116 000", "Pozivi na 116 000"),
    "cases_opened": ("Cases opened", "Otvoreni slučajevi"),
    "category": ("Cases opened by category", "Otvoreni slučajevi po kategoriji"),
    "reporter": ("Who reported", "Ko je prijavio"),
    "channel": ("Contact channel", "Kanal kontakta"),
    "status": ("Status of the year's cases at year end", "Status slučajeva na kraju godine"),
    "features": ("Cases with", "Slučajevi sa"),
    "carried": ("Cases from earlier years", "Slučajevi iz ranijih godina"),
    "found_alive": ("Found alive", "Pronađeno živo"),
    "found_deceased": ("Found deceased", "Pronađeno preminulo"),
    "not_found": ("Closed as not found", "Zatvoreno kao nepronađeno"),
    "open_at_year_end": ("Not found at year end (open)", "Nije pronađeno do kraja godine"),
    "cross_border": ("Cross-border", "Prekogranično"),
    "violence_or_exploitation": ("Violence or exploitation", "Nasilje ili eksploatacija"),
    "repeat_runaway": ("Repeat runaway", "Ponovljeno bekstvo"),
    "open_from_earlier_years": (
        "Open at the start of the year",
        "Otvoreni na početku godine",
    ),
    "closed_this_year": ("of which closed this year", "od toga zatvoreni ove godine"),
    "total": ("Total", "Ukupno"),
}


@dataclass(frozen=True)
class McePart:
    """One section of the figures: its rows and each row's value as published."""

    key: str
    rows: tuple[str, ...]
    values: tuple[int, ...]
    shown: tuple[str, ...]
    total: int | None
    total_shown: str | None


@dataclass(frozen=True)
class MceFigures:
    """A year's figures, raw and as they may be published at `k`."""

    year: int
    k: int
    calls: int
    parts: tuple[McePart, ...]

    def part(self, key: str) -> McePart:
        """The section named `key`."""
        return next(p for p in self.parts if p.key == key)

    def value(self, key: str, row: str) -> int:
        """The raw count of `row` in section `key` (for the dashboard and tests)."""
        part = self.part(key)
        return part.values[part.rows.index(row)]


def label(code: str, lang: str, vocab: Vocabulary | None = None) -> str:
    """A row or section label in sr-Latn, sr-Cyrl or en."""
    if vocab is not None and code in vocab:
        return vocab.label(code, lang)
    en, sr = _LABELS.get(code, (code, code))
    if lang == "en":
        return en
    if lang == "sr-Cyrl":
        from sosdesk.domain.translit import latin_to_cyrillic

        return latin_to_cyrillic(sr)
    return sr


def _table(key: str, rows: tuple[str, ...], values: list[int], total: int) -> StatTable:
    return StatTable(
        key=key,
        dimension=key,
        rows=rows,
        columns=("cases",),
        column_dimension="measure",
        cells=tuple((v,) for v in values),
        totals=(total,),
        unit=PERSONS,
        person_level=True,
    )


def _part(
    key: str, rows: tuple[str, ...], values: list[int], total: int, rule: SuppressionRule
) -> McePart:
    pub: Published = publish(_table(key, rows, values, total), rule)
    shown = tuple(pub.text(("c", i, 0), "{}") for i in range(len(rows)))
    return McePart(key, rows, tuple(values), shown, total, pub.text(("t", 0, 0), "{}"))


def _flags(key: str, rows: tuple[str, ...], values: list[int], rule: SuppressionRule) -> McePart:
    # Overlapping counts with no published margin: only the primary rule applies.
    shown = tuple(rule.small_text if rule.is_small(v) else str(v) for v in values)
    return McePart(key, rows, tuple(values), shown, None, None)


def _count(values: list[str], codes: list[str]) -> list[int]:
    return [values.count(c) for c in codes]


def mce_figures(db: Database, year: int, *, k: int = DEFAULT_K) -> MceFigures:
    """Compute a year's figures (the year runs on the line's clock, Europe/Belgrade)."""
    rule = SuppressionRule(k=k)
    start = local_midnight_utc(date(year, 1, 1))
    end = local_midnight_utc(date(year + 1, 1, 1))
    last_day = date(year, 12, 31)
    with db.session() as s:
        calls = s.execute(
            select(func.count())
            .select_from(Call)
            .where(Call.line == "missing_116000", Call.started_at >= start, Call.started_at < end)
        ).scalar_one()
        cases = list(s.execute(select(MissingCase).where(MissingCase.opened_at < end)).scalars())
        previous = {c.id: c.category for c in s.execute(select(MissingCase)).scalars()}
    opened = [c for c in cases if c.opened_at >= start]
    earlier = [
        c
        for c in cases
        if c.opened_at < start and (c.outcome_on is None or c.outcome_on >= date(year, 1, 1))
    ]

    def status(c: MissingCase) -> str:
        if c.outcome is None or c.outcome_on is None or c.outcome_on > last_day:
            return "open_at_year_end"
        return c.outcome

    n = len(opened)
    cats = MC_CATEGORY.codes()
    reps = MC_REPORTER.codes()
    chans = MC_CONTACT_CHANNEL.codes()
    features = [
        sum(1 for c in opened if c.category in INTERNATIONAL or c.countries),
        sum(1 for c in opened if VIOLENCE_OR_EXPLOITATION & set(c.risks or ())),
        sum(
            1
            for c in opened
            if c.category in RUNAWAY and c.previous_id and previous.get(c.previous_id) in RUNAWAY
        ),
    ]
    carried = [
        len(earlier),
        sum(1 for c in earlier if c.outcome_on is not None and c.outcome_on <= last_day),
    ]
    parts = (
        _part("category", tuple(cats), _count([c.category for c in opened], cats), n, rule),
        _part("reporter", tuple(reps), _count([c.reporter_kind for c in opened], reps), n, rule),
        _part("channel", tuple(chans), _count([c.contact_channel for c in opened], chans), n, rule),
        _part("status", STATUS, _count([status(c) for c in opened], list(STATUS)), n, rule),
        _flags("features", FEATURES, features, rule),
        _flags("carried", CARRIED, carried, rule),
    )
    return MceFigures(year, k, calls, parts)


_VOCABS: dict[str, Vocabulary] = {
    "category": MC_CATEGORY,
    "reporter": MC_REPORTER,
    "channel": MC_CONTACT_CHANNEL,
}


def mce_rows(fig: MceFigures, lang: str) -> list[list[str]]:
    """The CSV rows: section, item code, section label, item label, value as published."""
    out = [["section", "item", "section_label", "item_label", "value"]]
    out.append(
        ["calls", "calls_116000", label("calls", lang), label("calls", lang), str(fig.calls)]
    )
    for part in fig.parts:
        vocab = _VOCABS.get(part.key)
        for row, shown in zip(part.rows, part.shown, strict=True):
            out.append([part.key, row, label(part.key, lang), label(row, lang, vocab), shown])
        if part.total_shown is not None:
            out.append(
                [part.key, "total", label(part.key, lang), label("total", lang), part.total_shown]
            )
    return out


def write_mce_csv(fig: MceFigures, out: Path, lang: str, *, overwrite: bool = False) -> None:
    """Write the figures as a private CSV file (UTF-8 with BOM for spreadsheets)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(mce_rows(fig, lang))
    write_private(out, ("\ufeff" + buf.getvalue()).encode("utf-8"), overwrite=overwrite)
