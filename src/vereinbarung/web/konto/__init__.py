"""The user's own page ``/konto/``: API keys, calendar address, reminders, marked agreements."""
