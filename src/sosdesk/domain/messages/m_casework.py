"""Messages of the Centre's casework: indicator lists, identification, needs, plans, roles."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.nothing.protection_plan": (
        "This client has no approved protection plan yet; a coordinator approves it first.",
        "Ovaj klijent još nema odobren plan zaštite; prvo ga odobrava koordinatorka.",
    ),
    "not_found.indicator_list": (
        "no indicator list {ref}",
        "Nema liste indikatora {ref}",
    ),
    "casework.list_missing": (
        "Choose the indicator list (and its version) the screening used.",
        "Izaberite listu indikatora (i njenu verziju) po kojoj je rađena procena.",
    ),
    "casework.bad_observed": (
        "An observed indicator is not in the right form; nothing was saved.",
        "Uočeni indikator nije u ispravnom obliku; ništa nije sačuvano.",
    ),
    "casework.unknown_indicator": (
        "Indicator {code} is not in version {version} of this list.",
        "Indikator {code} nije u verziji {version} ove liste.",
    ),
    "casework.interview_empty": (
        "Write down the answer to at least one topic of the interview.",
        "Upišite odgovor bar za jednu temu intervjua.",
    ),
    "casework.needs_empty": (
        "Rate at least one need domain.",
        "Ocenite bar jednu oblast potreba.",
    ),
    "casework.bad_list": (
        "The new list version is not complete: every indicator needs a code, a dimension, a "
        "weight per set and a text in Serbian and English ({count} problems).",
        "Nova verzija liste nije potpuna: svaki indikator mora imati šifru, dimenziju, težinu "
        "po skupu i tekst na srpskom i engleskom ({count} problema).",
    ),
    "casework.case_closed": (
        "The case is closed; reopen it first.",
        "Slučaj je zatvoren; prvo ga ponovo otvorite.",
    ),
    "casework.case_of_other_client": (
        "That case belongs to another client.",
        "Taj slučaj pripada drugom klijentu.",
    ),
    "casework.case_not_open": (
        "That case is not an open case of this client; choose another or none.",
        "To nije otvoren slučaj ove klijentkinje; izaberite drugi ili nijedan.",
    ),
    "cli.list_file": (
        "cannot read the list file: give a JSON file (at most {limit} bytes) shaped like the "
        "shipped list (dimensions, items)",
        "Datoteka liste ne može da se pročita: navedite JSON datoteku (najviše {limit} bajtova) "
        "u obliku isporučene liste (dimenzije, stavke)",
    ),
    "cli.weight_setting": (
        "write each weight as KEY=NUMBER (phase.crisis=4, risk.high=2, child=2, court_open=1, "
        "interpreter_needed=1, out_of_town=1, capacity=60), numbers 0 to 1000",
        "Svaku težinu upišite kao KLJUČ=BROJ (phase.crisis=4, risk.high=2, child=2, "
        "court_open=1, interpreter_needed=1, out_of_town=1, capacity=60), brojevi od 0 do 1000",
    ),
    "casework.same_manager": (
        "That professional already manages the case.",
        "Taj stručni radnik već vodi slučaj.",
    ),
    "casework.user_inactive": (
        "That user is not active and cannot manage a case.",
        "Taj korisnik nije aktivan i ne može da vodi slučaj.",
    ),
    "casework.goal_need_unknown": (
        "A goal names a need domain that this assessment did not rate.",
        "Cilj navodi oblast potreba koja u ovoj proceni nije ocenjena.",
    ),
    "casework.plan_empty": (
        "The plan has no goals yet; open goals from a needs assessment first.",
        "Plan još nema ciljeve; prvo otvorite ciljeve iz procene potreba.",
    ),
    "casework.not_allowed": (
        "Your role ({role}) may not do this ({permission}); nothing was changed.",
        "Vaša uloga ({role}) ne dozvoljava ovu radnju ({permission}); ništa nije promenjeno.",
    ),
    "casework.reading": (
        "Suggested reading (never a decision): strong indicators in {strong} of {total} "
        "dimensions; the combination rule is met in {met} dimensions.",
        "Predlog tumačenja (nikad odluka): jaki indikatori u {strong} od {total} dimenzija; "
        "pravilo kombinacije ispunjeno je u {met} dimenzija.",
    ),
}
