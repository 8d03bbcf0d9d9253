"""The exception tree of ``vereinbarung``.

Every error the library raises on purpose derives from :class:`VereinbarungError`, which is a
:class:`ValueError`. Its message is German and meant for a person. The command-line tool catches
the base class, prints the message and exits with code 2; anything else is a bug.
"""

from __future__ import annotations

__all__ = [
    "AgreementFileError",
    "DateParseError",
    "DateRangeError",
    "PeriodParseError",
    "VereinbarungError",
]


class VereinbarungError(ValueError):
    """Base of all errors of this library; the message is German and names what is wrong."""

    default_message = "Ungültige Eingabe."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        """The German message."""
        return str(self.args[0])


class PeriodParseError(VereinbarungError):
    """A text is not a period (Frist) such as ``6 Monate``, ``zwei Jahre`` or ``P6M``."""

    default_message = "Keine gültige Frist."


class DateParseError(VereinbarungError):
    """A text is not a calendar date (``2023-02-01``, ``01.02.2023`` or ``1.2.2023``)."""

    default_message = "Kein gültiges Datum."


class DateRangeError(VereinbarungError):
    """Date arithmetic would leave the calendar (after 31.12.9999 or before 01.01.0001)."""

    default_message = "Die Frist reicht über das Jahr 9999 hinaus."


class AgreementFileError(VereinbarungError):
    """An agreement file cannot be read or does not describe a valid agreement.

    The message names the file, and for each problem the field and the value.
    """

    default_message = "Die Vereinbarungsdatei ist ungültig."

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = tuple(problems)
        lines = [f"{path}: {p}" for p in problems] or [f"{path}: {self.default_message}"]
        super().__init__("\n".join(lines))
