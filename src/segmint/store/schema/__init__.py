"""Numbered schema migrations: NNNN_name.sql files applied in order, each once, each in a transaction."""
