"""Sub-commands of `sosdesk`; every module here with a `register(subparsers)` is picked up."""
