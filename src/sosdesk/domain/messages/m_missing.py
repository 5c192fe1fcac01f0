"""Messages of the 116 000 line: missing-child cases, their search, outcome and figures."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "not_found.missing_case": (
        "no missing-child case with id {id}",
        "Nema slučaja nestalog deteta sa oznakom {id}",
    ),
    "missing.not_allowed": (
        "your role may not do this with a missing child's case ({permission})",
        "Vaša uloga ne dozvoljava ovo u slučaju nestalog deteta ({permission})",
    ),
    "missing.age_range": ("a child's age is from 0 to 17", "Uzrast deteta je od 0 do 17 godina"),
    "missing.countries_needed": (
        "an international case names at least one other country",
        "Međunarodni slučaj navodi bar jednu drugu zemlju",
    ),
    "missing.closed": ("the case is closed", "Slučaj je zatvoren"),
    "missing.not_closed": ("the case has no outcome yet", "Slučaj još nema ishod"),
    "missing.outcome_before_open": (
        "the outcome cannot be before the child went missing",
        "Ishod ne može biti pre nestanka deteta",
    ),
    "missing.found_needs_after": (
        "say where the child went after being found",
        "Navedite gde je dete otišlo posle pronalaska",
    ),
    "missing.consent_needed": (
        "a media appeal needs the consent of a parent or guardian",
        "Apel u medijima traži saglasnost roditelja ili staratelja",
    ),
    "missing.support_after_outcome": (
        "support after the outcome is recorded once the case has an outcome",
        "Podrška posle ishoda beleži se kada slučaj ima ishod",
    ),
    "missing.previous_other": (
        "the earlier episode must be another case",
        "Raniji nestanak mora biti drugi slučaj",
    ),
    "missing.bad_year": ("a year from 2012 to 2100", "Godina od 2012. do 2100."),
    "missing.profile": (
        "choose the full or the pseudonymised profile",
        "Izaberite pun ili pseudonimizovan profil",
    ),
}
