"""Pure Python domain: vocabularies, validation, folding, clocks and ids. Imports nothing of ours."""
