"""Django's PostgreSQL backend, failing at once while the server is known not to answer
(:mod:`vereinbarung.web.operation.stall_guard`); ``ENGINE`` of a PostgreSQL register."""
