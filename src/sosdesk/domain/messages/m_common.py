"""Messages shared by every area: form fields, generic refusals."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "internal.unexpected": (
        "Something unexpected went wrong ({kind}); nothing was changed. "
        "Help → Diagnostics shows the details for a support request.",
        "Nešto neočekivano nije uspelo ({kind}); ništa nije promenjeno. "
        "Pomoć → Dijagnostika prikazuje detalje za prijavu problema.",
    ),
    "field.invalid": (
        "Correct the marked fields ({count}); nothing was saved.",
        "Ispravite označena polja ({count}); ništa nije sačuvano.",
    ),
    # English as the services said it before codes (the GUI's prose fallback matches it).
    "field.required": ("required", "Obavezno"),
}
