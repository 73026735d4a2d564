"""The workspace: a folder holding the DuckDB store and segmint.toml."""
