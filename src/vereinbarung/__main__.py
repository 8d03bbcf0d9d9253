"""``python -m vereinbarung``: the command-line tool."""

from vereinbarung.cli import main

main()
