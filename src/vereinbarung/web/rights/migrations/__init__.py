"""Database migrations of the rights app."""
