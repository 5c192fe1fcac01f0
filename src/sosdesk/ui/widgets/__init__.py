"""Shared widgets: type-ahead pick lists, inline messages, date fields, status bar."""
