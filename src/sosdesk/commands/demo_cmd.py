"""`sosdesk demo`: build (or grow) a demo database of synthetic data, with a progress bar."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from sosdesk.commands.common import add_db_args, db_path, read_secret, user_name
from sosdesk.config import ENV_PASSPHRASE
from sosdesk.demo.generator import generate
from sosdesk.store.database import Database

DEMO_DESK = "BG1"
# Colleagues the demo database is shared with (same passphrase as the demo user).
DEMO_COLLEAGUES = (
    ("konsultantkinja", "Jelena Savić", "consultant"),
    ("koordinatorka", "Marija Ilić", "coordinator"),
)


class Bar:
    """A terminal progress bar on stderr."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.2:
            return
        self.last = now
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(
            f"\r{label:>8} [{'#' * filled}{'.' * (width - filled)}] "
            f"{done:>9,}/{total:,}  {now - self.started:6.1f} s"
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _demo(args: argparse.Namespace) -> int:
    path = db_path(args)
    user = user_name(args)
    passphrase = read_secret(ENV_PASSPHRASE, f"Passphrase for {user}: ")
    if path.exists():
        db = Database.open(path, user=user, passphrase=passphrase)
    else:
        db, recovery = Database.create(
            path,
            user=user,
            passphrase=passphrase,
            desk=DEMO_DESK,
            display_name="Ana Petrović",
            role="operator",
        )
        for name, display, role in DEMO_COLLEAGUES:
            db.add_user(name, display, role, passphrase)
        print(f"Created demo database {path} (desk {DEMO_DESK}).")
        print(f"Recovery key (demo only): {recovery}")
    try:
        result = generate(db, args.calls, args.seed, Bar())
    finally:
        db.close()
    print(
        f"Added {result.calls:,} calls, {result.clients:,} clients, {result.events:,} timeline "
        f"events, {result.followups} follow-ups, {result.directory} directory entries."
    )
    if result.long_client_code:
        print(f"Client with a {2000:,}-event timeline: {result.long_client_code}")
    print(
        f"Users: {user} (operator), "
        + ", ".join(f"{n} ({r})" for n, _, r in DEMO_COLLEAGUES)
        + "; all with the demo passphrase."
    )
    return 0


def register(sub: Any) -> None:
    """Add `demo`."""
    p = sub.add_parser("demo", help="build or grow a demo database of synthetic data")
    add_db_args(p)
    p.add_argument("--calls", type=int, default=20_000, help="calls to add (default 20,000)")
    p.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same data)")
    p.set_defaults(handler=_demo)
