"""Case summary of a missing child, for the police or a foreign 116 000 line.

Same header, numbering, print register, redaction and password as the client documents; the
child's name only in the full profile (`services.missing_summary` decides).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from sosdesk.documents.labels import t as common_t
from sosdesk.documents.layout import (
    CONTENT_W,
    PageFrame,
    close_with,
    fields_table,
    grid,
    render,
    signature_block,
    styles,
    title_block,
)
from sosdesk.documents.places import place_in
from sosdesk.documents.produce import check_password
from sosdesk.documents.script import fmt_date, fmt_datetime, in_script, name_in_script, para
from sosdesk.domain.countries import COUNTRY
from sosdesk.domain.missing_children import (
    MC_AFTER,
    MC_CATEGORY,
    MC_CONTACT_CHANNEL,
    MC_LIVING,
    MC_OUTCOME,
    MC_REPORTER,
    MC_RISK,
    MC_STEP,
    MC_SUPPORT,
    MC_SUPPORT_TO,
)
from sosdesk.domain.vocab import GENDER, LANGUAGE, ROLE, Vocabulary
from sosdesk.services import print_register
from sosdesk.services.missing_summary import MissingSummaryData, register_detail, summary_data
from sosdesk.services.session import Database

# (Serbian Latin, English); Cyrillic is transliterated.
_TEXT: dict[str, tuple[str, str]] = {
    "title": ("Sažetak slučaja nestalog deteta", "Missing child case summary"),
    "intro": (
        "Sažetak slučaja linije 116 000 za nestalu decu, za policiju ili liniju 116 000 "
        "u drugoj zemlji.",
        "Summary of a case of the 116 000 hotline for missing children, for the police or a "
        "116 000 line in another country.",
    ),
    "case_code": ("Oznaka slučaja", "Case code"),
    "opened": ("Slučaj otvoren", "Case opened"),
    "child": ("Dete", "Child"),
    "withheld": (
        "ime se ne navodi (pseudonimizovan profil); dete označava oznaka slučaja",
        "name withheld (pseudonymised profile); the case code stands for the child",
    ),
    "aliases": ("Druga imena", "Other names"),
    "born": ("Datum rođenja", "Date of birth"),
    "age": ("Uzrast", "Age"),
    "years": ("{n} god.", "{n} years"),
    "gender": ("Pol", "Gender"),
    "citizenship": ("Državljanstvo", "Citizenship"),
    "languages": ("Jezici", "Languages"),
    "living": ("Dete živi", "The child lives"),
    "description": ("Opis i posebni znaci", "Description and distinguishing marks"),
    "category": ("Kategorija", "Category"),
    "countries": ("Uključene zemlje", "Countries involved"),
    "risks": ("Faktori rizika", "Risk factors"),
    "episode": ("Ponovljeni nestanak", "Repeat episode"),
    "episode_n": ("{n}. nestanak istog deteta", "episode {n} of the same child"),
    "reporter": ("Prijavio/la", "Reported by"),
    "relation": ("Odnos prema detetu", "Relation to the child"),
    "channel": ("Način kontakta", "Contact channel"),
    "last_seen": ("Poslednji put viđeno", "Last seen"),
    "circumstances": ("Okolnosti", "Circumstances"),
    "police": ("Prijava policiji", "Police report"),
    "not_reported": ("još nije prijavljeno", "not yet reported"),
    "search": ("Tok potrage", "Course of the search"),
    "no_steps": ("Još nema zabeleženih koraka.", "No steps recorded yet."),
    "outcome": ("Ishod", "Outcome"),
    "searching": ("potraga je u toku", "the search goes on"),
    "found_where": ("Mesto pronalaska", "Found where"),
    "found_by": ("Pronašao/la", "Found by"),
    "after": ("Posle pronalaska", "After being found"),
    "k_station": ("stanica", "station"),
    "k_case_number": ("broj predmeta", "case number"),
    "k_place": ("mesto", "place"),
    "k_note": ("napomena", "note"),
    "k_channel": ("kanal", "channel"),
    "k_consent_by": ("saglasnost", "consent by"),
    "k_with": ("sa", "with"),
    "k_country": ("zemlja", "country"),
    "k_support": ("podrška", "support"),
    "k_to": ("kome", "to"),
}
# Step details that hold a code of a vocabulary rather than free text.
_CODED: dict[str, Vocabulary] = {"country": COUNTRY, "support": MC_SUPPORT, "to": MC_SUPPORT_TO}
WIDTHS = (9 * mm, 28 * mm, 40 * mm, CONTENT_W - 77 * mm)


def t(key: str, lang: str, **values: str) -> str:
    """The summary's own wording of `key` in `lang`."""
    latin, english = _TEXT[key]
    text = english if lang == "en" else latin
    if lang == "sr-Cyrl":
        text = in_script(text, lang)
    return text.format(**values) if values else text


def _labels(vocab: Vocabulary, codes: tuple[str, ...], lang: str) -> str:
    return ", ".join(para(vocab.label(c, lang), lang) for c in codes)


def _head(d: MissingSummaryData) -> list[tuple[str, str]]:
    lang = d.lang
    child = (
        f"<b>{para(name_in_script(d.child_name, lang), lang)}</b>"
        if d.child_name
        else f"<i>{t('withheld', lang)}</i>"
    )
    rows = [
        (t("case_code", lang), f"<b>{para(d.code, lang)}</b>"),
        (t("opened", lang), fmt_datetime(d.opened_at, lang)),
        (t("child", lang), child),
    ]
    if d.aliases:
        rows.append((t("aliases", lang), ", ".join(para(a, lang) for a in d.aliases)))
    if d.birth_date:
        rows.append((t("born", lang), fmt_date(d.birth_date, lang)))
    if d.age is not None:
        rows.append((t("age", lang), t("years", lang, n=str(d.age))))
    rows.append((t("gender", lang), para(GENDER.label(d.gender, lang), lang)))
    if d.citizenship:
        rows.append((t("citizenship", lang), para(COUNTRY.label(d.citizenship, lang), lang)))
    if d.languages:
        rows.append((t("languages", lang), _labels(LANGUAGE, d.languages, lang)))
    if d.living:
        rows.append((t("living", lang), para(MC_LIVING.label(d.living, lang), lang)))
    if d.description:
        rows.append((t("description", lang), para(d.description, lang)))
    rows.append((t("category", lang), para(MC_CATEGORY.label(d.category, lang), lang)))
    if d.countries:
        rows.append((t("countries", lang), _labels(COUNTRY, d.countries, lang)))
    if d.risks:
        rows.append((t("risks", lang), _labels(MC_RISK, d.risks, lang)))
    if d.episode > 1:
        rows.append((t("episode", lang), t("episode_n", lang, n=str(d.episode))))
    reporter = para(MC_REPORTER.label(d.reporter_kind, lang), lang)
    if d.reporter_relation:
        reporter += f" ({para(d.reporter_relation, lang)})"
    rows.append((t("reporter", lang), reporter))
    rows.append((t("channel", lang), para(MC_CONTACT_CHANNEL.label(d.contact_channel, lang), lang)))
    seen = ", ".join(
        v
        for v in (fmt_date(d.last_seen_on, lang), para(place_in(d.last_seen_place, lang), lang))
        if v
    )
    rows.append((t("last_seen", lang), seen))
    if d.circumstances:
        rows.append((t("circumstances", lang), para(d.circumstances, lang)))
    if not any(s.kind == "police_report" for s in d.steps):
        rows.append((t("police", lang), f"<b>{t('not_reported', lang)}</b>"))
    return rows


def _outcome(d: MissingSummaryData) -> list[tuple[str, str]]:
    lang = d.lang
    if d.outcome is None:
        return [(t("outcome", lang), t("searching", lang))]
    rows = [
        (
            t("outcome", lang),
            f"{para(MC_OUTCOME.label(d.outcome, lang), lang)}, {fmt_date(d.outcome_on, lang)}",
        )
    ]
    if d.found_where:
        rows.append((t("found_where", lang), para(place_in(d.found_where, lang), lang)))
    if d.found_by:
        rows.append((t("found_by", lang), para(d.found_by, lang)))
    if d.after:
        rows.append((t("after", lang), para(MC_AFTER.label(d.after, lang), lang)))
    return rows


def _detail(key: str, value: str, lang: str) -> str:
    shown = _CODED[key].label(value, lang) if key in _CODED else value
    label = t(f"k_{key}", lang) if f"k_{key}" in _TEXT else key
    return f"{label}: {para(shown, lang)}"


def story(d: MissingSummaryData, number: str) -> list[Flowable]:
    """The flowables of a case summary."""
    lang, st = d.lang, styles()
    out: list[Flowable] = title_block(t("title", lang), number, lang)
    out.append(Paragraph(t("intro", lang), st["body"]))
    out.append(Spacer(1, 3 * mm))
    out.append(fields_table(_head(d)))
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph(f"<b>{t('search', lang)}</b>", st["body"]))
    if d.steps:
        rows = [
            [
                str(n),
                fmt_datetime(s.occurred_at, lang),
                para(MC_STEP.label(s.kind, lang), lang),
                "<br/>".join(_detail(k, v, lang) for k, v in s.details) or "—",
            ]
            for n, s in enumerate(d.steps, start=1)
        ]
        header = [common_t(k, lang) for k in ("col_no", "col_date", "col_kind", "col_what")]
        out.append(grid(header, rows, WIDTHS))
    else:
        out.append(Paragraph(t("no_steps", lang), st["body"]))
    out.append(Spacer(1, 4 * mm))
    out.append(fields_table(_outcome(d)))
    sign = signature_block(
        d.organisation.place,
        fmt_date(d.issued_on, lang),
        d.signatory,
        ROLE.label(d.signatory_role, lang),
        lang,
    )
    return close_with(out, sign)


@dataclass(frozen=True)
class BuiltSummary:
    """A rendered case summary, held in memory until saved or printed."""

    case_id: str
    data: MissingSummaryData = field(repr=False)
    number: str
    pdf: bytes = field(repr=False)
    sha256: str
    pages: int
    encrypted: bool


def build_summary(
    db: Database,
    case_id: str,
    lang: str = "sr-Cyrl",
    profile: str = "pseudonymised",
    *,
    password: str | None = None,
) -> BuiltSummary:
    """Render the summary with the next free document number (nothing recorded yet)."""
    check_password(password)
    data = summary_data(db, case_id, lang, profile)
    number = print_register.peek_number(db, data.issued_on.year)
    frame = PageFrame(data.organisation, lang, t("title", lang), number)
    rendered = render(frame, story(data, number), password)
    digest = print_register.sha256_hex(rendered.pdf)
    return BuiltSummary(
        case_id, data, number, rendered.pdf, digest, rendered.pages, password is not None
    )


def issue_summary(db: Database, built: BuiltSummary, output: str) -> None:
    """Record the summary in the print register (the number is taken, the chain written)."""
    detail = register_detail(built.data, built.sha256, built.pages, built.encrypted)
    print_register.issue_about(db, built.number, "missing_cases", built.case_id, detail, output)
