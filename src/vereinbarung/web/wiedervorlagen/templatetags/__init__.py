"""Template tags of the Wiedervorlagen (start page box, absence on »Mein Konto«)."""
