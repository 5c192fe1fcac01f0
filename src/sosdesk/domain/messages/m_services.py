"""Messages of the services: records not found, refusals of calls, clients, cases, events,
follow-ups, the directory, settings, drafts and the print register.

The English texts are, word for word, the sentences the services spoke before they had codes
(screens that still translate English prose keep showing the same words). Parameters are ids,
codes, counts and numbers, never client data.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # -- records that are not there (any more) -------------------------------------------------
    "not_found.client": ("no client with id {id}", "Nema klijenta/kinje sa oznakom {id}"),
    "not_found.client_code": (
        "no client with code {code}",
        "Nema klijenta/kinje sa šifrom {code}",
    ),
    "not_found.call": ("no call with id {id}", "Nema poziva sa oznakom {id}"),
    "not_found.case": ("no case with id {id}", "Nema slučaja sa oznakom {id}"),
    "not_found.goal": ("no goal with id {id}", "Nema cilja sa oznakom {id}"),
    "not_found.event": ("no event with id {id}", "Nema događaja sa oznakom {id}"),
    "not_found.followup": ("no follow-up with id {id}", "Nema praćenja sa oznakom {id}"),
    "not_found.directory_entry": (
        "no directory entry with id {id}",
        "Nema unosa u imeniku sa oznakom {id}",
    ),
    # -- calls ----------------------------------------------------------------------------------
    "call.future": ("a call cannot start in the future", "Poziv ne može početi u budućnosti"),
    "call.no_category": ("choose at least one category", "Izaberite bar jednu kategoriju"),
    "call.client_twice": (
        "link an existing client or create a new one, not both",
        "Povežite postojećeg klijenta/kinju ili upišite novog, ne oba",
    ),
    # -- follow-ups -----------------------------------------------------------------------------
    "followup.due_missing": ("say when it is due", "Unesite datum i vreme praćenja"),
    "followup.in_past": (
        "a new follow-up cannot be due in the past",
        "Rok za praćenje mora biti u budućnosti",
    ),
    "followup.no_user": ("no such user", "Nema takvog korisnika"),
    "followup.already_done": ("already done", "Već završeno"),
    # -- clients --------------------------------------------------------------------------------
    "client.unknown_field": ("not a client field", "Nije polje klijenta"),
    "client.nothing_to_know": (
        "give at least a name, a nickname or a phone number",
        "Upišite bar ime, nadimak ili broj telefona",
    ),
    "client.changed_meanwhile": (
        "changed meanwhile by someone else; reload the file and make your change again",
        "U međuvremenu je izmenio neko drugi; ponovo učitajte dosije i unesite izmenu",
    ),
    # -- cases and plan goals -------------------------------------------------------------------
    "case.start_phase": (
        "choose the phase the case starts in",
        "Izaberite fazu u kojoj slučaj počinje",
    ),
    "case.already_open": (
        "this client already has an open case; move it to the next phase or close it first",
        "Ovaj klijent već ima otvoren slučaj; premestite ga u sledeću fazu ili ga prvo zatvorite",
    ),
    "case.bad_phase": (
        "choose identification, crisis intervention, recovery or reintegration; "
        "to close the case give a reason with Close",
        "Izaberite identifikaciju, kriznu intervenciju, oporavak ili reintegraciju; "
        "za zatvaranje slučaja navedite razlog",
    ),
    "case.closed": (
        "the case is closed; reopen it first",
        "Slučaj je zatvoren; prvo ga ponovo otvorite",
    ),
    "case.same_phase": ("the case is already in that phase", "Slučaj je već u toj fazi"),
    "case.close_why": ("say why the case is closed", "Navedite zašto se slučaj zatvara"),
    "case.already_closed": ("the case is already closed", "Slučaj je već zatvoren"),
    "case.reopen_phase": (
        "choose the phase the case is reopened in",
        "Izaberite fazu u kojoj se slučaj ponovo otvara",
    ),
    "case.is_open": ("the case is open", "Slučaj je otvoren"),
    "case.another_open": (
        "this client already has another open case",
        "Ovaj klijent već ima drugi otvoren slučaj",
    ),
    "case.goal_target_missing": (
        "give the date by which the goal should be reached",
        "Upišite datum do kog cilj treba ostvariti",
    ),
    "case.goal_before_open": (
        "the target date is before the case was opened",
        "Rok je pre otvaranja slučaja",
    ),
    "case.closed_no_goals": (
        "the case is closed; reopen it to plan new goals",
        "Slučaj je zatvoren; ponovo ga otvorite da planirate nove ciljeve",
    ),
    # -- timeline events ------------------------------------------------------------------------
    "event.unknown_kind": ("unknown event kind: {kind}", "Nepoznata vrsta događaja: {kind}"),
    "event.same_status": ("the client already has this status", "Klijent već ima ovaj status"),
    "event.not_on_timeline": (
        "that event is not on this timeline",
        "Taj događaj nije u ovoj hronologiji",
    ),
    "event.not_correctable": (
        "this entry cannot be corrected here; correct the original event instead",
        "Ovaj unos se ne ispravlja ovde; ispravite prvobitni događaj",
    ),
    "event.correction_why": (
        "say why the entry is corrected",
        "Navedite zašto se unos ispravlja",
    ),
    "event.nothing_changed": ("nothing was changed", "Ništa nije izmenjeno"),
    "event.assistance_group": (
        "choose the kind of assistance; the detail goes in sub-type",
        "Izaberite vrstu pomoći; pojedinost ide u podvrstu",
    ),
    "event.subtype_mismatch": (
        "{sub} is not a kind of {kind}",
        "{sub} nije podvrsta od {kind}",
    ),
    "event.currency_without_amount": (
        "a currency without an amount: enter the amount or clear the currency",
        "Valuta bez iznosa: upišite iznos ili uklonite valutu",
    ),
    "event.referral_where": (
        "choose where the client is referred to",
        "Izaberite kome se klijentkinja upućuje",
    ),
    "event.referral_consent": (
        "the client has not consented to this referral; "
        "a referral needs the client's informed consent",
        "Klijentkinja nije dala saglasnost za ovo upućivanje; "
        "za upućivanje je potrebna njena informisana saglasnost",
    ),
    "event.amendment_target": (
        "an amendment must name the event it corrects",
        "Ispravka mora navesti događaj koji ispravlja",
    ),
    "event.amendment_empty": ("say what is corrected", "Navedite šta se ispravlja"),
    # -- directory ------------------------------------------------------------------------------
    "directory.unknown_field": ("not a directory field", "Nije polje imenika"),
    "directory.changed_meanwhile": (
        "this entry was changed meanwhile; reopen it and make your change again",
        "Unos je u međuvremenu izmenjen; ponovo ga otvorite i unesite izmenu",
    ),
    # -- organisation header and preferences ----------------------------------------------------
    "organisation.unknown_field": ("not an organisation setting", "Nije podešavanje organizacije"),
    "organisation.too_many_numbers": (
        "at most four numbers fit in the header",
        "U zaglavlje staju najviše četiri broja",
    ),
    "organisation.bad_timezone": (
        "unknown time zone; use a name such as Europe/Belgrade",
        "Nepoznata vremenska zona; upišite naziv kao Europe/Belgrade",
    ),
    "organisation.coordinator_only": (
        "only a coordinator can change the organisation header",
        "Samo koordinatorka ili koordinator može da menja zaglavlje organizacije",
    ),
    "prefs.theme": ("choose auto, light or dark", "Izaberite automatsku, svetlu ili tamnu temu"),
    "prefs.lang": ("choose sr-Latn, sr-Cyrl or en", "Izaberite sr-Latn, sr-Cyrl ili en"),
    "prefs.font_size": ("a size from {min} to {max}", "Veličina od {min} do {max}"),
    "prefs.idle_minutes": ("from 1 to 60 minutes", "Od 1 do 60 minuta"),
    "prefs.user_gone": (
        "the unlocked user no longer exists",
        "Otključani korisnik više ne postoji",
    ),
    # -- drafts ---------------------------------------------------------------------------------
    "draft.too_large": (
        "the form is too large to keep as a draft",
        "Obrazac je prevelik da bi se čuvao kao nacrt",
    ),
    "draft.not_yours": ("that draft belongs to another user", "Taj nacrt pripada drugom korisniku"),
    # -- print register -------------------------------------------------------------------------
    "register.not_a_number": (
        "{number} is not a document number of desk {desk}",
        "{number} nije broj dokumenta punkta {desk}",
    ),
    "register.number_taken": (
        "document number {number} was taken meanwhile",
        "Broj dokumenta {number} je u međuvremenu zauzet",
    ),
    "register.issued_elsewhere": (
        "document number {number} was issued to another PDF",
        "Broj dokumenta {number} je izdat drugom PDF-u",
    ),
    "register.bad_output": ("output is one of {outputs}", "Izlaz je jedan od: {outputs}"),
}
