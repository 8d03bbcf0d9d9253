"""``python -m vereinbarung``: the command-line tool."""

from vereinbarung.cli.main import main

main()
