"""Vocabularies of the Centre's casework: who reports, outcomes, needs, plan goals."""

from __future__ import annotations

from sosdesk.domain.vocab import VOCABULARIES, Term, Vocabulary


def _v(name: str, *rows: tuple[str, str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*r) for r in rows))


REPORT_SOURCE = _v(
    "report source",
    ("school", "Škola", "School"),
    ("health", "Zdravstvena služba", "Health service"),
    ("social_work", "Centar za socijalni rad", "Social work centre"),
    ("employment", "Nacionalna služba za zapošljavanje", "Employment service"),
    ("police", "Policija", "Police"),
    ("ngo", "Nevladina organizacija", "NGO"),
    ("migrants", "Prihvatni ili centar za azil", "Reception or asylum centre"),
    ("sos_line", "SOS telefon", "SOS line"),
    ("self", "Lično obraćanje", "Self-referral"),
    ("other", "Drugo", "Other"),
)

SCREEN_STAGE = _v(
    "screening stage",
    ("preliminary", "Preliminarna identifikacija", "Preliminary identification"),
    ("formal", "Formalna identifikacija", "Formal identification"),
)

INDICATOR_SET = _v(
    "indicator set",
    ("adult_labour", "Odrasli, radna eksploatacija", "Adults, labour exploitation"),
    ("adult_sexual", "Odrasli, seksualna eksploatacija", "Adults, sexual exploitation"),
    ("child_labour", "Deca, radna eksploatacija", "Children, labour exploitation"),
    ("child_sexual", "Deca, seksualna eksploatacija", "Children, sexual exploitation"),
)

ID_OUTCOME = _v(
    "identification outcome",
    ("identified", "Identifikovana žrtva", "Identified"),
    ("not_identified", "Nije identifikovana", "Not identified"),
    ("referred_elsewhere", "Upućena drugoj službi", "Referred elsewhere"),
)

NEED_DOMAIN = _v(
    "need domain",
    ("safety", "Bezbednost", "Safety"),
    ("accommodation", "Smeštaj", "Accommodation"),
    ("health", "Zdravlje", "Health"),
    ("psychological", "Psihološka podrška", "Psychological support"),
    ("legal", "Pravna pomoć", "Legal help"),
    ("documents", "Dokumenta", "Documents"),
    ("income", "Prihodi", "Income"),
    ("education", "Obrazovanje", "Education"),
    ("family", "Porodica", "Family"),
)

NEED_RATING = _v(
    "need rating",
    ("none", "Nema potrebe", "No need"),
    ("low", "Mala potreba", "Low need"),
    ("medium", "Srednja potreba", "Medium need"),
    ("high", "Velika potreba", "High need"),
    ("urgent", "Hitno", "Urgent"),
)

CAPACITY = _v(
    "statement capacity",
    ("capable", "Sposobna za verodostojan iskaz", "Capable of a credible statement"),
    ("limited", "Ograničeno sposobna", "Limited capacity"),
    ("not_now", "Trenutno nije sposobna", "Not capable at present"),
)

GOAL_STATUS = _v(
    "goal status",
    ("planned", "Planiran", "Planned"),
    ("in_progress", "U toku", "In progress"),
    ("achieved", "Ostvaren", "Achieved"),
    ("dropped", "Odustalo se", "Dropped"),
)

INDICATOR_DIMENSION = _v(
    "indicator dimension",
    ("deceptive_recruitment", "Obmanjujuće vrbovanje", "Deceptive recruitment"),
    ("coercive_recruitment", "Prinudno vrbovanje", "Coercive recruitment"),
    (
        "vulnerability_recruitment",
        "Vrbovanje zloupotrebom ranjivosti",
        "Recruitment by abuse of vulnerability",
    ),
    ("exploitative_conditions", "Eksploatatorski uslovi rada", "Exploitative conditions of work"),
    ("coercion_destination", "Prinuda u mestu odredišta", "Coercion at destination"),
    (
        "vulnerability_destination",
        "Zloupotreba ranjivosti u mestu odredišta",
        "Abuse of vulnerability at destination",
    ),
)

DAYS_TO_DECISION = _v(
    "days to decision",
    ("0-1", "0–1 dan", "0–1 days"),
    ("2-3", "2–3 dana", "2–3 days"),
    ("4-7", "4–7 dana", "4–7 days"),
    ("8-30", "8–30 dana", "8–30 days"),
    ("31+", "31 dan i više", "31 days or more"),
)

PLAN_MEASURE = _v(
    "plan measure",
    ("plans_approved", "Planovi zaštite odobreni prvi put", "Protection plans first approved"),
    ("plans_revised", "Revidirani planovi (nove verzije)", "Plans revised (new versions)"),
    ("reviews_due", "Revizije ciljeva dospele u periodu", "Goal reviews due in the period"),
    ("reviews_on_time", "Revizije obavljene na vreme", "Goal reviews done on time"),
)

# Statistics label their rows through the shared registry.
VOCABULARIES.update(
    {
        v.name: v
        for v in (
            REPORT_SOURCE,
            ID_OUTCOME,
            NEED_DOMAIN,
            GOAL_STATUS,
            INDICATOR_DIMENSION,
            DAYS_TO_DECISION,
            PLAN_MEASURE,
        )
    }
)
