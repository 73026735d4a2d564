"""Other engines than the workspace's DuckDB for segmint's Ibis expressions (docs/engines.md).

`segmint.engines.spark` needs the optional `segmint[spark]` extra, so it is not imported here.
"""
