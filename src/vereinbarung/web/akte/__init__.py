"""The agreement's file (Akte, issue 25): attachments as evidence, notes, full-text search."""
