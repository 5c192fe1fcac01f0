"""Messages of court-support documents: nothing to print, missing records, PDF production."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "doc.nothing.chronology": (
        "Nothing to print: this client has no entries of the chosen kinds in the chosen period. "
        "Widen the period or choose more kinds; no PDF was made.",
        "Nema šta da se odštampa: klijent nema unose izabranih vrsta u izabranom periodu. "
        "Proširite period ili izaberite više vrsta; PDF nije napravljen.",
    ),
    "doc.nothing.certificate": (
        "Nothing to print: no support is recorded for this client. No PDF was made.",
        "Nema šta da se odštampa: za klijenta nije zabeležena podrška. PDF nije napravljen.",
    ),
    "doc.nothing.accompaniment": (
        "Nothing to print: there is no court hearing on this client's timeline. No PDF was made.",
        "Nema šta da se odštampa: na hronologiji klijenta nema ročišta. PDF nije napravljen.",
    ),
    "doc.nothing.costs": (
        "Nothing to print: no assistance costs are recorded for this client. No PDF was made.",
        "Nema šta da se odštampa: za klijenta nisu zabeleženi troškovi pomoći. "
        "PDF nije napravljen.",
    ),
    "doc.nothing.referral": (
        "Nothing to print: record the referral (with the client's consent) on the timeline "
        "first. No PDF was made.",
        "Nema šta da se odštampa: najpre zabeležite upućivanje (uz pristanak klijenta) "
        "na hronologiji. PDF nije napravljen.",
    ),
    "doc.no_client": (
        "There is no client with id {id}. Reopen the client's record and try again.",
        "Ne postoji klijent sa identifikatorom {id}. Ponovo otvorite karton klijenta i "
        "pokušajte opet.",
    ),
    "doc.no_hearing": (
        "There is no court hearing with id {id} on this client's timeline. "
        "Choose a hearing from the list.",
        "Na hronologiji klijenta nema ročišta sa identifikatorom {id}. "
        "Izaberite ročište sa spiska.",
    ),
    "doc.no_entry": (
        "There is no directory entry with id {id}. Choose an addressee from the list.",
        "Ne postoji unos u imeniku sa identifikatorom {id}. Izaberite primaoca sa spiska.",
    ),
    "doc.entry_gone": (
        "The directory entry of that referral no longer exists. Record the referral again "
        "with an existing entry.",
        "Unos u imeniku za to upućivanje više ne postoji. Ponovo zabeležite upućivanje "
        "sa postojećim unosom.",
    ),
    "doc.password_short": (
        "A PDF password needs at least {min} characters.",
        "Lozinka za PDF mora imati bar {min} znakova.",
    ),
    "doc.pdfa_encrypted": (
        "A password-protected PDF cannot be PDF/A (archives refuse encryption). "
        "Make the document without a password for the archive.",
        "PDF zaštićen lozinkom ne može biti PDF/A (arhive ne prihvataju šifrovanje). "
        "Za arhivu napravite dokument bez lozinke.",
    ),
    "doc.font_not_embedded": (
        "{count} font(s) of the document are not embedded, so it cannot be PDF/A. "
        "Reinstall SOS Desk; if it persists, tell the coordinator.",
        "Broj fontova koji nisu ugrađeni u dokument: {count}, pa ne može biti PDF/A. "
        "Ponovo instalirajte SOS Desk; ako se ponovi, javite koordinatoru.",
    ),
    "doc.icc_missing": (
        "The sRGB colour profile is missing from this installation, so no PDF/A can be made. "
        "Reinstall SOS Desk.",
        "Profil boja sRGB nedostaje u ovoj instalaciji, pa PDF/A ne može da se napravi. "
        "Ponovo instalirajte SOS Desk.",
    ),
}
