"""``python -m amity`` runs the CLI."""

import gc

gc.disable()  # the CLI's imports make long-lived objects only; collections would walk them all
from amity.cli import main  # noqa: E402

gc.enable()
main()
