"""Court-support documents dialog: choose, preview from memory, save or print."""
