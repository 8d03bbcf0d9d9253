"""Operation: backup and restore, ``/health``, structured log lines of every change."""
