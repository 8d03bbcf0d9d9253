"""Template tags of the file (Akte) app."""
