"""`segmint dedupe` commands (being built)."""
