"""Messages of sync: enrolment, batches, receipts, the quarantine (`sosdesk.sync`)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sync.failed": ("{detail}", "{detail}"),
    "sync.rejected": (
        "Refused ({reason}): {detail}",
        "Odbijeno ({reason}): {detail}",
    ),
    "sync.not_owned_by_desk": (
        "Refused: record {line} changes the table {table}, which a desk may not send. "
        "Nothing of the batch was applied.",
        "Odbijeno: zapis {line} menja tabelu {table}, koju punkt ne sme da šalje. "
        "Ništa iz paketa nije primenjeno.",
    ),
    "sync.not_owned_by_office": (
        "Refused: record {line} changes the table {table}, which the office may not send to a "
        "desk. Nothing of the batch was applied.",
        "Odbijeno: zapis {line} menja tabelu {table}, koju kancelarija ne sme da šalje punktu. "
        "Ništa iz paketa nije primenjeno.",
    ),
    "sync.bad_column": (
        "The value of {table}.{column} cannot be sent to the office ({why}); nothing was saved. "
        "Correct the value and save again.",
        "Vrednost polja {table}.{column} ne može da se pošalje kancelariji ({why}); ništa nije "
        "sačuvano. Ispravite vrednost i sačuvajte ponovo.",
    ),
    "sync.confirm_needed": (
        "The fingerprint of {code} is {fingerprint}. Compare it by phone, then run the command "
        'again with --fingerprint "{fingerprint}". Nothing was changed.',
        "Otisak ključa za {code} je {fingerprint}. Uporedite ga telefonom, pa ponovite komandu "
        'sa --fingerprint "{fingerprint}". Ništa nije promenjeno.',
    ),
    "sync.confirm_prompt": (
        "Compare the fingerprint of {code} with what was read to you by phone:",
        "Uporedite otisak ključa za {code} sa onim koji vam je pročitan telefonom:",
    ),
    "sync.confirm_question": (
        "Is it exactly the same? (yes/no)",
        "Da li je potpuno isti? (da/ne)",
    ),
    "sync.confirm_declined": (
        "Not confirmed: {code} was not accepted. Nothing was changed.",
        "Nije potvrđeno: {code} nije prihvaćen. Ništa nije promenjeno.",
    ),
    "sync.fingerprint_mismatch": (
        "The fingerprint does not match what you were told by phone; do not accept this file, "
        "and call back. Nothing was changed.",
        "Otisak ključa se ne poklapa sa onim koji ste čuli telefonom; ne prihvatajte ovu "
        "datoteku i pozovite ponovo. Ništa nije promenjeno.",
    ),
    "sync.revoked_desk": (
        "Desk {code} was revoked. To accept it again, a coordinator runs office enroll with "
        "--re-enrol. Nothing was changed.",
        "Punkt {code} je opozvan. Da bi se ponovo primao, koordinator pokreće office enroll sa "
        "--re-enrol. Ništa nije promenjeno.",
    ),
    "sync.re_enrol_not_revoked": (
        "--re-enrol is only for a revoked desk; {code} is not revoked. Nothing was changed.",
        "--re-enrol je samo za opozvan punkt; {code} nije opozvan. Ništa nije promenjeno.",
    ),
    "sync.coordinator_only": (
        "Only a coordinator may enrol a revoked desk again. Nothing was changed.",
        "Samo koordinator može ponovo da upiše opozvan punkt. Ništa nije promenjeno.",
    ),
    "sync.bad_max_size": (
        "--max-size must be a positive number of megabytes (e.g. 200). Nothing was imported.",
        "--max-size mora biti pozitivan broj megabajta (npr. 200). Ništa nije uvezeno.",
    ),
    "sync.not_identity": (
        "{name} is not an SOS Desk identity file. Ask for the file written by sync identity.",
        "{name} nije SOS Desk datoteka identiteta. Tražite datoteku koju zapisuje sync identity.",
    ),
}
