"""Messages of sync that respects roles: what the office withheld from a desk's batch."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sync.withheld": (
        "{count} sensitive record(s) (assistance, court, costs) were withheld by the office: "
        "their clients are managed by case managers of other desks.",
        "Osetljivih zapisa (pomoć, sud, troškovi) koje je kancelarija zadržala: {count}; "
        "njihovim klijentima upravljaju voditeljke slučaja drugih punktova.",
    ),
}
