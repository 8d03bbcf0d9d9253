"""Migrations of the sender profiles table (Absender)."""
