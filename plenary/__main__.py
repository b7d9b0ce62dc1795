"""`python -m plenary` runs the command line."""

from .cli import main

main()
