"""Paths and environment settings."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from platformdirs import user_data_dir

APP = "sosdesk"
ENV_PASSPHRASE = "SOSDESK_PASSPHRASE"
ENV_NEW_PASSPHRASE = "SOSDESK_NEW_PASSPHRASE"
ENV_USER = "SOSDESK_USER"
ENV_DEBUG = "SOSDESK_DEBUG"


def data_dir() -> Path:
    """The platform data folder for SOS Desk (not created here)."""
    return Path(user_data_dir(APP, appauthor=False))


def default_db_path() -> Path:
    """Where the desk database lives unless `--db` says otherwise."""
    return data_dir() / "desk.db"


def db_path(args: argparse.Namespace) -> Path:
    """`--db` (given before or after the sub-command) or the default path.

    Made absolute without resolving links, so the store sees (and refuses) a symbolic link.
    """
    value = getattr(args, "db_sub", None) or getattr(args, "db", None)
    return Path(os.path.abspath(Path(value).expanduser())) if value else default_db_path()


def debug_enabled() -> bool:
    """Whether full tracebacks may be printed (never in production: they can hold client data)."""
    return os.environ.get(ENV_DEBUG) == "1"
