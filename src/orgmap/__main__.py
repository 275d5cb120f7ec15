"""``python -m orgmap`` runs the command line."""

from orgmap.cli import main

main()
