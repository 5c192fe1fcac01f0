"""Entry point of the bundle: the `sosdesk` command (no sub-command opens the desk window)."""

from multiprocessing import freeze_support

from sosdesk.cli import main

if __name__ == "__main__":
    # A large file's page check runs in a process of its own (store/page_checks.py): in the
    # bundle that process is this program again, and freeze_support hands it over.
    freeze_support()
    raise SystemExit(main())
