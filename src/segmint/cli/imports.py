"""`segmint imports` commands (being built)."""
