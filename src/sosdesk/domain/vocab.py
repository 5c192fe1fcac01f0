"""Controlled vocabularies with sr-Latn, sr-Cyrl and en labels.

The CTDC and HTCDS codes of the export, with their sources, are in `ctdc_codebook.py`; the
`ctdc` of a term is an older hint kept for reference, not what the export writes.

Codes are stable English snake_case and are what the database stores; labels translate.
The Cyrillic label is transliterated from the Latin one so the two never drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sosdesk.domain.translit import latin_to_cyrillic

LANGS = ("sr-Latn", "sr-Cyrl", "en")


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary."""

    code: str
    sr_latn: str
    en: str
    ctdc: str = ""
    group: str = ""  # parent code, for sub-types (assistance)

    @property
    def sr_cyrl(self) -> str:
        return latin_to_cyrillic(self.sr_latn)

    def label(self, lang: str = "sr-Latn") -> str:
        """The label in `lang` (sr-Latn, sr-Cyrl or en)."""
        if lang == "en":
            return self.en
        if lang == "sr-Cyrl":
            return self.sr_cyrl
        return self.sr_latn


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of terms."""

    name: str
    terms: tuple[Term, ...]
    _index: dict[str, Term] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._index.update({t.code: t for t in self.terms})

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def __len__(self) -> int:
        return len(self.terms)

    def codes(self) -> list[str]:
        """All codes, in display order."""
        return [t.code for t in self.terms]

    def get(self, code: str) -> Term:
        """The term for `code`; KeyError names the vocabulary."""
        try:
            return self._index[code]
        except KeyError:
            raise KeyError(f"{code!r} is not a value of {self.name}") from None

    def label(self, code: str, lang: str = "sr-Latn") -> str:
        """The label of `code` in `lang`, or the code itself when unknown."""
        term = self._index.get(code)
        return term.label(lang) if term else code

    def in_group(self, group: str) -> list[Term]:
        """Terms whose parent is `group`."""
        return [t for t in self.terms if t.group == group]


def _v(name: str, *rows: tuple[str, ...]) -> Vocabulary:
    return Vocabulary(name, tuple(Term(*r) for r in rows))


GENDER = _v(
    "gender",
    ("female", "Ženski", "Female", "Woman/Girl"),
    ("male", "Muški", "Male", "Man/Boy"),
    ("trans_nonbinary", "Trans/nebinarno", "Trans/non-binary", "Trans/Transgender/NonConforming"),
    ("unknown", "Nepoznato", "Unknown", "Unknown"),
)

VICTIM_STATUS = _v(
    "victim status",
    ("potential", "Potencijalna žrtva", "Potential victim", "potential"),
    ("presumed", "Pretpostavljena žrtva", "Presumed victim", "presumed"),
    ("identified", "Formalno identifikovana žrtva", "Formally identified victim", "identified"),
    ("not_victim", "Nije žrtva", "Not a victim", "not_victim"),
    ("unknown", "Nepoznato", "Unknown", "unknown"),
)

EXPLOITATION = _v(
    "exploitation type",
    ("sexual", "Seksualna eksploatacija", "Sexual exploitation", "isSexualExploit"),
    ("forced_labour", "Radna eksploatacija", "Forced labour", "isForcedLabour"),
    ("forced_begging", "Prinudno prosjačenje", "Forced begging", "typeOfLabourBegging"),
    ("domestic_servitude", "Domaće ropstvo", "Domestic servitude", "typeOfLabourDomesticWork"),
    ("forced_marriage", "Prinudni brak", "Forced marriage", "isForcedMarriage"),
    (
        "forced_criminality",
        "Prinuda na vršenje krivičnih dela",
        "Forced criminality",
        "typeOfLabourIllicitActivities",
    ),
    ("organ_removal", "Uzimanje organa", "Organ removal", "isOrganRemoval"),
    (
        "online_sexual",
        "Seksualna eksploatacija na internetu (materijal zlostavljanja dece)",
        "Online sexual exploitation (child abuse material)",
        "typeOfSexPornography",
    ),
    ("other", "Drugo", "Other", "isOtherExploit"),
    ("unknown", "Nepoznato", "Unknown", "isNotSpecified"),
)

MEANS_OF_CONTROL = _v(
    "means of control",
    ("debt_bondage", "Dužničko ropstvo", "Debt bondage", "meansOfControlDebtBondage"),
    ("takes_earnings", "Oduzimanje zarade", "Takes earnings", "meansOfControlTakesEarnings"),
    (
        "restricts_financial_access",
        "Ograničen pristup novcu",
        "Restricts financial access",
        "meansOfControlRestrictsFinancialAccess",
    ),
    ("threats", "Pretnje", "Threats", "meansOfControlThreats"),
    (
        "psychological_abuse",
        "Psihičko zlostavljanje",
        "Psychological abuse",
        "meansOfControlPsychologicalAbuse",
    ),
    ("physical_abuse", "Fizičko zlostavljanje", "Physical abuse", "meansOfControlPhysicalAbuse"),
    ("sexual_abuse", "Seksualno zlostavljanje", "Sexual abuse", "meansOfControlSexualAbuse"),
    ("false_promises", "Lažna obećanja", "False promises", "meansOfControlFalsePromises"),
    (
        "psychoactive_substances",
        "Psihoaktivne supstance",
        "Psychoactive substances",
        "meansOfControlPsychoactiveSubstances",
    ),
    (
        "restricts_movement",
        "Ograničeno kretanje",
        "Restricts movement",
        "meansOfControlRestrictsMovement",
    ),
    (
        "restricts_medical_care",
        "Uskraćena medicinska pomoć",
        "Restricts medical care",
        "meansOfControlRestrictsMedicalCare",
    ),
    (
        "excessive_working_hours",
        "Prekomerno radno vreme",
        "Excessive working hours",
        "meansOfControlExcessiveWorkingHours",
    ),
    ("threats_to_family", "Pretnje porodici", "Threats to family", "meansOfControlThreats"),
    (
        "withholds_documents",
        "Oduzimanje dokumenata",
        "Withholds documents",
        "meansOfControlWithholdsDocuments",
    ),
    (
        "withholds_necessities",
        "Uskraćivanje osnovnih potreba",
        "Withholds necessities",
        "meansOfControlWithholdsNecessities",
    ),
    ("uses_children", "Korišćenje dece", "Uses children", "meansOfControlUsesChildren"),
    ("other", "Drugo", "Other", "meansOfControlOther"),
)

RECRUITER_RELATION = _v(
    "recruiter relation",
    ("intimate_partner", "Intimni partner", "Intimate partner", "recruiterRelationIntimatePartner"),
    ("family", "Član porodice", "Family member", "recruiterRelationFamily"),
    ("friend", "Prijatelj/poznanik", "Friend or acquaintance", "recruiterRelationFriend"),
    ("employer", "Poslodavac/agencija", "Employer or agency", "recruiterRelationOther"),
    ("stranger", "Nepoznata osoba", "Stranger", "recruiterRelationOther"),
    ("other", "Drugo", "Other", "recruiterRelationOther"),
    ("unknown", "Nepoznato", "Unknown", "recruiterRelationUnknown"),
)

RISK_LEVEL = _v(
    "risk level",
    ("low", "Nizak", "Low"),
    ("medium", "Srednji", "Medium"),
    ("high", "Visok", "High"),
    ("unknown", "Nije procenjen", "Not assessed"),
)

LINE = _v(
    "line",
    ("sos_24_7", "SOS telefon 24/7", "SOS line 24/7"),
    ("free_line", "Besplatna linija 0800", "Free line 0800"),
    ("missing_116000", "116 000 nestala deca", "116 000 missing children"),
    ("email", "Elektronska pošta", "E-mail"),
    ("walk_in", "Lični dolazak", "Walk-in"),
    ("field", "Teren (mobilni tim)", "Field (mobile team)"),
)

DIRECTION = _v(
    "direction",
    ("incoming", "Dolazni", "Incoming"),
    ("outgoing", "Odlazni", "Outgoing"),
)

CALLER_TYPE = _v(
    "caller type",
    ("victim", "Žrtva / potencijalna žrtva", "Victim or potential victim"),
    ("family", "Član porodice", "Family member"),
    ("friend", "Prijatelj/poznanik", "Friend or acquaintance"),
    ("citizen", "Građanin/građanka", "Member of the public"),
    ("institution", "Institucija", "Institution"),
    ("ngo", "Organizacija civilnog društva", "NGO"),
    ("media", "Mediji", "Media"),
    ("anonymous", "Anonimno", "Anonymous"),
    ("other", "Drugo", "Other"),
)

CALL_CATEGORY = _v(
    "call category",
    ("prevention_info", "Informacije i prevencija", "Information and prevention"),
    ("work_abroad", "Provera ponude za rad u inostranstvu", "Checking a job offer abroad"),
    ("safe_migration", "Bezbedna migracija", "Safe migration"),
    ("report_suspicion", "Prijava sumnje na trgovinu ljudima", "Report of suspected trafficking"),
    ("victim_support", "Podrška žrtvi", "Support to a victim"),
    ("missing_child", "Nestalo dete", "Missing child"),
    ("legal_advice", "Pravni savet", "Legal advice"),
    ("psychological", "Psihološka podrška", "Psychological support"),
    ("labour_rights", "Radna prava", "Labour rights"),
    ("violence", "Nasilje (nije trgovina ljudima)", "Violence (not trafficking)"),
    ("follow_up", "Praćenje slučaja", "Case follow-up"),
    ("silent", "Tihi/prekinut poziv", "Silent or dropped call"),
    ("other", "Drugo", "Other"),
)

# Calls of these categories alone may be saved as a quick tally, without a client.
TALLY_CATEGORIES = frozenset(
    {"prevention_info", "work_abroad", "safe_migration", "silent", "labour_rights", "other"}
)

URGENCY = _v(
    "urgency",
    ("routine", "Redovno", "Routine"),
    ("urgent", "Hitno", "Urgent"),
    ("immediate_danger", "Neposredna opasnost", "Immediate danger"),
)

EMERGENCY_STEP = _v(
    "emergency checklist",
    ("police_192", "Pozvana policija (192)", "Police called (192)"),
    ("ambulance_194", "Pozvana hitna pomoć (194)", "Ambulance called (194)"),
    (
        "centre_notified",
        "Obavešten Centar za zaštitu žrtava trgovine ljudima",
        "Centre for the protection of trafficking victims notified",
    ),
    ("safety_plan", "Primenjen plan bezbednosti klijenta", "Client's safety plan followed"),
    ("mobile_team", "Upućen mobilni tim", "Mobile team sent"),
    ("shelter", "Obezbeđen siguran smeštaj", "Safe accommodation arranged"),
)

LANGUAGE = _v(
    "language",
    ("sr", "srpski", "Serbian"),
    ("en", "engleski", "English"),
    ("hu", "mađarski", "Hungarian"),
    ("ro", "rumunski", "Romanian"),
    ("rom", "romski", "Romani"),
    ("sq", "albanski", "Albanian"),
    ("bg", "bugarski", "Bulgarian"),
    ("mk", "makedonski", "Macedonian"),
    ("ru", "ruski", "Russian"),
    ("uk", "ukrajinski", "Ukrainian"),
    ("de", "nemački", "German"),
    ("fr", "francuski", "French"),
    ("ar", "arapski", "Arabic"),
    ("fa", "persijski", "Persian"),
    ("ps", "paštu", "Pashto"),
    ("ur", "urdu", "Urdu"),
    ("zh", "kineski", "Chinese"),
    ("tr", "turski", "Turkish"),
    ("other", "drugi", "Other"),
)

CASE_PHASE = _v(
    "case phase",
    ("identification", "Identifikacija", "Identification"),
    ("crisis", "Krizna intervencija", "Crisis intervention"),
    ("recovery", "Oporavak", "Recovery"),
    ("reintegration", "Reintegracija", "Reintegration"),
    ("closed", "Zatvoren", "Closed"),
)

CLOSE_REASON = _v(
    "close reason",
    ("goals_achieved", "Ciljevi plana ostvareni", "Plan goals achieved"),
    ("client_withdrew", "Klijent odustao", "Client withdrew"),
    ("lost_contact", "Izgubljen kontakt", "Contact lost"),
    ("transferred", "Preuzela druga služba", "Transferred to another service"),
    ("repatriated", "Povratak u zemlju porekla", "Returned to country of origin"),
    ("other", "Drugo", "Other"),
)

EVENT_KIND = _v(
    "event kind",
    ("call", "Poziv", "Call"),
    ("assistance", "Pomoć", "Assistance"),
    ("field_action", "Terenska akcija", "Field action"),
    ("court_hearing", "Ročište", "Court hearing"),
    ("referral", "Upućivanje", "Referral"),
    ("status_change", "Promena statusa identifikacije", "Identification status change"),
    ("note", "Beleška", "Note"),
    ("document_issued", "Izdat dokument", "Document issued"),
    ("amendment", "Ispravka", "Amendment"),
    ("identification_report", "Prijava radi identifikacije", "Report for identification"),
    ("screening", "Procena indikatora", "Indicator screening"),
    ("identification_decision", "Odluka o identifikaciji", "Identification decision"),
    ("child_interview", "Intervju sa detetom", "Child interview"),
    ("credibility_assessment", "Procena sposobnosti za iskaz", "Statement capacity assessment"),
    ("needs_assessment", "Procena potreba", "Needs assessment"),
)

ASSISTANCE = _v(
    "assistance",
    ("information", "Informisanje", "Information"),
    ("legal", "Pravna pomoć", "Legal assistance"),
    ("legal_advice", "Pravni savet", "Legal advice", "", "legal"),
    ("legal_representation", "Zastupanje pred sudom", "Representation in court", "", "legal"),
    ("psychological", "Psihološka pomoć", "Psychological assistance"),
    ("psy_counselling", "Savetovanje", "Counselling", "", "psychological"),
    ("psy_psychotherapy", "Psihoterapija", "Psychotherapy", "", "psychological"),
    ("psy_group", "Grupna podrška", "Group support", "", "psychological"),
    ("psy_crisis", "Krizna intervencija", "Crisis intervention", "", "psychological"),
    ("medical", "Medicinska pomoć", "Medical assistance"),
    ("med_general", "Opšti pregled", "General examination", "", "medical"),
    ("med_specialist", "Specijalistički pregled", "Specialist examination", "", "medical"),
    ("med_laboratory", "Laboratorijske analize", "Laboratory tests", "", "medical"),
    (
        "med_hiv_hepatitis",
        "Anonimno testiranje na HIV/hepatitis",
        "Anonymous HIV/hepatitis testing",
        "",
        "medical",
    ),
    ("med_forensic", "Pregled za potrebe suda", "Examination for court evidence", "", "medical"),
    ("technical", "Tehnička pomoć", "Practical assistance"),
    ("tech_transport", "Prevoz", "Transport", "", "technical"),
    ("tech_hygiene", "Higijenski paket", "Hygiene package", "", "technical"),
    ("tech_food_clothes", "Hrana i odeća", "Food and clothes", "", "technical"),
    ("accommodation", "Smeštaj", "Accommodation"),
    ("acc_shelter", "Upućivanje u sklonište", "Shelter referral", "", "accommodation"),
    ("acc_alternative", "Alternativni smeštaj", "Alternative housing", "", "accommodation"),
    ("day_centre", "Dnevni centar", "Day centre"),
    ("economic", "Ekonomsko osnaživanje", "Economic empowerment"),
    ("documents", "Dokumenta i prava", "Documents and rights"),
    ("doc_id_papers", "Lična dokumenta", "ID papers", "", "documents"),
    ("doc_social_assistance", "Socijalna pomoć", "Social assistance", "", "documents"),
    ("doc_child_allowance", "Dečiji dodatak", "Child allowance", "", "documents"),
    ("repatriation", "Repatrijacija", "Repatriation"),
    ("interpreter", "Prevodilac", "Interpreter"),
    ("reintegration", "Reintegracija", "Reintegration"),
)

FIELD_ACTION = _v(
    "field action",
    ("accompany_police", "Pratnja u policiju", "Accompaniment to the police"),
    (
        "accompany_social_work",
        "Pratnja u centar za socijalni rad",
        "Accompaniment to the social-work centre",
    ),
    ("accompany_court", "Pratnja na sud", "Accompaniment to court"),
    ("accompany_prosecutor", "Pratnja u tužilaštvo", "Accompaniment to the prosecutor"),
    ("accompany_health", "Pratnja u zdravstvenu ustanovu", "Accompaniment to a health institution"),
    ("home_visit", "Kućna poseta", "Home visit"),
    ("relatives_contact", "Kontakt sa srodnicima", "Contact with relatives"),
    ("other", "Drugo", "Other"),
)

PROCEEDING = _v(
    "proceeding type",
    ("criminal", "Krivični postupak", "Criminal proceedings"),
    ("civil_damages", "Parnični postupak za naknadu štete", "Civil proceedings for damages"),
    ("misdemeanour", "Prekršajni postupak", "Misdemeanour proceedings"),
)

CLIENT_ROLE = _v(
    "client's role",
    ("injured_party", "Oštećena strana", "Injured party"),
    ("witness", "Svedok", "Witness"),
    ("injured_witness", "Oštećena kao svedok", "Injured party as witness"),
    ("plaintiff", "Tužilac", "Plaintiff"),
    ("defendant", "Okrivljeni", "Defendant"),
)

DIRECTORY_KIND = _v(
    "directory kind",
    ("lawyer", "Advokat", "Lawyer"),
    ("psychotherapist", "Psihoterapeut", "Psychotherapist"),
    ("medical", "Zdravstvena ustanova", "Medical partner"),
    ("shelter", "Sklonište", "Shelter"),
    ("social_work", "Centar za socijalni rad", "Social-work centre"),
    ("police", "Policija", "Police unit"),
    ("court", "Sud", "Court"),
    ("prosecutor", "Tužilaštvo", "Prosecutor's office"),
    ("embassy", "Ambasada", "Embassy"),
    ("ngo", "Organizacija civilnog društva", "NGO"),
    ("institution", "Državna institucija", "State institution"),
    ("other", "Drugo", "Other"),
)

ROLE = _v(
    "role",
    ("operator", "Operaterka SOS telefona", "SOS line operator"),
    ("consultant", "Konsultantkinja", "Consultant"),
    ("coordinator", "Koordinatorka", "Coordinator"),
    ("volunteer", "Volonterka (operaterka u obuci)", "Volunteer (operator in training)"),
    ("auditor", "Revizorka", "Auditor"),
)

CURRENCY = _v(
    "currency",
    ("RSD", "dinar", "Serbian dinar"),
    ("EUR", "evro", "Euro"),
    ("USD", "američki dolar", "US dollar"),
    ("CHF", "švajcarski franak", "Swiss franc"),
)

# CTDC broad age groups; (label, lowest age, highest age or None).
AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("0--8", 0, 8),
    ("9--17", 9, 17),
    ("18--20", 18, 20),
    ("21--23", 21, 23),
    ("24--26", 24, 26),
    ("27--29", 27, 29),
    ("30--38", 30, 38),
    ("39--47", 39, 47),
    ("48+", 48, None),
)


def age_group(age: int | None) -> str:
    """The CTDC age group of an age in years, or `unknown`."""
    if age is None or age < 0:
        return "unknown"
    for label, low, high in AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return label
    return "unknown"  # pragma: no cover - the last group is open-ended


def majority_status(age: int | None) -> str:
    """CTDC majority status: Adult, Minor or Unknown."""
    if age is None:
        return "Unknown"
    return "Minor" if age < 18 else "Adult"


VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        GENDER,
        VICTIM_STATUS,
        EXPLOITATION,
        MEANS_OF_CONTROL,
        RECRUITER_RELATION,
        RISK_LEVEL,
        LINE,
        DIRECTION,
        CALLER_TYPE,
        CALL_CATEGORY,
        URGENCY,
        EMERGENCY_STEP,
        LANGUAGE,
        CASE_PHASE,
        CLOSE_REASON,
        EVENT_KIND,
        ASSISTANCE,
        FIELD_ACTION,
        PROCEEDING,
        CLIENT_ROLE,
        DIRECTORY_KIND,
        ROLE,
        CURRENCY,
    )
}

DOCUMENT_KIND = _v(
    "document",
    ("chronology", "Hronologija podrške", "Chronology of support"),
    ("certificate", "Potvrda o pruženoj pomoći", "Certificate of assistance"),
    ("accompaniment", "Zapisnik o pratnji na sud", "Court accompaniment record"),
    ("costs", "Izjava o troškovima pomoći", "Statement of assistance costs"),
    ("referral", "Uput", "Referral letter"),
    ("protection_plan", "Plan zaštite", "Protection plan"),
)
VOCABULARIES[DOCUMENT_KIND.name] = DOCUMENT_KIND
