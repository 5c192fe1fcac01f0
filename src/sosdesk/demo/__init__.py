"""Synthetic, seeded demo data (no real person is in it)."""
