"""Migrations of the Akte app (attachments, notes, search texts)."""
