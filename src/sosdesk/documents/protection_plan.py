"""The protection plan of a case, as a coordinator approved it: goals by need, who answers for
each, target and review dates, status."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from sosdesk.documents.common import closing, notice
from sosdesk.documents.layout import CONTENT_W, fields_table, grid, styles, title_block
from sosdesk.documents.script import fmt_date, in_script, para
from sosdesk.domain.casework_vocab import GOAL_STATUS, NEED_DOMAIN
from sosdesk.domain.vocab import CASE_PHASE, DOCUMENT_KIND
from sosdesk.services.documents.shapes import PlanData

# A Serbian date (16.09.2026.) fits its column on one line.
WIDTHS = (26 * mm, CONTENT_W - 126 * mm, 32 * mm, 23 * mm, 23 * mm, 22 * mm)
# key -> (Serbian Latin, English); Cyrillic by transliteration.
_TEXT: dict[str, tuple[str, str]] = {
    "client": ("Klijent", "Client"),
    "phase": ("Faza slučaja", "Case phase"),
    "manager": ("Voditeljka slučaja", "Case manager"),
    "version": ("Verzija plana", "Plan version"),
    "approved": ("Odobreno", "Approved"),
    "approved_line": ("{d}, {who}", "{d}, {who}"),
    "goals": ("Ciljevi plana", "Goals of the plan"),
    "need": ("Potreba", "Need"),
    "goal": ("Cilj", "Goal"),
    "responsible": ("Nosilac", "Responsible"),
    "target": ("Rok", "Due"),
    "review": ("Revizija", "Review"),
    "status": ("Status", "Status"),
}


def _t(key: str, lang: str, **values: str) -> str:
    latin, english = _TEXT[key]
    text = english if lang == "en" else in_script(latin, lang)
    return text.format(**values) if values else text


def story(data: PlanData, number: str) -> list[Flowable]:
    """The flowables of a protection plan."""
    c = data.common
    lang = c.lang
    st = styles()
    out: list[Flowable] = title_block(DOCUMENT_KIND.label("protection_plan", lang), number, lang)
    out += notice(c)
    who = para(c.client.name or c.client.code, lang)
    approved = _t(
        "approved_line",
        lang,
        d=fmt_date(data.approved_on, lang),
        who=para(data.approved_by, lang),
    )
    out.append(
        fields_table(
            [
                (_t("client", lang), who),
                (_t("phase", lang), para(CASE_PHASE.label(data.phase, lang), lang)),
                (_t("manager", lang), para(data.manager, lang)),
                (_t("version", lang), str(data.plan_version)),
                (_t("approved", lang), approved),
            ]
        )
    )
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph(f"<b>{_t('goals', lang)}</b>", st["just"]))
    out.append(Spacer(1, 2 * mm))
    header = [_t(k, lang) for k in ("need", "goal", "responsible", "target", "review", "status")]
    rows = [
        [
            para(NEED_DOMAIN.label(g.need_domain, lang), lang) if g.need_domain else "—",
            para(g.text, lang),
            para(g.responsible, lang) or "—",
            fmt_date(g.target_date, lang),
            fmt_date(g.review_on, lang),
            para(GOAL_STATUS.label(g.status, lang), lang),
        ]
        for g in data.goals
    ]
    out.append(grid(header, rows, WIDTHS))
    return closing(out, c)
