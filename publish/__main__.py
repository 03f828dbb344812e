"""``python -m publish`` is the ``publish`` command."""

from publish.cli import main

main()
