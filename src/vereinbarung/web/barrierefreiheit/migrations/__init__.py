"""Migrations of the accessibility feedback table."""
