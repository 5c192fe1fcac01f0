"""Encrypted storage: SQLCipher engine, key file, ORM models, migrations, backup, audit chain."""
