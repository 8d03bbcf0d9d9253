"""Migrations of the Wiedervorlagen."""
