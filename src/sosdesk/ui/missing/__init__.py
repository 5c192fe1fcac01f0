"""The 116 000 line: missing-child cases in the desk."""
