"""`sosdesk demo`: build (or grow) a demo database of synthetic data, with a progress bar."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from sqlalchemy import func, select

from sosdesk.commands.common import UserError, add_db_args, db_path, read_secret, user_name
from sosdesk.config import ENV_PASSPHRASE
from sosdesk.demo.generator import generate
from sosdesk.store.database import Database
from sosdesk.store.models import Call, Client, Setting

DEMO_DESK = "BG1"
DEMO_MARK = "demo_database"
MAX_CALLS = 5_000_000
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


def _is_demo(db: Database) -> bool:
    """Made by `demo`, or still holding no calls and no clients (nothing real to mix with)."""
    with db.session() as s:
        if s.get(Setting, DEMO_MARK) is not None:
            return True
        calls = s.execute(select(func.count()).select_from(Call)).scalar_one()
        clients = s.execute(select(func.count()).select_from(Client)).scalar_one()
    return calls == 0 and clients == 0


def _demo(args: argparse.Namespace) -> int:
    if not 1 <= args.calls <= MAX_CALLS:
        raise UserError("cli.demo_calls", limit=MAX_CALLS)
    path = db_path(args)
    user = user_name(args)
    passphrase = read_secret(ENV_PASSPHRASE, f"Passphrase for {user}: ")
    created = not (path.exists() or path.is_symlink())
    if not created:
        db = Database.open(path, user=user, passphrase=passphrase)
        if not args.into_existing and not _is_demo(db):
            db.close()
            raise UserError("cli.demo_real_data", name=path.name)
    else:
        db, recovery = Database.create(
            path,
            user=user,
            passphrase=passphrase,
            desk=DEMO_DESK,
            display_name="Ana Petrović",
            role="operator",
        )
        with db.transaction() as tx:
            tx.session.merge(Setting(key=DEMO_MARK, value=True))
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
    if not created:  # an existing database keeps its own users
        return 0
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
    p.add_argument(
        "--into-existing",
        action="store_true",
        help="add demo data to a database that already holds other data",
    )
    p.set_defaults(handler=_demo)
