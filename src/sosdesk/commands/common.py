"""Helpers shared by the command modules: database path, passphrase, opening, errors."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from sosdesk.config import ENV_PASSPHRASE, ENV_USER
from sosdesk.config import db_path as db_path  # commands read `--db` from here
from sosdesk.domain.messages import CodedError
from sosdesk.store.database import Database

EXIT_OK = 0
EXIT_UNSOUND = 1
EXIT_BAD_INPUT = 2


class UserError(CodedError):
    """A mistake in the command line or its input, reported in one line (codes `cli.*`).

    A plain sentence (commands not yet moved to codes) is carried as `cli.text`; it must hold
    no client data either.
    """

    code = "cli.text"

    def __init__(
        self, code_or_text: str, /, exit_code: int = EXIT_BAD_INPUT, **params: str | int
    ) -> None:
        if code_or_text.startswith("cli.") and " " not in code_or_text:
            super().__init__(code_or_text, **params)
        else:
            super().__init__("cli.text", text=code_or_text)
        self.exit_code = exit_code


def user_name(args: argparse.Namespace) -> str:
    """`--user` or $SOSDESK_USER."""
    value = (
        getattr(args, "user_sub", None) or getattr(args, "user", None) or os.environ.get(ENV_USER)
    )
    if not value:
        raise UserError("cli.no_user")
    return str(value)


def read_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A passphrase from the environment variable or, on a terminal, a hidden prompt."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise UserError("cli.no_passphrase", env=env)
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != first:
        raise UserError("cli.passphrases_differ")
    return first


def add_db_args(parser: argparse.ArgumentParser, *, user: bool = True) -> None:
    """`--db` and `--user` accepted after the sub-command too."""
    parser.add_argument("--db", dest="db_sub", metavar="PATH", help="database file")
    if user:
        parser.add_argument("--user", dest="user_sub", metavar="NAME", help="user name")


def open_db(args: argparse.Namespace) -> Database:
    """Unlock the database named by the arguments with the user's passphrase."""
    path = db_path(args)
    user = user_name(args)
    passphrase = read_secret(ENV_PASSPHRASE, f"Passphrase for {user}: ")
    return Database.open(path, user=user, passphrase=passphrase)
