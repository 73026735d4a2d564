"""`python -m segmint` runs the command line."""

from segmint.cli.main import main

main()
