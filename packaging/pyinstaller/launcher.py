"""Entry point of the bundle: the `sosdesk` command (no sub-command opens the desk window)."""

from sosdesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
