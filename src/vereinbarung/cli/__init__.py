"""The command line ``vereinbarung`` (click), German throughout; the only reader of the clock."""
