"""Messages of roles and permissions, emergency access, the readable audit and user management.

A refused action names the permission it lacks (the names are the rows of docs/roles.md).
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "roles.not_your_client": (
        "This client has another case manager; your role ({role}) sees the files of your own "
        "clients and of clients without a case manager (permission {permission}).",
        "Ovaj klijent ima drugu voditeljku slučaja; vaša uloga ({role}) vidi dosijee svojih "
        "klijenata i klijenata bez voditeljke slučaja (dozvola {permission}).",
    ),
    "roles.unknown_role": (
        "Unknown role {role}: use volunteer, operator, consultant, coordinator or auditor; "
        "nothing was changed.",
        "Nepoznata uloga {role}: upotrebite volunteer, operator, consultant, coordinator ili "
        "auditor; ništa nije promenjeno.",
    ),
    "roles.own_role": (
        "You cannot change your own role; another coordinator does that. Nothing was changed.",
        "Ne možete promeniti sopstvenu ulogu; to radi druga koordinatorka. Ništa nije promenjeno.",
    ),
    "roles.emergency_reason": (
        "An emergency access needs a reason of at least {least} characters; the file stays closed.",
        "Hitni pristup zahteva razlog od najmanje {least} znakova; dosije ostaje zatvoren.",
    ),
    "not_found.audit_entry": (
        "No emergency access with number {id} in the audit.",
        "U reviziji nema hitnog pristupa sa brojem {id}.",
    ),
    "audit.broken": (
        "The audit chain is broken at entry {seq} ({kind}): the list is not shown. "
        "Tell the coordinator; the database may have been tampered with.",
        "Lanac revizije je prekinut kod unosa {seq} ({kind}): spisak se ne prikazuje. "
        "Obavestite koordinatorku; baza je možda neovlašćeno menjana.",
    ),
    "audit.bad_date": (
        "{option} must be a date such as 2026-03-01; nothing was listed.",
        "{option} mora biti datum, na primer 2026-03-01; ništa nije prikazano.",
    ),
    "users.not_yourself": (
        "You cannot deactivate yourself; another coordinator does that. Nothing was changed.",
        "Ne možete deaktivirati sebe; to radi druga koordinatorka. Ništa nije promenjeno.",
    ),
    "users.unknown_user": (
        "There is no active user with that name (at most {limit} characters); nothing was changed.",
        "Nema aktivnog korisnika sa tim imenom (najviše {limit} znakova); ništa nije promenjeno.",
    ),
    "users.wrong_recovery": (
        "That is not this database's recovery key; the passphrase was not changed.",
        "To nije ključ za oporavak ove baze; lozinka nije promenjena.",
    ),
    "users.passphrases_differ": (
        "The two new passphrases differ; nothing was changed.",
        "Dve nove lozinke se razlikuju; ništa nije promenjeno.",
    ),
}


# One refusal per permission, saying in words what the role may not do.
NEEDS: dict[str, tuple[str, str]] = {
    "roles.needs.take_calls": (
        "Your role ({role}) may not take calls (permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da prima pozive "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.see_safety_card": (
        "Your role ({role}) may not see a client's safety card "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da vidi bezbednosnu karticu klijenta "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.see_client_file": (
        "Your role ({role}) may not open a client's full file "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da otvori ceo dosije klijenta "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.see_sensitive": (
        "Your role ({role}) may not see the sensitive sections (medical and psychological help, court, costs) "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da vidi osetljive delove (medicinska i psihološka pomoć, sud, troškovi) "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.break_glass": (
        "Your role ({role}) may not open a file in an emergency "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da otvori dosije u hitnom slučaju "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.add_event_contact": (
        "Your role ({role}) may not add contacts, field actions and notes "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da dodaje kontakte, terenske akcije i beleške "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.add_event_assistance": (
        "Your role ({role}) may not record assistance "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da beleži pruženu pomoć "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.add_event_legal": (
        "Your role ({role}) may not record court hearings and status changes "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da beleži ročišta i promene statusa "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.correct": (
        "Your role ({role}) may not correct a client's file "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da ispravlja dosije klijenta "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.print_letter": (
        "Your role ({role}) may not print letters, certificates and chronologies "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da štampa upute, potvrde i hronologije "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.print_court": (
        "Your role ({role}) may not print court documents "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da štampa sudske dokumente "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.print_costs": (
        "Your role ({role}) may not print cost statements "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da štampa izjave o troškovima "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.export_batch": (
        "Your role ({role}) may not exchange batches with the office "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da razmenjuje pakete sa kancelarijom "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.import_office": (
        "Your role ({role}) may not import batches at the office "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da uvozi pakete u kancelariji "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.run_statistics": (
        "Your role ({role}) may not see the statistics "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da vidi statistiku "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.see_records_behind": (
        "Your role ({role}) may not see the records behind a number "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da vidi zapise iza broja "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.publish": (
        "Your role ({role}) may not publish the annual report or the CTDC file "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da objavljuje godišnji izveštaj ili CTDC datoteku "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.backup_restore": (
        "Your role ({role}) may not back up or restore the database "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da pravi rezervnu kopiju ili vraća bazu "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.manage_users": (
        "Your role ({role}) may not manage users (permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da upravlja korisnicima "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.edit_directory": (
        "Your role ({role}) may not edit the directory "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da menja imenik "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.edit_organisation": (
        "Your role ({role}) may not edit the organisation header "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da menja zaglavlje organizacije "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.read_audit": (
        "Your role ({role}) may not read the audit (permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da čita reviziju "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.review_emergency": (
        "Your role ({role}) may not review emergency accesses "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da pregleda hitne pristupe "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.check_database": (
        "Your role ({role}) may not check the database "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da proverava bazu "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.see_print_register": (
        "Your role ({role}) may not see the register of issued documents "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da vidi registar izdatih dokumenata "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.verify_document": (
        "Your role ({role}) may not verify a document against the register "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da proverava dokument prema registru "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.open_missing_case": (
        "Your role ({role}) may not open a missing child's case "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da otvori slučaj nestalog deteta "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.see_missing_cases": (
        "Your role ({role}) may not see every missing child's case and the child's name "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da vidi sve slučajeve nestale dece i ime deteta "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.record_missing_search": (
        "Your role ({role}) may not record the search for a missing child "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da beleži potragu za nestalim detetom "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.missing_figures": (
        "Your role ({role}) may not produce the yearly 116 000 figures "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da pravi godišnje brojke linije 116 000 "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.casework_report": (
        "Your role ({role}) may not record a report received "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da beleži primljenu prijavu "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.casework_identify": (
        "Your role ({role}) may not record screenings, identification decisions and interviews "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da beleži procene, odluke o identifikaciji i intervjue "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.casework_needs": (
        "Your role ({role}) may not assess needs and write protection plans "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da procenjuje potrebe i piše planove zaštite "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.casework_approve": (
        "Your role ({role}) may not approve a protection plan "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da odobri plan zaštite "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.casework_reassign": (
        "Your role ({role}) may not give a case another case manager "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da dodeli slučaj drugoj voditeljki slučaja "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.casework_workload": (
        "Your role ({role}) may not see the case managers' caseload "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da vidi opterećenje voditeljki slučaja "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.casework_case_list": (
        "Your role ({role}) may not see the case list "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da vidi spisak slučajeva "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.edit_indicator_lists": (
        "Your role ({role}) may not edit the indicator lists "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da menja liste indikatora "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.correct_call": (
        "Your role ({role}) may not correct a call (permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da ispravlja poziv "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.relink_call": (
        "Your role ({role}) may not move a call to another client "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da premešta poziv drugom klijentu "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.merge_clients": (
        "Your role ({role}) may not merge two clients "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da spaja dva klijenta "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.list_duplicates": (
        "Your role ({role}) may not list likely duplicates across desks "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da prikazuje moguće duplikate među deskovima "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.anonymise_client": (
        "Your role ({role}) may not anonymise a client "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da anonimizuje klijenta "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.erase_client": (
        "Your role ({role}) may not erase a client (permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da briše klijenta "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.set_retention": (
        "Your role ({role}) may not change or apply the retention rules "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da menja ili primenjuje pravila čuvanja "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.set_privacy_budget": (
        "Your role ({role}) may not set the statistics' privacy budget "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može da postavlja budžet privatnosti statistike "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
    "roles.needs.re_enrol_desk": (
        "Your role ({role}) may not enrol a revoked desk again "
        "(permission {permission}); nothing was changed.",
        "Vaša uloga ({role}) ne može ponovo da upiše opozvan punkt "
        "(dozvola {permission}); ništa nije promenjeno.",
    ),
}
MESSAGES.update(NEEDS)
