"""The Office area: the coordinator's tools (print register, verification, backup, check)."""
