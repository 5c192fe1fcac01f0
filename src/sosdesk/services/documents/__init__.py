"""Gathering the data of court-support documents: request, shapes, redaction, gather."""
