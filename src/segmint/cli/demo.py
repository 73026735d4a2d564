"""`segmint demo` commands (being built)."""
