"""Logging filters of the register (used by ``LOGGING`` in :mod:`vereinbarung.web.settings`).

- :class:`NoTracebackForClientErrors`: Django logs a refused request (403 ``PermissionDenied``,
  400 ``SuspiciousOperation``) with the exception's traceback (``django.utils.log.log_response``
  and ``django.core.handlers.exception.response_for_exception``); for a client's error the line
  alone says enough, a traceback is kept only for server errors (5xx).
- :class:`MaskSecrets`: the secret of a calendar address (``/kalender/<geheim>.ics``) is a
  password; a log line names the address with the secret replaced (OWASP Logging Cheat Sheet:
  »Data to exclude«: access tokens, authentication passwords).
"""

from __future__ import annotations

import logging
import re

#: The secret in a calendar address, wherever in a line it stands.
FEED_SECRET = re.compile(r"(/kalender/)[^/?#\s\"'<>]+(\.ics)")
MASK = r"\1[geheim]\2"


def mask(text: str) -> str:
    """*text* with every calendar secret replaced by ``[geheim]``."""
    return FEED_SECRET.sub(MASK, text)


class NoTracebackForClientErrors(logging.Filter):
    """Drop the traceback of a record about a response with a 4xx status."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True


class MaskSecrets(logging.Filter):
    """Replace calendar secrets in the message and the traceback of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed call: logging reports it itself
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True
