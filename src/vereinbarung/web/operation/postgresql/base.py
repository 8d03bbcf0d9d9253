"""Django's PostgreSQL backend with one change: while :mod:`~vereinbarung.web.operation.stall_guard`
knows the server not to answer, a new connection fails at once with ``OperationalError`` (the
German 503 page) instead of waiting ``connect_timeout`` seconds in each request.

Django: »Subclassing the built-in database backends«,
https://docs.djangoproject.com/en/5.2/ref/databases/#subclassing-the-built-in-database-backends
"""

from __future__ import annotations

from typing import Any

import psycopg
from django.db.backends.postgresql import base

from vereinbarung.web.operation import stall_guard


class DatabaseWrapper(base.DatabaseWrapper):
    """The PostgreSQL backend that refuses to connect while the server is known to hang."""

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        if stall_guard.down():
            raise psycopg.OperationalError("Der Datenbankserver antwortet nicht.")
        return super().get_new_connection(conn_params)
