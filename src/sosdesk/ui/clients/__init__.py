"""The Clients area: finder, new client with duplicate warning, and the client file."""
