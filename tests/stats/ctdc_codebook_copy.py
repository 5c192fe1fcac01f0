"""A copy of the CTDC format, written by hand from the public codebooks, that the export is
checked against (kept apart from `sosdesk.domain.ctdc_codebook` so a slip there shows).

Sources:
- Columns: CTDC k-anonymised Global Dataset (data dictionary version 20210825), as published
  at https://www.ctdatacollaborative.org/global-dataset (63 columns, this order).
- Values: CTDC Global Synthetic Dataset codebook v2 (2024),
  https://www.ctdatacollaborative.org/dataset/global-synthetic-data-and-resources : gender,
  age groups, ISO 3166-1 alpha-3 countries, flags 1/0, missing values left empty.
"""

from __future__ import annotations

import re

COLUMNS = [
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
]

MISSING = ""
FLAG = {"0", "1", MISSING}
VALUES: dict[str, set[str]] = {
    "Datasource": {"Case Management", "Hotline"},
    "gender": {"Man", "Woman", "Trans/Transgender/NonConforming", MISSING},
    "ageBroad": {
        "0--8",
        "9--17",
        "18--20",
        "21--23",
        "24--26",
        "27--29",
        "30--38",
        "39--47",
        "48+",
        MISSING,
    },
    "majorityStatus": {"Adult", "Minor", MISSING},
    "majorityStatusAtExploit": {"Adult", "Minor", MISSING},
    "majorityEntry": {"Adult", "Minor", MISSING},
    "RecruiterRelationship": {"Intimate Partner", "Friend", "Family", "Other", "Unknown", MISSING},
}
COUNTRY_COLUMNS = ("citizenship", "CountryOfExploitation")
FREE_TEXT = {c for c in COLUMNS if c.endswith("Concatenated")}
FLAG_COLUMNS = {
    c
    for c in COLUMNS
    if c.startswith(("meansOfControl", "is", "typeOf", "recruiterRelation")) and c not in FREE_TEXT
}
YEAR = re.compile(r"^(19|20)\d\d$")
ALPHA3 = re.compile(r"^[A-Z]{3}$")
