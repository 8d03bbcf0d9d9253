"""Database migrations of the register."""
