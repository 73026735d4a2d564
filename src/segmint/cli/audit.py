"""`segmint audit` commands (being built)."""
