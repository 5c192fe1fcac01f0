"""The `sosdesk` command. Each module in `sosdesk.commands` adds its own sub-commands."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import sqlcipher3
from sqlalchemy.exc import DatabaseError

from sosdesk import __version__, commands
from sosdesk.commands.common import EXIT_BAD_INPUT
from sosdesk.config import debug_enabled
from sosdesk.domain.codes import CodeError
from sosdesk.domain.messages import LANGS, CodedError, resolve_lang
from sosdesk.domain.messages.lang import ENV_LANG
from sosdesk.domain.validation import ValidationFailed
from sosdesk.hardening import harden_process
from sosdesk.store.engine import classify


def _top_parser(*, add_help: bool = True) -> argparse.ArgumentParser:
    """The options that come before a command, and alone open the desk window."""
    parser = argparse.ArgumentParser(
        prog="sosdesk",
        description="SOS Desk: offline desk for an SOS line (GUI by default).",
        add_help=add_help,
    )
    parser.add_argument("--version", action="version", version=f"sosdesk {__version__}")
    parser.add_argument(
        "--lang",
        dest="ui_lang",
        choices=LANGS,
        help="language of messages (default: $SOSDESK_LANG, else the locale, else sr-Latn)",
    )
    parser.add_argument("--db", help="database file (default: the platform data folder)")
    parser.add_argument("--user", help="user name (default: $SOSDESK_USER)")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command module's sub-commands."""
    parser = _top_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"sosdesk.commands.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def _say(text: str) -> None:
    print(f"sosdesk: {text}".replace("\n", " "), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (0 ok, 1 unsound/failed, 2 bad input)."""
    harden_process()
    given = list(sys.argv[1:] if argv is None else argv)
    # The desk window needs none of the commands: importing them all (reports, privacy
    # accounting, PDF) would only delay the unlock screen.
    args, rest = _top_parser(add_help=False).parse_known_args(given)
    if rest:
        args = build_parser().parse_args(given)
    lang = resolve_lang(args.ui_lang)
    handler = getattr(args, "handler", None)
    if handler is None:
        from sosdesk.commands.gui import run_gui

        handler = run_gui
    # Commands that speak (method notes, summaries) ask resolve_lang() too: --lang wins there.
    before = os.environ.get(ENV_LANG)
    os.environ[ENV_LANG] = lang
    try:
        return int(handler(args) or 0)
    except ValidationFailed as exc:
        # One line naming each refused field: a terminal has no marked fields to look at.
        _say("; ".join(f"{e.field}: {e.text(lang)}" for e in exc.errors) or exc.text(lang))
        return EXIT_BAD_INPUT
    except CodedError as exc:
        _say(exc.text(lang))
        return int(getattr(exc, "exit_code", EXIT_BAD_INPUT))
    except CodeError as exc:  # not yet coded; its text holds no client data
        _say(str(exc))
        return EXIT_BAD_INPUT
    except (DatabaseError, sqlcipher3.dbapi2.DatabaseError) as exc:
        # A damaged page or a full disk met in the middle of a command: the database said which.
        path = getattr(args, "db_sub", None) or getattr(args, "db", None) or "desk.db"
        said = str(exc.orig) if isinstance(exc, DatabaseError) else str(exc)
        _say(classify(said, Path(str(path))).text(lang))
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into `head`: not an error
        return 0
    except KeyboardInterrupt:
        print("sosdesk: interrupted; nothing half-done was kept", file=sys.stderr)
        return 130
    except Exception as exc:  # never print a traceback or a message that may hold client data
        if debug_enabled():
            traceback.print_exc()
        print(
            f"sosdesk: unexpected {type(exc).__name__}; details are not printed to protect "
            "client data (set SOSDESK_DEBUG=1 on a test machine to see them)",
            file=sys.stderr,
        )
        return 1
    finally:
        if before is None:
            os.environ.pop(ENV_LANG, None)
        else:
            os.environ[ENV_LANG] = before


if __name__ == "__main__":
    raise SystemExit(main())
