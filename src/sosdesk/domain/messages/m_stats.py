"""Messages of statistics publishing: the CTDC export, k-anonymity and the privacy ledger."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "stats.budget_coordinator_only": (
        "Only a coordinator sets the privacy budget (permission {permission}); "
        "nothing was changed.",
        "Samo koordinatorka postavlja budžet privatnosti (dozvola {permission}); "
        "ništa nije promenjeno.",
    ),
    "stats.bad_epsilon": (
        "Epsilon must be a number above 0 and at most {most} (for example 1 or 0.5); "
        "nothing was released.",
        "Epsilon mora biti broj veći od 0 i najviše {most} (na primer 1 ili 0.5); "
        "ništa nije objavljeno.",
    ),
    "stats.budget_unset": (
        "No privacy budget is set for {year}. A coordinator sets it first "
        "(sosdesk stats budget --year {year} --set 2); nothing was released.",
        "Za {year}. nije postavljen budžet privatnosti. Prvo ga postavlja koordinatorka "
        "(sosdesk stats budget --year {year} --set 2); ništa nije objavljeno.",
    ),
    "stats.budget_spent": (
        "The privacy budget of {year} cannot pay for this release: it asks for ε = {asked}, "
        "{left} of {budget} is left. Publish with a smaller ε or as suppressed tables (k); "
        "nothing was released.",
        "Budžet privatnosti za {year}. ne može da pokrije ovo objavljivanje: traži ε = {asked}, "
        "preostalo je {left} od {budget}. Objavite sa manjim ε ili kao tabele sa potiskivanjem "
        "(k); ništa nije objavljeno.",
    ),
    "stats.k_too_small": (
        "k = {k} would publish single persons: use k = 2 or more (default 11); "
        "nothing was written.",
        "k = {k} bi objavilo pojedinačne osobe: koristite k = 2 ili više (podrazumevano 11); "
        "ništa nije upisano.",
    ),
    "stats.out_is_folder": (
        "{name} is a folder: give a file name ending in {suffix}.",
        "{name} je fascikla: navedite ime datoteke sa nastavkom {suffix}.",
    ),
    "stats.csv_not_folder": (
        "{name} is a file; --csv needs a folder.",
        "{name} je datoteka; --csv zahteva fasciklu.",
    ),
    "stats.outputs_exist": (
        "{count} of the files to write already exist (first: {name}). Choose another name "
        "or add --overwrite; nothing was written.",
        "{count} od datoteka koje treba upisati već postoji (prva: {name}). Izaberite drugo "
        "ime ili dodajte --overwrite; ništa nije upisano.",
    ),
    "stats.no_tables": (
        "Choose at least one group of tables (clients, victims, calls); nothing was released.",
        "Izaberite bar jednu grupu tabela (klijenti, žrtve, pozivi); ništa nije objavljeno.",
    ),
}
