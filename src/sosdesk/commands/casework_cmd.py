"""`sosdesk indicators` and `sosdesk weights`: the Centre's indicator lists as versioned data (a
coordinator adds a version from a JSON file, no migration) and the case weight table."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sosdesk.commands.common import UserError, add_db_args, open_db
from sosdesk.services.caseload import DEFAULT_WEIGHTS, set_weights, weights
from sosdesk.services.indicator_lists import KINDS, add_version, list_versions

MAX_LIST_BYTES = 2_000_000
MAX_WEIGHT = 1000


def _list(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        stored = list_versions(db)
    finally:
        db.close()
    for v in stored:
        print(f"{v.kind}\t{v.version}\t{len(v.indicators.items)} indicators\t{v.note or ''}")
    return 0


def _read_list(path: Path) -> dict[str, Any]:
    try:
        if not path.is_file() or path.stat().st_size > MAX_LIST_BYTES:
            raise ValueError
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        raise UserError("cli.list_file", limit=MAX_LIST_BYTES) from None
    if not isinstance(data, dict):
        raise UserError("cli.list_file", limit=MAX_LIST_BYTES)
    return data


def _add(args: argparse.Namespace) -> int:
    data = _read_list(Path(args.file))
    db = open_db(args)
    try:
        stored = add_version(db, args.kind, data, args.note)
    finally:
        db.close()
    print(f"{stored.kind} list version {stored.version} stored; older screenings keep theirs.")
    return 0


def _parse_setting(text: str, table: dict[str, Any]) -> None:
    key, sep, number = text.partition("=")
    group, dot, item = key.strip().partition(".")
    try:
        value = int(number)
    except ValueError:
        raise UserError("cli.weight_setting") from None
    if not sep or not 0 <= value <= MAX_WEIGHT or group not in DEFAULT_WEIGHTS:
        raise UserError("cli.weight_setting")
    if isinstance(DEFAULT_WEIGHTS[group], dict):
        if not dot or item not in DEFAULT_WEIGHTS[group]:
            raise UserError("cli.weight_setting")
        table[group] = {**table[group], item: value}
    elif dot:
        raise UserError("cli.weight_setting")
    else:
        table[group] = value


def _weights(args: argparse.Namespace) -> int:
    db = open_db(args)
    try:
        table = weights(db)
        if args.set:
            for setting in args.set:
                _parse_setting(setting, table)  # every setting checked before one is stored
            table = set_weights(db, table)
    finally:
        db.close()
    for group, value in table.items():
        if isinstance(value, dict):
            for item, n in value.items():
                print(f"{group}.{item}\t{n}")
        else:
            print(f"{group}\t{value}")
    return 0


def register(sub: Any) -> None:
    """Add `indicators` and `weights`."""
    p = sub.add_parser("indicators", help="the indicator lists of identification (versions)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    shown = actions.add_parser("list", help="every stored version of both lists")
    add_db_args(shown)
    shown.set_defaults(handler=_list)
    added = actions.add_parser("add", help="store a new version from a JSON file (coordinator)")
    add_db_args(added)
    added.add_argument("kind", choices=KINDS, help="which list")
    added.add_argument("file", help="JSON shaped like the shipped ILO/EC 2009 list")
    added.add_argument("--note", help="what changed and on whose authority")
    added.set_defaults(handler=_add)
    w = sub.add_parser("weights", help="the case weight table and the capacity (workload)")
    add_db_args(w)
    w.add_argument(
        "--set", action="append", metavar="KEY=N", help="change one weight (coordinator)"
    )
    w.set_defaults(handler=_weights)
