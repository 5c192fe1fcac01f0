"""The annual report published with differential privacy: the tables of `dp_queries` with
OpenDP noise, each with its 95% accuracy beside it, and the method notes of the DP mode.
The files are written only after the release is entered in the privacy-loss ledger."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer

from sosdesk.domain.translit import latin_to_cyrillic
from sosdesk.stats import formatting as fmt
from sosdesk.stats.dp import DpTable, release_all, total_epsilon
from sosdesk.stats.dp_queries import (
    DEFAULT_CALL_BOUND,
    GROUPS,
    MAX_CATEGORIES,
    MAX_TYPES,
    year_queries,
)
from sosdesk.stats.labels import row_label, text, title
from sosdesk.stats.localtime import to_local
from sosdesk.stats.report_pdf import MARGIN, WIDTH, _grid, _p
from sosdesk.store.database import Database

_DP_TEXT: dict[str, tuple[str, str]] = {
    "dp_title": (
        "Godišnji statistički izveštaj {year} (diferencijalna privatnost)",
        "Annual statistical report {year} (differential privacy)",
    ),
    "dp_release": (
        "Objavljeno uz diferencijalnu privatnost: ε = {eps} za ceo izveštaj ({n} tabela).",
        "Published with differential privacy: ε = {eps} for the whole report ({n} tables).",
    ),
    "accuracy": (
        "Tačnost: ±{a} (95%): objavljeni broj se od stvarnog razlikuje najviše za {a} "
        "sa verovatnoćom od najmanje 95%.",
        "Accuracy: ±{a} (95%): a published count differs from the true one by at most {a} "
        "with a probability of at least 95%.",
    ),
    "acc_head": ("±95%", "±95%"),
}

_NOTES: tuple[tuple[str, str], ...] = (
    (
        "Zaštita podataka (diferencijalna privatnost): svakom broju dodat je slučajni šum "
        "(diskretna Laplasova raspodela, biblioteka OpenDP), tako da objavljene tabele gotovo "
        "ništa ne otkrivaju o bilo kojoj pojedinačnoj osobi, čak ni onome ko zna sve ostale. "
        "Jedinica privatnosti je jedna osoba. Ukupni gubitak privatnosti izveštaja je "
        "ε = {eps}, podeljen jednako na tabele; upisan je u dnevnik gubitka privatnosti "
        "(revizijski trag), u okviru godišnjeg budžeta koji postavlja koordinatorka.",
        "Data protection (differential privacy): random noise was added to every count "
        "(discrete Laplace distribution, the OpenDP library), so that the published tables reveal "
        "almost nothing about any single person, even to someone who knows everyone else. The "
        "privacy unit is one person. The privacy loss of the report is ε = {eps}, split evenly "
        "over the tables; it is entered in the privacy-loss ledger (the audit trail), within the "
        "yearly budget the coordinator sets.",
    ),
    (
        "Redovi tabela su sve vrednosti javnih šifarnika, i one bez ijedne osobe: i prazna polja "
        "dobijaju šum, pa prisustvo reda ništa ne otkriva. Negativni rezultati prikazani su kao 0. "
        "Zbirovi nisu objavljeni posebno; zbir redova ima veću grešku od pojedinačnog broja.",
        "The rows are every value of the public vocabularies, including those with nobody in "
        "them: empty cells get noise too, so a row's presence reveals nothing. Negative results "
        "are shown as 0. Totals are not published separately; a sum of rows has a larger error "
        "than a single count.",
    ),
    (
        "Novi klijenti i identifikovane žrtve: svaka osoba jednom po tabeli (vrste eksploatacije: "
        "najviše {types} po osobi). Pozivi: jedna osoba doprinosi najviše {calls} poziva svakoj tabeli poziva "
        "(kategorije: najviše {cats} po pozivu); dalji pozivi iste osobe nisu brojani, pa brojevi "
        "poziva mogu biti manji od stvarnih. Poziv bez klijenta smatra se posebnom osobom.",
        "New clients and identified victims: each person once per table (exploitation types: at "
        "most {types} per person). Calls: one person adds at most {calls} calls to each call table (categories: "
        "at most {cats} per call); further calls of the same person are not counted, so call "
        "counts can be lower than the true ones. A call without a client counts as a person "
        "of its own.",
    ),
    (
        "Budžet privatnosti važi za godinu na koju se podaci odnose. Osoba koja se javlja u "
        "podacima više godina (registrovana jedne, identifikovana sledeće, poziva obe) nosi "
        "zbir gubitaka privatnosti tih godina.",
        "The privacy budget belongs to the year the data describe. A person who appears in the "
        "data of several years (registered in one, identified in the next, calling in both) "
        "bears the sum of those years' privacy losses.",
    ),
)


def _pick(pair: tuple[str, str], lang: str) -> str:
    if lang == "en":
        return pair[1]
    return latin_to_cyrillic(pair[0]) if lang == "sr-Cyrl" else pair[0]


def dp_text(key: str, lang: str, **values: object) -> str:
    """A phrase of the DP report in `lang`."""
    return _pick(_DP_TEXT[key], lang).format(**values)


def dp_method_notes(lang: str, epsilon: float, call_bound: int) -> list[str]:
    """The method notes of a DP release."""
    values = {
        "eps": f"{epsilon:g}",
        "types": MAX_TYPES,
        "calls": call_bound,
        "cats": MAX_CATEGORIES,
    }
    return [_pick(n, lang).format(**values) for n in _NOTES]


@dataclass(frozen=True)
class DpRelease:
    """The noisy tables of a year and what they cost."""

    year: int
    epsilon: float
    call_bound: int
    tables: tuple[DpTable, ...]

    @property
    def spent(self) -> float:
        """The ε the tables actually use (never above `epsilon`)."""
        return total_epsilon(self.tables)


def build_dp_release(
    db: Database,
    year: int,
    epsilon: float,
    call_bound: int = DEFAULT_CALL_BOUND,
    groups: Sequence[str] = GROUPS,
) -> DpRelease:
    """Draw the noisy tables of `year` (nothing is recorded or written here)."""
    tables = release_all(year_queries(db, year, call_bound, groups), epsilon)
    return DpRelease(year, epsilon, call_bound, tuple(tables))


def dp_csv(release: DpRelease, lang: str) -> dict[str, str]:
    """One CSV per table (code, label, count, 95% accuracy) and the method notes."""
    files: dict[str, str] = {}
    for t in release.tables:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(["code", text("figure", lang), str(release.year), "accuracy_95"])
        for row, n in zip(t.rows, t.counts, strict=True):
            w.writerow([row, row_label(t.dimension, row, lang), n, t.accuracy])
        files[f"{t.key}.csv"] = out.getvalue()
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["table", "epsilon", "noise_scale", "accuracy_95", "sensitivity"])
    for t in release.tables:
        w.writerow([t.key, f"{t.epsilon:.6g}", f"{t.scale:.6g}", t.accuracy, t.d_in])
    for note in dp_method_notes(lang, release.epsilon, release.call_bound):
        w.writerow(["note", note])
    files["method.csv"] = out.getvalue()
    return files


def _table_block(t: DpTable, year: int, lang: str) -> KeepTogether:
    head = [_p("", "cell_b"), _p(str(year), "num_b"), _p(dp_text("acc_head", lang), "num_b")]
    body = [head] + [
        [
            _p(row_label(t.dimension, r, lang), "cell"),
            _p(fmt.number(n, lang), "num"),
            _p(f"±{t.accuracy}", "num"),
        ]
        for r, n in zip(t.rows, t.counts, strict=True)
    ]
    label_w = WIDTH * 0.56
    grid = _grid(body, [label_w, (WIDTH - label_w) / 2, (WIDTH - label_w) / 2], total_row=False)
    note = _p(dp_text("accuracy", lang, a=t.accuracy), "note")
    return KeepTogether([_p(title(t.key, lang), "h2"), grid, note])


def dp_pdf(release: DpRelease, lang: str, organisation: str, produced: datetime) -> bytes:
    """The DP report as a PDF."""
    year = release.year
    story: list[Flowable] = [
        _p(dp_text("dp_title", lang, year=year), "title"),
        _p(organisation, "sub"),
        _p(text("made", lang, when=fmt.day(to_local(produced).date(), lang)), "sub"),
        _p(dp_text("dp_release", lang, eps=f"{release.epsilon:g}", n=len(release.tables)), "sub"),
        Spacer(1, 4),
    ]
    story += [_table_block(t, year, lang) for t in release.tables]
    story.append(_p(text("sec_method", lang), "h1"))
    story += [_p(n, "para") for n in dp_method_notes(lang, release.epsilon, release.call_bound)]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        title=dp_text("dp_title", lang, year=year),
        author=organisation,
        subject="SOS Desk",
    )
    doc.build(story)
    return buf.getvalue()
