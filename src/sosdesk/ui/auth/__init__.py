"""Unlocking and locking the desk."""
