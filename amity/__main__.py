"""``python -m amity`` runs the CLI."""

from amity.cli import main

main()
