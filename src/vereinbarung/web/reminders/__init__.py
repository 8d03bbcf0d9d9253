"""Reminders by e-mail before each last day of receipt: ``vereinbarung web remind``."""
