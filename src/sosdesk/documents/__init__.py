"""Court-support documents rendered with reportlab."""
