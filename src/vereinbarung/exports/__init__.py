"""Exports of the state: deadline reports (table, JSON) and calendar files (.ics)."""
