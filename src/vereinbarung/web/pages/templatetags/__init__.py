"""Template tags of the register (German dates)."""
