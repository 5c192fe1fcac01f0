"""The 116 000 line: vocabularies of a missing-child case (Missing Children Europe's categories,
who reported, where the child lives, risk factors, search steps, outcomes and support after).

Codes are stable snake_case; the category codes follow MCE's yearly data collection, so the
export in `stats/mce.py` maps them one to one.
"""

from __future__ import annotations

from sosdesk.domain.vocab import VOCABULARIES, Term, Vocabulary


def _v(name: str, *rows: tuple[str, str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*r) for r in rows))


MC_CATEGORY = _v(
    "missing child category",
    ("runaway_national", "Bekstvo (u zemlji)", "Runaway (national)"),
    ("runaway_international", "Bekstvo (međunarodno)", "Runaway (international)"),
    ("thrown_out", "Izbačeno iz kuće", "Thrown out"),
    ("parental_national", "Otmica od strane roditelja (u zemlji)", "Parental abduction (national)"),
    (
        "parental_international",
        "Otmica od strane roditelja (međunarodna)",
        "Parental abduction (international)",
    ),
    ("migrant", "Nestalo dete migrant bez pratnje", "Missing unaccompanied migrant child"),
    (
        "lost_injured",
        "Izgubljeno, povređeno ili drugačije nestalo",
        "Lost, injured or otherwise missing",
    ),
    ("criminal_abduction", "Otmica od strane trećih lica", "Criminal abduction"),
)
# Runaways count together in MCE's table ("thrown out" is a runaway sub-type).
RUNAWAY = frozenset({"runaway_national", "runaway_international", "thrown_out"})
INTERNATIONAL = frozenset({"runaway_international", "parental_international", "migrant"})

MC_REPORTER = _v(
    "reporter",
    ("parent", "Roditelj", "Parent"),
    ("guardian", "Staratelj/ka", "Guardian"),
    ("child", "Dete lično", "The child"),
    ("police", "Policija", "Police"),
    ("institution", "Ustanova (CSR, škola, dom)", "Institution"),
    ("public", "Građanin/ka", "Member of the public"),
)

MC_LIVING = _v(
    "child lives",
    ("family", "U porodici", "With the family"),
    ("institution", "U ustanovi socijalne zaštite", "In an institution"),
    ("foster", "U hraniteljskoj porodici", "In a foster family"),
    ("migrant_centre", "U prihvatnom centru za migrante", "In a reception centre for migrants"),
    ("other", "Drugo", "Other"),
)

MC_RISK = _v(
    "risk factor",
    ("violence", "Nasilje", "Violence"),
    ("exploitation", "Eksploatacija", "Exploitation"),
    ("trafficking", "Indikatori trgovine ljudima", "Trafficking indicators"),
    ("substance", "Psihoaktivne supstance", "Substance use"),
    ("health", "Zdravstveni rizik", "Health risk"),
    ("online", "Rizik na internetu", "Online risk"),
)
# Risk factors MCE counts as "cases with violence or exploitation".
VIOLENCE_OR_EXPLOITATION = frozenset({"violence", "exploitation", "trafficking"})

MC_STEP = _v(
    "search step",
    ("police_report", "Prijava policiji", "Police report"),
    ("police_contact", "Kontakt sa policijom", "Contact with the police"),
    ("csw_contact", "Kontakt sa centrom za socijalni rad", "Contact with a centre for social work"),
    (
        "foreign_line",
        "Kontakt sa linijom 116 000 u inostranstvu",
        "Contact with a foreign 116 000 line",
    ),
    ("sighting", "Viđenje", "Sighting"),
    ("media_appeal", "Apel u medijima", "Media appeal"),
    ("family_call", "Razgovor sa porodicom", "Call with the family"),
    ("support", "Podrška posle ishoda", "Support after the outcome"),
    ("note", "Beleška", "Note"),
)

MC_OUTCOME = _v(
    "outcome",
    ("found_alive", "Pronađeno živo", "Found alive"),
    ("found_deceased", "Pronađeno preminulo", "Found deceased"),
    ("not_found", "Nije pronađeno", "Not found"),
)

MC_AFTER = _v(
    "after the outcome",
    ("returned_home", "Vraćeno kući", "Returned home"),
    ("placed", "Smešteno (ustanova, hranitelji)", "Placed"),
    ("other", "Drugo", "Other"),
)

MC_SUPPORT = _v(
    "support after",
    ("psychological", "Psihološka podrška", "Psychological"),
    ("legal", "Pravna pomoć", "Legal"),
    ("reintegration", "Reintegracija", "Reintegration"),
)

MC_SUPPORT_TO = _v(
    "support given to",
    ("child", "Detetu", "The child"),
    ("family", "Porodici", "The family"),
)

MC_CONTACT_CHANNEL = _v(
    "contact channel",
    ("phone", "Telefon", "Phone"),
    ("email", "Elektronska pošta", "E-mail"),
    ("chat", "Čet", "Chat"),
    ("in_person", "Lično", "In person"),
    ("other", "Drugo", "Other"),
)

# How a case stands at the end of a period (statistics rows).
MC_STATUS = _v(
    "missing case status",
    ("found_alive", "Pronađeno živo", "Found alive"),
    ("found_deceased", "Pronađeno preminulo", "Found deceased"),
    ("not_found", "Nije pronađeno", "Not found"),
    ("open", "Potraga u toku na kraju perioda", "Still searched for at the end of the period"),
)
MC_FEATURE = _v(
    "missing case feature",
    ("cross_border", "Prekogranični slučaj", "Cross-border"),
    ("violence_or_exploitation", "Nasilje ili eksploatacija", "Violence or exploitation"),
    ("repeat_runaway", "Ponovljeno bekstvo", "Repeat runaway"),
)
# The statistics label their rows through the registry, like the vocabularies of `vocab`.
for _vocab in (MC_CATEGORY, MC_REPORTER, MC_CONTACT_CHANNEL, MC_STATUS, MC_FEATURE):
    VOCABULARIES[_vocab.name] = _vocab
