"""Old import path of the document data; the code lives in `sosdesk.services.documents`."""

from sosdesk.services.documents.context import client_kinds, utc_bounds
from sosdesk.services.documents.gather import gather
from sosdesk.services.documents.request import (
    CERTIFICATE_ACCOMPANIMENTS,
    DEFAULT_KINDS,
    PROFILES,
    DocumentRequest,
    NothingToPrint,
)
from sosdesk.services.documents.shapes import (
    AccompanimentData,
    CallFacts,
    CertificateData,
    Choice,
    ChronologyData,
    ClientInfo,
    Common,
    Correction,
    CostItem,
    CostsData,
    DocumentData,
    EntryInfo,
    Item,
    ReferralData,
    Signatory,
    Subtotal,
)

__all__ = [
    "CERTIFICATE_ACCOMPANIMENTS",
    "DEFAULT_KINDS",
    "PROFILES",
    "AccompanimentData",
    "CallFacts",
    "CertificateData",
    "Choice",
    "ChronologyData",
    "ClientInfo",
    "Common",
    "Correction",
    "CostItem",
    "CostsData",
    "DocumentData",
    "DocumentRequest",
    "EntryInfo",
    "Item",
    "NothingToPrint",
    "ReferralData",
    "Signatory",
    "Subtotal",
    "client_kinds",
    "gather",
    "utc_bounds",
]
