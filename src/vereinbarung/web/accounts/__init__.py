"""Logins and the three roles *Lesen*, *Bearbeiten*, *Verwalten* (Django groups)."""
