"""Event forms of the client file: one small form per kind."""
