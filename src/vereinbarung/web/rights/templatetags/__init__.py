"""Template tags of the rights app."""
