"""SOS Desk: an offline-first desk for SOS lines for victims of human trafficking."""

__version__ = "0.1.0"
