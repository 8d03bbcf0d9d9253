"""Wiedervorlagen (follow-ups) with owner, deputy, repetition and absences (issue 25)."""
