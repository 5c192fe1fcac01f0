"""The search bar: caller lookup as you type."""
