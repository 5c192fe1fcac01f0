"""Our vocabularies mapped to the CTDC data format and to HTCDS 2.0 value names.

Sources (public; each mapping row names the one it follows):
- CTDC-KANON: the column set of CTDC's k-anonymised Global Dataset ("The Global K-anon
  Dataset", data dictionary version 20210825; the same 63 columns as the April 2020 file),
  https://www.ctdatacollaborative.org/global-dataset . Flags are 1 (yes), 0 (no) and empty
  (not recorded).
- CTDC-SYN-2024: CTDC Global Synthetic Dataset codebook, v2 (2024),
  https://www.ctdatacollaborative.org/dataset/global-synthetic-data-and-resources : gender
  `Man`, `Woman`, `Trans/Transgender/NonConforming` (missing left empty), age groups `0--8`
  ... `48+`, countries as ISO 3166-1 alpha-3, missing values left empty.
- HTCDS-2.0: IOM Human Trafficking Case Data Standard, "HTCDS Field Reference" in its
  repository (github.com/UNMigration/HTCDS, current version 2.0): prs_Gender, vic_MethodsOfControl,
  vic_TypeOfLabourExploitation, vic_TypeOfSexExploitation, vic_MethodOfRecruitment.
- ISO-3166: ISO 3166-1 alpha-3 (checked in the tests against the iso-codes package).

An empty HTCDS name means HTCDS 2.0 has no value for the term (not a guess).
"""

from __future__ import annotations

from dataclasses import dataclass

KANON = "CTDC-KANON"
SYN = "CTDC-SYN-2024"
HTCDS = "HTCDS-2.0"
ISO = "ISO-3166"

# The k-anonymised global dataset's columns, in its order.
CTDC_COLUMNS: tuple[str, ...] = (
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "majorityStatusAtExploit",
    "majorityEntry",
    "citizenship",
    "meansOfControlDebtBondage",
    "meansOfControlTakesEarnings",
    "meansOfControlRestrictsFinancialAccess",
    "meansOfControlThreats",
    "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse",
    "meansOfControlSexualAbuse",
    "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances",
    "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare",
    "meansOfControlExcessiveWorkingHours",
    "meansOfControlUsesChildren",
    "meansOfControlThreatOfLawEnforcement",
    "meansOfControlWithholdsNecessities",
    "meansOfControlWithholdsDocuments",
    "meansOfControlOther",
    "meansOfControlNotSpecified",
    "meansOfControlConcatenated",
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isSexAndLabour",
    "isForcedMarriage",
    "isForcedMilitary",
    "isOrganRemoval",
    "isSlaveryAndPractices",
    "typeOfExploitConcatenated",
    "typeOfLabourAgriculture",
    "typeOfLabourAquafarming",
    "typeOfLabourBegging",
    "typeOfLabourConstruction",
    "typeOfLabourDomesticWork",
    "typeOfLabourHospitality",
    "typeOfLabourIllicitActivities",
    "typeOfLabourManufacturing",
    "typeOfLabourMiningOrDrilling",
    "typeOfLabourPeddling",
    "typeOfLabourTransportation",
    "typeOfLabourOther",
    "typeOfLabourNotSpecified",
    "typeOfLabourConcatenated",
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "typeOfSexRemoteInteractiveServices",
    "typeOfSexPrivateSexualServices",
    "typeOfSexConcatenated",
    "isAbduction",
    "RecruiterRelationship",
    "CountryOfExploitation",
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
    "recruiterRelationUnknown",
)

DATASOURCES = {"case_management": "Case Management", "hotline": "Hotline"}


@dataclass(frozen=True)
class Mapped:
    """One of our codes in CTDC and HTCDS terms. `ctdc` is a value (gender, country) or the
    flag columns set to 1; `label` is the text CTDC writes in its concatenated columns."""

    code: str
    ctdc: tuple[str, ...]
    htcds: str
    source: str
    label: str = ""


def _m(code: str, ctdc: str | tuple[str, ...], htcds: str, source: str, label: str = "") -> Mapped:
    cols = (ctdc,) if isinstance(ctdc, str) else ctdc
    return Mapped(code, tuple(c for c in cols if c), htcds, source, label)


GENDER_MAP = {
    m.code: m
    for m in (
        _m("female", "Woman", "Female", f"{SYN}; {HTCDS} prs_Gender"),
        _m("male", "Man", "Male", f"{SYN}; {HTCDS} prs_Gender"),
        _m(
            "trans_nonbinary",
            "Trans/Transgender/NonConforming",
            "Transgender/NonConforming",
            f"{SYN}; {HTCDS} prs_Gender",
        ),
        _m("unknown", "", "Unknown", f"{SYN} (missing left empty); {HTCDS} prs_Gender"),
    )
}

_SEX, _LAB = "isSexualExploit", "isForcedLabour"
EXPLOITATION_MAP = {
    m.code: m
    for m in (
        _m("sexual", _SEX, "", KANON, "Sexual exploitation"),
        _m(
            "online_sexual",
            (_SEX, "typeOfSexPornography"),
            "Pornography",
            f"{KANON}; {HTCDS} vic_TypeOfSexExploitation",
            "Sexual exploitation",
        ),
        _m("forced_labour", _LAB, "", KANON, "Forced labour"),
        _m(
            "forced_begging",
            (_LAB, "typeOfLabourBegging"),
            "Begging",
            f"{KANON}; {HTCDS} vic_TypeOfLabourExploitation",
            "Forced labour",
        ),
        _m(
            "domestic_servitude",
            (_LAB, "typeOfLabourDomesticWork"),
            "DomesticWork",
            f"{KANON}; {HTCDS} vic_TypeOfLabourExploitation",
            "Forced labour",
        ),
        _m(
            "forced_criminality",
            (_LAB, "typeOfLabourIllicitActivities"),
            "IllicitActivities",
            f"{KANON}; {HTCDS} vic_TypeOfLabourExploitation",
            "Forced labour",
        ),
        _m("forced_marriage", "isForcedMarriage", "", KANON, "Forced marriage"),
        _m("organ_removal", "isOrganRemoval", "", KANON, "Organ removal"),
        _m("other", "isOtherExploit", "", KANON, "Other"),
        _m("unknown", (), "", f"{KANON} (not recorded: every exploitation cell empty)"),
    )
}

# Labour and sex sub-type columns and the label CTDC writes in the concatenated column.
LABOUR_TYPES = {
    "typeOfLabourBegging": "Begging",
    "typeOfLabourDomesticWork": "Domestic work",
    "typeOfLabourIllicitActivities": "Illicit activities",
}
SEX_TYPES = {"typeOfSexPornography": "Pornography"}

_MEANS = (
    ("debt_bondage", "DebtBondage", "Debt bondage"),
    ("takes_earnings", "TakesEarnings", "Takes earnings"),
    ("restricts_financial_access", "RestrictsFinancialAccess", "Restricts financial access"),
    ("threats", "Threats", "Threats"),
    ("psychological_abuse", "PsychologicalAbuse", "Psychological abuse"),
    ("physical_abuse", "PhysicalAbuse", "Physical abuse"),
    ("sexual_abuse", "SexualAbuse", "Sexual abuse"),
    ("false_promises", "FalsePromises", "False promises"),
    ("psychoactive_substances", "PsychoactiveSubstances", "Psychoactive substances"),
    ("restricts_movement", "RestrictsMovement", "Restricts movement"),
    ("restricts_medical_care", "RestrictsMedicalCare", "Restricts medical care"),
    ("excessive_working_hours", "ExcessiveWorkingHours", "Excessive working hours"),
    ("threats_to_family", "Threats", "Threats"),
    ("withholds_documents", "WithholdsDocuments", "Withholds documents"),
    ("withholds_necessities", "WithholdsNecessities", "Withholds necessities"),
    ("uses_children", "UsesChildren", "Uses children"),
    ("other", "Other", "Other"),
)
MEANS_MAP = {
    code: _m(code, f"meansOfControl{name}", name, f"{KANON}; {HTCDS} vic_MethodsOfControl", label)
    for code, name, label in _MEANS
}

RECRUITER_MAP = {
    m.code: m
    for m in (
        _m(
            "intimate_partner",
            "recruiterRelationIntimatePartner",
            "Intimate partner/marriage proposition",
            f"{KANON}; {HTCDS} vic_MethodOfRecruitment",
            "Intimate Partner",
        ),
        _m(
            "family",
            "recruiterRelationFamily",
            "Familial",
            f"{KANON}; {HTCDS} vic_MethodOfRecruitment",
            "Family",
        ),
        _m("friend", "recruiterRelationFriend", "", KANON, "Friend"),
        _m("employer", "recruiterRelationOther", "", KANON, "Other"),
        _m("stranger", "recruiterRelationOther", "", KANON, "Other"),
        _m("other", "recruiterRelationOther", "Other", f"{KANON}; {HTCDS}", "Other"),
        _m(
            "unknown",
            "recruiterRelationUnknown",
            "Unknown",
            f"{KANON}; {HTCDS} vic_MethodOfRecruitment",
            "Unknown",
        ),
    )
}

# ISO 3166-1 alpha-2 (what we store) -> alpha-3 (what CTDC writes). Kosovo has no ISO code:
# XKX is the user-assigned alpha-3 code in common use for it. Unknown (XX) is left empty.
ALPHA3: dict[str, str] = {
    "RS": "SRB",
    "ME": "MNE",
    "BA": "BIH",
    "HR": "HRV",
    "MK": "MKD",
    "AL": "ALB",
    "SI": "SVN",
    "HU": "HUN",
    "RO": "ROU",
    "BG": "BGR",
    "GR": "GRC",
    "TR": "TUR",
    "MD": "MDA",
    "UA": "UKR",
    "RU": "RUS",
    "BY": "BLR",
    "DE": "DEU",
    "AT": "AUT",
    "CH": "CHE",
    "IT": "ITA",
    "FR": "FRA",
    "ES": "ESP",
    "NL": "NLD",
    "BE": "BEL",
    "SE": "SWE",
    "NO": "NOR",
    "PL": "POL",
    "CZ": "CZE",
    "SK": "SVK",
    "CY": "CYP",
    "GB": "GBR",
    "US": "USA",
    "AE": "ARE",
    "SA": "SAU",
    "QA": "QAT",
    "AF": "AFG",
    "PK": "PAK",
    "IQ": "IRQ",
    "SY": "SYR",
    "IR": "IRN",
    "BD": "BGD",
    "IN": "IND",
    "NP": "NPL",
    "CN": "CHN",
    "PH": "PHL",
    "NG": "NGA",
    "MA": "MAR",
    "TN": "TUN",
    "XK": "XKX",
}
USER_ASSIGNED = frozenset({"XKX"})


def alpha3(code: str) -> str:
    """The CTDC country cell of a stored alpha-2 code; empty when unknown or unmapped."""
    return ALPHA3.get(code, "")
