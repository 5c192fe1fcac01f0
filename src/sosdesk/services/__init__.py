"""Operations the GUI and CLI call. They take a Database and ids, return frozen dataclasses."""
